import { duplicateKey } from '../address/duplicate.js';
import { SeenSet } from '../address/seen.js';
import { ADDRESS_CHECKS } from '../checks/address/index.js';
import { isCouldNotCheck, severityRank, type Data, type Finding, type Severity } from '../core/finding.js';
import type { Report } from '../core/report.js';
import { providerById } from '../data/providers.js';
import type { AddressFacts, AddressGatherer, RowProblem, SuppressHit } from '../gather/address.js';
import { parseAddress, type EmailAddress } from '../parse/address.js';
import { runChecks } from './run.js';

// `mailcheck address` and `mailcheck list`: one report per address, in input order, streamed. Each row is
// parsed, matched against the suppression list and the rows before it as it arrives (so "the later row"
// of a duplicate is the later one in the file), then waits for its domain's facts; rows leave in input
// order, at most `maxPending` of them waiting for an earlier one.

export type Verdict = 'ok' | 'risky' | 'invalid' | 'unknown';
export const VERDICTS: readonly Verdict[] = ['ok', 'risky', 'invalid', 'unknown'];

/** One address to check: a row of a list, or a command-line argument. */
export interface AddressRow {
  /** 1-based among the data rows. */
  row: number;
  /** 1-based input line where the row starts (the argument's position for `address`). */
  line: number;
  /** The address cell, trimmed. */
  address: string;
  /** Every input field, in input order. */
  fields: string[];
  /** NDJSON: the parsed object, every key kept. */
  object?: Record<string, unknown>;
  problem?: RowProblem;
}

/**
 * invalid: a definite problem (an error); else unknown: a lookup failed, so it could not be decided;
 * else risky: a warning (role, disposable, duplicate…); else ok (info findings such as a free provider
 * do not change it).
 */
export function verdictOf(findings: readonly Finding[]): Verdict {
  if (findings.some((f) => f.severity === 'error' && !isCouldNotCheck(f))) return 'invalid';
  if (findings.some(isCouldNotCheck)) return 'unknown';
  if (findings.some((f) => f.severity === 'warning')) return 'risky';
  return 'ok';
}

/** The mailbox key a suppression list entry matches on: duplicateKey with the local part's case folded too. */
export function suppressKey(address: Pick<EmailAddress, 'local' | 'domain'>): string {
  return duplicateKey(address, { foldCase: true });
}

/** A suppression list: mailbox key → where it came from. */
export type SuppressList = ReadonlyMap<string, SuppressHit>;

/** The report of one address from its facts. Pure. */
export function addressReport(row: AddressRow, facts: AddressFacts): Report {
  // keepOrder: the runner's sort builds a map of the checks for every report; a stable sort by severity
  // over the few findings of one address gives the same order.
  const report = runChecks({ command: 'address', subject: facts.input, checks: ADDRESS_CHECKS, facts, weights: {}, scored: false, keepOrder: true });
  if (report.findings.length > 1) report.findings.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const address = facts.parse?.ok ? facts.parse.address : undefined;
  const providerId = facts.mail?.status === 'mail' ? facts.mail.provider : null;
  const typo = report.sections.find((s) => s.id === 'address-typo')?.data.suggestion;
  const data: Data = {
    row: row.row,
    line: row.line,
    input: facts.input,
    address: address?.ascii ?? null,
    unicode: address?.unicode ?? null,
    displayName: address?.displayName ?? null,
    domain: address?.domain ?? null,
    verdict: verdictOf(report.findings),
    reasons: [...new Set(report.findings.map((f) => f.id))],
    suggestion: typeof typo === 'string' ? typo : null,
    provider: providerId,
    providerName: providerId ? (providerById(providerId)?.name ?? providerId) : null,
    fields: row.fields,
  };
  if (row.object) data.object = row.object;
  return { ...report, data };
}

export interface AddressRunOptions {
  gatherer: AddressGatherer;
  suppress?: SuppressList;
  /** Most rows decided or waiting while an earlier row is still waiting (the reordering bound). */
  maxPending?: number;
}

export const DEFAULT_MAX_PENDING = 2000;

/** Starts one row: the synchronous part (parse, duplicate, suppression) now, the DNS part when it arrives. */
function startRow(row: AddressRow, seen: SeenSet, options: AddressRunOptions): Promise<Report> | Report {
  const input = row.address;
  const facts: AddressFacts = { input, problem: row.problem ?? null, parse: null, mail: null, typo: null, suppressed: null, duplicateOf: null };
  if (row.problem) return addressReport(row, facts);
  facts.parse = parseAddress(input);
  if (!facts.parse.ok) return addressReport(row, facts);
  const address = facts.parse.address;
  facts.duplicateOf = seen.firstRow(duplicateKey(address), row.row) ?? null;
  facts.suppressed = options.suppress?.get(suppressKey(address)) ?? null;
  if (address.ipLiteral) return addressReport(row, facts);
  const known = options.gatherer.known(address.domain);
  if (known) {
    facts.mail = known.mail;
    facts.typo = known.typo;
    return addressReport(row, facts);
  }
  return options.gatherer.gather(address.domain).then((domain) => {
    facts.mail = domain.mail;
    facts.typo = domain.typo;
    return addressReport(row, facts);
  });
}

interface Pending<T> {
  settled: boolean;
  value?: T;
}

/**
 * The rows' reports in input order, each given to `decided` as soon as the row is decided (so that what
 * waits behind a slow row is its small output, not the report), and yielded as soon as every row before
 * it is: a row whose domain is cached is decided at once, a slow lookup holds back at most `maxPending`
 * rows. Rows are read only while fewer than `maxPending` wait, so memory is bounded however long the
 * input. An error reading the rows comes out of the generator after the rows before it.
 */
