import { z } from 'zod';

/*
 * Building blocks of the request schemas: what every query, path parameter and body field is held to
 * before it reaches a service or PostgreSQL (which would answer a 500 for an impossible date, a NUL
 * byte in text or a malformed UUID).
 */

/** True when the text holds a NUL character, which PostgreSQL text columns cannot store. */
export const hasNul = (text: string): boolean => text.includes('\u0000');

/** Text without NUL characters, trimmed, between `min` and `max` characters. */
export const safeText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((text) => !hasNul(text), 'must not contain NUL characters');

/** Opaque text (cursors, secrets): not trimmed, no NUL, at most `max` characters. */
export const opaqueText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((text) => !hasNul(text), 'must not contain NUL characters');

/** A real calendar day as YYYY-MM-DD (2024-02-29 yes, 2023-02-29 and 2024-02-30 no), years 0001-9999. */
export const CalendarDateSchema = z.iso
  .date({ error: 'expected a real calendar date as YYYY-MM-DD' })
  .refine((day) => !day.startsWith('0000'), 'the year must be between 0001 and 9999');

/** A UUID in its canonical 8-4-4-4-12 hexadecimal form (what ids of documents, jobs, batches and webhooks are). */
export const UuidSchema = z.guid({ error: 'expected a UUID such as 3f2b8c9e-5d41-4a7b-9c1e-2b7f0d6a8e14' });

/** A path parameter that is a UUID, named in the error message. */
export const uuidParam = (name: string) => z.guid({ error: `${name} must be a UUID` });

/** Most pages a page path parameter may name (documents are refused over MAX_PAGES, at most a few hundred). */
export const MAX_PAGE_NUMBER = 10_000;

/** A 1-based page number in a path (`/pages/:n`): digits only, 1 to MAX_PAGE_NUMBER. */
export const pageNumberParam = (name: string) =>
  z
    .string()
    .regex(/^[1-9][0-9]{0,4}$/, `${name} must be a page number: 1 for the first page`)
    .transform(Number)
    .refine((n) => n <= MAX_PAGE_NUMBER, `${name} must be at most ${MAX_PAGE_NUMBER}`);
