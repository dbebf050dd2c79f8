import { dirname, isAbsolute, join, resolve } from 'node:path';
import { readFile, stat } from 'node:fs/promises';
import { CONFIG_SCHEMA } from './config-schema.js';
import { UsageError } from './exit-codes.js';
import type { Io } from './io.js';
import type { GlobalOptions } from './global-options.js';
import { parseLang } from '../messages/index.js';

// mailcheck.config.json / .mailcheckrc.json: found by walking up from the working directory (io.cwd),
// named with --config PATH, ignored with --no-config. Validated against CONFIG_SCHEMA (the schema
// published as schema/mailcheck.config.schema.json) by the small validator below, then by meaning
// (domains, IPs, finding ids); a bad config is one line naming the key, exit 2.

export const CONFIG_NAMES = ['mailcheck.config.json', '.mailcheckrc.json'] as const;
/** Most bytes of a config file. */
export const CONFIG_MAX_BYTES = 4 * 1024 * 1024;

export type RuleLevel = 'error' | 'warning' | 'info' | 'off';

export interface ConfigDomain {
  domain: string;
  selectors?: string[];
  ips?: string[];
}

export interface MailcheckConfig {
  domains?: (string | ConfigDomain)[];
  selectors?: string[];
  ips?: string[];
  failOn?: 'error' | 'warning' | 'info' | 'none';
  minScore?: number;
  profile?: 'gmail' | 'yahoo' | 'microsoft' | 'all';
  rules?: Record<string, RuleLevel>;
  checks?: { only?: string[]; skip?: string[] };
  lists?: { add?: string[]; only?: string[]; skip?: string[] };
  resolver?: { servers?: string[]; doh?: string; zone?: string[]; timeout?: number; retries?: number };
  lang?: 'en' | 'zh-CN';
  concurrency?: number;
  baseline?: string;
}

/** A config as loaded: its file, its folder (relative paths in it are relative to that), its values. */
export interface LoadedConfig {
  file: string;
  dir: string;
  config: MailcheckConfig;
}

/** One schema violation: where (a path like `domains[2].selectors[0]`), and what is wrong. */
export interface ConfigProblem {
  key: string;
  problem: 'type' | 'enum' | 'unknown-key' | 'required' | 'minimum' | 'maximum' | 'min-length' | 'max-length' | 'pattern' | 'max-items';
  /** What would be right: a type name, the allowed values, the bound, the key required. */
  expected?: unknown;
}

type Schema = Record<string, unknown>;

function keyPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  const plain = /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key);
  if (parent === '') return plain ? key : JSON.stringify(key);
  return plain ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

function hasType(value: unknown, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === 'number' && actual === 'integer');
}

/**
 * The first violation of `schema` by `value` (depth first, in the order of the value's keys), or
 * undefined. Implements the keywords CONFIG_SCHEMA uses; a test runs it beside ajv on many values.
 * Bounded: one pass over the value.
 */
