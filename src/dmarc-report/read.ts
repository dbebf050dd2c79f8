import { readArchive, unwrapAttachment, type ArchiveLimits, type ArchiveProblem, type ArchiveResult } from '../mail/archive.js';
import { parseDmarcReport, type DmarcAggregateReport, type DmarcReportLimits, type ReportProblem } from '../parse/dmarc-report.js';

// One input (a file's bytes, or a mail attachment) → the aggregate reports inside it and a rejection per
// document that could not be read. Joins the archive reader and the parser; the caller feeds the reports
// to a DmarcAggregator one input at a time, so only one input's reports are in memory at once.

export interface ReadReport {
  /** The document's name: the file, or `file!member` for a zip member. */
  name: string;
  report: DmarcAggregateReport;
}

export interface ReadRejection {
  name: string;
  problem: ReportProblem | ArchiveProblem;
}

export interface ReadOutcome {
  reports: ReadReport[];
  rejected: ReadRejection[];
  /** An attachment that is not a report at all (a text body, an image): neither read nor rejected. */
  skipped: boolean;
}

export interface ReadLimits {
  archive?: Partial<ArchiveLimits>;
  report?: Partial<DmarcReportLimits>;
}

function outcome(name: string, result: ArchiveResult, limits: ReadLimits): ReadOutcome {
  if (result.status === 'rejected') return { reports: [], rejected: [{ name, problem: result.problem }], skipped: false };
  const reports: ReadReport[] = [];
  const rejected: ReadRejection[] = [];
  for (const problem of result.problems) {
    const member = problem.data.member;
    rejected.push({ name: typeof member === 'string' ? `${name}!${member}` : name, problem });
  }
  for (const doc of result.documents) {
    const docName = doc.format === 'zip' ? `${name}!${doc.name}` : name;
    const parse = parseDmarcReport(doc.bytes, limits.report);
    if (parse.ok) reports.push({ name: docName, report: parse.report });
    else rejected.push({ name: docName, problem: parse.problem });
  }
  return { reports, rejected, skipped: false };
}

/** A report file given on the command line: .xml, .xml.gz or .zip (told apart by content). */
export async function readReportFile(name: string, bytes: Uint8Array, limits: ReadLimits = {}): Promise<ReadOutcome> {
  return outcome(name, await readArchive(name, bytes, limits.archive), limits);
}

/** A MIME attachment from a report message, as the mail reader hands it over. */
export async function readReportAttachment(filename: string, contentType: string, bytes: Uint8Array, limits: ReadLimits = {}): Promise<ReadOutcome> {
  const result = await unwrapAttachment(filename, contentType, bytes, limits.archive);
  if (result.status === 'skipped') return { reports: [], rejected: [], skipped: true };
  return outcome(filename, result, limits);
}
