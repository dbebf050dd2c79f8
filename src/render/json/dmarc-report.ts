import type { Report } from '../../core/report.js';
import type { SenderGroup } from '../../checks/dmarc-report.js';
import type { DmarcAggregate } from '../../dmarc-report/aggregate.js';
import type { RejectedInput } from '../../dmarc-report/run.js';
import type { SourceIdentity } from '../../gather/dmarc-report.js';
import type { RunSummary } from '../../report/dmarc-report.js';
import { serviceName } from '../../data/sending-services.js';
import type { CatalogueShape } from '../../messages/types.js';
import { text } from '../../messages/types.js';
import { findingJson } from '../words.js';

const iso = (seconds: number | undefined): string | null => (seconds === undefined ? null : new Date(seconds * 1000).toISOString());

/** One rejected input: where, the reason id and its English words, and the data they are made of. */
export function rejectedJson(en: CatalogueShape, r: RejectedInput): Record<string, unknown> {
  return { file: r.file, message: r.message ?? null, document: r.document ?? null, reason: r.code, text: text(en, 'errors', 'dmarc-report.reason', { ...r }), data: r.data };
}

/** The stable JSON shape of one policy domain (README "mailcheck dmarc-report", JSON). */
export function dmarcReportJson(report: Report, en: CatalogueShape): Record<string, unknown> {
  const aggregate = report.data.aggregate as DmarcAggregate;
  const identities = report.data.identities as Record<string, SourceIdentity>;
  const groups = report.data.groups as SenderGroup[];
  const run = report.data.run as RunSummary;
  const verdict = report.data.verdict as Record<string, unknown>;
  const t = aggregate.totals;
  const record = report.sections.find((s) => s.id === 'dmarc-record')?.data.record ?? null;
  const unknown = groups.filter((g) => g.kind === 'unknown');
  return {
    domain: report.subject,
    reports: t.reports,
    duplicates: t.duplicates,
    outOfRange: t.outOfRange,
    messages: t.messages,
    dmarcPass: t.dmarcPass,
    spfAligned: t.spfAligned,
    dkimAligned: t.dkimAligned,
    begin: iso(t.begin),
    end: iso(t.end),
    reporters: aggregate.reporters,
    policyPublished: aggregate.policies[0]?.policy ?? null,
    record,
    services: groups.filter((g) => g.kind !== 'unknown').map((g) => ({
      service: g.service, name: g.name, kind: g.kind, sources: g.sources, ips: g.ips, messages: g.messages, dmarcPass: g.dmarcPass,
      spfAligned: g.spfAligned, dkimAligned: g.dkimAligned, forwarded: g.forwardedFail, failing: g.senderFail,
    })),
    unknown: { sources: unknown.reduce((n, g) => n + g.sources, 0), messages: unknown.reduce((n, g) => n + g.messages, 0), dmarcPass: unknown.reduce((n, g) => n + g.dmarcPass, 0) },
    sources: aggregate.sources.map((s) => {
      const id = identities[s.ip];
      return {
        ip: s.ip,
        ptr: id?.ptr ?? null,
        ptrConfirmed: id?.ptrConfirmed ?? null,
        ptrStatus: id?.ptrStatus ?? 'skipped',
        service: id?.service ?? null,
        serviceName: id?.service ? serviceName(id.service) : null,
        identifiedBy: id?.identifiedBy ?? null,
        messages: s.messages,
        dmarcPass: s.dmarcPass,
        spfAligned: s.spfAligned,
        dkimAligned: s.dkimAligned,
        spfPass: s.spfPass,
        dkimPass: s.dkimPass,
        reporterPass: s.reporterPass,
        dispositions: s.dispositions,
        reasons: s.reasons,
        headerFrom: s.headerFrom,
        spf: s.spf,
        dkim: s.dkim,
        reporters: s.reporters,
        firstSeen: iso(s.firstSeen),
        lastSeen: iso(s.lastSeen),
      };
    }),
    droppedSources: { records: t.droppedRecords, messages: t.droppedMessages },
    files: run.files,
    filesRead: run.filesRead,
    rejected: run.rejected.map((r) => rejectedJson(en, r)),
    rejectedTotal: run.rejectedTotal,
    warnings: run.warnings,
    readyForQuarantine: report.data.readyForQuarantine === true,
    verdict: { blocking: verdict.blocking ?? [], policy: verdict.policy ?? null, nextRecord: verdict.nextRecord ?? null, nextRecordName: verdict.nextRecordName ?? null, days: verdict.days ?? 0 },
    incomplete: report.incomplete,
    findings: report.findings.map((f) => findingJson(en, f)),
  };
}
