import { z } from 'zod';
import { opaqueText, safeText } from '@invoice/contracts';

export const CustomerListQuerySchema = z.object({
  segment: safeText(1, 100).optional(),
  sort: z.enum(['monetary', 'frequency', 'recency']).default('monetary'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
  cursor: opaqueText(100).optional(),
});
export type CustomerListQuery = z.infer<typeof CustomerListQuerySchema>;

/** A customer's key as the segmentation stores it (`id:<customer id>` or `name:<normalized name>`). */
export const CustomerKeySchema = opaqueText(400);
