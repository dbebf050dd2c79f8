import type { Report } from '../../core/report.js';
import type { RecipientVerdict, SideInfo } from '../../checks/recall.js';
import { recallRuleById } from '../../data/recall-rules.js';
import type { CatalogueShape } from '../../messages/types.js';
import { text } from '../../messages/types.js';
import { isoInstant, withTimeTexts } from '../time.js';
import { findingJson } from '../words.js';

// The JSON of `mailcheck recall` (README "JSON output" of the recall section): words in English,
// times as ISO 8601 UTC, and the ids and data they are made of.

function sideJson(side: SideInfo): Record<string, unknown> {
  return {
    domain: side.domain,
    provider: side.provider,
    providerName: side.providerName,
    family: side.family,
    via: side.via,
    gateway: side.gateway,
    tenant: side.tenant,
    mx: side.mx,
    lookupFailed: side.failed ? side.failed.outcome : null,
    noMx: side.noMx,
  };
}

function recipientJson(r: RecipientVerdict, en: CatalogueShape): Record<string, unknown> {
  const rule = r.rule ? recallRuleById(r.rule) : undefined;
  return {
    address: r.address,
    field: r.field,
    ...sideJson(r.side),
    verdict: r.verdict,
    recallable: r.verdict === 'possible' || r.verdict === 'possible-if',
    rule: rule ? { id: rule.id, confidence: rule.confidence, sources: rule.sources.map((s) => s.url) } : null,
    reasons: r.reasons.map((x) => ({ id: x.id, data: x.data ?? {}, text: text(en, 'labels', `recall.reason.${x.id}`, withTimeTexts(x.data, isoInstant)) })),
    advice: r.advice.map((a) => ({ id: a.id, data: a.data ?? {}, text: text(en, 'advice', a.id, withTimeTexts(a.data, isoInstant)) })),
    competitor: r.competitor,
  };
}

/** The JSON object of one recall report. */
export function recallJson(report: Report, en: CatalogueShape): Record<string, unknown> {
  const data = (report.sections[0]?.data ?? {}) as { sender?: SideInfo & { address: string }; recipients?: RecipientVerdict[] };
  const asked = report.data as { file?: string | null; subject?: string | null; sentAt?: number | null; sentInput?: string | null; now?: number; read?: string; fetched?: string; competitors?: string[] };
  const recipients = data.recipients ?? [];
  const now = asked.now ?? 0;
  return {
    command: 'recall',
    file: asked.file ?? null,
    subject: asked.subject ?? null,
    sender: { address: report.subject, ...(data.sender ? sideJson(data.sender) : {}) },
    sent: typeof asked.sentAt === 'number' ? isoInstant(asked.sentAt) : null,
    sentInput: asked.sentInput ?? null,
    now: isoInstant(now),
    minutesSinceSent: typeof asked.sentAt === 'number' ? Math.floor(Math.max(0, now - asked.sentAt) / 60_000) : null,
    read: asked.read ?? 'unknown',
    fetchedByClient: asked.fetched ?? 'unknown',
    recallable: recipients.length > 0 && recipients.every((r) => r.verdict === 'possible' || r.verdict === 'possible-if'),
    incomplete: report.incomplete,
    recipients: recipients.map((r) => recipientJson(r, en)),
    findings: report.findings.map((f) => findingJson(en, f)),
  };
}
