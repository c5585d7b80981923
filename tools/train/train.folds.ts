/** Folds by group (producer, issuer, layout): no group is split between training and held-out documents. */
import { createHash } from 'node:crypto';

export function foldOf(group: string, folds: number): number {
  return createHash('sha256').update(group).digest().readUInt32BE(0) % folds;
}
