import type { Report } from '../../core/report.js';
import type { CatalogueShape } from '../../messages/types.js';
import { findingJson } from '../words.js';
import { effectWords } from '../text/message.js';
import { listingJson } from './domain.js';

/** The documented `--json` object of one message (README: "mailcheck message", JSON). */
export function messageJson(report: Report, en: CatalogueShape): Record<string, unknown> {
  const d = report.data;
  const checks: Record<string, unknown> = {};
  for (const section of report.sections) {
    const data = section.id === 'links' && Array.isArray(section.data.targets)
      ? { ...section.data, targets: (section.data.targets as Record<string, unknown>[]).map((t) => ({ ...t, listings: (t.listings as Record<string, unknown>[]).map((l) => ('meanings' in l ? listingJson(en, l) : l)) })) }
      : section.data;
    checks[section.id] = { status: section.status, score: section.score, ...data };
  }
  const findings = report.findings.map((f) => ({ ...findingJson(en, f), effect: f.data.effect ? { ...(f.data.effect as Record<string, unknown>), text: effectWords(en, f) } : null }));
  return {
    file: d.file,
    message: d.message,
    subject: d.subject,
    from: d.from,
    fromName: d.fromName,
    date: d.date,
    messageId: d.messageId,
    bytes: d.bytes,
    score: report.score,
    grade: report.grade,
    incomplete: report.incomplete,
    recipient: d.recipient,
    sentFrom: d.sentFrom,
    bulk: d.bulk,
    fixFirst: ((d.fixFirst as number[] | undefined) ?? []).map((index) => ({ index, id: report.findings[index]?.id })),
    checks,
    findings,
  };
}
