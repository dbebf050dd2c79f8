import type { Data } from '../../core/finding.js';
import { list, syntaxText, type Lookup, type Text } from '../types.js';

// English words of the SPF evaluator (`mailcheck spf`, and SPF for --ip in `domain`): result meanings,
// trace events (`trace.<event>`) and the problems that end an evaluation (`problem.<id>`).


const expIgnored: Record<string, (d: Data, t: Lookup) => string> = {
  'invalid-domain': (d) => `"${d.target}" is not a valid domain name`,
  lookup: (d) => `TXT ${d.target}: ${d.outcome}`,
  count: (d) => `TXT ${d.target}: ${d.count} records (exactly one is needed)`,
  macro: (d, t) => `TXT ${d.target}: ${syntaxText(t, d.error)}`,
  expand: () => 'could not be expanded',
};

export const spf = {
  'meaning.pass': 'the IP is authorized to send for the domain',
  'meaning.fail': 'the domain says this IP must not send its mail',
  'meaning.softfail': 'the domain says this IP is probably not authorized (~)',
  'meaning.neutral': 'the domain makes no statement about this IP',
  'meaning.none': 'the domain publishes no SPF record',
  'meaning.temperror': 'could not check: a DNS lookup failed; try again later',
  'meaning.permerror': 'the SPF policy is broken, so receivers cannot evaluate it',

  'problem.macro': (d, t) => `invalid macro in "${d.text}": ${syntaxText(t, d.error)}`,
  'problem.lookups': (d) => `more than ${d.max} DNS-querying terms (include, a, mx, ptr, exists, redirect)`,
  'problem.void': (d) => `more than ${d.max} void lookups (names that do not exist or have no records)`,
  'problem.dns': (d) => `DNS lookup failed: ${d.type} ${d.name} (${d.outcome})`,
  'problem.include-error': (d) => `include:${d.target} gave ${d.result}`,
  'problem.include-none': (d) => `include:${d.target} has no SPF record`,
  'problem.mx-too-many': (d) => `mx:${d.target} has more than ${d.max} MX records`,
  'problem.multiple': (d) => `${d.domain} has ${d.count} SPF records (exactly one is allowed)`,
  'problem.syntax': (d, t) => `syntax error in the SPF record of ${d.domain}: "${d.term}": ${syntaxText(t, d.error)}`,
  'problem.redirect-none': (d) => `redirect=${d.target} has no SPF record`,
  'problem.time': (d) => `the evaluation took longer than ${d.ms} ms`,

  'trace.limit-lookups': (d) => `permerror: more than ${d.max} DNS-querying terms`,
  'trace.limit-void': (d) => `permerror: more than ${d.max} void lookups`,
  'trace.lookup-failed': (d) => `temperror: ${d.type} ${d.name}: ${d.outcome}`,
  'trace.include': (d) => `include ${d.target}`,
  'trace.include-result': (d) => `${d.target} gave ${d.result}`,
  'trace.include-none': (d) => `permerror: ${d.target} has no SPF record`,
  'trace.addresses': (d) => `${d.type} ${d.target}: ${(d.addresses as string[]).length > 0 ? list(d.addresses) : d.outcome}`,
  'trace.mx-too-many': (d) => `permerror: ${d.count} MX records (limit ${d.max})`,
  'trace.mx': (d) => `MX ${d.target}: ${(d.hosts as string[]).length > 0 ? list(d.hosts) : d.outcome}`,
  'trace.ptr': (d) => `validated names: ${(d.names as string[]).length > 0 ? list(d.names) : 'none'}`,
  'trace.txt-failed': (d) => `temperror: TXT lookup ${d.outcome}`,
  'trace.no-record': (d) => `no SPF record (${d.outcome === 'answer' ? 'no TXT record starts with v=spf1' : d.outcome})`,
  'trace.multiple': (d) => `permerror: ${d.count} SPF records`,
  'trace.record': (d) => `record: ${d.record}`,
  'trace.syntax': (d, t) => `permerror: ${syntaxText(t, d.error)}`,
  'trace.invalid-domain': 'no SPF record (not a valid domain name)',
  'trace.match': (d) => `match → ${d.result}`,
  'trace.no-match': 'no match',
  'trace.redirect': (d) => `redirect to ${d.target}`,
  'trace.redirect-none': 'permerror: redirect target has no SPF record',
  'trace.neutral-default': 'no mechanism matched → neutral',
  'trace.exp-ignored': (d, t) => `explanation ignored: ${expIgnored[d.why as string]?.(d, t) ?? d.why}`,
  'trace.explanation': (d) => `explanation: ${d.text}`,
  'trace.not-fqdn': 'not a fully qualified domain name → none',
  'trace.result': (d) => `result: ${d.result}`,
  'trace.result-problem': (d, t) => {
    const p = d.problem as { id: string; data: Data };
    return `result: ${d.result} (${p.id === 'time' ? `evaluation took longer than ${p.data.ms} ms` : t('spf', `problem.${p.id}`, p.data)})`;
  },

} satisfies Record<string, Text>;
