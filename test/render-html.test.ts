import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from './helpers/run-cli.js';
import { en } from '../src/messages/en/index.js';
import { zhCN } from '../src/messages/zh-CN/index.js';
import { labels as htmlLabels } from '../src/messages/en/html.js';
import { esc } from '../src/render/html.js';

// `--format html` through the CLI on offline fixtures: one self-contained page per run, the same
// findings as JSON, the SPF tree drawn, fix records beside copy buttons, both languages, and hostile
// DNS data kept as text. The page in a real browser: test/html-browser.test.ts.

const EXAMPLE = ['--zone', 'examples/example.test.zone', 'domain', 'example.test', '--selector', 's2026', '--selector', 'legacy'];

/** Every tag of a page: its name and attribute names (the page's markup is ours, so a regex reads it). */
function tags(html: string): { name: string; attrs: string[] }[] {
  return [...html.matchAll(/<([a-zA-Z][a-zA-Z0-9]*)([^>]*)>/g)].map((m) => ({
    name: (m[1] as string).toLowerCase(),
    attrs: [...(m[2] as string).matchAll(/\s([^\s=/>]+)(?==|\s|$)/g)].map((a) => (a[1] as string).toLowerCase()),
  }));
}

const ALLOWED_TAGS = new Set(['html', 'head', 'meta', 'title', 'style', 'body', 'h1', 'h2', 'h3', 'p', 'section', 'div', 'span', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'a', 'ul', 'li', 'b', 'code', 'button', 'script', 'pre']);

