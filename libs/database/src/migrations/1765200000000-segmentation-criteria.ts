import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Segmentation runs keep the criteria of every k tried and how much structure k-means found; customers their classic RFM segment. */
export class SegmentationCriteria1765200000000 implements MigrationInterface {
  name = 'SegmentationCriteria1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE segmentation_runs
        ADD COLUMN structure text CHECK (structure IN ('clear', 'weak', 'none')),
        ADD COLUMN criteria jsonb NOT NULL DEFAULT '[]'`);
    await queryRunner.query(`ALTER TABLE customer_segments ADD COLUMN rfm_segment text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE customer_segments DROP COLUMN rfm_segment`);
    await queryRunner.query(`ALTER TABLE segmentation_runs DROP COLUMN criteria, DROP COLUMN structure`);
  }
}
