import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../../../..');

/** Builds the web app with its real Vite config into outDir (a few seconds). */
export function buildWebApp(outDir: string): void {
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/vite/bin/vite.js'),
      'build',
      '--config',
      join(ROOT, 'apps/web/vite.config.ts'),
      '--outDir',
      outDir,
      '--emptyOutDir',
      '--logLevel',
      'warn',
    ],
    {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
}

/** The files index.html makes the browser load before any route runs: its scripts, preloads and styles. */
export function indexHtmlAssets(distDir: string): string[] {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  return [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+)"/g)].map((m) => m[1]!);
}

/** Chunks a module imports statically (`import … from "./x.js"`, `import "./x.js"`); `import("./x.js")` loads later and is left out. */
export function staticImports(code: string): string[] {
  return [...code.matchAll(/(?:\bfrom|\bimport)\s*["']\.\/([^"']+\.js)["']/g)].map((m) => `assets/${m[1]!}`);
}

/** Every JavaScript file loaded at start-up: index.html's scripts and everything they import statically. */
export function startupScripts(distDir: string): string[] {
  const seen = new Set<string>();
  const pending = indexHtmlAssets(distDir).filter((f) => f.endsWith('.js'));
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    pending.push(...staticImports(readFileSync(join(distDir, file), 'utf8')));
  }
  return [...seen];
}
