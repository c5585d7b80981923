import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { extname, join, relative, resolve, sep } from 'node:path';
import type { SupportedMimeType } from '@invoice/contracts';

/** File name extensions worth opening; the bytes still decide (see `sniffMagic`). */
export const SUPPORTED_EXTENSIONS: Readonly<Record<string, SupportedMimeType>> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.tif': 'image/tiff',
  '.tiff': 'image/tiff',
  '.webp': 'image/webp',
  '.pdf': 'application/pdf',
  // E-invoices (CII, UBL): the gateway reads them in full and refuses any other XML.
  '.xml': 'application/xml',
};

/** Bytes needed by `sniffMagic`. */
export const MAGIC_BYTES = 12;

const startsWith = (head: Uint8Array, bytes: number[], at = 0) => bytes.every((b, i) => head[at + i] === b);
const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/**
 * A quick look at the first bytes, so that a `.png` that is really a text file is reported here
 * rather than refused by the gateway (which sniffs the bytes itself and has the last word).
 */
export function sniffMagic(head: Uint8Array): SupportedMimeType | null {
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'image/tiff';
  if (startsWith(head, ascii('RIFF')) && startsWith(head, ascii('WEBP'), 8)) return 'image/webp';
  if (startsWith(head, ascii('%PDF-'))) return 'application/pdf';
  // XML: `<` after an optional UTF-8 byte order mark and blanks.
  const text = Buffer.from(head)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (/^<[?!A-Za-z_]/.test(text)) return 'application/xml';
  return null;
}

export type PathVerdict =
  { kind: 'candidate'; mimeType: SupportedMimeType } | { kind: 'ignored' } | { kind: 'unsupported'; reason: string };

/**
 * What to do with a path met while walking, from its path relative to the folder: hidden files
 * and folders (a segment starting with a dot) and the CLI's own files are ignored silently, other
 * extensions are reported as unsupported.
 */
export function classifyPath(relativePath: string, ownFiles: ReadonlySet<string> = new Set()): PathVerdict {
  const segments = relativePath.split(/[\\/]/);
  if (segments.some((s) => s.startsWith('.'))) return { kind: 'ignored' };
  if (ownFiles.has(relativePath.split(sep).join('/'))) return { kind: 'ignored' };
  const extension = extname(relativePath).toLowerCase();
  const mimeType = SUPPORTED_EXTENSIONS[extension];
  if (!mimeType) {
    return {
      kind: 'unsupported',
      reason: `unsupported file extension "${extension || '(none)'}": expected ${Object.keys(SUPPORTED_EXTENSIONS).join(', ')}`,
    };
  }
  return { kind: 'candidate', mimeType };
}

export interface WalkedFile {
  absolutePath: string;
  /** Relative to the folder, with forward slashes. */
  path: string;
}

export interface SkippedFile {
  path: string;
  reason: string;
}

export interface WalkResult {
  files: WalkedFile[];
  unsupported: SkippedFile[];
}

/**
 * Every file under `folder`, recursively, in a stable order. `ownFiles` are absolute paths of
 * the CLI's own files (state, output) to leave out wherever they are.
 */
export async function walkFolder(folder: string, ownFiles: string[] = []): Promise<WalkResult> {
  const root = resolve(folder);
  const own = new Set(ownFiles.map((file) => relative(root, resolve(file)).split(sep).join('/')));
  const result: WalkResult = { files: [], unsupported: [] };
  const visit = async (dir: string): Promise<void> => {
    const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const absolutePath = join(dir, entry.name);
      const path = relative(root, absolutePath).split(sep).join('/');
      if (entry.name.startsWith('.')) continue;
      if (entry.isDirectory()) {
        await visit(absolutePath);
        continue;
      }
      if (!entry.isFile()) continue; // sockets, devices; symbolic links are not followed
      const verdict = classifyPath(path, own);
      if (verdict.kind === 'candidate') result.files.push({ absolutePath, path });
      else if (verdict.kind === 'unsupported') result.unsupported.push({ path, reason: verdict.reason });
    }
  };
  await visit(root);
  return result;
}

export interface HashedFile {
  sha256: string;
  size: number;
  /** From the first bytes; null when they are not a supported type. */
  mimeType: SupportedMimeType | null;
}

/** sha256 of the whole file and its type from the first bytes, in one streaming read. */
export function hashFile(absolutePath: string): Promise<HashedFile> {
  return new Promise((resolvePromise, reject) => {
    const hash = createHash('sha256');
    let head = Buffer.alloc(0);
    let size = 0;
    createReadStream(absolutePath)
      .on('data', (data: string | Buffer) => {
        const chunk = Buffer.isBuffer(data) ? data : Buffer.from(data);
        if (head.length < MAGIC_BYTES) head = Buffer.concat([head, chunk.subarray(0, MAGIC_BYTES - head.length)]);
        size += chunk.length;
        hash.update(chunk);
      })
      .on('error', reject)
      .on('end', () => resolvePromise({ sha256: hash.digest('hex'), size, mimeType: sniffMagic(head) }));
  });
}
