import { domainToUnicode } from 'node:url';

// Internationalised domain names: mailcheck works on the ASCII (punycode) form, the form DNS and the
// fix records use; a person reads the Unicode one. Both are shown: `xn--bcher-kva.example (bücher.example)`.

/** The Unicode form of an ASCII domain with an `xn--` label, or undefined (not an IDN, or not valid punycode). */
export function unicodeName(ascii: string): string | undefined {
  if (!/(^|\.)xn--/i.test(ascii)) return undefined;
  const unicode = domainToUnicode(ascii);
  return unicode !== '' && unicode !== ascii ? unicode : undefined;
}

/** The name as shown to a person: the ASCII form, with the Unicode form beside it for an IDN. */
export function shownName(ascii: string): string {
  const unicode = unicodeName(ascii);
  return unicode === undefined ? ascii : `${ascii} (${unicode})`;
}
