#!/usr/bin/env node
// Runs a TypeScript tool of this repository from its sources: `node tools/run-ts.mjs <file.ts> [args]`.
// The workspace libraries resolve to their sources (the `@invoice/source` export condition) and
// @swc-node compiles TypeScript on the fly with the tests' tsconfig. The tool runs in a child Node
// process because export conditions are only read from the command line; its exit code is passed on.
import { spawn } from 'node:child_process';

const [file, ...args] = process.argv.slice(2);
if (!file) {
  console.error('usage: node tools/run-ts.mjs <file.ts> [args...]');
  process.exit(2);
}
const child = spawn(process.execPath, ['--conditions=@invoice/source', '--import', '@swc-node/register/esm-register', file, ...args], {
  stdio: 'inherit',
  env: { ...process.env, SWC_NODE_PROJECT: process.env.SWC_NODE_PROJECT ?? 'tsconfig.spec.json' },
});
// Ctrl-C reaches the whole process group; a signal sent to this process alone is passed on.
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => {
  if (!signal) process.exit(code ?? 1);
  // Die of the same signal, so the caller sees how the tool ended.
  process.removeAllListeners(signal);
  process.kill(process.pid, signal);
});
