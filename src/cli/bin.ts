// The program bin/mailcheck.js runs: scripts/build.mjs bundles it, with everything it loads, into
// dist/bundle/mailcheck.cjs (CommonJS, so no top-level await here).
import { run } from './main.js';
import { processIo } from './io.js';

void run(process.argv.slice(2), processIo()).then((code) => {
  process.exitCode = code;
});
