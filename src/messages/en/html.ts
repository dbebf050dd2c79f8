import type { Text } from '../types.js';

// The HTML report's own words (`--format html`): headings, buttons, the page's notes.

export const labels = {
  'html.title': (d) => `mailcheck ${d.command} report`,
  'html.made-by': (d) => `Made by mailcheck ${d.version}. This page is one self-contained file: it loads nothing from the network, so it can be opened offline or forwarded as an attachment.`,
  'html.summary': 'Summary',
  'html.subject': 'checked',
  'html.grade': 'grade',
  'html.findings': 'Problems and what to do',
  'html.found': 'What was found',
  'html.details': 'Check by check',
  'html.record': 'Record to publish:',
  'html.copy': 'Copy',
  'html.copied': 'Copied',
  'html.copy-failed': 'Select the record and copy it',
  'html.spf-tree': 'SPF include tree',
} satisfies Record<string, Text>;
