// `npm test` runs the tests as plain JavaScript: src/, test/, scripts/ and bench/ compiled by esbuild into
// .test-build/, a mirror of the checkout (every other file and folder a symlink, each .ts kept beside its .js
// so tests that read sources still find them). Loading tsx into each of ~90 test processes cost ~0.35 s of
// CPU apiece, a third of the suite; the compile takes well under a second. The same esbuild transform as tsx,
// so semantics match; types are checked by `npm run typecheck`. One file under tsx still works:
// `node --test --import tsx test/foo.test.ts`.
import { build } from 'esbuild';
import { mkdirSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, '.test-build');
const COMPILED = new Set(['src', 'test', 'scripts', 'bench']);
const SKIPPED = new Set(['.git', 'node_modules', '.test-build']);

const entryPoints = [];
/** Mirrors `dir` into OUT: folders made, .ts files compiled (and linked), everything else linked. */
function mirror(dir) {
  mkdirSync(join(OUT, relative(ROOT, dir)), { recursive: true });
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const target = join(OUT, relative(ROOT, path));
    if (statSync(path).isDirectory()) {
      // Fixture folders hold data, never code to compile: one link for the whole folder.
      if (name === 'fixtures') symlinkSync(path, target);
      else mirror(path);
      continue;
    }
    if (path.endsWith('.ts') && !path.endsWith('.d.ts')) entryPoints.push(path);
    symlinkSync(path, target);
  }
}

rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT);
// npm test points TMPDIR here, so the temporary folders tests make go when the next run starts.
mkdirSync(join(OUT, 'tmp'));
for (const name of readdirSync(ROOT)) {
  if (SKIPPED.has(name)) continue;
  const path = join(ROOT, name);
  if (COMPILED.has(name) && statSync(path).isDirectory()) mirror(path);
  else symlinkSync(path, join(OUT, name));
}
await build({
  entryPoints,
  outdir: OUT,
  outbase: ROOT,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // Linked maps cost nothing unless asked for: NODE_OPTIONS=--enable-source-maps npm test.
  sourcemap: 'linked',
  logLevel: 'warning',
});
