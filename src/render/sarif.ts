import type { Severity } from '../core/finding.js';
import { CHECK_SPECS } from '../checks/registry.js';
import type { Formatter } from './index.js';
import { locationOf, type Locate } from './locations.js';
import { formatRecordFix } from './record.js';
import { findingTitle, fixText, message } from './words.js';

// SARIF 2.1.0 (OASIS), as GitHub code scanning reads it: one run, rules from the catalogue, one
// result per finding with a physical location (zone file and line) when known, else a logical one
// naming the domain/IP/file and the check.

const LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { error: 'error', warning: 'warning', info: 'note' };
const HOME = 'https://www.npmjs.com/package/mailcheck-cli';

export const sarifFormat: Formatter = {
  render(reports, ctx) {
    const words = ctx.words;
    const checks = [...new Set(reports.flatMap((r) => r.sections.map((s) => s.id)))];
    const ruleIds = [...new Set([
      ...checks.flatMap((id) => CHECK_SPECS.get(id)?.findings.map((f) => f.id) ?? []),
      ...reports.flatMap((r) => r.findings.map((f) => f.id)),
    ])];
    const specOf = (id: string) => {
      for (const check of checks) {
        const spec = CHECK_SPECS.get(check);
        const found = spec?.findings.find((f) => f.id === id);
        if (found && spec) return { severity: Array.isArray(found.severity) ? found.severity[0] : found.severity, docs: spec.docs };
      }
      return { severity: 'warning' as Severity, docs: '#finding-ids' };
    };
    const rules = ruleIds.map((id) => {
      const spec = specOf(id);
      const title = findingTitle(words, id);
      return {
        id,
        name: id.replace(/[.-](\w)/g, (_, c: string) => c.toUpperCase()),
        shortDescription: { text: title },
        fullDescription: { text: title },
        helpUri: `${HOME}${spec.docs}`,
        help: { text: `${title}. ${HOME}${spec.docs}` },
        defaultConfiguration: { level: LEVEL[spec.severity ?? 'warning'] },
      };
    });
    const index = new Map(ruleIds.map((id, i) => [id, i]));
    const locate = ctx.options.locate as Locate | undefined;
    const results = reports.flatMap((report) =>
      report.findings.map((f) => {
        const where = locationOf(report, f, locate);
        const fix = fixText(words, f);
        const record = f.fix?.record ? `\n${formatRecordFix(f.fix.record)}` : '';
        return {
          ruleId: f.id,
          ruleIndex: index.get(f.id) ?? 0,
          level: LEVEL[f.severity],
          message: { text: `${report.subject}: ${message(words, f)}${fix ? ` ${fix}` : ''}${record}` },
          locations: [where
            ? { physicalLocation: { artifactLocation: { uri: where.file }, ...(where.line ? { region: { startLine: where.line } } : {}) }, logicalLocations: [{ name: report.subject, kind: 'resource', fullyQualifiedName: `${report.subject}/${f.check}` }] }
            : { logicalLocations: [{ name: report.subject, kind: 'resource', fullyQualifiedName: `${report.subject}/${f.check}` }] }],
          partialFingerprints: { mailcheck: `${f.id}:${report.subject}` },
          properties: { check: f.check, subject: report.subject, data: f.data },
        };
      }),
    );
    const log = {
      $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
      version: '2.1.0',
      runs: [{
        tool: { driver: { name: 'mailcheck', version: ctx.version, semanticVersion: ctx.version, informationUri: HOME, rules } },
        automationDetails: { id: `mailcheck/${reports[0]?.command ?? 'run'}/` },
        results,
      }],
    };
    return `${JSON.stringify(log, null, 2)}\n`;
  },
};
