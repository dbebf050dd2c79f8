import type { Check } from '../core/check.js';
import type { SelftestResult } from '../dnsbl/selftest.js';
import { finding, spec } from './common.js';

const FINDING: Partial<Record<SelftestResult['verdict'], string>> = {
  dead: 'selftest.dead', 'lists-everything': 'selftest.lists-everything', broken: 'selftest.broken',
};

/** One list's RFC 5782 self-test: dead, broken or listing everything is an error; refused or unreachable could not be checked. */
export const selftestCheck: Check<{ result: SelftestResult }> = {
  id: 'selftest',
  docs: '#mailcheck-ip--blacklists-and-reverse-dns',
  requires: ['result'],
  findings: [spec('selftest.dead', 'error'), spec('selftest.lists-everything', 'error'), spec('selftest.broken', 'error')],
  run({ result }) {
    const id = FINDING[result.verdict];
    const findings = id ? [finding('selftest', id, 'error', { list: result.list, zone: result.zone, kind: result.kind, detail: result.detail })] : [];
    const status = result.verdict === 'refused' || result.verdict === 'unreachable' ? 'failed' : 'complete';
    return { status, findings, found: [], data: {} };
  },
};
