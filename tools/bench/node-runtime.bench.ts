/**
 * npm run bench:node [-- --count N --rounds R --nodes /usr/bin/node,.ci/.node/node_modules/.bin/node]
 *
 * tesseract.js OCR speed per Node.js runtime and tesseract.js-core build (SIMD or relaxed SIMD,
 * with or without the legacy engine), on the same generated pages with the product's OCR settings,
 * measured in the same run. Relaxed SIMD is turned on with --experimental-wasm-relaxed-simd where
 * V8 has it off by default. One tesseract.js worker, pages one after the other; the order of the
 * runs alternates over the rounds so that machine load falls on all of them alike. Prints, for each
 * configuration, the CPU time and the wall time per page, the worker's start-up time and how many
 * pages read exactly the same text as the first configuration; "(picked)" marks the build
 * tesseract.js loads on that runtime by itself.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateInvoice } from '@invoice/invoice-generator';
import { intOption, median, printTable } from './bench.support.js';

interface ChildResult {
  node: string;
  relaxedSimd: boolean;
  createMs: number;
  pages: { recognizeMs: number; cpuMs: number; textSha: string }[];
  /** The tesseract.js-core file the worker loaded. */
  core: string;
}
interface Config {
  node: string;
  version: string;
  /** TESSERACT_CORE for the preload; undefined = the build tesseract.js picks. */
  core: string | undefined;
  flags: string[];
}

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const CHILD = path.join(ROOT, 'tools/bench/node-runtime.child.ts');
const CORE_PRELOAD = path.join(ROOT, 'tools/bench/tesseract-core.preload.cjs');
const RELAXED_FLAG = '--experimental-wasm-relaxed-simd';
const CORES = ['simd', 'simd-lstm', 'relaxedsimd', 'relaxedsimd-lstm'];

function nodeBinaries(): string[] {
  const { values } = parseArgs({ options: { nodes: { type: 'string' } }, strict: false });
  const listed =
    typeof values.nodes === 'string' ? values.nodes.split(',') : [process.execPath, path.join(ROOT, '.ci/.node/node_modules/.bin/node')];
  return [...new Set(listed.map((p) => path.resolve(ROOT, p)))].filter((p) => existsSync(p));
}

function probe(node: string, flags: string[]): { ok: boolean; version: string; relaxed: boolean } {
  const script = "require('wasm-feature-detect').relaxedSimd().then((r) => console.log(process.version + ' ' + r))";
  const out = spawnSync(node, [...flags, '-e', script], { cwd: ROOT, encoding: 'utf8' });
  const [version = '', relaxed] = out.stdout.trim().split(' ');
  return { ok: out.status === 0, version, relaxed: relaxed === 'true' };
}

/** Every tesseract.js-core build the runtime can run (relaxed SIMD with its flag where it is off by default). */
function configurations(nodes: string[]): Config[] {
  return nodes.flatMap((node) => {
    const plain = probe(node, []);
    if (!plain.ok) throw new Error(`${node} does not run`);
    const relaxedFlags = plain.relaxed ? [] : probe(node, [RELAXED_FLAG]).relaxed ? [RELAXED_FLAG] : null;
    return CORES.flatMap((core) => {
      if (!core.startsWith('relaxed')) return [{ node, version: plain.version, core, flags: [] }];
      return relaxedFlags ? [{ node, version: plain.version, core, flags: relaxedFlags }] : [];
    });
  });
}

function runChild(config: Config, files: string[]): ChildResult {
  const args = [
    ...config.flags,
    '--require',
    CORE_PRELOAD,
    '--conditions=@invoice/source',
    '--import',
    '@swc-node/register/esm-register',
    CHILD,
    ...files,
  ];
  const env = { ...process.env, SWC_NODE_PROJECT: 'tsconfig.spec.json', TESSERACT_CORE: config.core };
  const out = spawnSync(config.node, args, { cwd: ROOT, encoding: 'utf8', env, maxBuffer: 16 << 20 });
  if (out.status !== 0) throw new Error(`${config.version} ${config.core} failed (${out.status}): ${out.stderr}`);
  const core = /tesseract-core: (\S+)/.exec(out.stderr)?.[1] ?? '?';
  return { ...(JSON.parse(out.stdout.trim().split('\n').at(-1) ?? '') as Omit<ChildResult, 'core'>), core };
}

/** The build tesseract.js picks by itself on each runtime, seen by running it without TESSERACT_CORE. */
function pickedCores(configs: Config[], file: string): Map<string, string> {
  const nodes = [...new Set(configs.map((c) => c.node))];
  return new Map(nodes.map((node) => [node, runChild({ node, version: '', core: undefined, flags: [] }, [file]).core]));
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

async function writePages(dir: string, count: number): Promise<string[]> {
  console.log(`Generating ${count} invoices (seeded, EN/FR, PNG/JPEG)...`);
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const invoice = await generateInvoice(60_000 + i, { language: i % 2 ? 'fr' : 'en', format: i % 3 === 2 ? 'jpeg' : 'png' });
    files.push(path.join(dir, `page-${i}.${invoice.mimeType === 'image/jpeg' ? 'jpg' : 'png'}`));
    writeFileSync(files.at(-1)!, invoice.image);
  }
  return files;
}

function report(configs: Config[], results: Map<Config, ChildResult[]>, picked: Map<string, string>): void {
  const baseline = results.get(configs[0]!)![0]!.pages.map((p) => p.textSha);
  printTable(
    configs.map((config) => {
      const runs = results.get(config)!;
      const pages = runs.flatMap((run) => run.pages);
      const sameText = runs.flatMap((run) => run.pages.map((p, i) => p.textSha === baseline[i])).filter(Boolean).length;
      const file = runs[0]!.core;
      return {
        runtime: config.version + (config.flags.length ? ` ${config.flags.join(' ')}` : ''),
        'tesseract.js-core': file.replace(/\.js$/, '') + (picked.get(config.node) === file ? ' (picked)' : ''),
        'CPU ms/page': Math.round(sum(pages.map((p) => p.cpuMs)) / pages.length),
        'median CPU ms': Math.round(median(pages.map((p) => p.cpuMs))),
        'wall ms/page': Math.round(sum(pages.map((p) => p.recognizeMs)) / pages.length),
        'worker start ms': Math.round(median(runs.map((run) => run.createMs))),
        'same text as first': `${sameText}/${pages.length}`,
      };
    }),
  );
}

const count = intOption('count', 6);
const rounds = intOption('rounds', 2);
const configs = configurations(nodeBinaries());
const dir = mkdtempSync(path.join(tmpdir(), 'bench-node-'));
try {
  const files = await writePages(dir, count);
  const picked = pickedCores(configs, files[0]!);
  const results = new Map<Config, ChildResult[]>(configs.map((c) => [c, []]));
  for (let r = 0; r < rounds; r++) {
    for (const config of r % 2 ? [...configs].reverse() : configs) {
      console.log(`round ${r + 1}/${rounds}: ${config.version} ${config.core}...`);
      results.get(config)!.push(runChild(config, files));
    }
  }
  report(configs, results, picked);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
