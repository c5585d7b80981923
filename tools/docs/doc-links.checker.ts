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
    for (const [, target] of prose.matchAll(INLINE_LINK)) if (target !== undefined) targets.push(target);
  }
  return targets;
}

/** True for a link into the repository or to a heading of the same page (not a URL, a mail address or an absolute path). */
export const isRelativeLink = (target: string) => !/^[a-z][a-z0-9+.-]*:/i.test(target) && !target.startsWith('/');

/** Markdown files of a folder, recursively. */
export function markdownFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
export function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\- _]/gu, '')
    .replace(/ /g, '-');
}

/** The anchors of a Markdown file's headings (outside fenced code blocks). */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (FENCE.test(line.trim())) inFence = !inFence;
    const heading = inFence ? undefined : /^#{1,6} (.*)$/.exec(line)?.[1];
    if (heading !== undefined) anchors.add(headingAnchor(heading));
  }
  return anchors;
}

function resolves(file: string, target: string): boolean {
  const [path = '', anchor] = target.split('#');
  const resolved = path ? join(dirname(file), decodeURIComponent(path)) : file;
  if (!existsSync(resolved)) return false;
  if (!anchor || !resolved.endsWith('.md')) return true;
  return headingAnchors(readFileSync(resolved, 'utf8')).has(anchor);
}

/** Every relative link of the given Markdown files whose file, folder or heading anchor is missing. */
export function brokenRelativeLinks(root: string, files: string[]): BrokenLink[] {
  return files.flatMap((file) =>
    linkTargets(readFileSync(file, 'utf8'))
      .filter(isRelativeLink)
      .filter((target) => !resolves(file, target))
      .map((target) => ({ file: relative(root, file), target })),
  );
}
