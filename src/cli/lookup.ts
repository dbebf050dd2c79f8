import type { Command } from 'commander';
import { buildResolver } from '../dns/build.js';
import type { QueryType } from '../dns/types.js';
import { QUERY_TYPES, isFailure, isQueryType } from '../dns/types.js';
import { normalizeDomainInput } from '../net/domain-name.js';
import { parseIp, reverseName } from '../net/ip.js';
import { makeChalk } from '../render/color.js';
import { lookupJson, renderLookupText } from '../render/lookup.js';
import type { CommandModule } from './command.js';
import { EXIT_INCOMPLETE, EXIT_OK, UsageError } from './exit-codes.js';
import { readGlobalOptions } from './global-options.js';

/** The question to ask: an IP address without a type (or with PTR) means its reverse name's PTR, like dig -x. */
export function lookupQuestion(nameArg: string, typeArg: string | undefined): { name: string; type: QueryType } {
  const typeText = (typeArg ?? '').toUpperCase();
  const type = typeArg === undefined ? undefined : typeText === 'TYPE99' ? 'SPF' : typeText;
  if (type !== undefined && !isQueryType(type)) throw new UsageError(`unknown record type "${typeArg}": use one of ${QUERY_TYPES.join(', ')}`);
  const ip = parseIp(nameArg);
  if (ip && (type === undefined || type === 'PTR')) return { name: reverseName(ip), type: 'PTR' };

  const normalized = normalizeDomainInput(nameArg, { singleLabel: true });
  if ('error' in normalized) throw new UsageError(normalized.error);
  const name = normalized.domain;
  return { name, type: type ?? 'A' };
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
        const global = readGlobalOptions(command);
        const question = lookupQuestion(nameArg, typeArg);
        const resolver = await buildResolver(global);
        const result = await resolver.query(question.name, question.type, { dnssec: options.dnssec === true });
        const { io } = context;
        if (global.json) io.stdout(`${JSON.stringify(lookupJson(result), null, 2)}\n`);
        else io.stdout(renderLookupText(result, makeChalk(io, global.color), { quiet: global.quiet }));
        context.setExitCode(isFailure(result) ? EXIT_INCOMPLETE : EXIT_OK);
      });
  },
};
