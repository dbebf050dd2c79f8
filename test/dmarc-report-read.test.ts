import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { organizationalDomain } from '../src/gather/dmarc.js';
import { DmarcAggregator } from '../src/dmarc-report/aggregate.js';
import { readReportAttachment, readReportFile } from '../src/dmarc-report/read.js';
import { makeZip } from './helpers/zip-writer.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'dmarc-report');
const fixture = (name: string): Buffer => readFileSync(join(FIXTURES, name));
const GOOGLE = 'google.com!example.com!1767225600!1767311999';
const YAHOO = 'yahoo.com!example.com!1767225600!1767311999';

test('a zip with a good report, a truncated one, a hostile one and an encrypted member', async () => {
  const good = fixture(`${GOOGLE}.xml`);
  const zip = makeZip([
    { name: 'a.xml', data: good },
    { name: 'b.xml', data: good.subarray(0, 500) },
    { name: 'c.xml', data: '<!DOCTYPE x [<!ENTITY a "aaaa">]><feedback>&a;</feedback>' },
    { name: 'd.xml', data: good, encrypted: true },
  ]);
  const out = await readReportFile('inbox/r.zip', zip);
  assert.equal(out.skipped, false);
  assert.deepEqual(out.reports.map((r) => [r.name, r.report.messages]), [['inbox/r.zip!a.xml', 170]]);
  assert.deepEqual(out.rejected.map((r) => [r.name, r.problem.code]), [
    ['inbox/r.zip!d.xml', 'archive.zip-encrypted'],
    ['inbox/r.zip!b.xml', 'dmarc-report.truncated'],
    ['inbox/r.zip!c.xml', 'dmarc-report.doctype'],
  ]);
});

test('files and attachments feed one aggregator; duplicates across containers count once', async () => {
  const agg = new DmarcAggregator({ orgDomain: organizationalDomain });
  const inputs = [
    await readReportFile(`${GOOGLE}.zip`, fixture(`${GOOGLE}.zip`)),
    await readReportFile(`${GOOGLE}.xml`, fixture(`${GOOGLE}.xml`)), // the same report, unzipped
    await readReportAttachment(`${YAHOO}.xml.gz`, 'application/gzip', fixture(`${YAHOO}.xml.gz`)),
    await readReportAttachment('', 'text/plain; charset=us-ascii', Buffer.from('This is an aggregate report from Yahoo.')),
    await readReportFile('broken.xml.gz', gzipSync(Buffer.from('unused'))),
  ];
  assert.deepEqual(inputs.map((i) => [i.reports.length, i.rejected.length, i.skipped]), [[1, 0, false], [1, 0, false], [1, 0, false], [0, 0, true], [0, 1, false]]);
  assert.deepEqual(inputs[4]?.rejected, [{ name: 'broken.xml.gz', problem: { code: 'dmarc-report.not-xml', data: {} } }]);
  const outcomes = inputs.flatMap((i) => i.reports.map((r) => agg.add(r.report)));
  assert.deepEqual(outcomes, ['added', 'duplicate', 'added']);
  const { totals } = agg.result();
  assert.deepEqual([totals.reports, totals.duplicates, totals.messages], [2, 1, 170 + 35]);
});

test('a rejected archive is one rejection under the input name', async () => {
  const out = await readReportFile('x.zip', Buffer.from('PK\x03\x04 nothing more'));
  assert.deepEqual(out, { reports: [], rejected: [{ name: 'x.zip', problem: { code: 'archive.zip-corrupt', data: { reason: 'not-zip' } } }], skipped: false });
});
