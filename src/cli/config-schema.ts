// The JSON Schema of mailcheck.config.json, as data. schema/mailcheck.config.schema.json is this object
// written out (test/config.test.ts checks they are the same, and that ajv and config.ts's own
// validator agree on it). Only the keywords config.ts validates are used: type, enum, properties,
// additionalProperties, items, anyOf, minimum, maximum, minLength, maxLength, pattern, maxItems.

const severity = { enum: ['error', 'warning', 'info', 'off'] };
const strings = (description: string, pattern?: string) => ({
  type: 'array',
  description,
  maxItems: 1000,
  items: { type: 'string', minLength: 1, maxLength: 253, ...(pattern ? { pattern } : {}) },
});
const selector = '^[A-Za-z0-9_]([A-Za-z0-9_.-]{0,61}[A-Za-z0-9_])?$';

export const CONFIG_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  title: 'mailcheck configuration',
  description: 'mailcheck.config.json or .mailcheckrc.json: what `mailcheck domain` (and `mailcheck ip`) check when run without arguments. Command-line flags override it.',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string', description: 'the schema, for editor completion' },
    domains: {
      type: 'array',
      description: 'domains to check: a name, or an object with the selectors and sending IPs of that domain',
      maxItems: 100000,
      items: {
        anyOf: [
          { type: 'string', minLength: 1, maxLength: 253 },
          {
            type: 'object',
            additionalProperties: false,
            required: ['domain'],
            properties: {
              domain: { type: 'string', minLength: 1, maxLength: 253 },
              selectors: strings('DKIM selectors of this domain, besides those of every domain', selector),
              ips: strings('sending IPs of this domain, besides those of every domain'),
            },
          },
        ],
      },
    },
    selectors: strings('DKIM selectors checked for every domain (as --selector)', selector),
    ips: strings('sending IPs of every domain (as --ip), and the addresses `mailcheck ip` checks'),
    failOn: { enum: ['error', 'warning', 'info', 'none'], description: 'exit 1 when a finding is at least this severe (as --fail-on)' },
    minScore: { type: 'integer', minimum: 0, maximum: 100, description: 'exit 1 when a domain scores below this (as --min-score)' },
    profile: { enum: ['gmail', 'yahoo', 'microsoft', 'all'], description: 'whose bulk-sender rules to judge (as --profile)' },
    rules: {
      type: 'object',
      description: 'per-finding severity overrides, by finding id: error, warning, info, or off to drop the finding (as ESLint rule levels)',
      additionalProperties: severity,
    },
    checks: {
      type: 'object',
      additionalProperties: false,
      description: 'which checks of `mailcheck domain` run (as --only and --skip)',
      properties: { only: strings('run only these checks', '^[a-z0-9-]+$'), skip: strings('do not run these checks', '^[a-z0-9-]+$') },
    },
    lists: {
      type: 'object',
      additionalProperties: false,
      description: 'the blacklists (DNSBL zones) to query: added to the catalogue, instead of it, or left out',
      properties: { add: strings('also query these lists'), only: strings('query only these lists'), skip: strings('do not query these lists') },
    },
    resolver: {
      type: 'object',
      additionalProperties: false,
      description: 'how DNS is asked (as --resolver, --doh, --zone, --timeout, --retries)',
      properties: {
        servers: strings('DNS servers, HOST[:PORT] or [IPv6]:PORT, in order of preference'),
        doh: { type: 'string', minLength: 1, maxLength: 2048, description: 'a DNS-over-HTTPS URL' },
        zone: strings('zone files to answer from instead of the network (relative to this file)'),
        timeout: { type: 'integer', minimum: 1, maximum: 600000, description: 'per-query timeout in milliseconds' },
        retries: { type: 'integer', minimum: 0, maximum: 10, description: 'retries per query after a timeout' },
      },
    },
    lang: { enum: ['en', 'zh-CN'], description: 'language of the text (as --lang)' },
    concurrency: { type: 'integer', minimum: 1, maximum: 256, description: 'domains checked at once (as --concurrency)' },
    baseline: { type: 'string', minLength: 1, maxLength: 4096, description: 'the baseline file (as --baseline), relative to this file' },
  },
} as const;
