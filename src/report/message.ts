import type { Check } from '../core/check.js';
import { isCouldNotCheck, severityRank, type Finding } from '../core/finding.js';
import type { Report } from '../core/report.js';
import { effectRank, type EffectKind } from '../data/message-effects.js';
import { MESSAGE_CHECKS } from '../checks/message/index.js';
import type { GatherContext } from '../gather/context.js';
import { factsRequired } from '../gather/domain.js';
import { gatherMessage, type MessageFacts, type MessageOptions, type MessageTarget } from '../gather/message.js';
import { runChecks } from './run.js';
import { WEIGHTS } from './score.js';

/** How many findings "fix these first" names. */
export const FIX_FIRST = 3;

function kindOf(f: Finding): EffectKind {
  return ((f.data.effect as { kind?: EffectKind } | undefined)?.kind) ?? 'none';
}

/**
 * The findings to fix first, as indices into `findings`: what gets the mail rejected, then what sends it
 * to spam, then the rest; more severe first within each; "could not check" never.
 */
export function fixFirst(findings: readonly Finding[], count = FIX_FIRST): number[] {
  return findings
    .map((f, i) => ({ f, i }))
    .filter(({ f }) => !isCouldNotCheck(f) && (f.severity !== 'info' || kindOf(f) !== 'none'))
    .sort((a, b) => effectRank(kindOf(b.f)) - effectRank(kindOf(a.f)) || severityRank(b.f.severity) - severityRank(a.f.severity) || a.i - b.i)
    .slice(0, count)
    .map(({ i }) => i);
}

/** `mailcheck message` for one message: take it apart, gather what the checks need, run them, score. */
export async function checkMessage(target: MessageTarget & { label?: string }, options: MessageOptions, ctx: GatherContext, checks: readonly Check<MessageFacts>[] = MESSAGE_CHECKS): Promise<Report> {
  const facts = await gatherMessage(target, options, ctx, factsRequired(checks));
  const { anatomy, sending, bulk } = facts;
  const report = runChecks({
    command: 'message',
    subject: target.label ?? target.file,
    checks,
    facts,
    weights: WEIGHTS.message,
    data: {
      file: target.file,
      message: target.index,
      subject: anatomy.subject,
      from: anatomy.from?.mailboxes[0]?.address?.unicode ?? anatomy.headers.get('from') ?? null,
      fromName: anatomy.from?.mailboxes[0]?.name || null,
      date: anatomy.headers.get('date') ?? null,
      messageId: anatomy.headers.get('message-id') ?? null,
      bytes: anatomy.bytes,
      sentFrom: sending.ip ? { ip: sending.ip, source: sending.ipSource, helo: sending.helo, tls: sending.tls ?? null } : null,
      recipient: facts.recipient ?? null,
      bulk: { applies: bulk.applies, forced: bulk.forced, signals: bulk.signals, esp: bulk.esp, webmail: bulk.webmail },
    },
  });
  for (const f of report.findings) {
    f.location = f.id === 'header.line-too-long' && typeof f.data.line === 'number' ? { file: target.file, line: f.data.line } : { file: target.file };
  }
  report.data.fixFirst = fixFirst(report.findings);
  return report;
}
