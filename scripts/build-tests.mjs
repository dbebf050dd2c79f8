// `npm test` runs the tests as plain JavaScript: src/, test/, scripts/ and bench/ compiled by esbuild into
// .test-build/, a mirror of the checkout (every other file and folder a symlink, each .ts kept beside its .js
// so tests that read sources still find them). Loading tsx into each test process cost ~0.35 s of CPU
// apiece, a third of the suite; the compile takes well under a second. The same esbuild transform as tsx,
// so semantics match; types are checked by `npm run typecheck`. One file under tsx still works:
// `node --test --import tsx test/foo.test.ts`.
import { build } from 'esbuild';
import { existsSync, lstatSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, '.test-build');
const COMPILED = new Set(['src', 'test', 'scripts', 'bench']);
const SKIPPED = new Set(['.git', 'node_modules', '.test-build']);
const STAMP = '.built';

const entryPoints = [];
/** Every path OUT should hold (relative), to remove what a deleted or renamed source left behind. */
const wanted = new Set(['tmp', 'run', STAMP]);
const mtime = (path) => statSync(path).mtimeMs;
// A second run compiles only the .ts files changed since the last one (each file is compiled on its own,
// never bundled, so a change elsewhere cannot change its output), and links only what is new: the whole
// mirror cost ~1 s of every `npm test`. A change to this script or to tsconfig.json (esbuild reads it)
// builds everything again.
const previous = existsSync(join(OUT, STAMP)) ? mtime(join(OUT, STAMP)) : undefined;
const incremental = previous !== undefined && [import.meta.filename, join(ROOT, 'tsconfig.json')].every((f) => mtime(f) < previous);
const started = new Date();

function link(path, target) {
  wanted.add(relative(OUT, target));
  if (incremental && lstatOrUndefined(target)?.isSymbolicLink()) return;
  rmSync(target, { recursive: true, force: true });
  symlinkSync(path, target);
}
function lstatOrUndefined(path) {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** Mirrors `dir` into OUT: folders made, .ts files compiled (and linked), everything else linked. */
function mirror(dir) {
  const out = join(OUT, relative(ROOT, dir));
  wanted.add(relative(OUT, out));
  if (!lstatOrUndefined(out)?.isDirectory()) {
    rmSync(out, { force: true });
    mkdirSync(out, { recursive: true });
  }
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const target = join(OUT, relative(ROOT, path));
    if (statSync(path).isDirectory()) {
      // Fixture folders hold data, never code to compile: one link for the whole folder.
      if (name === 'fixtures') link(path, target);
      else mirror(path);
      continue;
    }
    if (path.endsWith('.ts') && !path.endsWith('.d.ts')) {
      const js = `${target.slice(0, -3)}.js`;
      wanted.add(relative(OUT, js));
      wanted.add(relative(OUT, `${js}.map`));
      if (!incremental || !existsSync(js) || mtime(path) >= previous) entryPoints.push(path);
    }
    link(path, target);
  }
}

/** Removes from OUT what no source stands for any more (a deleted test, a renamed module). */
function prune(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    const rel = relative(OUT, path);
    if (!wanted.has(rel)) rmSync(path, { recursive: true, force: true });
    else if (lstatSync(path).isDirectory() && !['tmp', 'run'].includes(rel)) prune(path);
  }
}

if (!incremental) rmSync(OUT, { recursive: true, force: true });
mkdirSync(OUT, { recursive: true });
// npm test points TMPDIR here, so the temporary folders tests make go when the next run starts.
rmSync(join(OUT, 'tmp'), { recursive: true, force: true });
mkdirSync(join(OUT, 'tmp'));
rmSync(join(OUT, 'run'), { recursive: true, force: true });
for (const name of readdirSync(ROOT)) {
  if (SKIPPED.has(name)) continue;
  const path = join(ROOT, name);
  if (COMPILED.has(name) && statSync(path).isDirectory()) mirror(path);
  else link(path, join(OUT, name));
}
if (incremental) prune(OUT);
if (entryPoints.length > 0) {
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
}
// Dated when this run started: a source saved while it ran is compiled by the next.
writeFileSync(join(OUT, STAMP), '');
utimesSync(join(OUT, STAMP), started, started);

// Processes: the test files run a few dozen to a node process, not one each: every process costs ~0.12 s
// of CPU to start and then loads (and JIT-compiles) the source modules and the test helpers again, which
// was more than half of the suite's CPU with 108 processes. Top-level tests in one process run one after
// another, so a process either works (CPU groups, balanced by WORK) or mostly waits (servers that stall,
// timeouts, slow clients: WAITING files, packed by their wall time so that no process waits much longer
// than the CPU groups work); all of them run at once, and the waits overlap with the work.
// .test-build/run/ holds one entry per process (it imports its test files); `npm test` runs them all.
// A test file must not leave process-wide state (env, cwd, globals, listeners, timers) behind: it shares
// its process with others. `node --test --import tsx test/foo.test.ts` still runs one file alone.

