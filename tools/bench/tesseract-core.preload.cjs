// Preloaded with `node --require` by the node-runtime benchmark (worker threads inherit it).
// When TESSERACT_CORE names a build of tesseract.js-core (simd, simd-lstm, relaxedsimd,
// relaxedsimd-lstm, lstm, or an empty string for the plain build), tesseract.js loads that build
// instead of the one it picks itself, so that every build can be timed on the same runtime.
// Either way the build loaded is written to stderr as `tesseract-core: <file>`.
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS module: node --require loads it, also in worker threads */
const Module = require('node:module');
const path = require('node:path');

const core = process.env.TESSERACT_CORE;
if (core !== undefined && !/^((relaxed)?simd(-lstm)?|lstm|)$/.test(core))
  throw new Error(`TESSERACT_CORE: no tesseract.js-core build "${core}"`);
const target = core === undefined ? null : `tesseract.js-core/tesseract-core${core ? `-${core}` : ''}`;
const isCore = (request) => typeof request === 'string' && /^tesseract\.js-core\/tesseract-core(-[a-z-]+)?$/.test(request);

const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveTesseractCore(request, ...rest) {
  const resolved = resolve.call(this, isCore(request) && target ? target : request, ...rest);
  if (isCore(request)) process.stderr.write(`tesseract-core: ${path.basename(resolved)}\n`);
  return resolved;
};
