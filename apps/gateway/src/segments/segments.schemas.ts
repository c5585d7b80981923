import { z } from 'zod';

export const CustomerListQuerySchema = z.object({
  segment: z.string().trim().min(1).max(100).optional(),
  sort: z.enum(['monetary', 'frequency', 'recency']).default('monetary'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: z.string().max(100).optional(),
});
export type CustomerListQuery = z.infer<typeof CustomerListQuerySchema>;
