// The only place that touches process streams and environment; everything else receives an Io.

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  /** The working directory (where mailcheck.config.json is looked for); absent: the process's. */
  cwd?: string;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** The real stderr stream, for a spinner when it is a terminal; absent in memory Io. */
  stderrStream?: NodeJS.WriteStream;
  /** Reads all of standard input (for `-` arguments); with `maxBytes`, stops one byte past it (the caller refuses). */
  readStdin(maxBytes?: number): Promise<Buffer>;
  /**
   * Runs `cleanup` when the user interrupts the run (Ctrl-C), before it exits with 130: a spinner
   * shows the cursor again. Returns the function that removes it.
   */
  onInterrupt?(cleanup: () => void): () => void;
  /** Standard input as it arrives, for commands that stream it (`mailcheck list -`); absent: readStdin. */
  stdinStream?(): AsyncIterable<Uint8Array>;
  /** True once standard output was closed by its reader (`mailcheck list big.csv | head`): stop producing. */
  stdoutClosed?(): boolean;
}

/** Exit status after an interrupt (128 + SIGINT), as shells report it. */
export const EXIT_INTERRUPTED = 130;

/**
 * The process's Io. A reader that goes away (`mailcheck … | head -1`) makes writes fail with EPIPE:
 * the run stops quietly with exit 0, nothing on stderr (the reader had what it wanted); a closed
 * stderr is ignored (the exit code still tells). Ctrl-C runs the cleanups and exits 130.
 */
export function processIo(): Io {
  const cleanups = new Set<() => void>();
  const runCleanups = () => {
    for (const cleanup of [...cleanups]) {
      try {
        cleanup();
      } catch {
        // The terminal may be gone; exiting matters more.
      }
    }
    cleanups.clear();
  };
  let stderrOpen = true;
  // A failure to write the output (a full disk under a redirect; a write that throws) is reported once,
  // as one line, not a stack trace: exit 2.
  const writeFailed = (reason: string, error?: unknown): never => {
    if (stderrOpen) process.stderr.write(`mailcheck: cannot write the output: ${reason}\n`);
    if (process.env.MAILCHECK_DEBUG && error instanceof Error && error.stack && stderrOpen) process.stderr.write(`${error.stack}\n`);
    process.exit(2);
  };
  // A reader that goes away (`| head`) is not an error: the run stops quietly, exit 0. Streaming
  // commands that look at stdoutClosed() first see it set.
  let stdoutClosed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') {
      stdoutClosed = true;
      runCleanups();
      process.exit(0);
    }
    writeFailed(error.code ?? error.message);
  });
  process.stderr.on('error', () => {
    stderrOpen = false;
  });
  process.on('SIGINT', () => {
    runCleanups();
    process.exit(EXIT_INTERRUPTED);
  });
  // Output to a pipe or file is gathered and written once per turn of the event loop (or every 64 KiB):
  // a pipe write is a system call on Linux, and a streaming run (list, domain --file) prints a row
  // at a time, tens of thousands of them. A terminal gets each write at once. Whatever is gathered is
  // written before anything goes to stderr (so a log that joins both keeps their order) and at exit.
  const batching = !process.stdout.isTTY;
  let pending = '';
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (pending === '') return;
    const text = pending;
    pending = '';
    if (stdoutClosed) return;
    try {
      process.stdout.write(text);
    } catch (error) {
      // Outside any command now, so reported as the 'error' event is.
      writeFailed(error instanceof Error ? error.message : String(error), error);
    }
  };
  if (batching) process.on('exit', flush);
  return {
    stdout: (text) => {
      if (stdoutClosed) return;
      if (!batching) {
        process.stdout.write(text);
        return;
      }
      pending += text;
      if (pending.length >= 65536) flush();
      else if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    },
    stdoutClosed: () => stdoutClosed,
    stderr: (text) => {
      if (batching) flush();
      if (stderrOpen) process.stderr.write(text);
    },
    onInterrupt(cleanup) {
      cleanups.add(cleanup);
      return () => cleanups.delete(cleanup);
    },
    env: process.env,
    cwd: process.cwd(),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    stderrStream: process.stderr,
    readStdin: async (maxBytes?: number) => {
      const chunks: Buffer[] = [];
      let total = 0;
      for await (const chunk of process.stdin) {
        const bytes = Buffer.from(chunk as Uint8Array);
        chunks.push(bytes);
        total += bytes.length;
        if (maxBytes !== undefined && total > maxBytes) {
          process.stdin.destroy();
          break;
        }
      }
      return Buffer.concat(chunks);
    },
    stdinStream: () => process.stdin,
  };
}

/** An Io that records output, for tests and for in-process use. */
export function memoryIo(options: { env?: Record<string, string | undefined>; stdin?: Buffer; stdinStream?: () => AsyncIterable<Uint8Array>; cwd?: string } = {}): Io & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout(text: string) {
      io.out += text;
    },
    stderr(text: string) {
      io.err += text;
    },
    env: options.env ?? { NO_COLOR: '1' },
    stdoutIsTTY: false,
    stderrIsTTY: false,
    readStdin: async () => options.stdin ?? Buffer.alloc(0),
    ...(options.stdinStream ? { stdinStream: options.stdinStream } : {}),
    ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
  };
  return io;
}
