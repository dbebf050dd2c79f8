import type { CommandModule } from './command.js';
import { bounceCommand } from './bounce.js';
import { domainCommand } from './domain.js';
import { ipCommand } from './ip.js';
import { lookupCommand } from './lookup.js';
import { spfCommand } from './spf.js';

// The subcommands, in the order --help lists them. Adding one is one import and one entry.
export const commands: CommandModule[] = [domainCommand, spfCommand, ipCommand, bounceCommand, lookupCommand];