export function validateSchema(value: unknown, schema: Schema, path = ''): ConfigProblem | undefined {
  const at = path === '' ? '(top level)' : path;
  if (Array.isArray(schema.anyOf)) {
    const branches = schema.anyOf as Schema[];
    const problems = branches.map((b) => validateSchema(value, b, path));
    if (problems.some((p) => p === undefined)) return undefined;
    // The branch of the value's type says what is wrong inside it; otherwise the types allowed.
    const sameType = branches.findIndex((b) => typeof b.type === 'string' && hasType(value, b.type));
    if (sameType >= 0) return problems[sameType];
    return { key: at, problem: 'type', expected: branches.map((b) => b.type).filter(Boolean) };
  }
  if (Array.isArray(schema.enum) && !(schema.enum as unknown[]).includes(value)) return { key: at, problem: 'enum', expected: schema.enum };
  if (typeof schema.type === 'string' && !hasType(value, schema.type)) return { key: at, problem: 'type', expected: [schema.type] };
  if (typeof value === 'string') {
    if (typeof schema.minLength === 'number' && [...value].length < schema.minLength) return { key: at, problem: 'min-length', expected: schema.minLength };
    if (typeof schema.maxLength === 'number' && [...value].length > schema.maxLength) return { key: at, problem: 'max-length', expected: schema.maxLength };
    if (typeof schema.pattern === 'string' && !new RegExp(schema.pattern, 'u').test(value)) return { key: at, problem: 'pattern' };
  }
  if (typeof value === 'number') {
    if (typeof schema.minimum === 'number' && value < schema.minimum) return { key: at, problem: 'minimum', expected: schema.minimum };
    if (typeof schema.maximum === 'number' && value > schema.maximum) return { key: at, problem: 'maximum', expected: schema.maximum };
  }
  if (Array.isArray(value)) {
    if (typeof schema.maxItems === 'number' && value.length > schema.maxItems) return { key: at, problem: 'max-items', expected: schema.maxItems };
    if (schema.items) {
      for (let i = 0; i < value.length; i++) {
        const problem = validateSchema(value[i], schema.items as Schema, keyPath(path, i));
        if (problem) return problem;
      }
    }
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const required of (schema.required ?? []) as string[]) {
      if (!Object.hasOwn(object, required)) return { key: keyPath(path, required), problem: 'required' };
    }
    for (const [key, item] of Object.entries(object)) {
      const sub = Object.hasOwn(properties, key) ? properties[key] : schema.additionalProperties;
      if (sub === false) return { key: keyPath(path, key), problem: 'unknown-key', expected: Object.keys(properties).filter((k) => k !== '$schema') };
      if (sub && typeof sub === 'object') {
        const problem = validateSchema(item, sub as Schema, keyPath(path, key));
        if (problem) return problem;
      }
    }
  }
  return undefined;
}

/** Line and column (from 1) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/**
 * The offset of the first JSON syntax error in `text` (Node 20's JSON.parse does not say where): a
 * small scanner of JSON's grammar, without building values. Iterative, so deep nesting is no risk.
 */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\r\n'.includes(text[i] as string)) i++;
  };
  const string = (): boolean => {
    i++;
    while (i < text.length) {
      const c = text[i] as string;
      if (c === '"') {
        i++;
        return true;
      }
      if (c < ' ') return false;
      if (c === '\\') {
        const e = text[i + 1] ?? '';
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return false;
          i += 6;
        } else if ('"\\/bfnrt'.includes(e) && e !== '') i += 2;
        else return false;
      } else i++;
    }
    return false;
  };
  const scalar = (): boolean => {
    const rest = text.slice(i, i + 5);
    for (const word of ['true', 'false', 'null']) {
      if (rest.startsWith(word)) {
        i += word.length;
        return true;
      }
    }
    const number = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!number || number[0] === '') return false;
    i += number[0].length;
    return true;
  };
  // A stack of open containers: '{' expects a key next, ':' a value after a key, '[' a value, ',' after a value.
  const stack: string[] = [];
  let expectValue = true;
  for (;;) {
    ws();
    if (expectValue) {
      const c = text[i];
      if (c === '{' || c === '[') {
        stack.push(c);
        i++;
        ws();
        if (text[i] === (c === '{' ? '}' : ']')) {
          stack.pop();
          i++;
          expectValue = false;
          continue;
        }
        if (c === '{') {
          if (text[i] !== '"' || !string()) return i;
          ws();
          if (text[i] !== ':') return i;
          i++;
        }
        continue;
      }
      if (c === '"' ? !string() : !scalar()) return i;
      expectValue = false;
      continue;
    }
    const top = stack[stack.length - 1];
    if (top === undefined) return i < text.length ? i : -1;
    if (text[i] === ',') {
      i++;
      ws();
      if (top === '{') {
        if (text[i] !== '"' || !string()) return i;
        ws();
        if (text[i] !== ':') return i;
        i++;
      }
      expectValue = true;
      continue;
    }
    if (text[i] === (top === '{' ? '}' : ']')) {
      stack.pop();
      i++;
      continue;
    }
    return i;
  }
}

