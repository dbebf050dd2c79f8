import { severityRank, type Severity } from '../core/finding.js';
import type { Report } from '../core/report.js';

// Per-finding severity overrides from the config's `rules` (as ESLint rule levels): a finding id set to
// error, warning or info is reported at that severity; `off` drops it. The score is the checks' own
// (it is computed from the records, not from the policy); the output and the exit code follow the rules.

export type RuleLevel = Severity | 'off';

export function applyRules(report: Report, rules: Readonly<Record<string, RuleLevel>> | undefined): Report {
  if (!rules || !report.findings.some((f) => Object.hasOwn(rules, f.id))) return report;
  const findings = report.findings
    .filter((f) => rules[f.id] !== 'off')
    .map((f) => {
      const level = Object.hasOwn(rules, f.id) ? rules[f.id] : undefined;
      return level && level !== 'off' && level !== f.severity ? { ...f, severity: level } : f;
    });
  // Most severe first again (a stable sort keeps the check order within a severity).
  findings.sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  return { ...report, findings };
}
