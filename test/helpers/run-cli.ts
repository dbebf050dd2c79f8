import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { run } from '../../src/cli/main.js';
import { memoryIo } from '../../src/cli/io.js';

export const BIN = fileURLToPath(new URL('../../bin/mailcheck.js', import.meta.url));
export const REPO = fileURLToPath(new URL('../../', import.meta.url));

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface CliOptions {
  stdin?: string | Buffer;
  env?: Record<string, string>;
}

/**
 * Runs `mailcheck` in this process (run(argv, io) with a memory Io: no TTY, NO_COLOR=1 unless `env`
 * says otherwise), as most CLI tests do: the same code path as the binary without a process start.
 * Paths are relative to the repository (npm test runs there).
 */
export async function runCli(args: string[], options: CliOptions = {}): Promise<CliResult> {
  const stdin = options.stdin === undefined ? Buffer.alloc(0) : Buffer.from(options.stdin);
  const io = memoryIo({ env: { NO_COLOR: '1', ...options.env }, stdin });
  const code = await run(args, io);
  return { code, stdout: io.out, stderr: io.err };
}

/** Runs the built `mailcheck` binary as a user would (NO_COLOR=1, no TTY): the thin end-to-end layer. */
export function runBinary(args: string[], options: CliOptions & { cwd?: string } = {}): Promise<CliResult> {
  return runNode([BIN, ...args], options);
}

/** Runs node with `nodeArgs` (a script, `-e`, preloads) in the repository, environment PATH and NO_COLOR=1 plus `env`. */
export function runNode(nodeArgs: string[], options: CliOptions & { cwd?: string } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, nodeArgs, {
      cwd: options.cwd ?? REPO,
      env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}
