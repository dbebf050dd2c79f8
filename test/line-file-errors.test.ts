import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { runCli } from './helpers/run-cli.js';

test('a --file that is binary: one line naming the line and what each line should hold (a domain, an IP address)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailcheck-line-file-'));
  try {
    const file = join(dir, 'list.bin');
    writeFileSync(file, Buffer.concat([Buffer.from('example.test\n192.0.2.1\n'), Buffer.from([0x00, 0xff, 0x10, 0x2b])]));
    const domain = await runCli(['domain', '--file', file]);
    assert.equal(domain.code, 2);
    assert.equal(domain.stderr, `mailcheck: ${file}:3: not text (binary data); give one domain per line\n`);
    const ip = await runCli(['ip', '--file', file]);
    assert.equal(ip.code, 2);
    assert.equal(ip.stderr, `mailcheck: ${file}:3: not text (binary data); give one IP address per line\n`);
    const zh = await runCli(['--lang', 'zh-CN', 'ip', '--file', file]);
    assert.equal(zh.stderr, `mailcheck: ${file}:3: 不是文本（二进制数据）；请每行写一个 IP 地址\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a --zone file that is binary: one line, exit 2, not names made of its bytes', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailcheck-zone-binary-'));
  try {
    const file = join(dir, 'photo.zone');
    writeFileSync(file, Buffer.concat([Buffer.from('$ORIGIN example.test.\n@ 300 IN A 192.0.2.1\n'), Buffer.from([0x89, 0x50, 0x00, 0x1a])]));
    const r = await runCli(['--zone', file, 'lookup', 'example.test', 'A']);
    assert.equal(r.code, 2);
    assert.equal(r.stderr, `mailcheck: ${file}:3: not a zone file (binary data)\n`);
    const zh = await runCli(['--lang', 'zh-CN', '--zone', file, 'domain', 'example.test']);
    assert.equal(zh.stderr, `mailcheck: ${file}:3: 不是区域文件（二进制数据）\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
