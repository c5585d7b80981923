import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments, parseDocument } from 'yaml';

/** Repository root (this file is tools/deploy-checks/repo-files.ts). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const repoPath = (...parts: string[]) => path.join(ROOT, ...parts);

export function readText(relativePath: string): string {
  return readFileSync(repoPath(relativePath), 'utf8');
}

export function exists(relativePath: string): boolean {
  return existsSync(repoPath(relativePath));
}

/** Parses one YAML document strictly (any YAML error or warning, e.g. a duplicate key, throws), with `<<` merge keys as compose reads them. */
export function parseYaml<T = unknown>(source: string, name = 'yaml'): T {
  const doc = parseDocument(source, { uniqueKeys: true, prettyErrors: true, merge: true });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length) throw new Error(`${name}: ${problems.map((e) => e.message).join('\n')}`);
  return doc.toJS() as T;
}

export function readYaml<T = unknown>(relativePath: string): T {
  return parseYaml<T>(readText(relativePath), relativePath);
}

/** Every document of a multi-document YAML file (`---`), strictly parsed; empty documents skipped. */
export function readYamlDocuments<T = unknown>(relativePath: string): T[] {
  const docs = parseAllDocuments(readText(relativePath), { uniqueKeys: true, prettyErrors: true, merge: true });
  if (!Array.isArray(docs)) throw new Error(`${relativePath}: not a YAML stream`);
  return docs
    .map((doc) => {
      const problems = [...doc.errors, ...doc.warnings];
      if (problems.length) throw new Error(`${relativePath}: ${problems.map((e) => e.message).join('\n')}`);
      return doc.toJS() as T;
    })
    .filter((value) => value !== null && value !== undefined);
}

/** A dotenv file (KEY=value lines, # comments; values optionally quoted) as a map. */
export function parseEnvFile(source: string): Map<string, string> {
  const vars = new Map<string, string>();
  for (const [index, raw] of source.split('\n').entries()) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const [, key, assigned] = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line) ?? [];
    if (key === undefined || assigned === undefined) throw new Error(`line ${index + 1} is not KEY=value: ${raw}`);
    vars.set(key, /^(['"]).*\1$/.test(assigned) ? assigned.slice(1, -1) : assigned);
  }
  return vars;
}

/**
 * Compose-style interpolation of `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`,
 * `${VAR?error}` and `$$` (a literal `$`), as `docker compose` does before validating a file.
 * Returns the text and the variables it referenced; an unset `:?`/`?` variable throws.
 */
export function interpolate(source: string, vars: ReadonlyMap<string, string>): { text: string; referenced: Set<string> } {
  const referenced = new Set<string>();
  const text = source.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g,
    (whole, name?: string, op?: string, arg?: string, bare?: string) => {
      if (whole === '$$') return '$';
      const variable = (name ?? bare)!;
      referenced.add(variable);
      const value = vars.get(variable);
      const empty = value === undefined || (op?.startsWith(':') && value === '');
      if (op === ':-' || op === '-') return (op === ':-' ? empty : value === undefined) ? (arg ?? '') : value!;
      if (op === ':?' || op === '?') {
        if (op === ':?' ? empty : value === undefined) throw new Error(`${variable} is required: ${arg}`);
        return value!;
      }
      return value ?? '';
    },
  );
  return { text, referenced };
}
