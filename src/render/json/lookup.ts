import type { Report } from '../../core/report.js';
import type { DnsRecord, LookupResult, Outcome, RecordDataMap, Transport } from '../../dns/types.js';
import { isFailure } from '../../dns/types.js';

/** `mailcheck lookup --json`: a stable shape, documented in the README. */
export interface LookupJson {
  name: string;
  type: string;
  outcome: Outcome;
  /** CNAMEs followed, in order, then the records of the asked type. */
  answers: { name: string; type: string; ttl: number; data: RecordDataMap[keyof RecordDataMap] }[];
  transport: Transport;
  ad: boolean;
  /** Why the lookup failed; only present for timeout/servfail/refused/error. */
  error?: string;
}

export function lookupJson(report: Report): LookupJson {
  const result = report.data.result as LookupResult;
  const records: DnsRecord[] = [...result.cnames, ...result.answers];
  const json: LookupJson = {
    name: result.name,
    type: result.type,
    outcome: result.outcome,
    answers: records.map((r) => ({ name: r.name, type: r.type, ttl: r.ttl, data: r.data })),
    transport: result.transport,
    ad: result.ad,
  };
  if (isFailure(result) && result.error) json.error = result.error;
  return json;
}
