import type { FindingSpec } from '../core/check.js';
import { DOMAIN_CHECKS, IP_CHECKS } from './index.js';
import { spfResultCheck } from './spf-result.js';
import { bounceCheck } from './bounce.js';
import { lookupCheck } from './lookup.js';
import { selftestCheck } from './selftest.js';
import { ADDRESS_CHECKS } from './address/index.js';
import { recallCheck } from './recall.js';
import { MESSAGE_CHECKS } from './message/index.js';
import { DMARC_REPORT_CHECKS } from './dmarc-report.js';

/** Every check by id with the findings it can emit and its docs anchor (SARIF rules, the catalogue test, the README table). */
export const CHECK_SPECS: ReadonlyMap<string, { docs: string; findings: readonly FindingSpec[] }> = new Map(
  [...DOMAIN_CHECKS, ...IP_CHECKS, spfResultCheck, bounceCheck, lookupCheck, selftestCheck, recallCheck, ...MESSAGE_CHECKS, ...DMARC_REPORT_CHECKS, ...ADDRESS_CHECKS].map((c) => [c.id, { docs: c.docs, findings: c.findings }]),
);

/** Every finding id any check can emit. */
export function allFindingIds(): string[] {
  return [...new Set([...CHECK_SPECS.values()].flatMap((c) => c.findings.map((f) => f.id)).concat('check.crashed', 'dns.no-answers'))];
}
