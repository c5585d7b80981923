import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  markDocumentCompleted,
  markDocumentFailed,
  markDocumentProcessing,
  markDocumentRetrying,
  recordDocumentProgress,
} from '@invoice/database';
import { seedDocument } from './seed.documents.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

describe('document status transitions in Postgres', () => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await createTestDatabase('docstate');
  });
  afterAll(async () => {
    await db?.drop();
  });

  const row = async (id: string) =>
    (
      await db.dataSource.query(
        `SELECT status, progress, error, attempts, page_count, started_at, completed_at FROM documents WHERE id = $1`,
        [id],
      )
    )[0];

  it('starts, progresses and completes an attempt, returning the state an event carries', async () => {
    const doc = await seedDocument(db.dataSource, Buffer.from('a'));
    const started = await markDocumentProcessing(db.dataSource, doc.documentId);
    expect(started).toEqual({
      documentId: doc.documentId,
      organizationId: doc.organizationId,
      jobId: doc.jobId,
      filename: expect.stringMatching(/^seeded-/),
      status: 'processing',
      progress: 5,
      error: null,
    });
    expect(await recordDocumentProgress(db.dataSource, doc.documentId, 40)).toMatchObject({ status: 'processing', progress: 40 });
    expect(await markDocumentCompleted(db.dataSource, doc.documentId, 'needs_review', 2)).toMatchObject({
      status: 'needs_review',
      progress: 100,
    });
    expect(await row(doc.documentId)).toMatchObject({
      status: 'needs_review',
      attempts: 1,
      page_count: 2,
      started_at: expect.any(Date),
      completed_at: expect.any(Date),
    });
    // Progress of a document no longer processing changes nothing.
    expect(await recordDocumentProgress(db.dataSource, doc.documentId, 60)).toBeNull();
    expect((await row(doc.documentId)).progress).toBe(100);
  });

  it('retries and fails only pending documents', async () => {
    const doc = await seedDocument(db.dataSource, Buffer.from('b'));
    await markDocumentProcessing(db.dataSource, doc.documentId);
    expect(await markDocumentRetrying(db.dataSource, doc.documentId, 'Retrying after: boom')).toMatchObject({
      status: 'queued',
      progress: 0,
      error: 'Retrying after: boom',
    });
    expect(await markDocumentFailed(db.dataSource, doc.documentId, 'boom')).toMatchObject({ status: 'failed', error: 'boom' });
    // A final status stays final.
    expect(await markDocumentRetrying(db.dataSource, doc.documentId, 'late')).toBeNull();
    expect(await markDocumentFailed(db.dataSource, doc.documentId, 'late')).toBeNull();
    expect(await row(doc.documentId)).toMatchObject({ status: 'failed', error: 'boom', completed_at: expect.any(Date) });
  });
});
