import type { Check } from '../core/check.js';
import type { Severity } from '../core/finding.js';
import type { CheckHostResult, SpfResult } from '../spf/check-host.js';
import { finding, spec } from './common.js';

/** The question `mailcheck spf` asks (the null sender shows as postmaster@<helo>). */
export interface SpfQuestion {
  domain: string;
  ip: string;
  sender: string;
  helo: string;
}

export interface SpfCommandFacts {
  question: SpfQuestion;
  outcome: CheckHostResult;
  /** `--expect`: the results that count as expected. */
  expected?: readonly SpfResult[];
}

const SEVERITY: Readonly<Record<SpfResult, Severity>> = {
  pass: 'info', none: 'info', neutral: 'info', softfail: 'warning', fail: 'error', permerror: 'error', temperror: 'warning',
};

/**
 * The receiver's SPF check for one IP as a finding: `spf.result` always (the trace is the report's
 * data), and `spf.unexpected` when --expect did not hold. temperror is "could not check" (the
 * report is incomplete) unless it was the expected result.
 */
export const spfResultCheck: Check<SpfCommandFacts> = {
  id: 'spf',
  docs: '#mailcheck-spf--would-this-ip-pass-spf',
  requires: ['question', 'outcome', 'expected'],
  findings: [spec('spf.result', ['info', 'warning', 'error']), spec('spf.unexpected', 'error')],
  run({ question, outcome, expected }) {
    const data = { ...question, result: outcome.result, matched: outcome.matched, problem: outcome.problem, lookups: outcome.lookups, voidLookups: outcome.voidLookups };
    const findings = [finding('spf', 'spf.result', SEVERITY[outcome.result], data, null)];
    const asExpected = expected?.includes(outcome.result) ?? false;
    if (expected && !asExpected && outcome.result !== 'temperror') findings.push(finding('spf', 'spf.unexpected', 'error', { ...data, expected: [...expected] }, null));
    const status = outcome.result === 'temperror' && !asExpected ? 'failed' : 'complete';
    return { status, findings, found: [], data: {} };
  },
};
