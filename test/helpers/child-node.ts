// A test that runs a snippet of the project's code in a child node process: under `npm test` the tests
// are compiled (.test-build/, plain JavaScript beside the sources), so the child imports the compiled
// module and needs no tsx (~0.35 s of CPU a start); a test file run alone under tsx gets tsx.
const compiled = !import.meta.url.endsWith('.ts');

/** node's arguments before `-e`: the loader the child needs to import a source module. */
export const CHILD_LOADER: readonly string[] = compiled ? [] : ['--import', 'tsx'];

/** The URL of a module under src/ ('dns/udp' → …/src/dns/udp.js or .ts), for the child to import. */
export function sourceModule(path: string): string {
  return new URL(`../../src/${path}${compiled ? '.js' : '.ts'}`, import.meta.url).href;
}
