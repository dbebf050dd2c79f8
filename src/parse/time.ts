// When a message was sent, as people type it: ISO 8601 (`2026-03-04T10:21+08:00`, `2026-03-04 10:21`),
// a time of day (`10:21`, `3:05 pm`, `yesterday 15:30`), a time ago (`10 minutes ago`, `2h ago`), or the
// Chinese a sales team writes (`昨天 15:30`, `今天 9点`, `下午3点半`, `10分钟前`, `刚才`); and the Date:
// header of a sent message (RFC 5322 §3.3, with the obsolete zone names of §4.3).
//
// Everything is relative to a clock and a time zone passed in (never the process's): a time without an
// offset is wall time in that zone. Never throws: bad input is an error code (`time.*`). Input is capped
// at MAX_TIME_INPUT characters; every regex is anchored and linear.

export const MAX_TIME_INPUT = 100;
/** A time up to this far after "now" is taken as now (clocks differ); further is `time.future`. */
export const FUTURE_SLACK_MS = 5 * 60_000;

export const TIME_ERROR_CODES = ['time.empty', 'time.too-long', 'time.unrecognised', 'time.invalid', 'time.future', 'time.zone'] as const;
export type TimeErrorCode = (typeof TIME_ERROR_CODES)[number];

/** How the text was read: `iso`, `clock` (a time of day, today or the day named), `relative` (… ago), `now`. */
export type TimeForm = 'iso' | 'clock' | 'relative' | 'now';

export type TimeParse = { ok: true; at: number; form: TimeForm } | { ok: false; code: TimeErrorCode };

export interface TimeContext {
  /** Epoch milliseconds now. */
  now: number;
  /** IANA zone of wall times without an offset (`Asia/Shanghai`). */
  timeZone: string;
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat | undefined {
  let f = formatters.get(timeZone);
  if (f) return f;
  try {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  } catch {
    return undefined;
  }
  // Bounded: a handful of zones per run at most, but never let hostile input grow it.
  if (formatters.size > 32) formatters.clear();
  formatters.set(timeZone, f);
  return f;
}

/** True when the runtime knows the IANA zone name. */
export function isTimeZone(name: string): boolean {
  return typeof name === 'string' && name.length > 0 && name.length <= 64 && formatter(name) !== undefined;
}

/** The wall time of an instant in a zone (undefined for an unknown zone). */
export function wallTime(epoch: number, timeZone: string): WallTime | undefined {
  const f = formatter(timeZone);
  if (!f || !Number.isFinite(epoch)) return undefined;
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(epoch))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year ?? 0, month: parts.month ?? 0, day: parts.day ?? 0, hour: (parts.hour ?? 0) % 24, minute: parts.minute ?? 0, second: parts.second ?? 0 };
}

