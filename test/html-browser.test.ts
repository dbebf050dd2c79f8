import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { runCli } from './helpers/run-cli.js';

// `--format html` in a real headless browser (Chromium from Debian: `apt-get install chromium`; .ci/run
// installs it). The page is opened from a file, as a user opens a saved report or an attachment: the
// test checks the visible text, that the page asks for nothing but itself, that our CSS and script run
// under the page's own Content-Security-Policy, that hostile DNS data runs nothing, that a copy button
// copies its record; screenshots go to test-results/ (not committed).

// CHROMIUM_PATH names the browser (and only it: CHROMIUM_PATH=none shows the skip).
const CANDIDATES = process.env.CHROMIUM_PATH ? [process.env.CHROMIUM_PATH] : ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/lib/chromium/chromium'];
const executable = CANDIDATES.find((p) => existsSync(p));
const SKIP = executable ? false : `Chromium not found (looked at ${CANDIDATES.join(', ')}): install it with \`apt-get install -y chromium\`, or set CHROMIUM_PATH`;
const RESULTS = resolve('test-results');

// One browser for the cases (launching Chromium is most of their CPU); each opens its page in a context of
// its own, closed at the end of the case.
let launched: Promise<Browser> | undefined;
const sharedBrowser = (): Promise<Browser> => (launched ??= chromium.launch({ executablePath: executable, args: ['--no-sandbox'] }));
after(async () => {
  if (launched) await (await launched).close();
});

interface Opened {
  page: Page;
  requests: string[];
  dialogs: string[];
  problems: string[];
}

/** Opens a page file with every request recorded (and any request but the file itself refused). */
async function open(browser: Browser, file: string): Promise<Opened> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => undefined);
  const page = await context.newPage();
  const url = pathToFileURL(file).href;
  const opened: Opened = { page, requests: [], dialogs: [], problems: [] };
  await page.route('**/*', (route) => {
    opened.requests.push(route.request().url());
    return route.request().url() === url ? route.continue() : route.abort();
  });
  page.on('dialog', (dialog) => {
    opened.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('console', (m) => {
    if (m.type() === 'error') opened.problems.push(m.text());
  });
  page.on('pageerror', (e) => opened.problems.push(e.message));
  await page.goto(url);
  await page.waitForLoadState('load');
  return opened;
}

async function writeReport(name: string, args: string[], expectedCode: number): Promise<string> {
  const r = await runCli(['--format', 'html', ...args]);
  assert.equal(r.code, expectedCode, r.stderr);
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, name);
  writeFileSync(file, r.stdout);
  return file;
}

