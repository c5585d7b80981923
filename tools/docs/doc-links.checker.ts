import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

/** A relative link of a Markdown file whose target does not exist. */
export interface BrokenLink {
  file: string;
  target: string;
}

const INLINE_LINK = /!?\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;
const FENCE = /^(```|~~~)/;

/** The link targets of a Markdown text, outside fenced code blocks and inline code. */
export function linkTargets(markdown: string): string[] {
  const targets: string[] = [];
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (FENCE.test(line.trim())) inFence = !inFence;
    if (inFence) continue;
    const prose = line.replace(/`[^`]*`/g, '');
    for (const match of prose.matchAll(INLINE_LINK)) targets.push(match[1]!);
  }
  return targets;
}

/** True for a link into the repository (not a URL, a mail address or an anchor in the same page). */
export const isRelativeLink = (target: string) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('#') && !target.startsWith('/');

/** Markdown files of a folder, recursively. */
export function markdownFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

/** Every relative link of the given Markdown files whose file or folder is missing (the #anchor is not checked). */
export function brokenRelativeLinks(root: string, files: string[]): BrokenLink[] {
  return files.flatMap((file) =>
    linkTargets(readFileSync(file, 'utf8'))
      .filter(isRelativeLink)
      .filter((target) => !existsSync(join(dirname(file), decodeURIComponent(target.split('#')[0]!))))
      .map((target) => ({ file: relative(root, file), target })),
  );
}
