import { mergeAreas } from '../types.js';
import { checks, findings, found } from './domain.js';
import { dnsbl } from './dnsbl.js';
import { labels } from './labels.js';
import { spf } from './spf.js';
import * as bounce from './bounce.js';
import * as address from './address.js';
import { errors } from './errors.js';
import { syntax } from './syntax.js';
import * as recall from './recall.js';
import * as message from './message.js';
import * as transport from './transport.js';
import * as dmarcReport from './dmarc-report.js';
import * as html from './html.js';

// English, the language that defines every id. One area per command or layer; a new area is one
// file and one argument below (and the same in every other language's index).
/** The areas, each a partial catalogue (exported for the test that no two define the same id). */
export const EN_AREAS = [
  { checks, findings, found },
  { dnsbl },
  { labels },
  { spf },
  bounce,
  address,
  { errors },
  { syntax },
  recall,
  message,
  transport,
  { checks: dmarcReport.checks, findings: dmarcReport.findings, advice: dmarcReport.advice, found: dmarcReport.found, labels: dmarcReport.labels, errors: dmarcReport.errors },
  html,
] as const;

export const en = mergeAreas(...EN_AREAS);

export type English = typeof en;
