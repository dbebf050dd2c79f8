import type { Finding, SourceLocation } from '../core/finding.js';
import type { Report } from '../core/report.js';

/** Finds where a record is written (a zone file and line), when the run answered from zone files. */
export type Locate = (name: string, type: string) => SourceLocation | undefined;

/** The DNS record a finding is about, when it is about one record (for file and line in SARIF and annotations). */
export function recordOf(report: Report, f: Finding): { name: string; type: string } | undefined {
  const d = f.data;
  switch (f.check) {
    case 'spf': return { name: report.subject, type: 'TXT' };
    case 'mx': return { name: report.subject, type: 'MX' };
    case 'dmarc': {
      const section = report.sections.find((s) => s.id === 'dmarc');
      const domain = (section?.data.recordDomain as string | null) ?? report.subject;
      return { name: `_dmarc.${domain}`, type: 'TXT' };
    }
    case 'dkim': return typeof d.name === 'string' ? { name: d.name, type: 'TXT' } : undefined;
    case 'tls': return { name: f.id === 'tls.tls-rpt-missing' ? `_smtp._tls.${report.subject}` : `_mta-sts.${report.subject}`, type: 'TXT' };
    default: return undefined;
  }
}

/** The finding's own location, else the zone line of its record, else nothing. */
export function locationOf(report: Report, f: Finding, locate?: Locate): SourceLocation | undefined {
  if (f.location) return f.location;
  const record = locate ? recordOf(report, f) : undefined;
  return record ? locate?.(record.name, record.type) : undefined;
}
