import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fullProgram } from '../src/cli/help-program.js';
import { manPage } from '../src/cli/help-man.js';
import { memoryIo } from '../src/cli/io.js';

// man/mailcheck.1 is generated from the help (`npm run man`; prepack runs it): it must be what the
// program's help says now, and be packed and declared in package.json.

const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { version: string; homepage?: string; bugs?: { url?: string }; man?: string[]; files?: string[] };

test('man: man/mailcheck.1 is up to date with the help (regenerate with npm run man)', async () => {
  const program = await fullProgram(memoryIo());
  const page = manPage(program, { version: pkg.version, homepage: pkg.homepage, bugs: pkg.bugs?.url });
  assert.equal(readFileSync('man/mailcheck.1', 'utf8'), page, 'man/mailcheck.1 is out of date: run `npm run man`');
  // Every command and every option of each is on the page.
  for (const cmd of program.commands.filter((c) => c.name() !== 'help')) {
    assert.ok(page.includes(`.SS "mailcheck ${cmd.name().replace(/-/g, '\\-')}`), cmd.name());
    for (const o of cmd.options) assert.ok(page.includes(`\\fB${o.long!.replace(/-/g, '\\-')}`), `${cmd.name()} ${o.long}`);
  }
  assert.match(page, /^\.TH MAILCHECK 1 "" "mailcheck-cli \d+\.\d+\.\d+" "User Commands"$/m);
});

test('man: declared in package.json and packed', () => {
  assert.deepEqual(pkg.man, ['./man/mailcheck.1']);
  assert.ok(pkg.files?.includes('man'));
  assert.ok(pkg.files?.includes('LICENSE'));
});

test('man: renders without warnings', { skip: existsSync('/usr/bin/groff') ? false : 'groff not installed' }, () => {
  const r = spawnSync('groff', ['-man', '-Tutf8', '-ww', '-z', 'man/mailcheck.1'], { encoding: 'utf8' });
  assert.equal(r.status, 0);
  assert.equal(r.stderr, '');
});
