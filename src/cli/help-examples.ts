// What `mailcheck <command> --help` shows besides commander's own lists, by command name: two or three
// examples, the global options that do not apply to it, and the formats it prints. Applied once, where commands are registered
// (cli/help.ts); the man page (scripts/man.mjs) and shell completion read the same program.
// Examples that name a file name one shipped in examples/, so they run as written from the repository
// (test/help.test.ts runs every offline one; `# …` is a comment for the reader).

export interface CommandHelp {
  examples: readonly string[];
  /**
   * The program's options that do not apply to this command (long names), or `all`: the others are
   * listed under "Global Options" (so an option added to the program is listed without an edit here).
   */
  notApplying: readonly string[] | 'all';
  /** `--format` values the command prints. */
  formats: readonly string[];
}

/** The options of every command that asks DNS. */
const DNS = ['--resolver', '--doh', '--zone', '--timeout', '--retries'] as const;

const ALL_FORMATS = ['text', 'json', 'ndjson', 'csv', 'markdown', 'sarif', 'junit', 'github', 'html'] as const;
const NO_CSV = ALL_FORMATS.filter((f) => f !== 'csv');
const STREAMED = ['text', 'json', 'ndjson', 'csv'] as const;

export const HELP: Record<string, CommandHelp> = {
  domain: {
    examples: [
      'mailcheck --zone examples/example.test.zone domain example.test --selector s2026 --selector legacy',
      'mailcheck domain example.com --selector s1 --ip 203.0.113.5   # your DKIM selector and sending IP too',
      'mailcheck --zone examples/example.test.zone --format html domain example.test > report.html',
    ],
    notApplying: [],
    formats: ALL_FORMATS,
  },
  spf: {
    examples: [
      'mailcheck --zone examples/example.test.zone spf example.test --ip 192.0.2.25 --expect pass',
      'mailcheck --zone examples/example.test.zone spf example.test --ip 203.0.113.9 --trace',
      'mailcheck spf example.com --ip 203.0.113.5 --sender bounces@example.com',
    ],
    notApplying: [],
    formats: NO_CSV,
  },
  ip: {
    examples: [
      'mailcheck --zone examples/blacklists.test.zone --zone examples/example.test.zone ip 192.0.2.25 192.0.2.99',
      'mailcheck ip 203.0.113.5                 # every default list for an IPv4 address, and reverse DNS',
      'mailcheck ip 203.0.113.5 --only-lists zen.spamhaus.org,bl.spamcop.net --format json',
    ],
    notApplying: [],
    formats: ALL_FORMATS,
  },
  bounce: {
    examples: [
      'mailcheck bounce examples/undelivered.eml',
      'mailcheck --lang zh-CN bounce examples/undelivered.eml',
      'mailcheck --format csv bounce ~/Maildir/.Bounces > bounces.csv',
    ],
    notApplying: DNS,
    formats: ALL_FORMATS,
  },
  message: {
    examples: [
      'mailcheck --zone examples/example.test.zone message examples/cold-letter.eml',
      'mailcheck --zone examples/example.test.zone --format html message examples/cold-letter.eml > message.html',
      'mailcheck message copy.eml --bulk        # a copy you sent yourself, judged by the bulk-sender rules',
    ],
    notApplying: [],
    formats: NO_CSV,
  },
  'dmarc-report': {
    examples: [
      'mailcheck dmarc-report --offline examples/dmarc-reports/',
      'mailcheck dmarc-report ~/Maildir/.DMARC --since 30d   # who sends as you, and is p=quarantine safe?',
      'mailcheck --format csv dmarc-report --offline examples/dmarc-reports/ > senders.csv',
    ],
    notApplying: [],
    formats: ALL_FORMATS,
  },
  address: {
    examples: [
      'mailcheck --zone examples/example.test.zone address sales@example.test info@example.test',
      'mailcheck address buyer@empresa.com.br sales@gmial.com   # would these addresses receive mail?',
    ],
    notApplying: [],
    formats: STREAMED,
  },
  list: {
    examples: [
      'mailcheck --zone examples/example.test.zone list examples/contacts.csv',
      'mailcheck list contacts.csv --split-out clean/   # clean a contact list before a campaign',
    ],
    notApplying: [],
    formats: STREAMED,
  },
  lookup: {
    examples: [
      'mailcheck lookup --zone examples/example.test.zone example.test MX',
      'mailcheck --zone examples/example.test.zone lookup _dmarc.example.test TXT',
      'mailcheck lookup example.com MX --resolver 192.0.2.53 --dnssec',
    ],
    notApplying: [],
    formats: NO_CSV,
  },
  recall: {
    examples: [
      'mailcheck --zone examples/recall.test.zone recall examples/sent.eml --sent "10 minutes ago"',
      'mailcheck --zone examples/recall.test.zone recall --from wang@acme-exmail.test --to li@qq.com --sent now',
      'mailcheck recall --from me@myco.cn --to buyer@client.de --sent "10 minutes ago"   # can it be recalled? what now?',
    ],
    notApplying: [],
    formats: NO_CSV,
  },
  completion: {
    examples: [
      'source <(mailcheck completion bash)     # in ~/.bashrc: Tab completes commands, options and their values',
      'mailcheck completion zsh > "${fpath[1]}/_mailcheck"',
      'mailcheck completion fish > ~/.config/fish/completions/mailcheck.fish',
    ],
    notApplying: 'all',
    formats: [],
  },
};
