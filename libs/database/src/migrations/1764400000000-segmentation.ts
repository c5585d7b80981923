import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Customer segmentation history: one row per run, its segments, and every customer's scores per run. */
export class Segmentation1764400000000 implements MigrationInterface {
  name = 'Segmentation1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE segmentation_runs (
        id uuid PRIMARY KEY,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        status text NOT NULL CHECK (status IN ('running', 'succeeded', 'failed')),
        trigger text NOT NULL CHECK (trigger IN ('schedule', 'manual', 'invoices')),
        reference_date date NOT NULL,
        currency char(3),
        customers integer NOT NULL DEFAULT 0,
        invoices integer NOT NULL DEFAULT 0,
        k integer,
        silhouette real,
        inertia double precision,
        duration_ms integer,
        error text,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz
      )`);
    await queryRunner.query(
      `CREATE INDEX segmentation_runs_organization_started_idx ON segmentation_runs (organization_id, started_at DESC)`,
    );
    await queryRunner.query(`
      CREATE TABLE segmentation_segments (
        run_id uuid NOT NULL REFERENCES segmentation_runs(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        cluster integer NOT NULL,
        label text NOT NULL,
        size integer NOT NULL,
        revenue_share double precision NOT NULL,
        centroid_recency_days double precision NOT NULL,
        centroid_frequency double precision NOT NULL,
        centroid_monetary double precision NOT NULL,
        PRIMARY KEY (run_id, cluster)
      )`);
    await queryRunner.query(`
      CREATE TABLE customer_segments (
        run_id uuid NOT NULL REFERENCES segmentation_runs(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        customer_key text NOT NULL,
        customer_name text,
        customer_category text,
        recency_days integer NOT NULL,
        frequency integer NOT NULL,
        monetary numeric(16, 2) NOT NULL,
        r_score smallint NOT NULL,
        f_score smallint NOT NULL,
        m_score smallint NOT NULL,
        cluster integer NOT NULL,
        segment text NOT NULL,
        PRIMARY KEY (run_id, customer_key)
      )`);
    await queryRunner.query(`CREATE INDEX customer_segments_run_segment_idx ON customer_segments (run_id, segment)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE customer_segments`);
    await queryRunner.query(`DROP TABLE segmentation_segments`);
    await queryRunner.query(`DROP TABLE segmentation_runs`);
  }
}
