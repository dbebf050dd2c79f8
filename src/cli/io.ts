// The only place that touches process streams and environment; everything else receives an Io.

export interface Io {
  stdout(text: string): void;
  stderr(text: string): void;
  env: Record<string, string | undefined>;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  /** The real stderr stream, for a spinner (ora) when it is a terminal; absent in memory Io. */
  stderrStream?: NodeJS.WriteStream;
  /** Reads all of standard input (for `-` arguments). */
  readStdin(): Promise<Buffer>;
  /** Standard input as it arrives, for commands that stream it (`mailcheck list -`); absent: readStdin. */
  stdinStream?(): AsyncIterable<Uint8Array>;
  /** True once standard output was closed by its reader (`mailcheck list big.csv | head`): stop producing. */
  stdoutClosed?(): boolean;
}

export function processIo(): Io {
  // A reader that goes away (`| head`) is not an error: further output is dropped, and streaming
  // commands stop at their next row. Other write errors stay errors.
  let stdoutClosed = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
    stdoutClosed = true;
  });
  return {
    stdout: (text) => {
      if (!stdoutClosed) process.stdout.write(text);
    },
    stdoutClosed: () => stdoutClosed,
    stderr: (text) => void process.stderr.write(text),
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stderrIsTTY: Boolean(process.stderr.isTTY),
    stderrStream: process.stderr,
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
      return Buffer.concat(chunks);
    },
    stdinStream: () => process.stdin,
  };
}

/** An Io that records output, for tests and for in-process use. */
export function memoryIo(options: { env?: Record<string, string | undefined>; stdin?: Buffer; stdinStream?: () => AsyncIterable<Uint8Array> } = {}): Io & { out: string; err: string } {
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
  };
  return io;
}
