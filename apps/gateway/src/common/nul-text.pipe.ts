import { BadRequestException, Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { hasNul } from '@invoice/contracts';

/** Where the first NUL character sits in a request value (a JSON path such as `lineItems.0.description`), or null. */
export function findNul(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return hasNul(value) ? path || '(value)' : null;
  if (typeof value !== 'object' || value === null || depth > 32 || Buffer.isBuffer(value)) return null;
  for (const [key, item] of Object.entries(value)) {
    const at = path ? `${path}.${key}` : key;
    if (hasNul(key)) return at;
    const found = findNul(item, at, depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/**
 * Refuses a NUL character anywhere in a query, path parameter, header or body (PostgreSQL text cannot hold
 * one), before any route's own schema runs: one rule for every route, including the fields whose schemas do
 * not say it.
 */
@Injectable()
export class NulTextPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type === 'custom') return value;
    const at = findNul(value);
    if (at !== null)
      throw new BadRequestException(
        `${metadata.type} ${metadata.data === undefined ? at : `${metadata.data}`}: must not contain NUL characters`,
      );
    return value;
  }
}
