import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { REPO_ROOT } from '@invoice/testing';

/** Where the browser e2e specs write their screenshots (docs/screenshots holds a copy of some). */
export const SHOTS = join(REPO_ROOT, 'artifacts', 'screenshots');

/** Debian's chromium (or CHROMIUM_PATH), headless, driven by playwright-core; creates the screenshot folder. */
export function launchChromium(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', headless: true, args: ['--no-sandbox'] });
}