test('html in Chromium: visible text, nothing fetched, styles and script allowed by the CSP, a copy button copies', { skip: SKIP }, async () => {
  const browser = await sharedBrowser();
  try {
    const file = await writeReport('html-report-broken.html', ['--zone', 'test/fixtures/domain/broken.test.zone', '--zone', 'examples/example.test.zone', 'domain', 'broken.test', 'example.test', '--selector', 's2026'], 1);
    const { page, requests, dialogs, problems } = await open(browser, file);
    const body = await page.innerText('body');
    assert.match(body, /mailcheck domain report/);
    assert.match(body, /broken\.test/);
    assert.match(body, /score \d+\/100, grade [A-F]/);
    assert.match(body, /SPF \(who may send as the domain\)/);
    assert.match(body, /spf\.pass-all/);
    assert.match(body, /include:_spf\.example\.test\s+2 lookups/);
    // Only the file itself was requested; the CSP refused nothing of ours (a refusal is a console error).
    assert.deepEqual(requests, [pathToFileURL(file).href]);
    assert.deepEqual(problems, []);
    assert.deepEqual(dialogs, []);
    // Our style applies (the grade badge is coloured) and our script ran (the copy buttons are shown).
    const badge = await page.evaluate<string>("getComputedStyle(document.querySelector('#r2 .score')).backgroundColor");
    assert.equal(badge, 'rgb(26, 127, 55)', 'example.test scores an A: green');
    const buttons = page.locator('button.copy');
    assert.ok((await buttons.count()) >= 2);
    assert.ok(await buttons.first().isVisible(), 'the script showed the copy buttons');
    // Clicking copies the record beside the button (clipboard API, or the selection as a fallback).
    const record = await page.locator('.record code').first().innerText();
    assert.match(record, /^broken\.test\. TXT "v=spf1 /);
    await buttons.first().click();
    await page.waitForFunction("document.querySelector('button.copy').textContent !== 'Copy'");
    const said = await buttons.first().innerText();
    const copied = await page.evaluate<string>('navigator.clipboard.readText()').catch(() => undefined);
    if (said === 'Copied' && copied !== undefined) assert.equal(copied, record);
    else assert.equal(await page.evaluate<string>('String(window.getSelection())'), record, `button says "${said}"; the record is selected for copying`);
    await page.screenshot({ path: join(RESULTS, 'html-report-broken.png'), fullPage: true });
  } finally {
    await Promise.all(browser.contexts().map((c) => c.close()));
  }
});

test('html in Chromium: markup from hostile TXT records is shown as text and runs nothing', { skip: SKIP }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailcheck-html-'));
  const zone = join(dir, 'hostile.test.zone');
  writeFileSync(zone, [
    '$ORIGIN hostile.test.',
    '$TTL 300',
    '@ IN SOA ns.hostile.test. admin.hostile.test. 1 3600 600 86400 300',
    '@ IN MX 10 mx.hostile.test.',
    'mx IN A 192.0.2.30',
    '@ IN TXT "v=spf1 a:\\"><img src=http://tracker.test/x onerror=alert(1)> include:<script>alert(2)</script>.test -all"',
    "_dmarc IN TXT \"v=DMARC1; p=none; rua=mailto:'><svg/onload=alert(3)><iframe src=https://evil.test/>@hostile.test\"",
    '',
  ].join('\n'));
  const browser = await sharedBrowser();
  try {
    const file = await writeReport('html-report-hostile.html', ['--zone', zone, 'domain', 'hostile.test'], 1);
    const { page, requests, dialogs } = await open(browser, file);
    assert.deepEqual(dialogs, [], 'no script of the records ran');
    assert.deepEqual(requests, [pathToFileURL(file).href], 'no image or frame of the records was fetched');
    // (Browser code as a string: the tests are type-checked without the DOM library.)
    const counts = await page.evaluate(`({
      injected: document.querySelectorAll('img, svg, iframe, object, embed, link, form').length,
      scripts: document.scripts.length,
      handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.startsWith('on'))).length,
    })`);
    assert.deepEqual(counts, { injected: 0, scripts: 1, handlers: 0 });
    const body = await page.innerText('body');
    assert.ok(body.includes('<img src=http://tracker.test/x onerror=alert(1)>'), 'the record is shown as it is');
    assert.ok(body.includes('<script>alert(2)</script>'));
    await page.screenshot({ path: join(RESULTS, 'html-report-hostile.png'), fullPage: true });
  } finally {
    await Promise.all(browser.contexts().map((c) => c.close()));
  }
});

test('html in Chromium: the Chinese page', { skip: SKIP }, async () => {
  const browser = await sharedBrowser();
  try {
    const file = await writeReport('html-report-zh.html', ['--lang', 'zh-CN', '--zone', 'examples/example.test.zone', 'domain', 'example.test', '--selector', 's2026', '--selector', 'legacy'], 0);
    const { page, requests, problems } = await open(browser, file);
    assert.equal(await page.getAttribute('html', 'lang'), 'zh-CN');
    const body = await page.innerText('body');
    assert.match(body, /得分 97\/100，等级 A/);
    assert.match(body, /逐项|SPF（谁可以用这个域名发信）/);
    assert.match(body, /include:spf\.mailer\.test\s+3 次查询/);
    assert.deepEqual(requests, [pathToFileURL(file).href]);
    assert.deepEqual(problems, []);
    await page.screenshot({ path: join(RESULTS, 'html-report-zh.png'), fullPage: true });
  } finally {
    await Promise.all(browser.contexts().map((c) => c.close()));
  }
});
