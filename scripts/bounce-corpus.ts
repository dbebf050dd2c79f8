// Shared by the accuracy script, the benchmark and the corpus test: find the bounce corpus, run
// mailcheck's reader over it, and score the answers against the two label sets.
import { existsSync, readFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { messagesFromBuffer } from '../src/mail/input.js';
import { analyzeMessage, type MessageResult, type RecipientResult } from '../src/bounce/analyze.js';

const REPO = fileURLToPath(new URL('../', import.meta.url));
/**
 * ../shared/corpora/bounces relative to the repository root; a git worktree nested one level deeper
 * (…/wt/NAME) finds it by walking up to the nearest ancestor that has shared/corpora/bounces.
 */
function findCorpus(): string {
  let dir = join(REPO, '..');
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, 'shared', 'corpora', 'bounces');
    if (existsSync(candidate)) return candidate;
    dir = join(dir, '..');
  }
  return join(REPO, '..', 'shared', 'corpora', 'bounces');
}
export const CORPUS = findCorpus();

export function corpusPresent(): boolean {
  return existsSync(join(CORPUS, 'expected.jsonl'));
}

const SKIP = /(?:^|\/)(?:obsoleted\/|LICENSE$|[^/]*\.(?:md|txt|jsonl|json)$)/;

export async function corpusFiles(): Promise<string[]> {
  const out: string[] = [];
  const walk = async (dir: string) => {
    const entries = await readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const e of entries) {
      const full = join(dir, e.name);
      if (e.isDirectory()) await walk(full);
      else if (!SKIP.test(relative(CORPUS, full))) out.push(full);
    }
  };
  await walk(CORPUS);
  return out;
}

export interface CorpusAnswer {
  file: string;
  message: number;
  result?: MessageResult;
  error?: string;
}

export async function runCorpus(files: string[]): Promise<CorpusAnswer[]> {
  const answers: CorpusAnswer[] = [];
  for (const full of files) {
    const file = relative(CORPUS, full);
    const messages = messagesFromBuffer(file, readFileSync(full));
    if (!Array.isArray(messages)) {
      answers.push({ file, message: 1, error: messages.code });
      continue;
    }
    for (const m of messages) {
      try {
        answers.push({ file, message: m.message, result: await analyzeMessage(m.text) });
      } catch (error) {
        answers.push({ file, message: m.message, error: `crash: ${error instanceof Error ? error.stack : String(error)}` });
      }
    }
  }
  return answers;
}

interface ExpectedRow { file: string; message: number; recipient: string }
interface UpstreamRow { file: string; index: number; deliverystatus: string; replycode: string; reason: string; hardbounce: number }

function readJsonl<T>(name: string): T[] {
  return readFileSync(join(CORPUS, name), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as T);
}

export interface Score { agree: number; total: number }
export interface Disagreement { field: string; expected: string; got: string; files: string[] }
export interface Accuracy {
  recipients: Score;
  extraRecipients: number;
  status: Score;
  replyCode: Score;
  reason: Score;
  hard: Score;
  notBounces: { agree: number; total: number; wrong: string[] };
  crashes: string[];
  groups: Disagreement[];
}

const pct = (s: Score) => (s.total ? (100 * s.agree) / s.total : 100);
export function percent(s: Score): string {
  return `${pct(s).toFixed(1)}% (${s.agree}/${s.total})`;
}
export function ratio(s: Score): number {
  return pct(s);
}

export function scoreCorpus(answers: CorpusAnswer[]): Accuracy {
  // Labels count messages only inside mailbox/ files; a maildir file that happens to hold two From_-separated
  // copies is one "message" there, so its records are compared in file order.
  const keyOf = (file: string, message: number) => (file.startsWith('mailbox/') ? `${file}#${message}` : `${file}#1`);
  const recordsBy = new Map<string, RecipientResult[]>();
  for (const a of answers) {
    const key = keyOf(a.file, a.message);
    recordsBy.set(key, [...(recordsBy.get(key) ?? []), ...(a.result?.recipients ?? [])]);
  }
  const acc: Accuracy = {
    recipients: { agree: 0, total: 0 }, extraRecipients: 0,
    status: { agree: 0, total: 0 }, replyCode: { agree: 0, total: 0 }, reason: { agree: 0, total: 0 }, hard: { agree: 0, total: 0 },
    notBounces: { agree: 0, total: 0, wrong: [] }, crashes: [], groups: [],
  };
  const groups = new Map<string, Disagreement>();
  const note = (field: string, expected: string, got: string, file: string) => {
    const key = `${field}|${expected}|${got}`;
    const g = groups.get(key) ?? { field, expected, got, files: [] };
    g.files.push(file);
    groups.set(key, g);
  };
  // Recipients vs expected.jsonl (per file and message; the set of addresses, case-insensitive).
  const expectedBy = new Map<string, Set<string>>();
  for (const row of readJsonl<ExpectedRow>('expected.jsonl')) {
    const key = keyOf(row.file, row.message);
    const set = expectedBy.get(key) ?? new Set<string>();
    set.add(row.recipient.toLowerCase());
    expectedBy.set(key, set);
  }
  for (const [key, expected] of expectedBy) {
    const got = new Set((recordsBy.get(key) ?? []).map((r) => r.recipient.toLowerCase()));
    for (const r of expected) {
      acc.recipients.total++;
      if (got.has(r)) acc.recipients.agree++;
      else note('recipient', r, [...got].join(',') || '(none)', key);
    }
    for (const r of got) if (!expected.has(r)) acc.extraRecipients++;
  }
  // Status, reply code, reason, hard/soft vs upstream-expected.jsonl (by file and record index).
  for (const row of readJsonl<UpstreamRow>('upstream-expected.jsonl')) {
    const rec = recordsBy.get(`${row.file}#1`)?.[row.index - 1];
    const file = `${row.file}#${row.index}`;
    const check = (score: Score, field: string, expected: string, got: string | undefined) => {
      score.total++;
      if (expected === (got ?? '(none)')) score.agree++;
      else note(field, expected, got ?? '(none)', file);
    };
    check(acc.status, 'status', row.deliverystatus, rec?.status);
    check(acc.replyCode, 'replyCode', row.replycode, rec?.replyCode);
    check(acc.reason, 'reason', row.reason, rec?.reason);
    check(acc.hard, 'hard', String(row.hardbounce === 1), rec ? String(rec.hard) : undefined);
  }
  for (const a of answers) {
    if (a.error?.startsWith('crash')) acc.crashes.push(`${a.file}#${a.message}: ${a.error}`);
    if (a.file.startsWith('maildir/not/')) {
      acc.notBounces.total++;
      if (a.result && !a.result.bounce) acc.notBounces.agree++;
      else acc.notBounces.wrong.push(a.file);
    }
  }
  acc.groups = [...groups.values()].sort((a, b) => b.files.length - a.files.length);
  return acc;
}
