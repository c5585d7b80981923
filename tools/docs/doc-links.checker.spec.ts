import { describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brokenRelativeLinks, headingAnchor, headingAnchors, isRelativeLink, linkTargets, markdownFiles } from './doc-links.checker.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('documentation links', () => {
  it('every relative link of README.md and docs/ resolves', () => {
    const files = [join(root, 'README.md'), ...markdownFiles(join(root, 'docs'))];
    expect(brokenRelativeLinks(root, files)).toEqual([]);
  });

  it('finds links and images, not code', () => {
    const markdown = [
      '[a](docs/a.md) ![b](shot.png "title") `[c](code.md)`',
      '```',
      '[d](fenced.md)',
      '```',
      '[e](https://x.example) [f](#anchor)',
    ].join('\n');
    expect(linkTargets(markdown)).toEqual(['docs/a.md', 'shot.png', 'https://x.example', '#anchor']);
    expect(['docs/a.md', 'https://x.example', '#anchor', 'mailto:a@b.example', '/api/docs'].filter(isRelativeLink)).toEqual([
      'docs/a.md',
      '#anchor',
    ]);
  });

  it('makes heading anchors as GitHub does', () => {
    expect(headingAnchor("A job's life, from upload to webhook")).toBe('a-jobs-life-from-upload-to-webhook');
    expect(headingAnchor('`adapt` on the 60 SROIE receipts')).toBe('adapt-on-the-60-sroie-receipts');
    expect([...headingAnchors('# Title\n```\n# not a heading\n```\n## Étape 2: fin')]).toEqual(['title', 'étape-2-fin']);
  });

  it('reports a missing target or heading, resolved from the linking file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'doc-links-'));
    try {
      mkdirSync(join(dir, 'docs'));
      writeFileSync(join(dir, 'docs', 'there.md'), '# There\n');
      writeFileSync(
        join(dir, 'docs', 'index.md'),
        '# Index\n[ok](there.md#there) [up](../docs/there.md) [self](#index) [gone](missing.md) [no heading](there.md#elsewhere)\n',
      );
      expect(brokenRelativeLinks(dir, markdownFiles(dir))).toEqual([
        { file: join('docs', 'index.md'), target: 'missing.md' },
        { file: join('docs', 'index.md'), target: 'there.md#elsewhere' },
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
