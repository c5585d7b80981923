import { createRequire } from 'node:module';
import { constants as fsConstants } from 'node:fs';
import { access, copyFile, mkdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);

/**
 * tesseract.js reads `${langPath}/${lang}.traineddata.gz` for every language from ONE folder,
 * while each language is shipped in its own npm package (`@tesseract.js-data/<lang>`). This module
 * builds that folder from the installed packages (symlinks, or copies where symlinks fail) so that
 * nothing is ever downloaded. The LSTM-only "best_int" models are used (OEM 1, smaller and faster
 * than the legacy+LSTM data in the `4.0.0` folder).
 */
export const TESSDATA_VARIANT = '4.0.0_best_int';
export const DEFAULT_LANGUAGES = 'fra+eng';

/** 'eng+fra' -> ['eng', 'fra']. Rejects empty or malformed language codes. */
export function parseLanguages(languages: string): string[] {
  const codes = languages.split('+').map((code) => code.trim());
  if (codes.length === 0 || codes.some((code) => !/^[a-z]{3}(_[a-z]+)?$/i.test(code))) {
    throw new RangeError(`languages must look like 'eng' or 'eng+fra', got '${languages}'`);
  }
  return [...new Set(codes)];
}

export function traineddataFileName(lang: string): string {
  return `${lang}.traineddata.gz`;
}

/** Where the shared folder goes by default: per user under the OS temp dir, never the working directory. */
export function defaultTessdataDir(): string {
  const uid = typeof process.getuid === 'function' ? String(process.getuid()) : 'user';
  return path.join(os.tmpdir(), `invoice-ocr-tessdata-${TESSDATA_VARIANT}-${uid}`);
}

/** Absolute path of the installed traineddata file of one language, or a clear error when its package is missing. */
export function resolveTraineddata(lang: string): string {
  let packageJson: string;
  try {
    packageJson = require.resolve(`@tesseract.js-data/${lang}/package.json`);
  } catch (err) {
    throw new Error(`no OCR model for language '${lang}': npm package @tesseract.js-data/${lang} is not installed`, { cause: err });
  }
  return path.join(path.dirname(packageJson), TESSDATA_VARIANT, traineddataFileName(lang));
}

async function linkInto(dir: string, source: string, name: string): Promise<void> {
  const target = path.join(dir, name);
  try {
    if ((await readlink(target)) === source) return;
  } catch {
    // missing, or a regular file (a copy): replace below
  }
  // Build next to the target then rename over it: atomic, so concurrent processes never see a half-made file.
  const temp = path.join(dir, `.${name}.${process.pid}.${Date.now()}.tmp`);
  try {
    await symlink(source, temp);
  } catch {
    await copyFile(source, temp);
  }
  try {
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}

/**
 * Makes sure `dir` holds `<lang>.traineddata.gz` for every language and returns the directory.
 * Idempotent and safe to run from several processes at once.
 */
export async function prepareTessdataDir(languages: readonly string[], dir: string = defaultTessdataDir()): Promise<string> {
  const absolute = path.resolve(dir);
  await mkdir(absolute, { recursive: true });
  for (const lang of languages) {
    const source = resolveTraineddata(lang);
    try {
      await access(source, fsConstants.R_OK);
    } catch (err) {
      throw new Error(`OCR model file for '${lang}' is missing or unreadable: ${source}`, { cause: err });
    }
    await linkInto(absolute, source, traineddataFileName(lang));
  }
  return absolute;
}
