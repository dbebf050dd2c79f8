import assert from 'node:assert/strict';

export interface ConsoleBlock {
  command: string;
  output: string;
}

/** The console blocks of a README: `$ command` then the output up to the next `$` or the end. */
export function consoleBlocks(readme: string): ConsoleBlock[] {
  const blocks: ConsoleBlock[] = [];
  for (const block of readme.matchAll(/```console\n([\s\S]*?)```/g)) {
    const lines = (block[1] ?? '').split('\n');
    let current: { command: string; output: string[] } | undefined;
    for (const line of lines) {
      if (line.startsWith('$ ')) {
        if (current) blocks.push({ command: current.command, output: current.output.join('\n') });
        current = { command: line.slice(2), output: [] };
      } else current?.output.push(line);
    }
    if (current) blocks.push({ command: current.command, output: current.output.join('\n') });
  }
  return blocks;
}

/**
 * Each line the README shows is printed, in order, as shown. An example may stop early with "…", and a
 * trailing " …" shortens a line.
 */
export function assertPrintsInOrder({ command, output }: ConsoleBlock, stdout: string): void {
  const printed = stdout.split('\n');
  let at = 0;
  for (const line of output.split('\n').filter((l) => l !== '' && l !== '…')) {
    const expected = line.replace(/ …$/, '');
    const found = printed.findIndex((p, i) => i >= at && p.startsWith(expected));
    assert.ok(found >= 0, `${command}: line not printed (in order): ${expected}\n${stdout}`);
    at = found + 1;
  }
}
