import type { CommandModule } from './command.js';
import { bounceCommand } from './bounce.js';
import { domainCommand } from './domain.js';
import { lookupCommand } from './lookup.js';

// The subcommands, in the order --help lists them. Adding one is one import and one entry.
export const commands: CommandModule[] = [domainCommand, bounceCommand, lookupCommand];
