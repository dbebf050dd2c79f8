// `npm run build` (and `npm install`, through `prepare`), with esbuild, in about a second:
//
// - dist/**.js: src/**/*.ts as ESM JavaScript, one file per module, for `import` of the library's
//   modules (and the benches). Types are checked by `npm run typecheck` (tsc --noEmit), which CI runs.
// - dist/bundle/: what bin/mailcheck.js runs, src/cli/bin.ts bundled with its dependencies. Start-up
//   is most of a `mailcheck` run (README "Start-up time"), so the bundle is CommonJS split into lazy
//   chunks: a command loads only its own code (each `import()` in src/ is a chunk boundary), and no
//   chunk pays for Node's ESM loader (~0.35 ms a module on Node 20, against ~0.18 ms for require) or
//   for parsing a CommonJS dependency from ESM. esbuild splits only ESM, so it is two passes: a split
//   ESM bundle, then each chunk turned into CommonJS (`import()` becomes `require`). Source maps go
//   through both, back to src/ (MAILCHECK_DEBUG=1 turns them on for a stack trace).
import { build } from 'esbuild';
import { existsSync, readFileSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : path.endsWith('.ts') ? [path] : [];
  });
}

// `--if-stale` (npm test's pretest): nothing to do when dist/ was built after the last change to anything
// the build reads (src/, this script, the package and lock files: a dependency upgrade rewrites the lock,
// tsconfig.json, which esbuild reads). `npm install` has just built it on a fresh clone; a second build
// would cost npm test ~1.5 s for the same files.
const STAMP = 'dist/.built';
const inputs = () => [...files('src'), 'scripts/build.mjs', 'package.json', 'package-lock.json', 'tsconfig.json'].filter((f) => existsSync(f));
if (process.argv.includes('--if-stale') && existsSync(STAMP)) {
  const built = statSync(STAMP).mtimeMs;
  if (inputs().every((f) => statSync(f).mtimeMs < built)) process.exit(0);
}
const started = new Date();

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: files('src'),
  outdir: 'dist',
  outbase: 'src',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
});

// commander requires node:child_process (~3 ms to load) for stand-alone executable subcommands, which
// mailcheck has none of: in the bundle it gets a stand-in that loads the real module if ever called.
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onResolve({ filter: /^node:child_process$/ }, (args) => (/node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'lazy-child-process' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'lazy-child-process' }, () => ({
      contents: "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };",
      loader: 'js',
    }));
  },
};

// chalk detects at import what the terminal supports (loading node:tty and node:os, ~3 ms), for its
// default instance; mailcheck decides the colour level itself (src/cli/color.ts: new Chalk({ level }))
// and never uses that instance, so in the bundle the detection says "no colour" without looking.
const chalkWithoutDetection = {
  name: 'chalk-without-detection',
  setup(build) {
    build.onResolve({ filter: /^#supports-color$/ }, (args) => (/node_modules[\\/]chalk[\\/]/.test(args.importer) ? { path: 'supports-color', namespace: 'chalk-without-detection' } : undefined));
    build.onLoad({ filter: /.*/, namespace: 'chalk-without-detection' }, () => ({ contents: 'export default { stdout: false, stderr: false };', loader: 'js' }));
  },
};

// Pass 1: one ESM bundle of the program, split at every dynamic import. `module` before `main`
// takes a dependency's ES build where it has one (tldts: no CommonJS wrapper to evaluate).
const staging = 'dist/.bundle-esm';
const split = await build({
  entryPoints: { mailcheck: 'src/cli/bin.ts' },
  outdir: staging,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  mainFields: ['module', 'main'],
  plugins: [lazyChildProcess, chalkWithoutDetection],
  outExtension: { '.js': '.cjs' },
  sourcemap: true,
  metafile: Boolean(process.env.BUILD_METAFILE),
  logLevel: 'warning',
});
// BUILD_METAFILE=file.json keeps what went into each chunk (esbuild's metafile), to see what a command loads.
if (process.env.BUILD_METAFILE) writeFileSync(process.env.BUILD_METAFILE, JSON.stringify(split.metafile));

// Pass 2: each chunk to CommonJS. esbuild reads the pass-1 source maps and maps through them.
// import.meta.url (createRequire of package.json and of data packages) becomes the chunk's file URL.
await build({
  entryPoints: readdirSync(staging).filter((f) => f.endsWith('.cjs')).map((f) => join(staging, f)),
  outdir: 'dist/bundle',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  outExtension: { '.js': '.cjs' },
  supported: { 'dynamic-import': false },
  define: { 'import.meta.url': '__chunkUrl' },
  sourcemap: true,
  logLevel: 'warning',
});
rmSync(staging, { recursive: true, force: true });
// The chunks that use import.meta.url get their URL in a line after "use strict" (which must stay
// first: the chunks are strict, as ESM is), and their source map a line with no mappings there.
for (const name of readdirSync('dist/bundle').filter((f) => f.endsWith('.cjs'))) {
  const file = join('dist/bundle', name);
  const code = readFileSync(file, 'utf8');
  if (!code.includes('__chunkUrl')) continue;
  const strict = '"use strict";\n';
  if (!code.startsWith(strict)) throw new Error(`${file}: expected ${strict.trim()} on the first line`);
  writeFileSync(file, `${strict}var __chunkUrl = require("node:url").pathToFileURL(__filename).href;\n${code.slice(strict.length)}`);
  const map = JSON.parse(readFileSync(`${file}.map`, 'utf8'));
  const lines = map.mappings.split(';');
  lines.splice(1, 0, '');
  map.mappings = lines.join(';');
  writeFileSync(`${file}.map`, JSON.stringify(map));
}
// Stamped with the time the build started: a source saved during the build makes the next run build again.
writeFileSync(STAMP, '');
utimesSync(STAMP, started, started);
