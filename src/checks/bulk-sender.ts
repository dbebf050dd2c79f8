import { BULK_RULES, providersOf, requirementsOf, type BulkProfile, type BulkRequirement, type BulkRuleId } from '../data/bulk-sender-rules.js';
import type { DomainFacts } from '../gather/domain.js';
import { parseIp } from '../net/ip.js';
import { parseMtaStsPolicy } from '../parse/mta-sts.js';
import type { Data, Finding, Severity } from '../core/finding.js';
import { dkimCheck } from './dkim.js';
import { dmarcCheck } from './dmarc.js';
import { spfCheck } from './spf.js';
import { finding, item, spec, type DomainCheck, type FoundItem } from './common.js';

const CHECK = 'profile';
const PRIVATE_RANGES = ['private', 'loopback', 'linkLocal', 'uniqueLocal', 'unspecified', 'carrierGradeNat'];
/** SPF findings that make the record unusable (permerror, or none at all). */
const SPF_FATAL = ['spf.missing', 'spf.multiple', 'spf.syntax', 'spf.too-many-lookups', 'spf.void-lookups', 'spf.loop', 'spf.include-missing'];
const DMARC_FATAL = ['dmarc.missing', 'dmarc.multiple', 'dmarc.syntax'];

/** pass / fail / could not check from DNS (`unknown`) / a property of each message (`message`). */
export type RuleStatus = 'pass' | 'fail' | 'unknown' | 'message';

export interface RuleVerdict {
  rule: BulkRuleId;
  status: RuleStatus;
  /** Why, as a stable word (`no-record`, `no-ip`, `starttls`…), with facts in `detail`. */
  reason: string;
  detail: Data;
}

type Verdict = Omit<RuleVerdict, 'rule'>;
const v = (status: RuleStatus, reason: string, detail: Data = {}): Verdict => ({ status, reason, detail });

function spfVerdict(facts: DomainFacts): Verdict {
  const result = spfCheck.run(facts);
  if (result.status === 'failed' || result.status === 'error') return v('unknown', 'lookup-failed');
  const fatal = result.findings.find((f) => SPF_FATAL.includes(f.id));
  if (fatal) return v('fail', fatal.id);
  const ips = facts.spfIp.filter((e) => e.evaluation.result !== 'pass');
  const failing = ips.filter((e) => e.evaluation.result !== 'temperror');
  if (failing.length > 0) return v('fail', 'ip-not-pass', { ips: failing.map((e) => ({ ip: e.ip, result: e.evaluation.result })) });
  if (ips.length > 0 || result.status === 'partial') return v('unknown', 'lookup-failed');
  return facts.spfIp.length > 0 ? v('pass', 'ip-pass', { ips: facts.spfIp.map((e) => e.ip) }) : v('pass', 'record', { record: result.data.record ?? null });
}

function dkimVerdict(facts: DomainFacts): Verdict {
  const result = dkimCheck.run(facts);
  const keys = (result.data.selectors as { selector: string; keyType: string; bits: number | null; revoked: boolean; valid: boolean }[]) ?? [];
  // Gmail: a key of at least 1024 bits (RFC 8301 too); Ed25519 keys are fine.
  const good = keys.filter((k) => k.valid && !k.revoked && (k.keyType !== 'rsa' || (k.bits ?? 0) >= 1024));
  if (good.length > 0) return v('pass', 'key', { selectors: good.map((k) => k.selector) });
  if (keys.length > 0) return v('fail', 'unusable-key', { selectors: keys.map((k) => k.selector) });
  if (result.status === 'failed') return v('unknown', 'lookup-failed');
  const userMissing = result.findings.filter((f) => f.id === 'dkim.not-found' && f.data.kind === 'selector').map((f) => f.data.selector);
  if (userMissing.length > 0) return v('fail', 'selector-missing', { selectors: userMissing });
  // No key at the selectors probed: DNS cannot list selectors, so this is not an absence.
  return v('unknown', 'not-found');
}

function dmarcVerdict(facts: DomainFacts): Verdict {
  const result = dmarcCheck.run(facts);
  if (result.status === 'failed' || result.status === 'error') return v('unknown', 'lookup-failed');
  const fatal = result.findings.find((f) => DMARC_FATAL.includes(f.id));
  if (fatal) return v('fail', fatal.id);
  return v('pass', 'record', { policy: result.data.policy ?? null });
}

function fcrdnsVerdict(facts: DomainFacts): Verdict {
  if (!facts.rdns.some((e) => e.role === 'sender')) return v('unknown', 'no-ip');
  const judged = facts.rdns.filter((e) => e.role === 'sender' && !PRIVATE_RANGES.includes(parseIp(e.ip)?.range ?? ''));
  if (judged.length === 0) return v('unknown', 'private-ip');
  const failing = judged.filter((e) => e.status === 'missing' || (e.status === 'ok' && e.fcrdns === false));
  if (failing.length > 0) return v('fail', 'no-fcrdns', { ips: failing.map((e) => ({ ip: e.ip, ptr: e.ptr })) });
  if (judged.some((e) => e.fcrdns !== true)) return v('unknown', 'lookup-failed');
  return v('pass', 'fcrdns', { ips: judged.map((e) => e.ip) });
}