function utcOf(w: WallTime): number {
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetAt(epoch: number, timeZone: string): number | undefined {
  const w = wallTime(epoch, timeZone);
  return w ? utcOf(w) - Math.floor(epoch / 1000) * 1000 : undefined;
}

/** The instant a wall time in a zone names (the earlier one in a DST overlap, shifted forward in a gap). */
export function instantOf(w: WallTime, timeZone: string): number | undefined {
  const utc = utcOf(w);
  const first = offsetAt(utc, timeZone);
  if (first === undefined) return undefined;
  const guess = utc - first;
  const second = offsetAt(guess, timeZone);
  return second === undefined || second === first ? guess : utc - second;
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function validWall(w: WallTime): boolean {
  return w.year >= 1970 && w.year <= 9999 && w.month >= 1 && w.month <= 12 && w.day >= 1 && w.day <= daysInMonth(w.year, w.month)
    && w.hour >= 0 && w.hour <= 23 && w.minute >= 0 && w.minute <= 59 && w.second >= 0 && w.second <= 60;
}

/** Full-width digits and punctuation (１０：２１) as ASCII, lower case, single spaces. */
function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

// ---- time ago -------------------------------------------------------------------------------------

const EN_UNITS: Record<string, number> = {
  s: 1000, sec: 1000, secs: 1000, second: 1000, seconds: 1000,
  m: MINUTE, min: MINUTE, mins: MINUTE, minute: MINUTE, minutes: MINUTE,
  h: HOUR, hr: HOUR, hrs: HOUR, hour: HOUR, hours: HOUR,
  d: DAY, day: DAY, days: DAY,
};
const ZH_UNITS: Record<string, number> = { 秒: 1000, 秒钟: 1000, 分: MINUTE, 分钟: MINUTE, 小时: HOUR, 个小时: HOUR, 钟头: HOUR, 个钟头: HOUR, 天: DAY };

const ZH_DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 0–99 in digits or Chinese numerals (一, 十五, 二十, 三十五), or undefined. */
function chineseNumber(text: string): number | undefined {
  if (/^\d{1,5}$/.test(text)) return Number(text);
  if (text.length === 0 || text.length > 3) return undefined;
  const ten = text.indexOf('十');
  if (ten < 0) return text.length === 1 ? ZH_DIGITS[text] : undefined;
  const tens = ten === 0 ? 1 : ZH_DIGITS[text.slice(0, ten)];
  const ones = ten === text.length - 1 ? 0 : ZH_DIGITS[text.slice(ten + 1)];
  return tens === undefined || ones === undefined || ten > 1 ? undefined : tens * 10 + ones;
}

function relative(text: string): number | undefined {
  const en = /^(\d{1,5}|an?|one|half an?) ?([a-z]+) ago$/.exec(text);
  if (en) {
    const unit = EN_UNITS[en[2] as string];
    if (unit === undefined) return undefined;
    const count = en[1] === 'a' || en[1] === 'an' || en[1] === 'one' ? 1 : en[1]?.startsWith('half') ? 0.5 : Number(en[1]);
    return count * unit;
  }
  const zh = /^([\d零〇一二两三四五六七八九十]{1,5}|半) ?(秒钟|秒|分钟|分|个小时|小时|个钟头|钟头|天)(?:之)?前$/.exec(text);
  if (zh) {
    const unit = ZH_UNITS[zh[2] as string];
    const count = zh[1] === '半' ? 0.5 : chineseNumber(zh[1] as string);
    return unit === undefined || count === undefined ? undefined : count * unit;
  }
  if (text === '半个小时前' || text === '半个钟头前') return 0.5 * HOUR;
  return undefined;
}

// ---- ISO 8601 --------------------------------------------------------------------------------------

const ISO = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[t ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?)? ?(z|[+-]\d{2}(?::?\d{2})?)?$/;

function iso(text: string, timeZone: string): number | 'invalid' | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const w: WallTime = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0), second: Number(m[6] ?? 0) };
  if (!validWall(w)) return 'invalid';
  const zone = m[7];
  if (zone === undefined) return instantOf(w, timeZone) ?? 'invalid';
  if (m[4] === undefined) return 'invalid';
  if (zone === 'z') return utcOf(w);
  const digits = zone.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || '0');
  if (hours > 23 || minutes > 59) return 'invalid';
  const sign = zone.startsWith('-') ? -1 : 1;
  return utcOf(w) - sign * (hours * HOUR + minutes * MINUTE);
}

// ---- a time of day, English and Chinese ------------------------------------------------------------

const DAY_WORDS: Record<string, number> = { today: 0, yesterday: 1, 今天: 0, 今日: 0, 昨天: 1, 昨日: 1, 前天: 2 };
type Period = 'am' | 'pm' | 'noon' | 'night-early';
const ZH_PERIODS: Record<string, Period> = { 凌晨: 'night-early', 早上: 'am', 早晨: 'am', 上午: 'am', 中午: 'noon', 下午: 'pm', 傍晚: 'pm', 晚上: 'pm', 夜里: 'pm' };

interface ClockTime {
  daysBack: number;
  /** True when the text named the day (then a time later than now is an error, not yesterday). */
  dayNamed: boolean;
  hour: number;
  minute: number;
  second: number;
}

