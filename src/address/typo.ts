import { parse as parseDomainName } from 'tldts';
import { freeProviderIndex } from '../data/free-providers.js';
import { COMMON_TLDS, REAL_SECOND_LEVEL_LABELS, SECOND_LEVEL_TARGETS, TYPO_TARGETS } from '../data/typo-domains.js';

// Typo candidates for the domain of an address. Pure: no DNS. The caller asks DNS and suggests a candidate
// only when the typed domain receives no mail and the candidate does (wave2-facts §2.3: mailcheck.js's fixed
// TLD list "corrects" real `.com.br`, `.cn`, `.ae`, `.co.za` buyers, and deep-email-validator then rejects them).
//
// What is never touched: a domain on the free-provider list, and any domain whose suffix is on the Public Suffix
// List (ICANN section, via tldts) unless its registrable name is exactly a known provider's (`qq.co`, `gmail.cm`)
// or one edit away from a long provider name with the same suffix (`gmial.com`). So `empresa.com.br`,
// `firma.cn`, `company.ae`, `company.co.za`, `firm.com.mx` come back with no candidate at all.

export type TypoKind =
  /** The top-level label is no TLD and one edit from a common one: `.con`, `.cmo`, `.c0m`, `.comm` → `.com`. */
  | 'tld'
  /** Under a ccTLD, the second-level label is one edit from com/net/org and the result is a public suffix: `.con.br`. */
  | 'second-level'
  /** A known provider's name with a TLD one edit away from the provider's: `qq.co`, `gmail.cm`, `163.om`. */
  | 'provider-tld'
  /** A name one edit (two for names of 8+ letters) from a provider's, same suffix: `gmial.com`, `hotmial.com`. */
  | 'provider-name'
  /** The dot before the TLD is missing: `gmailcom` → `gmail.com` (known providers only). */
  | 'missing-dot';

export interface TypoCandidate {
  /** The suggested domain, lower-case ASCII. */
  domain: string;
  kind: TypoKind;
  /** Free-provider id (src/data/free-providers.ts) when the candidate is a known provider domain. */
  provider?: string;
}

/** At most this many candidates are returned, best first. */
export const MAX_TYPO_CANDIDATES = 3;
const MAX_DOMAIN_LENGTH = 255;