/** TLS is judged on the domain's own MX (the sending servers are not visible from DNS): STARTTLS with --smtp, else an MTA-STS policy. */
function tlsVerdict(facts: DomainFacts): Verdict {
  const results = facts.smtp.hosts.map((h) => h.result).filter((r) => r !== undefined);
  if (results.some((r) => r.outcome === 'ok')) return v('pass', 'starttls', { hosts: results.filter((r) => r.outcome === 'ok').map((r) => r.host) });
  const plain = results.filter((r) => r.outcome === 'no-starttls' || (r.outcome === 'tls-failed' && r.reason === 'handshake'));
  if (results.length > 0 && plain.length === results.length) return v('fail', 'no-starttls', { hosts: plain.map((r) => r.host) });
  const policy = facts.mtaStsPolicy;
  const served = policy.source === 'file' || policy.http?.kind === 'ok' || policy.http?.kind === 'wrong-content-type';
  const parsed = served && policy.body !== undefined ? parseMtaStsPolicy(policy.body).policy : undefined;
  if (parsed && parsed.mode !== 'none') return v('pass', 'mta-sts', { mode: parsed.mode });
  return v('unknown', facts.smtp.enabled ? 'probe-failed' : 'no-evidence');
}

/** Every rule, judged from the domain's DNS (and --ip, --smtp): the same facts the other checks read. */
export function bulkVerdicts(facts: DomainFacts, rules: readonly BulkRuleId[] = BULK_RULES): RuleVerdict[] {
  const spf = spfVerdict(facts);
  const dkim = dkimVerdict(facts);
  const judge = (rule: BulkRuleId): Verdict => {
    switch (rule) {
      case 'spf':
        return spf;
      case 'dkim':
        return dkim;
      case 'authenticated':
      case 'alignment': {
        // SPF or DKIM; for alignment, of the From domain itself (a DKIM key under it gives d=<domain>,
        // its SPF record can pass for a Return-Path in it). DNS shows alignment is possible, a message shows it happens.
        if (spf.status === 'pass' || dkim.status === 'pass') return v('pass', spf.status === 'pass' && dkim.status === 'pass' ? 'spf-and-dkim' : spf.status === 'pass' ? 'spf' : 'dkim');
        if (spf.status === 'fail' && dkim.status === 'fail') return v('fail', 'neither', { spf: spf.reason, dkim: dkim.reason });
        return v('unknown', spf.status === 'fail' ? `spf-fails-dkim-${dkim.reason}` : 'lookup-failed', { spf: spf.reason, dkim: dkim.reason });
      }
      case 'dmarc':
        return dmarcVerdict(facts);
      case 'fcrdns':
        return fcrdnsVerdict(facts);
      case 'tls':
        return tlsVerdict(facts);
      case 'one-click-unsubscribe':
        return v('message', 'message');
    }
  };
  return rules.map((rule) => ({ rule, ...judge(rule) }));
}

function requirementData(r: BulkRequirement): Data {
  return { provider: r.provider, applies: r.applies, level: r.level, codes: r.codes.map((c) => ({ ...c })), consequence: r.consequence ?? null, since: r.since };
}

/**
 * Gmail's, Yahoo's and Microsoft's sender rules (data/bulk-sender-rules.ts), each pass, fail, could
 * not check, or a property of each message; a failure names the rejection each provider gives.
 * In the default report the section is informational (its facts are judged by the other checks
 * already); with --profile, the failures of that profile are errors (or warnings for rules a
 * provider only recommends).
 */
export const bulkSenderCheck: DomainCheck = {
  id: CHECK,
  docs: '#bulk-sender-rules',
  requires: ['mx', 'spf', 'spfIp', 'dmarc', 'dkim', 'rdns', 'smtp', 'mtaStsPolicy', 'bulkProfile'],
  findings: BULK_RULES.filter((r) => r !== 'one-click-unsubscribe').map((r) => spec(`profile.${r}`, ['info', 'warning', 'error'])),
  run(facts) {
    const explicit = facts.bulkProfile !== null;
    const profile: BulkProfile = facts.bulkProfile ?? 'all';
    const rules = BULK_RULES.filter((rule) => requirementsOf(rule, profile).length > 0);
    const findings: Finding[] = [];
    const found: FoundItem[] = [item('bulk.profile', { providers: providersOf(profile), explicit })];
    const verdicts = bulkVerdicts(facts, rules);
    const data: Data[] = [];
    for (const verdict of verdicts) {
      const requirements = requirementsOf(verdict.rule, profile).map(requirementData);
      data.push({ rule: verdict.rule, status: verdict.status, reason: verdict.reason, detail: verdict.detail, requirements });
      found.push(item('bulk.rule', { rule: verdict.rule, status: verdict.status, reason: verdict.reason, detail: verdict.detail, requirements }));
      if (verdict.status !== 'fail') continue;
      const required = requirements.some((r) => r.level === 'required');
      const severity: Severity = !explicit ? 'info' : required ? 'error' : 'warning';
      findings.push(finding(CHECK, `profile.${verdict.rule}`, severity, { domain: facts.domain, rule: verdict.rule, reason: verdict.reason, detail: verdict.detail, requirements }, {}));
    }
    return { status: 'complete', findings, found, data: { profile, explicit, providers: providersOf(profile), rules: data } };
  },
};
