import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { startDnsServer } from './helpers/dns-server.js';
import { runCli } from './helpers/run-cli.js';
import { ADDRESS_RECORDS } from './helpers/address.js';
import { a, mx } from './helpers/records.js';

// The README's `mailcheck list` example: its contacts.csv, checked against these DNS answers, prints
// what the README shows (each line shown, in order; "…" skips lines).

test('README: the mailcheck list example prints what the README shows', async () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const section = readme.slice(readme.indexOf('## `mailcheck address` and `mailcheck list`'));
  const csv = /```csv\n([\s\S]*?)```/.exec(section)?.[1];
  const block = /```console\n\$ mailcheck list contacts\.csv\n([\s\S]*?)```/.exec(section)?.[1];
  assert.ok(csv && block, 'the example is in the README');
  const server = await startDnsServer({
    records: [...ADDRESS_RECORDS, mx('acme-trading.com', 'acme-trading-com.mail.protection.outlook.com'), a('acme-trading-com.mail.protection.outlook.com', '192.0.2.40'), mx('empresa.com.br', 'mx.empresa.com.br'), a('mx.empresa.com.br', '192.0.2.41')],
    rules: [{ name: 'slow-buyer.test', behaviour: 'drop' }],
  });
  try {
    const r = await runCli(['--resolver', server.resolverArg, '--timeout', '2000', '--retries', '0', 'list', '-'], { stdin: csv });
    assert.equal(r.code, 1, r.stderr);
    const printed = r.stdout.replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:53').split('\n');
    let at = 0;
    for (const line of block.split('\n').filter((l) => l !== '' && l !== '…')) {
      const found = printed.findIndex((p, i) => i >= at && p === line);
      assert.ok(found >= 0, `line not printed (in order): ${line}\n${r.stdout}`);
      at = found + 1;
    }
  } finally {
    await server.close();
  }
});
