// Turns command-line inputs (files, mboxes, folders, stdin) into raw messages, one at a time. No MIME here.
// Bounded memory: a small file is read whole; a large one is read in chunks and an mbox in it is split as it
// streams, so a 200 MB mbox never sits in memory. One message is at most MAX_MESSAGE_BYTES (a larger one
// gets its own error line and the run goes on). Only regular files are read: a FIFO, a device or a socket
// is refused before it is opened, so `bounce /dev/zero` or a named pipe cannot hang or fill memory.
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Most bytes of one message (a bounce carrying a 20 MB original is past any real report). */
export const MAX_MESSAGE_BYTES = 20 * 1024 * 1024;
/** Files up to this size are read whole; larger ones stream in chunks of this size. */
export const WHOLE_FILE_BYTES = 4 * 1024 * 1024;
/**
 * Bytes read at a time from a large file (one buffer, reused: each chunk becomes a string at once). 64 KiB,
 * not 1 MiB: each chunk's string was a large object of its own, and a 200 MB mbox peaked at 128 MiB RSS
 * against 104 MiB now, for no more CPU.
 */
const CHUNK_BYTES = 64 * 1024;
let chunkBuffer: Buffer | null = null;

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
  /**
   * Why (`errors: input.<code>` in the catalogue): binary, not-found, permission, folder, not-a-file (a FIFO,
   * device or socket), too-large (one message over the size cap, `limit` bytes), other, broken.
   */
  code: 'binary' | 'not-found' | 'permission' | 'folder' | 'not-a-file' | 'too-large' | 'other' | 'broken';
  /** The size cap, for `too-large`. */
  limit?: number;
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

// The classic From_ line exactly (`From sender Thu Jul  2 12:05:05 2020`, asctime): inside a file that is an
// mbox, strong enough evidence to start a message even without the blank line before it, as when a second
// bounce was appended without one (public corpus: rhost-cox-01). A file that does not start as an mbox stays
// one message: there such a line is a bounce quoting the one it forwards (lhost-postfix-49/50, which Sisimai
// reads as one message too). Anchored at both ends and with bounded repetition, so it is linear.
const STRICT_FROM_LINE = /^From [^\s]{1,320} {1,4}(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}\d{1,2} \d\d:\d\d:\d\d \d{4}$/;

/** True when the line starts a message of an mbox: a From_ line after a blank line, or an exact asctime From_ line. */
function startsMessage(line: string, afterBlank: boolean): boolean {
  if (!line.startsWith('From ')) return false;
  return afterBlank ? FROM_LINE.test(line) : STRICT_FROM_LINE.test(line);
}

/** True when the text starts like an mbox (a From_ line before any header). */
export function looksLikeMbox(text: string): boolean {
  return text.startsWith('From ') && FROM_LINE.test(text.slice(0, text.indexOf('\n') >>> 0 || text.length));
}

/**
 * Splits an mbox on From_ lines that follow a blank line (or start the file), or exact asctime From_ lines
 * anywhere; drops the From_ lines.
 */