function applyPeriod(hour: number, period: Period | undefined): number | undefined {
  if (hour > 23) return undefined;
  if (period === undefined) return hour;
  if (hour > 12) return period === 'pm' || period === 'noon' ? hour : undefined;
  if (period === 'am') return hour === 12 ? 0 : hour;
  if (period === 'night-early') return hour === 12 ? 0 : hour;
  // 中午: 12点 is noon, 11点 late morning, 1点/2点 early afternoon.
  if (period === 'noon') return hour === 11 || hour === 12 ? hour : hour + 12;
  return hour === 12 ? 12 : hour + 12;
}

const EN_CLOCK = /^(?:(today|yesterday) (?:at )?)?(\d{1,2})(?::(\d{2})(?::(\d{2}))?)? ?(am|pm|a\.m\.|p\.m\.)?$/;
const ZH_CLOCK = /^(今天|今日|昨天|昨日|前天)? ?(凌晨|早上|早晨|上午|中午|下午|傍晚|晚上|夜里)? ?([\d零〇一二两三四五六七八九十]{1,3})(?::(\d{2})(?::(\d{2}))?|(?:点|时)(?:(半)|(整)|([\d零〇一二两三四五六七八九十]{1,3})分?)?)$/;

function clock(text: string): ClockTime | 'invalid' | undefined {
  const en = EN_CLOCK.exec(text);
  if (en) {
    // A bare number ("10") is not a time; "10am" and "10:21" are.
    if (en[3] === undefined && en[5] === undefined) return undefined;
    const period = en[5] === undefined ? undefined : en[5].startsWith('a') ? 'am' : 'pm';
    const hour = applyPeriod(Number(en[2]), period);
    const minute = Number(en[3] ?? 0);
    const second = Number(en[4] ?? 0);
    if (hour === undefined || minute > 59 || second > 59 || (period && Number(en[2]) === 0)) return 'invalid';
    return { daysBack: en[1] ? (DAY_WORDS[en[1]] ?? 0) : 0, dayNamed: en[1] !== undefined, hour, minute, second };
  }
  const zh = ZH_CLOCK.exec(text);
  if (zh) {
    const rawHour = chineseNumber(zh[3] as string);
    const colon = zh[4] !== undefined;
    const minute = colon ? Number(zh[4]) : zh[6] ? 30 : zh[7] ? 0 : zh[8] !== undefined ? chineseNumber(zh[8]) : 0;
    const second = Number(zh[5] ?? 0);
    // "3:30" with no day or period word is the English form's; here a colon needs a day or period word.
    if (colon && !zh[1] && !zh[2]) return undefined;
    const hour = rawHour === undefined ? undefined : applyPeriod(rawHour, zh[2] ? ZH_PERIODS[zh[2]] : undefined);
    if (hour === undefined || minute === undefined || minute > 59 || second > 59) return 'invalid';
    return { daysBack: zh[1] ? (DAY_WORDS[zh[1]] ?? 0) : 0, dayNamed: zh[1] !== undefined, hour, minute, second };
  }
  return undefined;
}

function clockInstant(c: ClockTime, ctx: TimeContext): number | undefined {
  const today = wallTime(ctx.now, ctx.timeZone);
  if (!today) return undefined;
  const at = (daysBack: number) => {
    const day = new Date(Date.UTC(today.year, today.month - 1, today.day - daysBack));
    return instantOf({ year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour: c.hour, minute: c.minute, second: c.second }, ctx.timeZone);
  };
  const first = at(c.daysBack);
  // "10:21" said at 09:00 means yesterday's 10:21.
  if (first !== undefined && !c.dayNamed && first > ctx.now + FUTURE_SLACK_MS) return at(c.daysBack + 1);
  return first;
}

const NOW_WORDS = new Set(['now', 'just now', '刚才', '刚刚', '现在']);

