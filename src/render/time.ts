import type { Data } from '../core/finding.js';

// Instants in reports are epoch milliseconds; people read them in their own zone. The text renderer
// formats them with Intl in the zone the CLI chose (TZ, Asia/Shanghai for zh users, else the system's);
// JSON keeps ISO 8601 in UTC.

/** "Mar 4, 2026, 10:21 GMT+8" in the language and zone (ISO 8601 UTC if the runtime refuses either). */
export function formatInstant(epoch: number, lang: string, timeZone: string): string {
  try {
    return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone, timeZoneName: 'short' }).format(new Date(epoch));
  } catch {
    return new Date(epoch).toISOString();
  }
}

/** The data with `<key>Text` beside every numeric `<key>At` (the catalogue's words read the text). */
export function withTimeTexts(data: Data | undefined, format: (epoch: number) => string): Data {
  const out: Data = { ...data };
  for (const [key, value] of Object.entries(data ?? {})) {
    if (key.endsWith('At') && typeof value === 'number' && Number.isFinite(value)) out[`${key}Text`] = format(value);
  }
  return out;
}

/** ISO 8601 in UTC, for JSON. */
export function isoInstant(epoch: number): string {
  return new Date(epoch).toISOString();
}
