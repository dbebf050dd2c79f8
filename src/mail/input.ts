// Turns command-line inputs (files, mboxes, folders, stdin) into raw messages. No MIME here.
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** One message to analyse: where it came from and its text with LF newlines. */
export interface RawMessage {
  file: string;
  /** 1-based index inside an mbox; 1 for a single-message file. */
  message: number;
  text: string;
}

/** An input that could not be read; reported on stderr, the run goes on. */
export interface InputError {
  file: string;
  /** Why (`errors: input.<code>` in the catalogue): binary, not-found, permission, folder, other, broken. */
  code: 'binary' | 'not-found' | 'permission' | 'folder' | 'other' | 'broken';
  /** The system's own reason, for `other` and `broken`. */
  reason?: string;
  /** The message inside an mbox, when only that message could not be read. */
  message?: number;
}



/** CRLF and CR-only files become LF, so every parser sees one kind of newline. */
export function normalizeNewlines(text: string): string {
  if (!text.includes('\r')) return text;
  return text.replace(/\r\n?/g, '\n');
}

// An mbox "From_" line: "From " + an address (or MAILER-DAEMON) + a date. Requiring a weekday/month keeps a
// body line that merely starts with "From " (unescaped, as some MTAs write them) from splitting a message.
const FROM_LINE = /^From \S+ +(?:\S+ +)?(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun|\d{4}|[A-Z][a-z]{2} [A-Z][a-z]{2}).*$/;

/** True when the text starts like an mbox (a From_ line before any header). */
export function looksLikeMbox(text: string): boolean {
  return text.startsWith('From ') && FROM_LINE.test(text.slice(0, text.indexOf('\n') >>> 0 || text.length));
}

/** Splits an mbox on From_ lines that follow a blank line (or start the file); drops the From_ lines. */
export function splitMbox(text: string): string[] {
  const lines = text.split('\n');
  const messages: string[] = [];
  let current: string[] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.startsWith('From ') && (i === 0 || lines[i - 1] === '') && FROM_LINE.test(line)) {
      if (current) messages.push(current.join('\n'));
      current = [];
      continue;
    }
    if (current) current.push(line.startsWith('>From ') ? line.slice(1) : line);
  }
  if (current) messages.push(current.join('\n'));
  return messages.filter((m) => m.trim() !== '');
}

// Text with many NUL or other control bytes is not mail. Real bounces carry 8-bit bytes and now and then a
// stray NUL, so only a share of control bytes counts (random data has about 12%).
function looksBinary(buffer: Buffer): boolean {
  const sample = buffer.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) if (byte < 9 || (byte > 13 && byte < 32) || byte === 127) control++;
  return sample.length > 0 && control / sample.length > 0.05;
}

/** Decodes one input's bytes into messages, or says why it cannot. Empty input gives no message, not an error. */
export function messagesFromBuffer(file: string, buffer: Buffer): RawMessage[] | InputError {
  if (looksBinary(buffer)) return { file, code: 'binary' };
  // latin1 keeps every byte; MIME decoding later turns 8-bit parts into text by their declared charset.
  const text = normalizeNewlines(buffer.toString('latin1'));
  if (looksLikeMbox(text)) return splitMbox(text).map((t, i) => ({ file, message: i + 1, text: t }));
  if (text.trim() === '') return [];
  return [{ file, message: 1, text }];
}

async function listFiles(path: string, out: string[]): Promise<void> {
  const entries = await readdir(path, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = join(path, entry.name);
    if (entry.isDirectory()) await listFiles(full, out);
    else if (entry.isFile()) out.push(full);
  }
}

/** Expands arguments into files: folders are walked recursively in name order; `-` stays `-`. */
export async function expandInputs(args: string[]): Promise<{ files: string[]; errors: InputError[] }> {
  const files: string[] = [];
  const errors: InputError[] = [];
  for (const arg of args) {
    if (arg === '-') {
      files.push('-');
      continue;
    }
    try {
      const info = await stat(arg);
      if (info.isDirectory()) await listFiles(arg, files);
      else files.push(arg);
    } catch (error) {
      errors.push({ file: arg, ...describeFsError(error) });
    }
  }
  return { files, errors };
}

/** A file-system error as an input-error code (`errors: input.<code>` in the catalogue). */
export function describeFsError(error: unknown): Pick<InputError, 'code' | 'reason'> {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return { code: 'not-found' };
  if (code === 'EACCES' || code === 'EPERM') return { code: 'permission' };
  if (code === 'EISDIR') return { code: 'folder' };
  return { code: 'other', reason: code ?? (error instanceof Error ? error.message : String(error)) };
}

/** Reads one file into messages (or an error value; never throws). */
export async function readMessages(file: string, readStdin: () => Promise<Buffer>): Promise<RawMessage[] | InputError> {
  try {
    const buffer = file === '-' ? await readStdin() : await readFile(file);
    return messagesFromBuffer(file, buffer);
  } catch (error) {
    return { file, ...describeFsError(error) };
  }
}
