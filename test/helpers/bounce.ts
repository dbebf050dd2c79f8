import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { messagesFromBuffer } from '../../src/mail/input.js';
import { analyzeMessage, type MessageResult } from '../../src/bounce/analyze.js';

export const BOUNCE_FIXTURES = fileURLToPath(new URL('../fixtures/bounce/', import.meta.url));

/** Analyses every message of a fixture file (in order). */
export async function analyzeFixture(name: string): Promise<MessageResult[]> {
  const messages = messagesFromBuffer(name, readFileSync(BOUNCE_FIXTURES + name));
  if (!Array.isArray(messages)) throw new Error(messages.code);
  const results: MessageResult[] = [];
  for (const m of messages) results.push(await analyzeMessage(m.text));
  return results;
}
