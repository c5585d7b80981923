import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';

/**
 * The build keeps only the CSS rules whose class names appear whole in these sources (PurgeCSS in
 * vite.config.ts): a class assembled from pieces (`btn-${variant}`) would lose its styles without
 * any error. This test finds such assemblies in className values.
 */
const SRC = join(import.meta.dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sources(join(dir, entry.name))
      : /\.tsx?$/.test(entry.name) && !entry.name.endsWith('.spec.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** className={`... word-${...} ...`}: a class name with a piece filled in at run time. */
function assembledClassNames(text: string): string[] {
  return [...text.matchAll(/className=\{`([^`]*)`\}/g)].flatMap((m) => [...m[1]!.matchAll(/[\w-]+-\$\{[^}]*\}/g)].map((piece) => piece[0]));
}

describe('class names written whole', () => {
  it('finds an assembled class name', () => {
    expect(assembledClassNames('<b className={`badge text-bg-${tone} ms-1`} />')).toEqual(['text-bg-${tone}']);
    expect(assembledClassNames("<b className={`badge ${low ? 'text-bg-warning' : ''}`} />")).toEqual([]);
  });

  it('has none in the web app', () => {
    const files = sources(SRC);
    expect(files.length).toBeGreaterThan(20);
    const found = files.flatMap((file) =>
      assembledClassNames(readFileSync(file, 'utf8')).map((piece) => `${file.slice(SRC.length + 1)}: ${piece}`),
    );
    expect(found).toEqual([]);
  });
});
