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

// English, the language that defines every id. One area per command or layer; a new area is one
// file and one argument below (and the same in every other language's index).
export const en = mergeAreas(
  { checks, findings, found },
  { dnsbl },
  { labels },
  { spf },
  bounce,
  address,
  { errors },
  { syntax },
  recall,
);

export type English = typeof en;
