import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, runCli } from './helpers/run-cli.js';
import { fullProgram } from '../src/cli/help-program.js';
import { memoryIo } from '../src/cli/io.js';
import { FORMAT_NAMES } from '../src/render/index.js';

// `mailcheck completion bash|zsh|fish`: the scripts load in their shells and complete what the
// commander program has (commands, options, option values), not a hand-written list.

const which = (shell: string) => ['/usr/bin', '/bin', '/usr/local/bin'].map((d) => `${d}/${shell}`).find((p) => existsSync(p));

/**
 * Runs bash with the script loaded from the built binary (as a user's ~/.bashrc does), then `body`. --norc: bash
 * run with a socket as stdin (Node's pipes) reads ~/.bashrc, which on a developer's machine can run anything (pyenv).
 */
let bashScript: string | undefined;
function bash(body: string): string {
  // The script is made once by the binary and kept in a file that both tests source.
  if (bashScript === undefined) {
    bashScript = join(mkdtempSync(join(tmpdir(), 'mailcheck-completion-')), 'mailcheck.bash');
    writeFileSync(bashScript, execFileSync(process.execPath, [BIN, 'completion', 'bash'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } }));
  }
  const script = `source "${bashScript}" || exit 9\n${body}`;
  return execFileSync('bash', ['--norc', '--noprofile', '-c', script], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '', NO_COLOR: '1' } });
}

/** What Tab offers after `line` (the last word is the one being completed). */
function complete(...words: string[]): string {
  const quoted = words.map((w) => `'${w}'`).join(' ');
  return `COMP_WORDS=(mailcheck ${quoted}); COMP_CWORD=${words.length}; _mailcheck; echo "\${COMPREPLY[*]}"`;
}

test('completion bash: the script loads in bash and completes commands, options and values', () => {
  const out = bash([
    'complete -p mailcheck',
    complete('dom'),
    complete('--zone', 'examples/example.test.zone', 'sp'),
    complete('domain', '--sel'),
    complete('--format', ''),
    complete('completion', ''),
    complete('--lang', 'zh'),
    complete('bounce', 'examples/undeliv'),
    complete('spf', '--ex'),
  ].join('\n')).split('\n');
  assert.deepEqual(out.slice(0, 9), [
    'complete -F _mailcheck mailcheck',
    'domain',
    'spf',
    '--selector',
    FORMAT_NAMES.join(' '),
    'bash zsh fish',
    'zh-CN',
    'examples/undelivered.eml',
    '--expect',
  ]);
});

test('completion bash: every command and every option of the program is offered (generated, so no drift)', async () => {
  const program = await fullProgram(memoryIo());
  const names = program.commands.map((c) => c.name()).filter((n) => n !== 'help');
  const lines = bash([complete(''), ...names.map((n) => complete(n, '--'))].join('\n')).trimEnd().split('\n');
  assert.deepEqual(new Set(lines[0]!.split(' ')), new Set([...names, 'help']));
  const globals = program.options.map((o) => o.long).filter((l): l is string => l !== undefined && l !== '--version');
  names.forEach((name, i) => {
    const offered = new Set(lines[i + 1]!.split(' '));
    const own = program.commands.find((c) => c.name() === name)!.options.map((o) => o.long!);
    for (const flag of [...own, ...globals, '--help']) assert.ok(offered.has(flag), `mailcheck ${name} --<Tab> offers ${flag}`);
  });
  assert.ok(names.length >= 11);
});

test('completion: an unknown shell is a usage error', async () => {
  const r = await runCli(['completion', 'tcsh']);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^mailcheck: .*tcsh/);
  assert.equal(r.stdout, '');
});

test('completion zsh: the script parses and registers _mailcheck with compinit', { skip: which('zsh') ? false : 'zsh not installed (apt-get install zsh)' }, async () => {
  const script = (await runCli(['completion', 'zsh'])).stdout;
  assert.match(script, /^#compdef mailcheck\n/);
  const load = `source <("${process.execPath}" "${BIN}" completion zsh)`;
  const r = spawnSync('zsh', ['-f', '-c', `autoload -U compinit && compinit -u -D && ${load} && print -r -- \${_comps[mailcheck]}`], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), '_mailcheck');
  assert.ok(script.includes("'--format[output format]:format:(text json ndjson csv markdown sarif junit github html)'"));
  assert.ok(script.includes("'*--zone[answer from an RFC 1035 zone file instead of the network]:zone:_files'"));
});

test('completion fish: the script loads in fish and completes', { skip: which('fish') ? false : 'fish not installed (apt-get install fish)' }, async () => {
  const script = (await runCli(['completion', 'fish'])).stdout;
  assert.match(script, /^complete -c mailcheck -f$/m);
  const load = `"${process.execPath}" "${BIN}" completion fish | source`;
  const r = spawnSync('fish', ['--no-config', '-c', `${load}; complete -C "mailcheck dom"; complete -C "mailcheck domain --sel"; complete -C "mailcheck --format htm"`], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => l.split('\t')[0]);
  assert.deepEqual(lines, ['domain', '--selector', 'html']);
});
