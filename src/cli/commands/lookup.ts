import type { Command } from 'commander';
import { lookupCheck } from '../../checks/lookup.js';
import { exitCode } from '../../core/exit.js';
import type { QueryType } from '../../dns/types.js';
import { QUERY_TYPES, isQueryType } from '../../dns/types.js';
import { normalizeDomainInput } from '../../net/domain-name.js';
import { parseIp, reverseName } from '../../net/ip.js';
import { runChecks } from '../../report/run.js';
import type { CommandModule } from '../command.js';
import { UsageError } from '../exit-codes.js';
import { readGlobalOptions } from '../global-options.js';
import { printReports } from '../output.js';
import { buildResolver } from '../resolver.js';

/** The question to ask: an IP address without a type (or with PTR) means its reverse name's PTR, like dig -x. */
export function lookupQuestion(nameArg: string, typeArg: string | undefined): { name: string; type: QueryType } {
  const typeText = (typeArg ?? '').toUpperCase();
  const type = typeArg === undefined ? undefined : typeText === 'TYPE99' ? 'SPF' : typeText;
  if (type !== undefined && !isQueryType(type)) throw new UsageError('record-type', { value: typeArg, types: QUERY_TYPES });
  const ip = parseIp(nameArg);
  if (ip && (type === undefined || type === 'PTR')) return { name: reverseName(ip), type: 'PTR' };

  const normalized = normalizeDomainInput(nameArg, { singleLabel: true });
  if ('error' in normalized) throw new UsageError('domain', { ...normalized.error });
  return { name: normalized.domain, type: type ?? 'A' };
}

export const lookupCommand: CommandModule = {
  name: 'lookup',
  example: 'mailcheck lookup --zone examples/example.test.zone example.test MX',
  register(program: Command, context) {
    program
      .command('lookup')
      .description('ask one DNS question and print the outcome and records, like a small dig')
      .argument('<name>', 'domain name; an IP address asks for the PTR of its reverse name')
      .argument('[type]', `record type: ${QUERY_TYPES.join(', ')} (default A)`)
      .option('--dnssec', 'set the DO bit so a validating resolver reports AD')
      .action(async (nameArg: string, typeArg: string | undefined, options: { dnssec?: boolean }, command: Command) => {
        const global = readGlobalOptions(command, context.io.env);
        const question = lookupQuestion(nameArg, typeArg);
        const resolver = await buildResolver(global, context.signal);
        const result = await resolver.query(question.name, question.type, { dnssec: options.dnssec === true });
        const report = runChecks({ command: 'lookup', subject: `${question.name} ${question.type}`, checks: [lookupCheck], facts: { result }, weights: {}, scored: false, data: { result } });
        await printReports([report], global, context.io, { command: 'lookup' });
        // 0 for answer, NXDOMAIN and NODATA (facts about the DNS); 3 when the lookup failed.
        context.setExitCode(exitCode([report], { failOn: 'none', minScore: 0 }));
      });
  },
};
