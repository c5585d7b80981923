import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brokenRelativeLinks, isRelativeLink, linkTargets, markdownFiles } from './doc-links.checker.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('documentation links', () => {
  it('every relative link of README.md and docs/ resolves', () => {
    const files = [join(root, 'README.md'), ...markdownFiles(join(root, 'docs'))];
    expect(brokenRelativeLinks(root, files)).toEqual([]);
  });

  it('finds links and images, not code', () => {
    const markdown = ['[a](docs/a.md) ![b](shot.png "title") `[c](code.md)`', '```', '[d](fenced.md)', '```', '[e](https://x.example) [f](#anchor)'].join('\n');
    expect(linkTargets(markdown)).toEqual(['docs/a.md', 'shot.png', 'https://x.example', '#anchor']);
    expect(['docs/a.md', 'https://x.example', '#anchor', 'mailto:a@b.example'].filter(isRelativeLink)).toEqual(['docs/a.md']);
  });

  it('reports a missing target, resolved from the linking file, anchors ignored', () => {
    const dir = mkdtempSync(join(tmpdir(), 'doc-links-'));
    try {
      mkdirSync(join(dir, 'docs'));
      writeFileSync(join(dir, 'docs', 'there.md'), '# There\n');
      writeFileSync(join(dir, 'docs', 'index.md'), '[ok](there.md#there) [up](../docs/there.md) [gone](missing.md)\n');
      expect(brokenRelativeLinks(dir, markdownFiles(dir))).toEqual([{ file: join('docs', 'index.md'), target: 'missing.md' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
