// `npm run man` (and prepack): man/mailcheck.1 from the program's help, on the built dist/.
// `node scripts/man.mjs --check` exits 1 when the file is out of date (test/man.test.ts does the same).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

if (!existsSync(new URL('../dist/cli/help-man.js', import.meta.url))) {
  console.error('scripts/man.mjs: dist/ is missing; run `npm run build` first');
  process.exit(2);
}
const { fullProgram } = await import('../dist/cli/help-program.js');
const { manPage } = await import('../dist/cli/help-man.js');
const { memoryIo } = await import('../dist/cli/io.js');

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const page = manPage(await fullProgram(memoryIo()), { version: pkg.version, homepage: pkg.homepage, bugs: pkg.bugs?.url });
const file = new URL('../man/mailcheck.1', import.meta.url);
if (process.argv.includes('--check')) {
  const current = existsSync(file) ? readFileSync(file, 'utf8') : '';
  if (current !== page) {
    console.error('man/mailcheck.1 is out of date: run `npm run man`');
    process.exit(1);
  }
} else {
  mkdirSync(new URL('../man/', import.meta.url), { recursive: true });
  writeFileSync(file, page);
}
