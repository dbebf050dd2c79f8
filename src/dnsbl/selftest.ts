import type { LimitFunction } from 'p-limit';
import type { Resolver } from '../dns/types.js';
import { parseIp } from '../net/ip.js';
import type { DnsblList, ListKind } from './catalogue.js';
import type { DnsblTarget, ListingResult } from './engine.js';
import type { ListingDetail } from './classify.js';
import { checkTarget, createDnsblLimit } from './engine.js';

/**
 * ok: lists the RFC 5782 §5 positive test point and not the negative one.
 * lists-everything: lists the negative test point too, as dead zones that "list the world" do.
 * dead: does not list the positive test point (empty, dead, or not following RFC 5782).
 * refused: the operator refuses our queries (error codes such as 127.255.255.254).
 * broken: answers outside 127.0.0.0/8 (parked or hijacked zone).
 * unreachable: the lookups failed (timeout, SERVFAIL), nothing is known.
 */
export type SelftestVerdict = 'ok' | 'lists-everything' | 'dead' | 'refused' | 'broken' | 'unreachable';

export interface SelftestResult {
  list: string;
  zone: string;
  kind: ListKind;
  verdict: SelftestVerdict;
  /** The test points asked, with what each got. */
  positive: { point: string; status: ListingResult['status']; codes: string[] };
  negative: { point: string; status: ListingResult['status']; codes: string[] };
  /** Why this verdict (a `dnsbl` catalogue id with data). */
  detail: ListingDetail;
}

/** RFC 5782 §5: [must be listed, must not be listed] per kind. */
export const TEST_POINTS: Readonly<Record<ListKind, readonly [string, string]>> = {
  ip4: ['127.0.0.2', '127.0.0.1'],
  ip6: ['::ffff:7f00:2', '::ffff:7f00:1'],
  domain: ['test', 'invalid'],
};

function target(kind: ListKind, point: string): DnsblTarget {
  if (kind === 'domain') return { kind: 'domain', domain: point };
  return { kind: 'ip', ip: parseIp(point)! };
}

function judge(kind: ListKind, positive: ListingResult, negative: ListingResult): { verdict: SelftestVerdict; detail: ListingDetail } {
  const results = [positive, negative];
  const broken = results.find((r) => r.status === 'error' && r.detail?.id === 'detail-broken-list');
  if (broken?.detail) return { verdict: 'broken', detail: broken.detail };
  if (negative.status === 'listed') return { verdict: 'lists-everything', detail: { id: 'selftest-lists-everything', data: { codes: negative.codes } } };
  const refused = results.find((r) => r.status === 'refused');
  if (refused) return { verdict: 'refused', detail: { id: 'selftest-refused', data: { detail: refused.detail, advice: refused.advice } } };
  const failed = results.find((r) => r.status === 'error');
  if (failed) return { verdict: 'unreachable', detail: failed.detail ?? { id: 'selftest-unreachable' } };
  if (positive.status !== 'listed') return { verdict: 'dead', detail: { id: 'selftest-dead', data: { ipv6: kind === 'ip6' } } };
  return { verdict: 'ok', detail: { id: 'selftest-ok', data: { codes: positive.codes } } };
}

/** Checks each list with the RFC 5782 test points of every kind it serves, all at once. */
export async function selftest(lists: readonly DnsblList[], resolver: Resolver, options: { timeoutMs: number; limit?: LimitFunction }): Promise<SelftestResult[]> {
  const limit = options.limit ?? createDnsblLimit();
  const jobs = lists.flatMap((list) => list.kinds.map((kind) => ({ list, kind })));
  return Promise.all(
    jobs.map(async ({ list, kind }) => {
      const [positivePoint, negativePoint] = TEST_POINTS[kind];
      const run = (point: string) => checkTarget(target(kind, point), resolver, { lists: [{ ...list, kinds: [kind] }], timeoutMs: options.timeoutMs, limit });
      const [[positive], [negative]] = await Promise.all([run(positivePoint), run(negativePoint)]);
      const { verdict, detail } = judge(kind, positive!, negative!);
      return {
        list: list.name, zone: list.zone, kind, verdict, detail,
        positive: { point: positivePoint, status: positive!.status, codes: positive!.codes },
        negative: { point: negativePoint, status: negative!.status, codes: negative!.codes },
      };
    }),
  );
}