export function splitMbox(text: string): string[] {
  const lines = text.split('\n');
  const messages: string[] = [];
  let current: string[] | null = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (startsMessage(line, i === 0 || lines[i - 1] === '')) {
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
  for (let i = 0; i < sample.length; i++) {
    const byte = sample[i] as number;
    if (byte < 9 || (byte > 13 && byte < 32) || byte === 127) control++;
  }
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

/** Reads one file into messages (or an error value; never throws). Whole: for small inputs and tests. */
export async function readMessages(file: string, readStdin: (maxBytes?: number) => Promise<Buffer>): Promise<RawMessage[] | InputError> {
  const messages: RawMessage[] = [];
  for await (const item of readInput(file, readStdin)) {
    if ('code' in item) return item;
    messages.push(item);
  }
  return messages;
}

/** What `readInput` yields: a message, or why one (or the whole input) could not be read. */
export type InputItem = RawMessage | InputError;

function tooLarge(file: string, limit: number, message?: number): InputError {
  return { file, code: 'too-large', limit, ...(message !== undefined ? { message } : {}) };
}

/** The messages of one whole buffer, each checked against the size cap. */
function* wholeBuffer(file: string, buffer: Buffer, limit: number): Generator<InputItem> {
  const messages = messagesFromBuffer(file, buffer);
  if (!Array.isArray(messages)) {
    yield messages;
    return;
  }
  for (const m of messages) yield m.text.length > limit ? tooLarge(file, limit, messages.length > 1 ? m.message : undefined) : m;
}

/**
 * Splits an mbox as it streams in: chunks of latin1 text (LF newlines) in, one message out at a time.
 * A From_ line starts a message when it follows a blank line (or starts the file), or is an exact asctime
 * From_ line, as splitMbox does.
 */
export class MboxStream {
  private parts: string[] = [];
  private size = 0;
  private oversize = false;
  private index = 0;
  private started = false;
  /** The last two characters already processed (start of file: a blank line before). */
  private tail = '\n\n';
  private carry = '';

  constructor(private readonly file: string, private readonly limit: number) {}

  private append(text: string): void {
    if (!this.started || text === '' || this.oversize) return;
    this.size += text.length;
    if (this.size > this.limit) {
      this.oversize = true;
      this.parts = [];
    } else this.parts.push(text);
  }

  private *finish(beforeFromLine: boolean): Generator<InputItem> {
    if (!this.started) return;
    if (this.oversize) {
      yield tooLarge(this.file, this.limit, this.index);
    } else {
      let text = this.parts.join('');
      // The line break before a From_ line belongs to the separator.
      if (beforeFromLine && text.endsWith('\n')) text = text.slice(0, -1);
      if (text.includes('>From ')) text = text.replace(/^>From /gm, 'From ');
      if (text.trim() !== '') yield { file: this.file, message: this.index, text };
      else this.index--;
    }
    this.parts = [];
    this.size = 0;
    this.oversize = false;
  }

  /** The index of the next From_ line at or after `from` in `text` (a blank line before it), or -1. */
  private nextFromLine(text: string, from: number): number {
    const at = (k: number) => (k >= 0 ? text[k] : this.tail[this.tail.length + k]);
    for (let i = text.indexOf('From ', from); i >= 0; i = text.indexOf('From ', i + 1)) {
      if (at(i - 1) !== '\n') continue;
      const eol = text.indexOf('\n', i);
      if (eol < 0) return -1;
      if (startsMessage(text.slice(i, Math.min(eol, i + 1000)), at(i - 2) === '\n')) return i;
    }
    return -1;
  }

  /** Feeds a chunk (latin1, any newlines); yields the messages it completes. */
  *push(chunk: string): Generator<InputItem> {
    let text = this.carry + chunk;
    // A CR at the very end may be the first half of a CRLF: keep it for the next chunk.
    let held = '';
    if (text.endsWith('\r')) {
      held = '\r';
      text = text.slice(0, -1);
    }
    text = normalizeNewlines(text);
    const lastLf = text.lastIndexOf('\n');
    this.carry = text.slice(lastLf + 1) + held;
    const complete = text.slice(0, lastLf + 1);
    yield* this.scan(complete);
    // One line longer than a whole message: it can only belong to an oversize message.
    if (this.carry.length > this.limit) {
      this.append(this.carry);
      this.tail = this.carry.slice(-2);
      this.carry = '';
    }
  }

  private *scan(complete: string): Generator<InputItem> {
    let pos = 0;
    while (pos < complete.length) {
      const hit = this.nextFromLine(complete, pos);
      if (hit < 0) break;
      this.append(complete.slice(pos, hit));
      yield* this.finish(true);
      this.started = true;
      this.index++;
      pos = complete.indexOf('\n', hit) + 1;
    }
    this.append(complete.slice(pos));
    if (complete.length > 0) this.tail = (this.tail + complete).slice(-2);
  }

  /** The end of input: yields the last message. */
  *end(): Generator<InputItem> {
    const rest = this.carry;
    this.carry = '';
    if (rest !== '') yield* this.scan(normalizeNewlines(rest));
    yield* this.finish(false);
  }
}

/**
 * Reads one input (a file, or `-` for stdin) message by message; never throws. A file that is not a
 * regular file is refused unopened; a message over `limit` bytes is one error item and the rest goes on.
 */
export async function* readInput(file: string, readStdin: (maxBytes?: number) => Promise<Buffer>, limit = MAX_MESSAGE_BYTES): AsyncGenerator<InputItem> {
  if (file === '-') {
    let buffer: Buffer;
    try {
      buffer = await readStdin(limit);
    } catch (error) {
      yield { file, ...describeFsError(error) };
      return;
    }
    if (buffer.length > limit) yield tooLarge(file, limit);
    else yield* wholeBuffer(file, buffer, limit);
    return;
  }
  let fd: number;
  try {
    // Checked before opening: opening a FIFO blocks until a writer comes; reading a device never ends.
    if (!statSync(file).isFile()) {
      yield { file, code: 'not-a-file' };
      return;
    }
    // O_NONBLOCK: a file swapped for a FIFO after the check cannot block the open either.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (error) {
    yield { file, ...describeFsError(error) };
    return;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) {
      yield { file, code: 'not-a-file' };
      return;
    }
    const readChunk = (size: number): Buffer => {
      const buf = Buffer.allocUnsafe(size);
      let got = 0;
      while (got < size) {
        const n = readSync(fd, buf, got, size - got, null);
        if (n === 0) break;
        got += n;
      }
      return got === size ? buf : buf.subarray(0, got);
    };
    const readInto = (buf: Buffer): number => readSync(fd, buf, 0, buf.length, null);
    if (info.size <= WHOLE_FILE_BYTES) {
      // One byte more than stat gave: a file that grew meanwhile is streamed from what was read.
      const buffer = readChunk(info.size + 1);
      if (buffer.length <= info.size) {
        yield* wholeBuffer(file, buffer, limit);
        return;
      }
      yield* streamFile(file, buffer, readChunk, readInto, limit);
      return;
    }
    yield* streamFile(file, readChunk(CHUNK_BYTES), readChunk, readInto, limit);
  } catch (error) {
    yield { file, ...describeFsError(error) };
  } finally {
    closeSync(fd);
  }
}

/** A large file: an mbox streams message by message; any other file over the cap is refused unread. */
function* streamFile(file: string, first: Buffer, readChunk: (size: number) => Buffer, readInto: (buf: Buffer) => number, limit: number): Generator<InputItem> {
  if (looksBinary(first)) {
    yield { file, code: 'binary' };
    return;
  }
  const head = first.toString('latin1', 0, Math.min(first.length, 1024));
  if (!looksLikeMbox(normalizeNewlines(head))) {
    // One message: it must fit under the cap.
    const rest: Buffer[] = [first];
    let size = first.length;
    for (let chunk = readChunk(WHOLE_FILE_BYTES); chunk.length > 0; chunk = readChunk(WHOLE_FILE_BYTES)) {
      size += chunk.length;
      if (size > limit) {
        yield tooLarge(file, limit);
        return;
      }
      rest.push(chunk);
    }
    yield* wholeBuffer(file, Buffer.concat(rest), limit);
    return;
  }
  const mbox = new MboxStream(file, limit);
  yield* mbox.push(first.toString('latin1'));
  chunkBuffer ??= Buffer.allocUnsafe(CHUNK_BYTES);
  const buf = chunkBuffer;
  for (;;) {
    const n = readInto(buf);
    if (n === 0) break;
    yield* mbox.push(buf.toString('latin1', 0, n));
  }
  yield* mbox.end();
}
