import type { Severity } from '../core/finding.js';
import type { Formatter } from './index.js';
import { locationOf, type Locate } from './locations.js';
import { formatRecordFix } from './record.js';
import { fixText, message } from './words.js';

// GitHub Actions workflow commands (`::error file=F,line=L,title=T::message`). The runner shows at most
// 10 errors and 10 warnings per step; the README's recipe writes the Markdown report to
// $GITHUB_STEP_SUMMARY for the rest.

const COMMAND: Readonly<Record<Severity, string>> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escapes the message part of a workflow command. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escapes a property value (file, title). */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const githubFormat: Formatter = {
  render(reports, ctx) {
    const locate = ctx.options.locate as Locate | undefined;
    const lines: string[] = [];
    for (const report of reports) {
      for (const f of report.findings) {
        const where = locationOf(report, f, locate);
        const props = [
          ...(where ? [`file=${escapeProperty(where.file)}`, ...(where.line ? [`line=${where.line}`] : [])] : []),
          `title=${escapeProperty(`${f.id} (${report.subject})`)}`,
        ];
        const fix = fixText(ctx.words, f);
        const record = f.fix?.record ? `\n${formatRecordFix(f.fix.record)}` : '';
        lines.push(`::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(`${message(ctx.words, f)}${fix ? `\n${fix}` : ''}${record}`)}`);
      }
    }
    return lines.length > 0 ? `${lines.join('\n')}\n` : '';
  },
};