// CPU seconds a file takes alone (`/usr/bin/time node --test .test-build/test/FILE.test.js`), for files
// well above the ~0.4 s most take; used only to balance the CPU groups.
const WORK = {
  'scale-stream': 2.4, 'messages-zh': 2.4, 'bounce-stream': 1.8, 'heap': 1.7, 'startup': 1.7, 'message-findings': 1.6,
  'e2e-binary': 1.5, 'hardening-terminal': 1.4, 'message-mail': 1.4, 'domain-findings': 1.4, 'fuzz-zone': 1.4,
  'hardening-flood': 1.3, 'completion': 1.2, 'message-cli': 1.2, 'dmarc-report-cli': 1.1, 'config': 1.1,
  'readme-examples': 1.1, 'input-rows': 1.0, 'fuzz-spf': 1.0, 'recall-matrix': 0.9, 'render-formats': 0.9,
  'render-html': 0.9, 'help': 0.9, 'dmarc-report-archive': 0.8,
};
const DEFAULT_WORK = 0.4;
const CPU_GROUPS = 2;
// Files that mostly wait, with their wall seconds alone; packed into processes of at most WAIT_PER_PROCESS.
const WAITING = {
  'dns-hostile': 10.5, 'html-browser': 4.4, 'list-cli': 3.9, 'dns-udp': 3.8, 'transport-smtp-probe': 3.8,
  'ip-e2e': 3.7, 'transport-smtp-dane': 3.0, 'domain-cli': 3.0, 'spf-conformance-cli': 2.8, 'hardening-report': 2.6,
  'list-readme': 2.6, 'transport-https-get': 2.3, 'transport-mta-sts-fetch': 1.9, 'hardening-deadline': 1.5, 'dns-doh': 1.1,
};
const WAIT_PER_PROCESS = 12;

const RUN = join(OUT, 'run');
mkdirSync(RUN);
const files = readdirSync(join(ROOT, 'test')).filter((n) => n.endsWith('.test.ts')).map((n) => n.slice(0, -'.test.ts'.length));
for (const table of [WORK, WAITING]) {
  const unknown = Object.keys(table).filter((name) => !files.includes(name));
  if (unknown.length > 0) throw new Error(`scripts/build-tests.mjs names no test file: ${unknown.join(', ')}`);
}
/**
 * Heaviest first, each into the lightest process so far: `count` processes, or as many as it takes to keep
 * each under `cap`.
 */
function pack(names, weight, { count = Infinity, cap = Infinity }) {
  const processes = [];
  for (const name of [...names].sort((a, b) => weight(b) - weight(a) || (a < b ? -1 : 1))) {
    const lightest = processes.reduce((min, p) => (min === undefined || p.weight < min.weight ? p : min), undefined);
    if (lightest === undefined || processes.length < count && count !== Infinity || lightest.weight + weight(name) > cap) {
      processes.push({ weight: weight(name), names: [name] });
    } else {
      lightest.weight += weight(name);
      lightest.names.push(name);
    }
  }
  return processes;
}
const work = pack(files.filter((name) => !(name in WAITING)), (name) => WORK[name] ?? DEFAULT_WORK, { count: CPU_GROUPS });
const waiting = pack(Object.keys(WAITING), (name) => WAITING[name], { cap: WAIT_PER_PROCESS });
// The CPU groups run at a lower priority (nice 10, their children too): the waiting files' short timeouts
// (300 ms DNS attempts against a server in the same process) then get the CPU when they need it, and the
// groups take what is left. Imports run in order, so this one runs before the test files load.
writeFileSync(join(RUN, 'lower-priority.js'), "import { setPriority } from 'node:os';\ntry {\n  setPriority(10);\n} catch {\n  // Not allowed here: the same tests at the same priority.\n}\n");
[...work.map((p) => ['work', p]), ...waiting.map((p) => ['wait', p])].forEach(([kind, { names }], i) => {
  const entry = `${String(i + 1).padStart(2, '0')}-${kind}-${names.length === 1 ? names[0] : `${names.length}-files`}.test.js`;
  const first = kind === 'work' ? "import './lower-priority.js';\n" : '';
  writeFileSync(join(RUN, entry), first + names.sort().map((name) => `import '../test/${name}.test.js';\n`).join(''));
});
// All at once: the runner's --test-concurrency (package.json) must let every process start.
const concurrency = Number(/--test-concurrency=(\d+)/.exec(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).scripts.test)?.[1]);
if (!(concurrency >= work.length + waiting.length)) throw new Error(`scripts/build-tests.mjs: ${work.length + waiting.length} test processes, but npm test runs ${concurrency} at once`);
