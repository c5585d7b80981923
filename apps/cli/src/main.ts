#!/usr/bin/env node
import { runCli } from './cli.program.js';

// Ctrl-C once: stop sending, record the requests in flight, print the summary. Twice: quit now.
const interrupt = new AbortController();
process.on('SIGINT', () => {
  if (interrupt.signal.aborted) process.exit(130);
  process.stderr.write('\nInterrupted: finishing the requests in flight (Ctrl-C again to quit now)\n');
  interrupt.abort();
});

process.exitCode = await runCli(process.argv, {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  signal: interrupt.signal,
});