/** Parses and validates a config's text (a config-json or config-invalid UsageError on a problem). */
export function parseConfig(text: string, file: string): MailcheckConfig {
  let value: unknown;
  try {
    value = JSON.parse(text.startsWith('\ufeff') ? text.slice(1) : text);
  } catch (error) {
    void error;
    const body = text.startsWith('\ufeff') ? text.slice(1) : text;
    const offset = jsonErrorOffset(body);
    throw new UsageError('config-json', { file, ...(offset < 0 ? {} : lineColumn(body, offset)) });
  }
  const problem = validateSchema(value, CONFIG_SCHEMA as unknown as Schema);
  if (problem) throw new UsageError('config-invalid', { file, ...problem });
  return value as MailcheckConfig;
}

async function isFile(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** The config that applies in `cwd`: the first of CONFIG_NAMES in it or a folder above it. */
export async function findConfig(cwd: string): Promise<string | undefined> {
  let dir = resolve(cwd);
  for (let depth = 0; depth < 256; depth++) {
    for (const name of CONFIG_NAMES) {
      const candidate = join(dir, name);
      if (await isFile(candidate)) return candidate;
    }
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
  return undefined;
}

/**
 * The run's config from the command's `--config PATH` / `--no-config` (commander gives `config`
 * as the path, false, or undefined) and the working directory. Undefined when there is none.
 */
export async function loadConfig(option: unknown, io: Pick<Io, 'cwd'>): Promise<LoadedConfig | undefined> {
  if (option === false) return undefined;
  const cwd = io.cwd ?? '.';
  const named = typeof option === 'string' ? (isAbsolute(option) ? option : resolve(cwd, option)) : undefined;
  const file = named ?? (await findConfig(cwd));
  if (file === undefined) return undefined;
  const shown = typeof option === 'string' ? option : file;
  let info;
  try {
    info = await stat(file);
  } catch (error) {
    throw new UsageError('config-read', { file: shown, reason: (error as NodeJS.ErrnoException).code ?? 'unknown' });
  }
  if (!info.isFile()) throw new UsageError('config-read', { file: shown, reason: info.isDirectory() ? 'EISDIR' : 'not-regular' });
  if (info.size > CONFIG_MAX_BYTES) throw new UsageError('config-too-large', { file: shown, limit: CONFIG_MAX_BYTES });
  const text = await readFile(file, 'utf8').catch((error: unknown) => {
    throw new UsageError('config-read', { file: shown, reason: (error as NodeJS.ErrnoException).code ?? 'unknown' });
  });
  return { file: shown, dir: dirname(file), config: parseConfig(text, shown) };
}

/** A path from the config, relative to the config's folder. */
export function configPath(loaded: LoadedConfig, path: string): string {
  return isAbsolute(path) ? path : join(loaded.dir, path);
}

/** A config value that is wrong by meaning (not a domain, not an IP…): the same one line as a schema problem. */
export function configValueError(loaded: LoadedConfig, key: string, problem: string, data: Record<string, unknown> = {}): UsageError {
  return new UsageError('config-value', { file: loaded.file, key, problem, ...data });
}

/** `true` when a flag was given on the command line (commander's value source), so the config does not override it. */
export function fromCli(value: unknown): boolean {
  return value !== undefined;
}

/** The config's resolver settings and language, where no flag says otherwise (flags override the file). */
export function applyConfigGlobals(global: GlobalOptions, raw: Record<string, unknown>, loaded: LoadedConfig | undefined): GlobalOptions {
  const config = loaded?.config;
  if (!loaded || !config) return global;
  const out = { ...global };
  if (raw.lang === undefined && config.lang) out.lang = parseLang(config.lang) ?? out.lang;
  const r = config.resolver;
  if (r) {
    const sourceGiven = raw.resolver !== undefined || raw.doh !== undefined || raw.zone !== undefined;
    if (!sourceGiven) {
      if (r.servers) out.resolver = r.servers;
      if (r.doh !== undefined) out.doh = r.doh;
      if (r.zone) out.zone = r.zone.map((z) => configPath(loaded, z));
    }
    if (raw.timeout === undefined && r.timeout !== undefined) out.timeout = r.timeout;
    if (raw.retries === undefined && r.retries !== undefined) out.retries = r.retries;
  }
  return out;
}

