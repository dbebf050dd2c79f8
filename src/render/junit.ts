import { isCouldNotCheck, severityRank } from '../core/finding.js';
import type { Report } from '../core/report.js';
import type { RenderContext } from './context.js';
import type { Formatter } from './index.js';
import { formatRecordFix } from './record.js';
import { checkTitle, fixText, label, message } from './words.js';

/** XML text and attribute values: the five entities, and characters XML 1.0 cannot hold dropped. */
export function xml(value: unknown): string {
  return String(value ?? '')
    .replace(/[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function failing(report: Report, ctx: RenderContext, check: string) {
  const threshold = ctx.failOn === 'none' ? Infinity : severityRank(ctx.failOn);
  return report.findings.filter((f) => f.check === check && !isCouldNotCheck(f) && severityRank(f.severity) >= threshold);
}

/**
 * `--format junit`: a testsuite per domain/IP/message, a testcase per check. A check fails when a
 * finding reaches --fail-on; one that could not check is an error; one that was skipped is skipped.
 * Test names are unique per suite (GitLab keeps only the first of a duplicate classname and name).
 */
export const junitFormat: Formatter = {
  render(reports, ctx) {
    const suites: string[] = [];
    let tests = 0;
    let failures = 0;
    let errors = 0;
    let skipped = 0;
    for (const report of reports) {
      const cases: string[] = [];
      let f = 0;
      let e = 0;
      let s = 0;
      for (const section of report.sections) {
        const name = `${section.id}: ${checkTitle(ctx.words, section.id)}`;
        const classname = `mailcheck.${report.command}.${report.subject}`;
        const bad = failing(report, ctx, section.id);
        let body = '';
        if (section.status === 'skipped') {
          s++;
          body = `<skipped message="${xml(label(ctx.words, 'not-checked'))}"/>`;
        } else if (section.status === 'failed' || section.status === 'error') {
          e++;
          const why = report.findings.filter((x) => x.check === section.id).map((x) => message(ctx.words, x)).join('\n');
          body = `<error message="${xml(label(ctx.words, 'could-not-check'))}" type="could-not-check">${xml(why)}</error>`;
        } else if (bad.length > 0) {
          f++;
          const text = bad.map((x) => `[${x.severity}] ${x.id}: ${message(ctx.words, x)}${x.fix ? `\n  ${fixText(ctx.words, x)}${x.fix.record ? `\n  ${formatRecordFix(x.fix.record)}` : ''}` : ''}`).join('\n');
          body = `<failure message="${xml(bad.map((x) => x.id).join(', '))}" type="${xml(bad[0]?.id)}">${xml(text)}</failure>`;
        }
        cases.push(`    <testcase classname="${xml(classname)}" name="${xml(name)}" time="0"${body ? `>${body}</testcase>` : '/>'}`);
      }
      tests += report.sections.length;
      failures += f;
      errors += e;
      skipped += s;
      suites.push(`  <testsuite name="${xml(report.subject)}" tests="${report.sections.length}" failures="${f}" errors="${e}" skipped="${s}" time="0">\n${cases.join('\n')}\n  </testsuite>`);
    }
    return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="mailcheck" tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}">\n${suites.join('\n')}\n</testsuites>\n`;
  },
};