export async function* checkAddressRows<T = Report>(rows: AsyncIterable<AddressRow>, options: AddressRunOptions, decided: (report: Report) => T = (r) => r as T): AsyncGenerator<T> {
  const max = Math.max(1, options.maxPending ?? DEFAULT_MAX_PENDING);
  const seen = new SeenSet();
  const queue: (Pending<T> | undefined)[] = [];
  let head = 0;
  let done = false;
  let stopped = false;
  // A row that could not be decided (a bug) ends the run at once; an input error after the rows before it.
  let failure: { error: unknown } | undefined;
  let inputFailure: { error: unknown } | undefined;
  // One waiter on each side at most: the consumer waits for the head to be decided, the reader for room.
  let wakeConsumer: (() => void) | undefined;
  let wakeReader: (() => void) | undefined;
  const signalConsumer = (): void => {
    const wake = wakeConsumer;
    wakeConsumer = undefined;
    wake?.();
  };

  const reader = (async () => {
    const input = rows[Symbol.asyncIterator]();
    try {
      for (;;) {
        while (queue.length - head >= max && !stopped) await new Promise<void>((resolve) => (wakeReader = resolve));
        if (stopped) break;
        const next = await input.next();
        if (next.done || stopped) break;
        const started = startRow(next.value, seen, options);
        if (started instanceof Promise) {
          const entry: Pending<T> = { settled: false };
          queue.push(entry);
          void started.then(decided).then(
            (value) => {
              entry.value = value;
              entry.settled = true;
              if (entry === queue[head]) signalConsumer();
            },
            (error: unknown) => {
              failure ??= { error };
              signalConsumer();
            },
          );
        } else {
          let value: T;
          try {
            value = decided(started);
          } catch (error) {
            failure ??= { error };
            break;
          }
          queue.push({ settled: true, value });
          if (queue.length - head === 1) signalConsumer();
        }
      }
    } catch (error) {
      inputFailure ??= { error };
    } finally {
      done = true;
      signalConsumer();
      if (stopped) void input.return?.();
    }
  })();

  try {
    for (;;) {
      while (head < queue.length && (queue[head] as Pending<T>).settled) {
        const entry = queue[head] as Pending<T>;
        queue[head++] = undefined;
        if (head > 1024 && head * 2 > queue.length) {
          queue.splice(0, head);
          head = 0;
        }
        const wake = wakeReader;
        wakeReader = undefined;
        wake?.();
        yield entry.value as T;
      }
      if (failure) throw failure.error;
      if (done && head >= queue.length) {
        if (inputFailure) throw inputFailure.error;
        return;
      }
      await new Promise<void>((resolve) => (wakeConsumer = resolve));
    }
  } finally {
    // Stopped early (an error while printing): the reader stops at its next row; it is not awaited, as it
    // may be waiting for input that never comes (a terminal on stdin).
    stopped = true;
    wakeReader?.();
    void reader;
  }
}

export interface AddressSummaryData {
  rows: number;
  verdicts: Record<Verdict, number>;
  /** Rows per reason id, most frequent first. */
  reasons: Record<string, number>;
  /** Rows per mailbox provider name (rows whose domain receives mail), most frequent first; `null` key not used. */
  providers: Record<string, number>;
  /** Rows whose domain receives mail and whose provider is not known. */
  unknownProvider: number;
}

/** Counts by verdict, reason and provider, built row by row (constant memory in rows; one entry per id). */
export class AddressSummary {
  rows = 0;
  readonly verdicts: Record<Verdict, number> = { ok: 0, risky: 0, invalid: 0, unknown: 0 };
  readonly #reasons = new Map<string, number>();
  readonly #severity = new Map<string, Severity>();
  readonly #providers = new Map<string, number>();
  #unknownProvider = 0;

  add(report: Report): void {
    this.rows++;
    this.verdicts[report.data.verdict as Verdict]++;
    for (const id of report.data.reasons as string[]) this.#reasons.set(id, (this.#reasons.get(id) ?? 0) + 1);
    for (const f of report.findings) {
      const before = this.#severity.get(f.id);
      if (!before || severityRank(f.severity) > severityRank(before)) this.#severity.set(f.id, f.severity);
    }
    const mail = report.sections.find((s) => s.id === 'address-mail');
    if (mail?.data.status === 'mail') {
      const name = report.data.providerName as string | null;
      if (name) this.#providers.set(name, (this.#providers.get(name) ?? 0) + 1);
      else this.#unknownProvider++;
    }
  }

  data(): AddressSummaryData {
    const sorted = (m: Map<string, number>) => Object.fromEntries([...m.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)));
    return { rows: this.rows, verdicts: { ...this.verdicts }, reasons: sorted(this.#reasons), providers: sorted(this.#providers), unknownProvider: this.#unknownProvider };
  }

  /**
   * The run as one report for the exit policy and the renderers: one finding per reason id at the most
   * severe severity it had, incomplete when some address could not be decided. `extra` joins the data.
   */
  report(extra: Data = {}): Report {
    const findings: Finding[] = [...this.#severity.entries()].map(([id, severity]) => ({ id, check: 'address-summary', severity, data: { rows: this.#reasons.get(id) ?? 0 }, fix: null }));
    return { command: 'address-summary', subject: '', incomplete: this.verdicts.unknown > 0, sections: [], findings, score: null, grade: null, data: { ...this.data(), ...extra } };
  }
}
