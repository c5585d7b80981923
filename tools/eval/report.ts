/** The printed form of an evaluation summary. */
import type { Grouping } from './groups.js';
import { fieldsOf, type Share, type Summary } from './score.js';
import { DEFAULT_REVIEW_THRESHOLD } from '@invoice/config';
import { reviewThresholdsFor } from '@invoice/extraction';

/** The scorer model's review threshold of each field, for invoices (from a text layer, by OCR) and for receipts. */
function modelThresholds(): string[] {
  const kinds = [
    ['invoice (text layer)', 'invoice', 'text'],
    ['invoice (OCR)', 'invoice', 'ocr'],
    ['receipt', 'receipt', 'ocr'],
  ] as const;
  return kinds.map(([name, kind, reading]) => {
    const { fields } = reviewThresholdsFor(kind, DEFAULT_REVIEW_THRESHOLD, { reading });
    return `  ${name}: ${Object.entries(fields)
      .map(([field, t]) => `${field} ${t ?? '-'}`)
      .join(', ')}`;
  });
}

const pct = (s: Share): string => `${(s.share * 100).toFixed(1)}% (${s.count}/${s.of})`;

function table(rows: Record<string, string>[]): string[] {
  // Columns: every key of any row, in first-seen order; a row without one shows '-'.
  const headers = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const at = (r: Record<string, string>, h: string): string => r[h] ?? '-';
  const widths = headers.map((h) => Math.max(h.length, ...rows.map((r) => at(r, h).length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(headers.map((h) => at(r, h))))];
}

export function formatSummary(s: Summary, dataset: string): string {
  const out: string[] = [];
  out.push(`Dataset ${dataset} (${s.format}): ${s.documents} documents, ${s.failed} failed`);
  out.push(
    `Throughput: ${s.pagesPerSecond.toFixed(3)} pages/s (${s.wallSeconds.toFixed(1)} s wall, OCR + extraction, pool of ${s.concurrency}); mean OCR ${Math.round(s.meanOcrMs)} ms/page`,
  );
  if (s.rereads?.regions) {
    out.push(
      `Rereads: ${s.rereads.regions} item columns on ${s.rereads.documents} documents, ${(100 * s.rereads.shareOfOcrTime).toFixed(1)}% of the OCR time`,
    );
  }
  out.push('');
  out.push(
    ...table(
      s.fields.map((f) => ({
        field: f.field,
        accuracy: f.status === 'not extracted' ? `0.0% (not extracted)` : pct(f),
        'unusable labels': String(f.labelUnusable),
      })),
    ),
  );
  out.push('');
  out.push(`All compared fields right: ${pct(s.allFieldsCorrect)}`);
  out.push(`Review threshold: ${s.threshold ?? "per field (the scorer model's, by document kind; 0.91 for the other fields)"}`);
  if (s.threshold === null) out.push(...modelThresholds());
  out.push(`Sent to review (issues or a field under the threshold): ${pct(s.review)}`);
  out.push(`Done (no reason):        ${pct(s.done)}`);
  out.push(
    `Done while a field is wrong: ${pct(s.doneButWrong)}${s.doneButWrong.documents.length ? ` — ${s.doneButWrong.documents.join(', ')}` : ''}`,
  );
  out.push('');
  out.push('Calibration (extracted fields with a confidence, by band: how often right):');
  out.push(
    ...table(
      s.calibration.map((b) => ({ confidence: b.band, fields: String(b.count), right: b.count ? `${(b.share * 100).toFixed(1)}%` : '-' })),
    ),
  );
  if (s.cer) {
    out.push(
      `OCR character error rate (order-free, ${s.cer.lines} transcript lines, ${s.cer.chars} chars, ${s.cer.documents} documents): ` +
        `${(s.cer.cerWindow * 100).toFixed(1)}% best word window, ${(s.cer.cerLine * 100).toFixed(1)}% best whole OCR line`,
    );
  }
  if (s.cerCaseFree) {
    out.push(
      `OCR character error rate, case ignored: ${(s.cerCaseFree.cerWindow * 100).toFixed(1)}% best word window, ${(s.cerCaseFree.cerLine * 100).toFixed(1)}% best whole OCR line`,
    );
  }
  if (s.labelInOcrText) {
    out.push(
      `OCR level, label text found verbatim in the OCR text: company ${pct(s.labelInOcrText.company)}, address ${pct(s.labelInOcrText.address)}`,
    );
  }
  if (s.labelProblems.length)
    out.push(
      `Unusable labels (left out of their field): ${s.labelProblems.map((p) => `${p.id} ${p.field}=${JSON.stringify(p.label)}`).join('; ')}`,
    );
  const issues = Object.entries(s.issueCounts).sort((a, b) => b[1] - a[1]);
  if (issues.length) out.push(`Issues (documents): ${issues.map(([k, v]) => `${k} ${v}`).join(', ')}`);
  return out.join('\n');
}

const cell = (s: Share): string => (s.of === 0 ? '-' : `${Math.round(s.share * 100)}% ${s.count}/${s.of}`);

/**
 * One grouping as two tables: per group, each field's accuracy (right/compared), all fields right, done, done
 * while a field is wrong, pages per second (one lane, from the documents' own reading times); then each
 * group's calibration (right/fields per confidence band).
 */
export function formatGrouping(grouping: Grouping): string {
  const out: string[] = [`Per ${grouping.by} (pages/s: one lane, from the documents' own reading times; n/e: not extracted):`];
  const format = grouping.groups[0]?.summary.format;
  out.push(
    ...table(
      grouping.groups.map(({ group, summary: s }) => ({
        [grouping.by]: group,
        docs: String(s.documents),
        pages: String(s.pages),
        ...Object.fromEntries(
          (format ? fieldsOf(format) : []).map((name) => {
            const f = s.fields.find((x) => x.field === name);
            return [name, f === undefined ? '-' : f.status === 'not extracted' ? 'n/e' : cell(f)];
          }),
        ),
        'all right': cell(s.allFieldsCorrect),
        done: cell(s.done),
        'done+wrong': cell(s.doneButWrong),
        'pages/s': s.pagesPerSecond.toFixed(2),
      })),
    ),
  );
  out.push('', `Calibration per ${grouping.by} (right/fields with a confidence in the band):`);
  out.push(
    ...table(
      grouping.groups.map(({ group, summary: s }) => ({
        [grouping.by]: group,
        ...Object.fromEntries(s.calibration.map((b) => [b.band, b.count ? `${b.right}/${b.count}` : '-'])),
      })),
    ),
  );
  return out.join('\n');
}
