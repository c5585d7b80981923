/**
 * npm run docs:screenshots
 *
 * Copies the screenshots of the accessibility browser test (artifacts/screenshots/PAGE-desktop.png and
 * PAGE-phone.png, written by tools/e2e/web-a11y.e2e-spec.ts) into docs/screenshots, with their colours
 * reduced to a palette (a third to a quarter of the bytes, text still sharp).
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { REPO_ROOT } from '@invoice/testing';

const from = join(REPO_ROOT, 'artifacts', 'screenshots');
const to = join(REPO_ROOT, 'docs', 'screenshots');
for (const name of readdirSync(from).filter((file) => /-(desktop|phone)\.png$/.test(file))) {
  const info = await sharp(join(from, name)).png({ palette: true, quality: 90, effort: 10, compressionLevel: 9 }).toFile(join(to, name));
  console.log(`${name}: ${info.width} x ${info.height}, ${Math.round(info.size / 1024)} kB`);
}
