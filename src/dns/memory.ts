import type { DnsRecord, FailureOutcome, LookupResult, QueryType, Resolver, Transport } from './types.js';
import { normalizeName } from './types.js';

/** Most CNAMEs followed for one question, as recursive resolvers bound it. */
const MAX_CNAME_CHAIN = 8;

export interface MemorySourceOptions {
  /** Names (lower case) whose queries fail with this outcome, for any type unless `types` is given. */
  failures?: { name: string; outcome: FailureOutcome; types?: QueryType[] }[];
  /** Reported as the transport of every answer (`zone` for zone files). */
  transport?: Transport;
  /** Names that exist without records of a modelled type (e.g. owners of SRV records in a zone file). */
  existingNames?: string[];
}

/**
 * Answers from a fixed set of records the way a recursive server would: CNAME chains followed,
 * NXDOMAIN for names that do not exist, NODATA for names that exist (or have names below them,
 * RFC 8020 empty non-terminals) but hold no record of the asked type. A `*` label matches names that
 * do not exist below its parent (RFC 4592): `*.dnsbl.test` answers for `2.0.0.127.dnsbl.test`, with
 * the asked name as owner, but not for names that exist (or are empty non-terminals) themselves.
 */
export function createMemorySource(records: DnsRecord[], options: MemorySourceOptions = {}): Resolver {
  const byName = new Map<string, DnsRecord[]>();
  const existing = new Set<string>();
  const addExisting = (name: string) => {
    // Every ancestor exists as an empty non-terminal; once a name is in, so are all of its ancestors.
    for (let at = name; !existing.has(at); ) {
      existing.add(at);
      const dot = at.indexOf('.');
      if (dot < 0) break;
      at = at.slice(dot + 1);
    }
  };
  // An RRset holds each record once (RFC 2181 §5): the same zone file given twice adds nothing. The
  // keys of an owner's records are made when it gets a second one, so a name with thousands of
  // records costs no more per record, and a name with one costs nothing.
  const keysByName = new Map<string, Set<string>>();
  const keyOf = (record: DnsRecord) => `${record.type} ${JSON.stringify(record.data)}`;
  for (const record of records) {
    const name = normalizeName(record.name);
    const stored = record.name === name ? record : { ...record, name };
    const list = byName.get(name);
    if (!list) {
      byName.set(name, [stored]);
      addExisting(name);
      continue;
    }
    let keys = keysByName.get(name);
    if (!keys) {
      keys = new Set(list.map(keyOf));
      keysByName.set(name, keys);
    }
    const key = keyOf(stored);
    if (keys.has(key)) continue;
    keys.add(key);
    list.push(stored);
  }
  for (const name of options.existingNames ?? []) addExisting(normalizeName(name));
  const transport = options.transport ?? 'memory';

  /** Records at a name: its own, or those of the wildcard at its closest encloser (RFC 4592 §3.3.1). */
  const recordsAt = (name: string): DnsRecord[] | undefined => {
    const own = byName.get(name);
    if (own || existing.has(name)) return own;
    const labels = name.split('.');
    for (let i = 1; i <= labels.length; i++) {
      const encloser = labels.slice(i).join('.');
      if (i < labels.length && !existing.has(encloser)) continue;
      const wildcard = byName.get(encloser === '' ? '*' : `*.${encloser}`);
      return wildcard?.map((r) => ({ ...r, name }));
    }
    return undefined;
  };

  return {
    async query<T extends QueryType>(name: string, type: T): Promise<LookupResult<T>> {
      const asked = normalizeName(name);
      const base = { name: asked, type, transport, ad: false };
      const cnames: DnsRecord<'CNAME'>[] = [];
      let current = asked;
      for (let hop = 0; hop <= MAX_CNAME_CHAIN; hop++) {
        const failure = options.failures?.find((f) => f.name === current && (!f.types || f.types.includes(type)));
        if (failure) return { ...base, outcome: failure.outcome, answers: [], cnames, error: `${failure.outcome} (fixture)` };
        const found = recordsAt(current);
        const here = found ?? [];
        const answers = here.filter((r): r is DnsRecord<T> => r.type === type);
        if (answers.length > 0) return { ...base, outcome: 'answer', answers, cnames };
        const cname = type === 'CNAME' ? undefined : here.find((r): r is DnsRecord<'CNAME'> => r.type === 'CNAME');
        if (!cname) {
          const outcome = found !== undefined || existing.has(current) ? 'nodata' : 'nxdomain';
          return { ...base, outcome, answers: [], cnames };
        }
        cnames.push(cname);
        current = normalizeName(cname.data);
      }
      return { ...base, outcome: 'servfail', answers: [], cnames, error: 'CNAME chain too long' };
    },
  };
}
