// A documented command line (`mailcheck … > out.html   # a comment`) as the argv a shell would pass:
// words split on blanks, "double" and 'single' quotes kept together, the comment and an output
// redirection left out. Enough for the README's and --help's examples, which use nothing else.

export interface CommandLine {
  argv: string[];
  /** `> FILE`: where the shell would write the output. */
  redirect?: string;
}

export function shellWords(line: string): CommandLine {
  const words: string[] = [];
  let word: string | undefined;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (quote) {
      if (c === quote) quote = undefined;
      else word = (word ?? '') + c;
    } else if (c === '"' || c === "'") {
      quote = c;
      word = word ?? '';
    } else if (c === '#' && word === undefined) break;
    else if (c === ' ' || c === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? '') + c;
  }
  if (quote) throw new Error(`unclosed quote in: ${line}`);
  if (word !== undefined) words.push(word);
  const at = words.indexOf('>');
  if (at >= 0) return { argv: words.slice(0, at), redirect: words[at + 1] };
  return { argv: words };
}