/**
 * Optimal string alignment distance (Levenshtein plus adjacent transposition), giving up above `max`.
 * Inputs here are single DNS labels (≤ 63 characters), so the quadratic table is small and bounded.
 */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((d[(i - 1) * cols + j] as number) + 1, (d[i * cols + j - 1] as number) + 1, (d[(i - 1) * cols + j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (d[(i - 2) * cols + j - 2] as number) + 1);
      d[i * cols + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
  }
  return d[rows * cols - 1] as number;
}

interface Target {
  domain: string;
  /** Registrable name without the suffix (`gmail`). */
  name: string;
  suffix: string;
}

let targets: Target[] | undefined;

function typoTargets(): Target[] {
  if (!targets) {
    targets = [];
    for (const domain of TYPO_TARGETS) {
      const p = parseDomainName(domain, { allowPrivateDomains: false });
      if (p.domainWithoutSuffix && p.publicSuffix && !p.subdomain) targets.push({ domain, name: p.domainWithoutSuffix, suffix: p.publicSuffix });
    }
  }
  return targets;
}

function isIcannSuffix(suffix: string): boolean {
  const p = parseDomainName(`x.${suffix}`, { allowPrivateDomains: false });
  return p.isIcann === true && p.publicSuffix === suffix;
}

/** A fuzzy name match: long provider names only, same first letter, one edit (two from 8 letters up). */
function nameNear(typed: string, target: string): boolean {
  if (target.length < 5 || typed.length < 4 || typed[0] !== target[0] || /^[0-9]+$/.test(typed)) return false;
  const max = target.length >= 8 ? 2 : 1;
  return editDistance(typed, target, max) <= max;
}

/**
 * Candidates for a typed domain (ASCII or Unicode; case ignored), best first, at most MAX_TYPO_CANDIDATES.
 * An empty list means "nothing to suggest" — including for every valid domain the rules above protect.
 */
export function typoCandidates(typedDomain: string): TypoCandidate[] {
  const domain = typedDomain.trim().toLowerCase().replace(/\.$/, '');
  if (domain === '' || domain.length > MAX_DOMAIN_LENGTH || !/^[a-z0-9.-]+$/.test(domain)) return [];
  const known = freeProviderIndex();
  if (known.has(domain)) return [];
  const found: TypoCandidate[] = [];
  const add = (candidate: string, kind: TypoKind): void => {
    if (candidate === domain || found.some((f) => f.domain === candidate)) return;
    const provider = known.get(candidate);
    found.push(provider ? { domain: candidate, kind, provider: provider.id } : { domain: candidate, kind });
  };

  if (!domain.includes('.')) {
    for (const t of typoTargets()) if (domain === t.domain.replace(/\./g, '')) add(t.domain, 'missing-dot');
    return rank(found);
  }

  const p = parseDomainName(domain, { allowPrivateDomains: false });
  const suffix = p.publicSuffix;
  if (!suffix) return [];
  const labels = domain.split('.');
  const lastLabel = labels[labels.length - 1] as string;

  // Suffixes the typed one may stand for: itself when it is real, else the common TLDs one edit away.
  const suffixes: string[] = [];
  if (p.isIcann) suffixes.push(suffix);
  else if (labels.length >= 2) {
    for (const tld of COMMON_TLDS) {
      if (editDistance(lastLabel, tld, 1) <= 1) {
        suffixes.push(tld);
        add([...labels.slice(0, -1), tld].join('.'), 'tld');
      }
    }
  }

  // `empresa.con.br` → `empresa.com.br`: only when the repaired pair is a public suffix and the typed label is none.
  if (p.isIcann && p.subdomain && !p.subdomain.includes('.') && p.domainWithoutSuffix && !REAL_SECOND_LEVEL_LABELS.has(p.domainWithoutSuffix)) {
    for (const label of SECOND_LEVEL_TARGETS) {
      const fixed = `${label}.${suffix}`;
      if (editDistance(p.domainWithoutSuffix, label, 1) === 1 && isIcannSuffix(fixed)) add(`${p.subdomain}.${fixed}`, 'second-level');
    }
  }

  // Provider names: only for a bare registrable domain (no subdomain), against each possible suffix.
  const name = p.isIcann ? p.domainWithoutSuffix : labels.length === 2 ? labels[0] : undefined;
  if (name && (!p.isIcann || !p.subdomain)) {
    for (const t of typoTargets()) {
      for (const s of suffixes) {
        if (name === t.name) {
          if (s !== t.suffix && p.isIcann && editDistance(s, t.suffix, 1) === 1) add(t.domain, 'provider-tld');
        } else if (s === t.suffix && nameNear(name, t.name)) {
          add(t.domain, 'provider-name');
        }
      }
    }
  }
  return rank(found);
}

const KIND_ORDER: Record<TypoKind, number> = { 'provider-name': 0, 'provider-tld': 0, 'missing-dot': 0, tld: 1, 'second-level': 1 };

/** Known provider domains first (in target order, the most used first), then plain repairs; stable otherwise. */
function rank(found: TypoCandidate[]): TypoCandidate[] {
  const order = new Map(TYPO_TARGETS.map((d, i) => [d, i]));
  return found
    .map((c, i) => ({ c, i }))
    .sort((x, y) => {
      const px = x.c.provider ? 0 : 1;
      const py = y.c.provider ? 0 : 1;
      if (px !== py) return px - py;
      const kx = KIND_ORDER[x.c.kind];
      const ky = KIND_ORDER[y.c.kind];
      if (kx !== ky) return kx - ky;
      const ox = order.get(x.c.domain) ?? Infinity;
      const oy = order.get(y.c.domain) ?? Infinity;
      if (ox !== oy) return ox - oy;
      return x.i - y.i;
    })
    .slice(0, MAX_TYPO_CANDIDATES)
    .map((x) => x.c);
}
