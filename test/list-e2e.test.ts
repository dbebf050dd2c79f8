import { test } from 'node:test';
import assert from 'node:assert/strict';
import iconv from 'iconv-lite';
import { startDnsServer } from './helpers/dns-server.js';
import { runBinary } from './helpers/run-cli.js';
import { ADDRESS_RECORDS } from './helpers/address.js';

// The built binary, once: a GBK contact list exported by Chinese Excel, piped in, CSV out.

test('mailcheck list - (the binary): GBK CSV from stdin → UTF-8 CSV with a BOM, every column kept, exit 1, summary on stderr', async () => {
  const server = await startDnsServer({ records: ADDRESS_RECORDS });
  try {
    const input = iconv.encode('姓名,邮箱,电话\n张三,zhang@qq.com,+86 138 0000 0001\n李四,li@gmial.com,\n王五,info@good.test,\n', 'gbk');
    const r = await runBinary(['--resolver', server.resolverArg, '--format', 'csv', 'list', '-'], { stdin: input });
    assert.equal(r.code, 1, r.stderr);
    const lines = r.stdout.split('\r\n');
    assert.equal(lines[0], '\ufeff姓名,邮箱,电话,verdict,reasons,suggestion,normalized,provider,detail');
    assert.match(lines[1]!, /^张三,zhang@qq\.com,\+86 138 0000 0001,ok,address\.free-provider,,zhang@qq\.com,QQ Mail,/);
    assert.match(lines[2]!, /^李四,li@gmial\.com,,invalid,address\.typo address\.domain-missing address\.disposable,li@gmail\.com,/);
    assert.match(lines[3]!, /^王五,info@good\.test,,risky,address\.role,/);
    assert.match(r.stderr, /^3 addresses: 1 ok, 1 risky, 1 invalid, 0 unknown\n/);
  } finally {
    await server.close();
  }
});
