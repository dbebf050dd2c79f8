import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from './helpers/run-cli.js';
import { shellWords } from './helpers/shell-words.js';
import { commands } from '../src/cli/commands.js';
import { HELP } from '../src/cli/help-examples.js';
import { FORMAT_NAMES } from '../src/render/index.js';

// `mailcheck <command> --help`: examples, the global options that apply, no "(default: false)"; and
// every example that names a file of examples/ runs as written, offline.

const names = commands.map((c) => c.name);

test('help: every command has examples, the global options that apply, and its formats (no drift from the program)', async () => {
  assert.deepEqual(Object.keys(HELP).sort(), [...names].sort(), 'one entry per registered command');
  const program = await runCli(['--help']);
  const programFlags = [...(program.stdout.split('\nCommands:\n')[0] ?? '').matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1] as string).filter((f) => f !== '--version' && f !== '--help');
  const globalFlags = new Set(programFlags);
  for (const [name, help] of Object.entries(HELP)) {
    assert.ok(help.examples.length >= 2 && help.examples.length <= 3, `${name}: two or three examples`);
    const skip = help.notApplying === 'all' ? programFlags : help.notApplying;
    for (const flag of skip) assert.ok(globalFlags.has(flag), `${name}: ${flag} is a program option`);
    const applying = programFlags.filter((f) => !skip.includes(f));
    for (const format of help.formats) assert.ok((FORMAT_NAMES as readonly string[]).includes(format), `${name}: format ${format}`);
    const r = await runCli([name, '--help']);
    assert.equal(r.code, 0);
    if (applying.length === 0) {
      assert.doesNotMatch(r.stdout, /Global Options:/, `${name}: no global option applies`);
      assert.deepEqual(r.stdout.split('\nExamples:\n')[1]?.trimEnd().split('\n').map((l) => l.trim()), [...help.examples]);
      continue;
    }
    const [own, rest] = r.stdout.split('\nGlobal Options:\n');
    assert.ok(rest, `${name}: a Global Options section`);
    const [globals, examples] = rest.split('\nExamples:\n');
    const shown = [...(globals ?? '').matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]);
    assert.deepEqual(shown, applying, `${name}: exactly the global options that apply`);
    assert.ok((globals ?? '').replace(/\s+/g, ' ').includes(`--format <name> output format: ${help.formats.join(', ')} (default text)`), `${name}: its formats`);
    assert.deepEqual((examples ?? '').trimEnd().split('\n').map((l) => l.trim()), [...help.examples]);
    assert.doesNotMatch(own ?? '', /\(default: (false|true)\)/, `${name}: no default of an on/off flag`);
  }
  // A command that asks no DNS does not offer DNS options.
  const bounce = await runCli(['bounce', '--help']);
  assert.doesNotMatch(bounce.stdout.split('Global Options:')[1] ?? '', /--zone|--resolver/);
  assert.match((await runCli(['domain', '--help'])).stdout, /Global Options:[\s\S]*--zone <file>[\s\S]*-q, --quiet/);
  assert.doesNotMatch(program.stdout, /\(default: (false|true)\)/);
});

test('help: every example that uses the files of examples/ runs offline as written', async () => {
  let ran = 0;
  for (const [name, help] of Object.entries(HELP)) {
    for (const example of help.examples) {
      if (!example.includes('examples/')) continue;
      const { argv } = shellWords(example);
      assert.equal(argv[0], 'mailcheck');
      const r = await runCli(argv.slice(1));
      assert.ok(r.code === 0 || r.code === 1, `${name}: \`${example}\` exited ${r.code}: ${r.stderr}`);
      assert.doesNotMatch(r.stderr, /mailcheck: (?!notice)/, example);
      assert.ok(r.stdout.length > 0, example);
      ran++;
    }
  }
  assert.ok(ran >= 15, `ran ${ran} examples`);
});
