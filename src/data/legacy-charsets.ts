// Legacy Chinese charsets (`content.charset-legacy`): mail in these reads as garbage in readers that guess
// wrong, and SpamAssassin's CHARSET_FARAWAY rules (3.2 points) count them where the recipient accepts only
// some locales. Source: SpamAssassin lib/Mail/SpamAssassin/Locales.pm, the `zh` charsets (GB1988 GB2312
// GB18030 GBK BIG5 BIG5HKSCS EUCTW ISO2022CN; wave2-facts.md §1.1 [SA-LOCALES]), with the labels mail
// actually carries (lower case, as normalised by src/mail/decode.ts).
export const LEGACY_CHINESE_CHARSETS: readonly string[] = [
  'gb2312', 'gbk', 'gb18030', 'gb1988', 'x-gbk', 'cp936', 'windows-936', 'euc-cn', 'hz-gb-2312', 'iso-2022-cn', 'iso-2022-cn-ext',
  'big5', 'big5-hkscs', 'big5hkscs', 'x-big5', 'cp950', 'euc-tw',
];

const SET = new Set(LEGACY_CHINESE_CHARSETS);

export function isLegacyChinese(charset: string): boolean {
  return SET.has(charset.toLowerCase());
}
