// MTA-STS MX matching (RFC 8461 §4.1): an MX host name matches a policy `mx` pattern exactly, or
// a `*.` pattern when the host is the pattern's suffix with exactly ONE more label on the left:
// `*.example.com` matches `mx1.example.com`, not `example.com`, not `a.b.example.com`.
// checkdmarc (unanchored, multi-label `*`) and mailauth (suffix match) accept more than senders
// do; Microsoft 365's new MX hosts `<tenant>.<zone>.mx.microsoft` sit two labels under
// `mx.microsoft`, so the `mx: *.mx.microsoft` people copy makes enforcing senders refuse delivery.
// Pure; names are compared case-insensitively without a trailing dot.

export type MxMatch =
  | { matched: true; pattern: string; kind: 'exact' | 'wildcard' }
  | {
      matched: false;
      /** The closest miss, for the explanation and the fix. */
      nearMiss?: MxNearMiss;
      /** Patterns that would match this host, most specific first: the host itself, then `*.` + its parent. */
      suggestions: string[];
    };

export type MxNearMiss =
  /** A `*.` pattern whose suffix matches, but with more than one label in the wildcard's place. */
  | {
      reason: 'wildcard-depth';
      pattern: string;
      /** The labels the wildcard would have to cover (`['contoso-com', 'o-v1']`). */
      labels: string[];
      /** `microsoft-365`: the `*.mx.microsoft` trap of Microsoft 365's DNSSEC MX hosts. */
      trap?: 'microsoft-365';
    }
  /** A `*.` pattern whose suffix IS the host: the wildcard needs a label (`*.example.com` vs `example.com`). */
  | { reason: 'wildcard-apex'; pattern: string };

function clean(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** True when the MX host matches the pattern under RFC 8461 §4.1. */
export function mxMatches(pattern: string, host: string): boolean {
  const p = clean(pattern);
  const h = clean(host);
  if (p === '' || h === '') return false;
  if (!p.startsWith('*.')) return p === h;
  const suffix = p.slice(1); // ".example.com"
  if (suffix.includes('*')) return false;
  if (!h.endsWith(suffix)) return false;
  const head = h.slice(0, h.length - suffix.length);
  return head !== '' && !head.includes('.');
}

/** The patterns that would make `host` match: itself, and `*.` + its parent when that has two labels or more. */
export function suggestMxPatterns(host: string): string[] {
  const h = clean(host);
  const dot = h.indexOf('.');
  const parent = dot < 0 ? '' : h.slice(dot + 1);
  return parent.includes('.') ? [h, `*.${parent}`] : [h];
}

/** Matches one MX host against a policy's patterns; on a miss, says why the nearest pattern failed. */
export function matchMx(patterns: readonly string[], host: string): MxMatch {
  for (const pattern of patterns) {
    if (mxMatches(pattern, host)) return { matched: true, pattern, kind: clean(pattern).startsWith('*.') ? 'wildcard' : 'exact' };
  }
  const h = clean(host);
  let nearMiss: MxNearMiss | undefined;
  for (const pattern of patterns) {
    const p = clean(pattern);
    if (!p.startsWith('*.')) continue;
    const suffix = p.slice(2);
    if (h === suffix) {
      nearMiss ??= { reason: 'wildcard-apex', pattern };
    } else if (h.endsWith(`.${suffix}`)) {
      const labels = h.slice(0, h.length - suffix.length - 1).split('.');
      const miss: MxNearMiss = { reason: 'wildcard-depth', pattern, labels };
      if (suffix === 'mx.microsoft') miss.trap = 'microsoft-365';
      // Prefer the depth miss (the Microsoft trap) over an apex miss.
      if (nearMiss === undefined || nearMiss.reason === 'wildcard-apex') nearMiss = miss;
    }
  }
  return nearMiss ? { matched: false, nearMiss, suggestions: suggestMxPatterns(h) } : { matched: false, suggestions: suggestMxPatterns(h) };
}

export interface MxPolicyMatch {
  host: string;
  match: MxMatch;
}

/** Every MX host against the patterns; `allMatch` is what an enforcing sender needs (per host it tries). */
export function matchMxHosts(patterns: readonly string[], hosts: readonly string[]): { allMatch: boolean; hosts: MxPolicyMatch[] } {
  const results = hosts.map((host) => ({ host, match: matchMx(patterns, host) }));
  return { allMatch: results.every((r) => r.match.matched), hosts: results };
}
