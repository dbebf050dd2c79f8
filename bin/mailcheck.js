#!/usr/bin/env node
/* global require */
/* eslint-disable @typescript-eslint/no-require-imports -- a CommonJS file (bin/package.json) */
'use strict';
// The launcher (CommonJS: bin/package.json). It runs dist/bundle/mailcheck.cjs, the bundle of
// src/cli/bin.ts that `npm install` builds (scripts/build.mjs); start-up is most of a run, so this
// file loads nothing it does not need. `--version` alone needs only package.json.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  // A stack trace (MAILCHECK_DEBUG=1) names src/*.ts lines; the maps are read only then, as they cost
  // start-up time (Node reads a chunk's map when it loads the chunk).
  if (process.env.MAILCHECK_DEBUG) process.setSourceMapsEnabled(true);
  // Node 22.1+ keeps V8's compiled code of the bundle on disk (in the OS temporary folder, or
  // NODE_COMPILE_CACHE) for the next run; Node 20 has no such cache.
  require('node:module').enableCompileCache?.();
  require('../dist/bundle/mailcheck.cjs');
}
