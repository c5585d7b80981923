/**
 * Prints the rows of one cached reading with the item-table headers found and the items read (a dev tool).
 *   npm run tables:rows -- /work/cache/readings-tables/einvoice-dev/text-layer/<ID>.json
 */
import { readFileSync } from 'node:fs';
import type { OcrPageResult } from '@invoice/contracts';
import { buildRows, findTableHeaders, readItemTable } from '@invoice/extraction';

const file = process.argv[2];
if (!file) throw new Error('usage: rows.dump.ts READING.json');
const { pages } = JSON.parse(readFileSync(file, 'utf8')) as { pages: OcrPageResult[] };
const rows = buildRows(pages.flatMap((p, index) => p.words.map((w) => ({ ...w, page: index }))));
const headers = new Map(findTableHeaders(rows).map((h) => [h.rowIndex, h]));
rows.forEach((row, index) => {
  const header = headers.get(index);
  const mark = header ? `HEADER ${header.cells.map((c) => `${c.kind}[${c.x0}-${c.x1}]`).join(' ')}` : '';
  console.log(
    `${index} p${row.page} y${Math.round(row.centerY)} h${Math.round(row.height)} | ${row.segments.map((s) => `${s.text}@${s.bbox.x0}-${s.bbox.x1}`).join(' || ')} ${mark}`,
  );
});
console.log(
  JSON.stringify(
    readItemTable(rows)?.items.map(({ description, quantity, unitPrice, amount, flags }) => ({
      description,
      quantity,
      unitPrice,
      amount,
      flags,
    })),
    null,
    1,
  ),
);