/** Reads a sending time as typed, relative to `ctx` (see the file header). Never throws. */
export function parseTime(input: string, ctx: TimeContext): TimeParse {
  if (typeof input !== 'string') return { ok: false, code: 'time.empty' };
  if (input.length > MAX_TIME_INPUT) return { ok: false, code: 'time.too-long' };
  if (!isTimeZone(ctx.timeZone)) return { ok: false, code: 'time.zone' };
  const text = normalise(input);
  if (text === '') return { ok: false, code: 'time.empty' };
  const done = (at: number | undefined, form: TimeForm): TimeParse => {
    if (at === undefined || !Number.isFinite(at)) return { ok: false, code: 'time.invalid' };
    if (at > ctx.now + FUTURE_SLACK_MS) return { ok: false, code: 'time.future' };
    return { ok: true, at: Math.min(at, ctx.now), form };
  };
  if (NOW_WORDS.has(text)) return done(ctx.now, 'now');
  const ago = relative(text);
  if (ago !== undefined) return done(ctx.now - ago, 'relative');
  const isoAt = iso(text, ctx.timeZone);
  if (isoAt === 'invalid') return { ok: false, code: 'time.invalid' };
  if (isoAt !== undefined) return done(isoAt, 'iso');
  const c = clock(text);
  if (c === 'invalid') return { ok: false, code: 'time.invalid' };
  if (c !== undefined) return done(clockInstant(c, ctx), 'clock');
  return { ok: false, code: 'time.unrecognised' };
}

// ---- RFC 5322 Date: --------------------------------------------------------------------------------

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
// RFC 5322 §4.3 obs-zone; military letters mean nothing reliable and count as +0000 (as the RFC says).
const OBS_ZONES: Record<string, number> = { ut: 0, gmt: 0, utc: 0, z: 0, est: -5, edt: -4, cst: -6, cdt: -5, mst: -7, mdt: -6, pst: -8, pdt: -7 };

/**
 * The instant of a Date: header (`Tue, 4 Mar 2026 10:21:07 +0800`, obsolete forms included), or
 * undefined. Comments and a leading day name are ignored; two-digit years follow RFC 5322 §4.3.
 */
export function parseMailDate(value: string): number | undefined {
  if (typeof value !== 'string' || value.length > 200) return undefined;
  const text = value.replace(/\([^()]*\)/g, ' ').replace(/,/g, ' ').trim().toLowerCase();
  const tokens = text.split(/\s+/).filter(Boolean);
  if (tokens[0] && /^[a-z]{3,}$/.test(tokens[0]) && MONTHS[tokens[0].slice(0, 3)] === undefined) tokens.shift();
  if (tokens.length < 4) return isoFallback(value);
  const [, , yearText, timeText, zoneText] = tokens as [string, string, string, string, string | undefined];
  let [dayText, monthText] = tokens as [string, string];
  // "Mar 4 2026" (an obsolete and common inversion).
  if (MONTHS[dayText.slice(0, 3)] !== undefined && /^\d{1,2}$/.test(monthText)) [dayText, monthText] = [monthText, dayText];
  const month = MONTHS[monthText.slice(0, 3)];
  const time = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(timeText);
  if (!/^\d{1,2}$/.test(dayText) || month === undefined || !/^\d{2,4}$/.test(yearText) || !time) return isoFallback(value);
  let year = Number(yearText);
  if (yearText.length === 2) year += year < 50 ? 2000 : 1900;
  else if (yearText.length === 3) year += 1900;
  const w: WallTime = { year, month, day: Number(dayText), hour: Number(time[1]), minute: Number(time[2]), second: Number(time[3] ?? 0) };
  if (!validWall(w)) return undefined;
  let offsetMinutes = 0;
  if (zoneText !== undefined) {
    const numeric = /^([+-])(\d{2})(\d{2})$/.exec(zoneText);
    if (numeric) {
      if (Number(numeric[3]) > 59) return undefined;
      offsetMinutes = (numeric[1] === '-' ? -1 : 1) * (Number(numeric[2]) * 60 + Number(numeric[3]));
    } else {
      const obs = OBS_ZONES[zoneText];
      offsetMinutes = obs === undefined ? 0 : obs * 60;
    }
  }
  return utcOf(w) - offsetMinutes * MINUTE;
}

function isoFallback(value: string): number | undefined {
  const at = iso(normalise(value), 'UTC');
  return typeof at === 'number' ? at : undefined;
}
