import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aggregateCustomerRfm } from '@invoice/database';
import { createTestDatabase, seedInvoice, seedOrganization, type TestDatabase } from '@invoice/testing';

const REFERENCE = '2024-12-31';

/** The edges of the RFM aggregation, on real Postgres: time zone of the session, names, credit notes. */
describe('aggregateCustomerRfm (real Postgres)', () => {
  let db: TestDatabase;
  let org: string;

  beforeAll(async () => {
    db = await createTestDatabase('segmentation_aggregation');
    org = await seedOrganization(db.dataSource, 'Aggregation edges');
    // No issue date: the upload time, 2024-12-30 22:00 UTC, is 2024-12-31 in Kiritimati (UTC+14) and in UTC still the 30th.
    const undated = await seedInvoice(db.dataSource, {
      organizationId: org,
      customerKey: 'id:tz',
      customerName: 'Undated',
      issueDate: null,
      total: 50,
    });
    await db.dataSource.query(`UPDATE documents SET created_at = '2024-12-30T22:00:00Z' WHERE id = $1`, [undated]);
    // The latest invoice has no name; an earlier one has it. Two invoices share the latest named date: the later upload wins.
    await seedInvoice(db.dataSource, {
      organizationId: org,
      customerKey: 'id:named',
      customerName: 'Old Name Ltd',
      issueDate: '2024-10-01',
      total: 10,
    });
    const first = await seedInvoice(db.dataSource, {
      organizationId: org,
      customerKey: 'id:named',
      customerName: 'Early Upload Ltd',
      issueDate: '2024-11-01',
      total: 10,
    });
    const second = await seedInvoice(db.dataSource, {
      organizationId: org,
      customerKey: 'id:named',
      customerName: 'Late Upload Ltd',
      issueDate: '2024-11-01',
      total: 10,
    });
    await db.dataSource.query(`UPDATE documents SET created_at = '2024-11-02T08:00:00Z' WHERE id = $1`, [first]);
    await db.dataSource.query(`UPDATE documents SET created_at = '2024-11-03T08:00:00Z' WHERE id = $1`, [second]);
    await seedInvoice(db.dataSource, { organizationId: org, customerKey: 'id:named', issueDate: '2024-12-01', total: 10 });
    // Two purchases and a credit note (negative total) issued after them.
    await seedInvoice(db.dataSource, {
      organizationId: org,
      customerKey: 'id:credit',
      customerName: 'Returns Co',
      issueDate: '2024-12-01',
      total: 300,
    });
    await seedInvoice(db.dataSource, {
      organizationId: org,
      customerKey: 'id:credit',
      customerName: 'Returns Co',
      issueDate: '2024-12-11',
      total: 200,
    });
    await seedInvoice(db.dataSource, {
      organizationId: org,
      customerKey: 'id:credit',
      customerName: 'Returns Co',
      issueDate: '2024-12-21',
      total: -120,
    });
    // A credit note printed with a positive total: known by its document type.
    const typed = await seedInvoice(db.dataSource, {
      organizationId: org,
      customerKey: 'id:credit',
      customerName: 'Returns Co',
      issueDate: '2024-12-22',
      total: 30,
    });
    await db.dataSource.query(`UPDATE invoices SET document_type = 'credit_note' WHERE document_id = $1`, [typed]);
    // Only a credit note: no purchase, not a customer of the run.
    await seedInvoice(db.dataSource, { organizationId: org, customerKey: 'id:refund-only', issueDate: '2024-12-20', total: -40 });
  });

  afterAll(async () => {
    await db?.drop();
  });

  async function aggregateIn(timeZone: string) {
    const runner = db.dataSource.createQueryRunner();
    try {
      await runner.query(`SET TIME ZONE '${timeZone}'`);
      return await aggregateCustomerRfm(runner.manager, org, REFERENCE, 'EUR');
    } finally {
      await runner.query('RESET TIME ZONE');
      await runner.release();
    }
  }

  it('dates an invoice without issue date by its upload day in UTC, whatever the session time zone', async () => {
    for (const zone of ['UTC', 'Pacific/Kiritimati', 'America/Los_Angeles']) {
      const rows = await aggregateIn(zone);
      expect(rows.find((r) => r.customerKey === 'id:tz')).toMatchObject({ recencyDays: 1, frequency: 1, monetary: 50 });
    }
  });

  it('keeps the latest known name, ties on the date broken by the later upload', async () => {
    const rows = await aggregateIn('UTC');
    expect(rows.find((r) => r.customerKey === 'id:named')).toMatchObject({
      customerName: 'Late Upload Ltd',
      recencyDays: 30,
      frequency: 4,
      monetary: 40,
    });
  });

  it('subtracts credit notes from the monetary value without counting them as purchases', async () => {
    const rows = await aggregateIn('UTC');
    // recency from the last purchase (12-11), not the credit note (12-21)
    expect(rows.find((r) => r.customerKey === 'id:credit')).toMatchObject({ recencyDays: 20, frequency: 2, monetary: 350 });
    expect(rows.map((r) => r.customerKey)).not.toContain('id:refund-only');
    expect(rows.map((r) => r.customerKey)).toEqual(['id:credit', 'id:named', 'id:tz']);
  });
});
