// Prints the README's blacklist tables from the catalogue: `node --import tsx scripts/dnsbl-table.ts`.
// test/dnsbl-readme.test.ts checks that README.md holds exactly this text.
import { pathToFileURL } from 'node:url';
import type { DnsblList } from '../src/dnsbl/catalogue.js';
import { CATALOGUE } from '../src/dnsbl/catalogue.js';

const cell = (text: string) => text.replace(/\|/g, '\\|');

function kinds(list: DnsblList): string {
  return list.kinds.map((k) => ({ ip4: 'IPv4', ip6: 'IPv6', domain: 'domain' })[k]).join(', ');
}

function codes(list: DnsblList): string {
  const listing = [...Object.keys(list.codes ?? {}).map((code) => code.replace(/^127\.0\./, '.')), ...Object.keys(list.bits ?? {}).map((bit) => `bit ${bit}`)];
  const errors = Object.keys(list.errorCodes ?? {}).map((code) => code.replace(/^127\.0\./, '.'));
  const text = listing.length > 0 ? listing.join(' ') : 'any';
  return errors.length > 0 ? `${text}; errors: ${errors.join(' ')}` : text;
}

export function catalogueTables(): string {
  const enabled = CATALOGUE.filter((l) => l.enabled);
  const disabled = CATALOGUE.filter((l) => !l.enabled);
  const lines = [
    `Queried by default (${enabled.length} lists; codes shortened: \`.0.2\` is 127.0.0.2, \`bit 8\` a bit of 127.0.0.X; the meaning of each code is printed with a listing):`,
    '',
    '| list | zone | queried with | major | return codes | usage policy |',
    '| --- | --- | --- | --- | --- | --- |',
    ...enabled.map((l) => `| ${cell(l.name)} | \`${l.zone}\` | ${kinds(l)} | ${l.major ? 'yes' : ''} | ${cell(codes(l))} | ${cell(l.policy)} |`),
    '',
    `Known but not queried by default (${disabled.length}; add one with \`--list ZONE\`):`,
    '',
    '| list | zone | why not |',
    '| --- | --- | --- |',
    ...disabled.map((l) => `| ${cell(l.name)} | \`${l.zone}\` | ${cell(l.disabledReason ?? '')} |`),
  ];
  return `${lines.join('\n')}\n`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) process.stdout.write(catalogueTables());
