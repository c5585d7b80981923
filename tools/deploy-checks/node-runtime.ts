import { readText } from './repo-files.js';

/** The Node.js major the product runs on: .nvmrc (read by actions/setup-node and .ci/node.sh). */
export function nodeMajor(source = readText('.nvmrc')): number {
  const match = /^v?(\d+)(\.\d+){0,2}\s*$/.exec(source.trim());
  if (!match) throw new Error(`.nvmrc must name a Node version such as 24, found "${source.trim()}"`);
  return Number(match[1]);
}

/** The lowest major a `>=X[.Y[.Z]]` engines range admits; other range forms are refused. */
export function enginesMinimumMajor(range: string): number {
  const match = /^>=\s*v?(\d+)(\.\d+){0,2}$/.exec(range.trim());
  if (!match) throw new Error(`engines.node must be a ">=X.Y" range, found "${range}"`);
  return Number(match[1]);
}
