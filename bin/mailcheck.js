#!/usr/bin/env node
// Thin launcher: all logic lives in dist/ (compiled from src/ by `npm install`).
import { run } from '../dist/cli/main.js';
import { processIo } from '../dist/cli/io.js';

process.exitCode = await run(process.argv.slice(2), processIo());
