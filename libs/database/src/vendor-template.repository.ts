import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

type Db = DataSource | EntityManager;

export interface StoredVendorTemplate<T = Record<string, unknown>> {
  id: string;
  vendorKey: string;
  template: T;
  examples: number;
}

/**
 * An organization's templates that share layout tokens with a page, the most shared first (the GIN
 * index on `fingerprint` finds them; the caller scores the match). At most `limit`.
 */
export async function findVendorTemplateCandidates<T = Record<string, unknown>>(
  db: Db,
  organizationId: string,
  tokens: readonly string[],
  limit = 10,
): Promise<StoredVendorTemplate<T>[]> {
  if (tokens.length === 0) return [];
  const rows: { id: string; vendor_key: string; template: T; examples: number }[] = await db.query(
    `SELECT id, vendor_key, template, examples FROM vendor_templates
      WHERE organization_id = $1 AND fingerprint && $2::text[]
      ORDER BY cardinality(ARRAY(SELECT unnest(fingerprint) INTERSECT SELECT unnest($2::text[]))) DESC, updated_at DESC
      LIMIT $3`,
    [organizationId, tokens, limit],
  );
  return rows.map((r) => ({ id: r.id, vendorKey: r.vendor_key, template: r.template, examples: r.examples }));
}

/** Inserts or replaces the template of (organization, vendor key). */
export async function saveVendorTemplate(
  db: Db,
  organizationId: string,
  vendorKey: string,
  template: unknown,
  fingerprint: readonly string[],
  examples: number,
): Promise<void> {
  await db.query(
    `INSERT INTO vendor_templates (id, organization_id, vendor_key, template, fingerprint, examples)
     VALUES ($1, $2, $3, $4, $5::text[], $6)
     ON CONFLICT (organization_id, vendor_key)
     DO UPDATE SET template = EXCLUDED.template, fingerprint = EXCLUDED.fingerprint, examples = EXCLUDED.examples, updated_at = now()`,
    [randomUUID(), organizationId, vendorKey, JSON.stringify(template), fingerprint, examples],
  );
}

/** Serializes template learning within one organization until the transaction ends (two corrections of one layout at once). */
export async function lockVendorTemplates(manager: EntityManager, organizationId: string): Promise<void> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('vendor_templates:' || $1))`, [organizationId]);
}
