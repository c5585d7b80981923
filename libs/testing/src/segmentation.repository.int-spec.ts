import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { aggregateCustomerRfm, dominantCurrency } from '@invoice/database';
import { seedInvoice, seedOrganization } from './seed.documents.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

describe('RFM aggregation in Postgres', () => {
  let db: TestDatabase;
  let org: string;

  beforeAll(async () => {
    db = await createTestDatabase('rfm');
    org = await seedOrganization(db.dataSource, 'RFM org');
    const other = await seedOrganization(db.dataSource, 'Other org');
    const add = (
      customerKey: string | null,
      issueDate: string | null,
      total: number | null,
      extra: Partial<Parameters<typeof seedInvoice>[1]> = {},
    ) => seedInvoice(db.dataSource, { organizationId: org, customerKey, issueDate, total, ...extra });
    await add('id:1', '2024-01-10', 100, { customerName: 'Old Name', customerCategory: 'A' });
    await add('id:1', '2024-03-01', 250.5, { customerName: 'New Name', customerCategory: 'A' });
    await add('id:1', '2024-02-01', 49.5, { customerCategory: 'B' });
    await add('email:b@x.org', '2023-12-31', 10);
    await add('id:1', '2024-02-15', 1000, { status: 'needs_review' }); // not counted: not accepted
    await add('id:1', '2024-02-15', 1000, { currency: 'USD' }); // other currency
    await add('id:1', '2024-06-01', 1000); // after the reference date
    await add(null, '2024-02-01', 5); // no customer
    await add('id:2', '2024-02-01', null); // no total
    await seedInvoice(db.dataSource, { organizationId: other, customerKey: 'id:1', issueDate: '2024-03-30', total: 7 });
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('computes recency, frequency and monetary per customer from accepted invoices only (hand-checked)', async () => {
    const rows = await aggregateCustomerRfm(db.dataSource, org, '2024-03-31', 'EUR');
    expect(rows).toEqual([
      { customerKey: 'email:b@x.org', customerName: null, customerCategory: null, recencyDays: 91, frequency: 1, monetary: 10 },
      { customerKey: 'id:1', customerName: 'New Name', customerCategory: 'A', recencyDays: 30, frequency: 3, monetary: 400 },
    ]);
  });

  it("picks the organization's dominant currency", async () => {
    expect(await dominantCurrency(db.dataSource, org)).toBe('EUR');
    expect(await aggregateCustomerRfm(db.dataSource, org, '2024-03-31', 'USD')).toEqual([
      expect.objectContaining({ customerKey: 'id:1', frequency: 1, monetary: 1000 }),
    ]);
  });
});
