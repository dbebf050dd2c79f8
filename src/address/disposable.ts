import { createRequire } from 'node:module';
import { parse as parseDomainName } from 'tldts';
import { freeProviderIndex } from '../data/free-providers.js';

// Disposable (throw-away) mailbox domains from two maintained data packages (wave2-facts §2.4), loaded on
// first use so commands that never ask pay nothing; upgrading the packages updates the data.
//   mailchecker                  MIT, FGRibreau/mailchecker list.txt (≈ 56 k domains, ≈ monthly releases). Its own
//                                isValid() walks parent domains, so `a.b.example` matches a listed `example`.
//   disposable-email-domains-js  CC0-1.0 data: the disposable-email-domains/disposable-email-domains blocklist
//                                (≈ 9 k, PSL-checked, weekly); its README asks implementers to match parents
//                                ("@xxx.yyy.zzz should match yyy.zzz").
// Measured on this machine (Node 20, first call): mailchecker 40 ms warm / 160 ms cold, ≈ 4 MB heap / 11 MB RSS (a 1 MB JS
// file holding one Set literal); the CC0 JSON ≈ 5 ms and < 1 MB. Later calls are Set look-ups.
//
// Parent matching stops at the registrable domain under the ICANN section of the PSL: an entry that is itself
// an ICANN public suffix (mailchecker lists `nom.za`, `zp.ua`, `kirt.er`) would otherwise mark every domain
// below it. Known free providers are never disposable: mailchecker lists tom.com and the CC0 list 21cn.com,
// both long-standing Chinese free-mail providers (src/data/free-providers.ts).

export type DisposableSource = 'mailchecker' | 'disposable-email-domains';

export interface DisposableMatch {
  source: DisposableSource;
  /** The listed domain that matched: the domain itself or one of its parents. */
  listed: string;
}

export interface DisposableData {
  source: DisposableSource;
  /** The installed package's version. */
  version: string;
  domains: number;
}

interface Lists {
  mailchecker: ReadonlySet<string>;
  cc0: ReadonlySet<string>;
  info: DisposableData[];
}

let lists: Lists | undefined;

function load(): Lists {
  if (lists) return lists;
  const require = createRequire(import.meta.url);
  const mailchecker = (require('mailchecker') as { blacklist(): Set<string> }).blacklist();
  const cc0 = (require('disposable-email-domains-js') as { disposableEmailBlocklistSet(): Set<string> }).disposableEmailBlocklistSet();
  const version = (pkg: string): string => {
    try {
      return (require(`${pkg}/package.json`) as { version?: string }).version ?? 'unknown';
    } catch {
      return 'unknown';
    }
  };
  lists = {
    mailchecker,
    cc0,
    info: [
      { source: 'mailchecker', version: version('mailchecker'), domains: mailchecker.size },
      { source: 'disposable-email-domains', version: version('disposable-email-domains-js'), domains: cc0.size },
    ],
  };
  return lists;
}

/** Which list (if any) marks the domain (lower-case ASCII) as disposable. Loads the lists on first call. */
export function disposableMatch(domain: string): DisposableMatch | undefined {
  const name = domain.trim().toLowerCase().replace(/\.$/, '');
  if (name === '' || name.length > 255 || freeProviderIndex().has(name)) return undefined;
  const p = parseDomainName(name, { allowPrivateDomains: false });
  const registrable = p.domain;
  if (!registrable) return undefined;
  const { mailchecker, cc0 } = load();
  // The domain, then each parent down to the registrable domain.
  let current = name;
  for (;;) {
    if (mailchecker.has(current)) return { source: 'mailchecker', listed: current };
    if (cc0.has(current)) return { source: 'disposable-email-domains', listed: current };
    if (current === registrable) return undefined;
    const dot = current.indexOf('.');
    if (dot < 0) return undefined;
    current = current.slice(dot + 1);
  }
}

export function isDisposable(domain: string): boolean {
  return disposableMatch(domain) !== undefined;
}

/** Versions and sizes of the loaded lists (loads them), for reports and `--version` output. */
export function disposableData(): readonly DisposableData[] {
  return load().info;
}
