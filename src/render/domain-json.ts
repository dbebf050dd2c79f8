import type { DomainReport } from '../report/domain.js';

/** The documented `--json` object of one domain (README: "JSON output"). Field order is part of the contract. */
export function domainReportJson(report: DomainReport): Record<string, unknown> {
  const checks: Record<string, unknown> = {};
  for (const section of report.sections) checks[section.id] = { status: section.status, score: section.score, ...section.data };
  return {
    domain: report.domain,
    score: report.score,
    grade: report.grade,
    incomplete: report.incomplete,
    checks,
    findings: report.findings.map((f) => ({ id: f.id, check: f.check, severity: f.severity, message: f.message, fix: f.fix })),
  };
}

/** One domain → an object; several → an array. */
export function renderDomainJson(reports: readonly DomainReport[]): string {
  const value = reports.length === 1 ? domainReportJson(reports[0] as DomainReport) : reports.map(domainReportJson);
  return `${JSON.stringify(value, null, 2)}\n`;
}
