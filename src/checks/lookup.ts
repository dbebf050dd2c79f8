import type { Check } from '../core/check.js';
import { isFailure, type LookupResult } from '../dns/types.js';
import { couldNotCheck, spec } from './common.js';

/** `mailcheck lookup`: one question. An answer, NXDOMAIN or NODATA is a fact; a failed lookup could not be checked. */
export const lookupCheck: Check<{ result: LookupResult }> = {
  id: 'lookup',
  docs: '#mailcheck-lookup--the-resolver-like-a-small-dig',
  requires: ['result'],
  findings: [spec('dns.lookup-failed', 'warning')],
  run({ result }) {
    if (!isFailure(result)) return { status: 'complete', findings: [], found: [], data: {} };
    return { status: 'failed', findings: [couldNotCheck('lookup', 'query', { name: result.name, type: result.type, outcome: result.outcome, error: result.error ?? null })], found: [], data: {} };
  },
};
