import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { runCli } from './helpers/run-cli.js';

test('message on an empty folder: one line on stderr and exit 2 (it said nothing), as bounce says it', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'mailcheck-message-empty-'));
  try {
    for (const command of ['message', 'bounce']) {
      const r = await runCli([command, dir]);
      assert.equal(r.code, 2, `${command}: ${r.stderr}`);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `mailcheck: no message in ${dir}: it is empty\n`, command);
    }
    const zh = await runCli(['--lang', 'zh-CN', 'message', dir]);
    assert.equal(zh.stderr, `mailcheck: ${dir} 里没有邮件：都是空的\n`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