/** HTML entities back to text (the five `esc` writes). */
const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** What a page may not do: load or link to anything, or carry markup we did not write. */
function assertSelfContained(html: string): void {
  assert.match(html, /^<!DOCTYPE html>\n<html lang="[a-zA-Z-]+">/);
  for (const t of tags(html)) {
    assert.ok(ALLOWED_TAGS.has(t.name), `unexpected tag <${t.name}>`);
    assert.ok(!t.attrs.some((a) => a.startsWith('on')), `event handler attribute on <${t.name}>`);
    assert.ok(!t.attrs.includes('src'), `<${t.name} src>`);
  }
  assert.equal((html.match(/<script/g) ?? []).length, 1, 'one script: ours');
  assert.equal((html.match(/<style/g) ?? []).length, 1, 'one style sheet: ours');
  assert.doesNotMatch(html, /href="(?!#)/, 'links only inside the page');
  assert.doesNotMatch(html, /url\(|@import/, 'no style loads anything');
  // The CSP allows exactly our style and script, by hash.
  const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
  assert.match(csp, /^default-src 'none';/);
  const hash = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;
  const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';
  const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '';
  assert.ok(csp.includes(`style-src ${hash(style)}`), 'style hash in CSP');
  assert.ok(csp.includes(`script-src ${hash(script)}`), 'script hash in CSP');
  assert.ok(script.length < 1500, 'a tiny script');
  assert.doesNotMatch(script, /fetch|XMLHttpRequest|import\(|src|WebSocket|sendBeacon/);
}

/** The finding ids of a page, in order. */
const pageIds = (html: string) => [...html.matchAll(/<div class="finding (?:error|warning|info)" data-id="([^"]+)">/g)].map((m) => m[1]);
/** The finding ids of `--format json` (domain), in order. */
const jsonIds = (stdout: string) => (JSON.parse(stdout) as { results: { findings?: { id: string }[] }[] }).results.flatMap((r) => (r.findings ?? []).map((f) => f.id));
/** The finding ids of `--format markdown` (every command: the same Report model), in order. */
const markdownIds = (stdout: string) => [...stdout.matchAll(/^- \S+ \*\*[^*]+\*\* `([^`]+)`/gm)].map((m) => m[1]);

test('html: the domain report is one self-contained page with the score, the checks, the SPF tree and the findings', async () => {
  const html = await runCli(['--format', 'html', ...EXAMPLE]);
  const text = await runCli(EXAMPLE);
  assert.equal(html.code, text.code);
  assert.equal(html.code, 0, html.stderr);
  const page = html.stdout;
  assertSelfContained(page);
  assert.match(page, /<title>mailcheck domain report — example\.test<\/title>/);
  assert.match(page, /<span class="score g-good" title="score 97\/100, grade A">97\/100<span class="grade">A<\/span><\/span>/);
  // One row per check, coloured by its state.
  const rows = [...page.matchAll(/<tr class="(s-\w+)" data-check="([^"]+)">.*?<td class="state">([^<]*)<\/td>/g)].map((m) => [m[2], m[1], m[3]]);
  assert.deepEqual(rows.slice(0, 5), [['mx', 's-good', '100/100'], ['spf', 's-good', '100/100'], ['dmarc', 's-good', '100/100'], ['dkim', 's-fair', '85/100'], ['rdns', 's-good', '100/100']]);
  assert.deepEqual(rows.find((r) => r[0] === 'rbl'), ['rbl', 's-none', 'not checked']);
  // The include tree as nested lists, with the lookups each include costs (as the text report draws it).
  assert.ok(page.includes('<ul class="tree"><li><span class="term">include:_spf.example.test</span> <span class="tnote">2 lookups</span></li><li><span class="term">include:spf.mailer.test</span> <span class="tnote">3 lookups</span><ul class="tree"><li><span class="term">include:_netblocks.mailer.test</span> <span class="tnote">1 lookup</span></li><li><span class="term">include:_netblocks2.mailer.test</span> <span class="tnote">1 lookup</span></li></ul></li></ul>'));
  // The same findings as JSON (the page groups them by check).
  const json = await runCli(['--format', 'json', ...EXAMPLE]);
  assert.deepEqual(pageIds(page).sort(), jsonIds(json.stdout).sort());
  assert.ok(pageIds(page).includes('dkim.weak-key'));
});

test('html: each fix record is in a code block beside a copy button, exactly as the zone line to paste', async () => {
  const args = ['--zone', 'test/fixtures/domain/broken.test.zone', 'domain', 'broken.test'];
  const html = await runCli(['--format', 'html', ...args]);
  assert.equal(html.code, 1);
  assertSelfContained(html.stdout);
  const json = JSON.parse((await runCli(['--format', 'json', ...args])).stdout) as { results: { findings: { fix: { record?: { name: string; type: string; value: string } } | null }[] }[] };
  const records = json.results[0]!.findings.flatMap((f) => (f.fix?.record ? [f.fix.record] : []));
  assert.ok(records.length >= 2, 'the fixture has fixes with records');
  const blocks = [...html.stdout.matchAll(/<div class="record"><code>([^<]*)<\/code><button type="button" class="copy" data-copied="Copied" data-failed="[^"]+">Copy<\/button><\/div>/g)].map((m) => unescape(m[1] as string));
  assert.equal(blocks.length, records.length);
  const dmarc = records.find((r) => r.name.startsWith('_dmarc.'))!;
  assert.ok(blocks.includes(`${dmarc.name.replace(/\.?$/, '.')} TXT "${dmarc.value}"`), blocks.join('\n'));
  assert.match(html.stdout, /<span class="score g-poor"/);
});

test('html: every command with reports prints a page with the same findings as Markdown', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailcheck-html-'));
  // An offline blacklist: one list, described by a zone file, that lists 192.0.2.25.
  const lists = join(dir, 'lists.zone');
  writeFileSync(lists, '$ORIGIN zen.spamhaus.org.\n$TTL 300\n@ IN SOA ns admin 1 3600 600 86400 300\n25.2.0.192 IN A 127.0.0.2\n25.2.0.192 IN TXT "listed: see https://check.spamhaus.org/"\n');
  const runs: [string, string[], string][] = [
    ['recall', ['--zone', 'examples/recall.test.zone', 'recall', '--from', 'wang@acme-exmail.test', '--to', 'anna@buyer-abroad.test', '--sent', 'now'], 'Send a short correction now'],
    ['domain', EXAMPLE, 'example.test'],
    ['spf', ['--zone', 'examples/example.test.zone', 'spf', 'example.test', '--ip', '10.9.9.9'], 'example.test'],
    ['ip', ['--zone', lists, '--zone', 'examples/example.test.zone', 'ip', '192.0.2.25', '--only-lists', 'zen.spamhaus.org'], '192.0.2.25'],
    ['bounce', ['bounce', 'test/fixtures/bounce/qq-ip-frequency.eml'], 'qq-ip-frequency.eml'],
    ['message', ['--zone', 'examples/example.test.zone', 'message', 'examples/cold-letter.eml'], 'cold-letter.eml'],
    ['dmarc-report', ['dmarc-report', 'test/fixtures/dmarc-report/'], 'example.com'],
    ['lookup', ['--zone', 'examples/example.test.zone', 'lookup', 'example.test', 'MX'], 'mx1.example.test'],
  ];
  for (const [command, args, subject] of runs) {
    const html = await runCli(['--format', 'html', ...args]);
    const markdown = await runCli(['--format', 'markdown', ...args]);
    assert.equal(html.code, markdown.code, `${command}: same exit code (${html.stderr})`);
    assert.ok(html.code === 0 || html.code === 1, `${command}: exit ${html.code}: ${html.stderr}`);
    assertSelfContained(html.stdout);
    assert.match(html.stdout, new RegExp(`<h1>mailcheck ${command} report</h1>`));
    assert.ok(html.stdout.includes(subject), `${command}: subject ${subject} shown`);
    // lookup has answers, not findings.
    if (command !== 'lookup') assert.ok(pageIds(html.stdout).length > 0, `${command}: has findings`);
    assert.deepEqual(pageIds(html.stdout).sort(), markdownIds(markdown.stdout).sort(), command);
  }
  // The listing is a finding of the ip page, with the list's own words escaped.
  const ip = await runCli(['--format', 'html', '--zone', lists, 'ip', '192.0.2.25', '--only-lists', 'zen.spamhaus.org']);
  assert.equal(ip.code, 1);
  assert.match(ip.stdout, /data-id="rbl\.listed/);
});

test('html: several domains get a summary table linking to each report', async () => {
  const r = await runCli(['--zone', 'examples/example.test.zone', '--zone', 'test/fixtures/domain/broken.test.zone', '--format', 'html', 'domain', 'example.test', 'broken.test']);
  assert.equal(r.code, 1);
  assertSelfContained(r.stdout);
  assert.match(r.stdout, /<table class="summary">.*<a href="#r1">example\.test<\/a>.*<a href="#r2">broken\.test<\/a>/s);
  assert.match(r.stdout, /<section class="report" id="r1">[\s\S]*<section class="report" id="r2">/);
});

test('html: --lang zh-CN writes the whole page in Chinese from the catalogue', async () => {
  const r = await runCli(['--lang', 'zh-CN', '--format', 'html', '--zone', 'test/fixtures/domain/broken.test.zone', 'domain', 'broken.test']);
  assert.equal(r.code, 1);
  const page = r.stdout;
  assertSelfContained(page);
  assert.match(page, /<html lang="zh-CN">/);
  assert.match(page, /<h1>mailcheck domain 检查报告<\/h1>/);
  assert.match(page, />复制<\/button>/);
  assert.match(page, /data-copied="已复制"/);
  assert.ok(page.includes(zhCN.checks.spf as string));
  // No English word of the page's own: every html.* label and the shared ones are the Chinese entries.
  for (const id of Object.keys(htmlLabels)) {
    const english = (en.labels as Record<string, unknown>)[id];
    if (typeof english === 'string') assert.ok(!page.includes(`>${esc(english)}<`), `English "${english}" in the Chinese page`);
  }
  for (const word of ['Copy', 'Made by', 'error', 'warning', 'fix:', 'check', 'result']) assert.ok(!page.includes(`>${word}<`), `English "${word}"`);
  assert.match(page, /<span class="sev">错误<\/span>/);
  assert.match(page, /<b>解决办法：<\/b>/);
});

test('html: hostile DNS data stays text: markup in TXT records, quotes in attributes, control characters', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailcheck-html-'));
  const zone = join(dir, 'hostile.test.zone');
  writeFileSync(zone, [
    '$ORIGIN hostile.test.',
    '$TTL 300',
    '@ IN SOA ns.hostile.test. admin.hostile.test. 1 3600 600 86400 300',
    '@ IN MX 10 mx.hostile.test.',
    'mx IN A 192.0.2.30',
    '@ IN TXT "v=spf1 a:\\"><img src=x onerror=alert(1)> include:<script>alert(2)</script>.test \\027[31m -all"',
    "_dmarc IN TXT \"v=DMARC1; p=none; rua=mailto:'><svg/onload=alert(3)>@hostile.test\"",
    '',
  ].join('\n'));
  const r = await runCli(['--zone', zone, '--format', 'html', 'domain', 'hostile.test']);
  assert.equal(r.code, 1, r.stderr);
  const page = r.stdout;
  assertSelfContained(page);
  // Shown, as text.
  assert.ok(page.includes('&lt;img src=x onerror=alert(1)&gt;'));
  assert.ok(page.includes('&lt;script&gt;alert(2)&lt;/script&gt;'));
  assert.ok(page.includes('&#39;&gt;&lt;svg/onload=alert(3)&gt;'));
  assert.doesNotMatch(page, /\u001b/, 'no raw ESC');
  assert.match(page, /\\x1b\[31m/);
  // The escaper itself: quotes end no attribute, ampersands start no entity.
  assert.equal(esc('"\'<>&amp;\u202e'), '&quot;&#39;&lt;&gt;&amp;amp;\\u202e');
});

test('html: --quiet leaves out info findings, as in the other formats', async () => {
  const all = await runCli(['--format', 'html', ...EXAMPLE]);
  const quiet = await runCli(['-q', '--format', 'html', ...EXAMPLE]);
  assert.ok(pageIds(all.stdout).includes('spf.softfail'));
  assert.deepEqual(pageIds(quiet.stdout), ['dkim.weak-key']);
});
