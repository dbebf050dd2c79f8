import { createLruResolver } from '../../src/dns/resolver.js';
import { createMemorySource, type MemorySourceOptions } from '../../src/dns/memory.js';
import type { DnsRecord, Resolver } from '../../src/dns/types.js';
import { createAddressGatherer } from '../../src/gather/address.js';
import { gatherContext } from '../../src/gather/context.js';
import type { Report } from '../../src/core/report.js';
import { checkAddressRows, type AddressRow, type SuppressList } from '../../src/report/address.js';
import { a, mx } from './records.js';

// Address checks over an in-memory DNS (no sockets): the pipeline of `mailcheck address` and `list`.

/** Domains for address tests: one of each kind a list meets. */
export const ADDRESS_RECORDS: DnsRecord[] = [
  mx('good.test', 'mx.good.test'),
  a('mx.good.test', '192.0.2.1'),
  mx('gmail.com', 'gmail-smtp-in.l.google.com', 5),
  a('gmail-smtp-in.l.google.com', '192.0.2.2'),
  mx('qq.com', 'mx1.qq.com'),
  a('mx1.qq.com', '192.0.2.3'),
  mx('163.com', '163mx01.mxmail.netease.com'),
  a('163mx01.mxmail.netease.com', '192.0.2.4'),
  mx('google.test', 'aspmx.l.google.com'),
  a('aspmx.l.google.com', '192.0.2.5'),
  mx('null.test', '', 0),
  a('implicit.test', '192.0.2.6'),
  { name: 'nomail.test', type: 'TXT', ttl: 300, data: 'v=spf1 -all' },
  mx('unresolvable.test', 'mx.unresolvable.test'),
  mx('hostfail.test', 'mx.hostfail.test'),
  mx('backup.test', 'mx1.backup.test', 10),
  mx('backup.test', 'mx2.backup.test', 20),
  a('mx2.backup.test', '192.0.2.7'),
];

export interface Harness {
  resolver: Resolver & { stats(): { queries: number } };
  check(addresses: (string | Partial<AddressRow>)[], suppress?: SuppressList): Promise<Report[]>;
}

export function harness(options: { records?: DnsRecord[]; failures?: MemorySourceOptions['failures'] } = {}): Harness {
  const source = createMemorySource(options.records ?? ADDRESS_RECORDS, { failures: options.failures ?? [{ name: 'servfail.test', outcome: 'servfail' }, { name: 'timeout.test', outcome: 'timeout' }, { name: 'mx.hostfail.test', outcome: 'timeout' }] });
  const resolver = createLruResolver(source);
  const gatherer = createAddressGatherer(gatherContext(resolver, { timeoutMs: 1000 }));
  return {
    resolver,
    async check(addresses, suppress) {
      const rows: AddressRow[] = addresses.map((x, i) => (typeof x === 'string' ? { row: i + 1, line: i + 1, address: x, fields: [x] } : { row: i + 1, line: i + 1, address: '', fields: [], ...x }));
      async function* source(): AsyncGenerator<AddressRow> {
        yield* rows;
      }
      const out: Report[] = [];
      for await (const r of checkAddressRows(source(), { gatherer, ...(suppress ? { suppress } : {}) })) out.push(r);
      return out;
    },
  };
}

/** verdict and reason ids of a report. */
export function verdict(report: Report): { verdict: unknown; reasons: unknown } {
  return { verdict: report.data.verdict, reasons: report.data.reasons };
}
