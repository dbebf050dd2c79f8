// Driver for the OpenSPF conformance suites (../shared/corpora/spf/README.md describes the format and
// the conventions implemented here). Used by test/spf-conformance.test.ts and scripts/conformance-spf.ts.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseAllDocuments } from 'yaml';
import { createMemorySource } from '../../src/dns/memory.js';
import type { DnsRecord, QueryType, Resolver } from '../../src/dns/types.js';
import { QUERY_TYPES } from '../../src/dns/types.js';
import type { SpfResult } from '../../src/spf/check-host.js';
import { checkHost } from '../../src/spf/check-host.js';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * The corpora directory: `../shared/corpora` beside the repository root. A git worktree may sit
 * deeper (e.g. /work/wt/<branch>), so the nearest ancestor holding `shared/corpora` is used.
 */
export function corporaDir(): string | undefined {
  let dir = REPO_ROOT;
  for (;;) {
    const parent = dirname(dir);
    const candidate = join(parent, 'shared', 'corpora');
    if (existsSync(candidate)) return candidate;
    if (parent === dir) return undefined;
    dir = parent;
  }
}

export function suitePath(file: string): string | undefined {
  const dir = corporaDir();
  const path = dir === undefined ? undefined : join(dir, 'spf', file);
  return path !== undefined && existsSync(path) ? path : undefined;
}

export interface SuiteCase {
  scenario: string;
  name: string;
  host: string;
  helo: string;
  mailfrom: string;
  /** Acceptable results, preferred first. */
  results: SpfResult[];
  explanation?: string;
  spec: string;
  resolver: Resolver;
  /** The scenario's records and timeouts (for a DNS server, to run the case through the CLI). */
  zone: ZoneData;
}

type ZoneEntry = string | Record<string, unknown>;

function textOf(value: unknown): string {
  // A YAML list is one record made of several character-strings, joined with no separator (§3.3).
  return Array.isArray(value) ? value.map(String).join('') : String(value);
}

/** A scenario's records, and the names and types that time out (the suite's TIMEOUT entries). */
export interface ZoneData {
  records: DnsRecord[];
  failures: { name: string; outcome: 'timeout'; types: QueryType[] }[];
}

/** Turns one scenario's zonedata into an in-memory resolver, following the suite's driver conventions. */
export function resolverForZone(zonedata: Record<string, ZoneEntry[]>): Resolver {
  const { records, failures } = zoneData(zonedata);
  return createMemorySource(records, { failures });
}

/** One scenario's zonedata as records and timeouts, following the suite's driver conventions. */
export function zoneData(zonedata: Record<string, ZoneEntry[]>): ZoneData {
  const records: DnsRecord[] = [];
  const failures: { name: string; outcome: 'timeout'; types: QueryType[] }[] = [];
  for (const [rawName, entries] of Object.entries(zonedata ?? {})) {
    const name = rawName.toLowerCase();
    const hasOwnTxt = (entries ?? []).some((e) => typeof e === 'object' && e !== null && 'TXT' in e);
    const answered = new Set<string>();
    let timedOut = false;
    const copies: DnsRecord[] = [];
    for (const entry of entries ?? []) {
      if (entry === 'TIMEOUT') {
        // Types with a record listed before TIMEOUT answer; everything else times out.
        failures.push({ name, outcome: 'timeout', types: QUERY_TYPES.filter((t) => !answered.has(t)) });
        timedOut = true;
        continue;
      }
      if (typeof entry !== 'object' || entry === null) continue;
      for (const [type, value] of Object.entries(entry)) {
        if (type === 'TXT' && value === 'NONE') continue; // only stops the SPF→TXT copy
        const add = (record: DnsRecord) => {
          records.push(record);
          if (!timedOut) answered.add(record.type);
        };
        switch (type) {
          case 'TXT':
            add({ name, type: 'TXT', ttl: 300, data: textOf(value) });
            break;
          case 'SPF':
            add({ name, type: 'SPF', ttl: 300, data: textOf(value) });
            // SPF records are also served as TXT unless the name has TXT entries of its own. The
            // copies come after everything listed (pyspf's driver appends them), so after any TIMEOUT.
            if (!hasOwnTxt) copies.push({ name, type: 'TXT', ttl: 300, data: textOf(value) });
            break;
          case 'A':
          case 'AAAA':
          case 'PTR':
          case 'CNAME':
            add({ name, type, ttl: 300, data: String(value) } as DnsRecord);
            break;
          case 'MX': {
            const [preference, exchange] = value as [number, string];
            add({ name, type: 'MX', ttl: 300, data: { preference: Number(preference), exchange: String(exchange).toLowerCase().replace(/\.$/, '') } });
            break;
          }
          default:
            throw new Error(`unsupported zonedata record type ${type} at ${name}`);
        }
      }
    }
    records.push(...copies);
  }
  return { records, failures };
}

interface RawTest {
  host: string;
  helo: string;
  mailfrom: string;
  result: SpfResult | SpfResult[];
  explanation?: string;
  spec?: string | number;
}

/** Every test of a suite file, each with a resolver built from its scenario's zonedata. */
export function loadSuite(path: string): SuiteCase[] {
  const cases: SuiteCase[] = [];
  for (const document of parseAllDocuments(readFileSync(path, 'utf8'))) {
    if (document.errors.length > 0) throw new Error(`${path}: ${document.errors[0]?.message}`);
    const scenario = document.toJS() as { description: string; tests: Record<string, RawTest>; zonedata: Record<string, ZoneEntry[]> } | null;
    if (!scenario) continue;
    const zone = zoneData(scenario.zonedata);
    const resolver = createMemorySource(zone.records, { failures: zone.failures });
    for (const [name, test] of Object.entries(scenario.tests)) {
      const item: SuiteCase = {
        scenario: scenario.description,
        name,
        host: String(test.host),
        helo: String(test.helo ?? ''),
        mailfrom: String(test.mailfrom ?? ''),
        results: Array.isArray(test.result) ? test.result : [test.result],
        spec: String(test.spec ?? ''),
        resolver,
        zone,
      };
      if (test.explanation !== undefined) item.explanation = String(test.explanation);
      cases.push(item);
    }
  }
  return cases;
}

export interface CaseOutcome {
  ok: boolean;
  result: SpfResult;
  explanation: string | null;
  problem: string | null;
}

/** Runs one case the way pyspf's driver does: domain from MAIL FROM (or HELO for the null sender), default explanation `DEFAULT`. */
export async function runCase(item: SuiteCase): Promise<CaseOutcome> {
  const at = item.mailfrom.lastIndexOf('@');
  const domain = item.mailfrom === '' ? item.helo : at < 0 ? item.mailfrom : item.mailfrom.slice(at + 1);
  const outcome = await checkHost({ ip: item.host, domain, sender: item.mailfrom, helo: item.helo }, item.resolver, {
    defaultExplanation: 'DEFAULT',
  });
  let ok = item.results.includes(outcome.result);
  if (ok && item.explanation !== undefined && outcome.result === 'fail') ok = outcome.explanation === item.explanation;
  return { ok, result: outcome.result, explanation: outcome.explanation, problem: outcome.problem ? `${outcome.problem.id} ${JSON.stringify(outcome.problem.data)}` : null };
}
