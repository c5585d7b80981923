import { opaqueText } from '@invoice/contracts';

/** A customer's key as the segmentation stores it (`id:<customer id>` or `name:<normalized name>`). */
export const CustomerKeySchema = opaqueText(400);
