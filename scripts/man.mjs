// `npm run man` (and prepack): man/mailcheck.1 from the program's help. Reads src/ through tsx (a
// devDependency, as the tests do), so it does not depend on how dist/ is bundled.
// `npm run man -- --check` exits 1 when the file is out of date (test/man.test.ts does the same).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';

const { fullProgram } = await import('../src/cli/help-program.ts');
const { manPage } = await import('../src/cli/help-man.ts');
const { memoryIo } = await import('../src/cli/io.ts');

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
