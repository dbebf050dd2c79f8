import type { CatalogueShape } from '../types.js';
import { checks, findings, found } from './domain.js';
import { dnsbl } from './dnsbl.js';
import { labels } from './labels.js';
import { spf } from './spf.js';
import { bounceAdvice, reasons } from './bounce.js';
import { errors } from './errors.js';
import { advice } from './advice.js';
import { syntax } from './syntax.js';

/** English: the language that defines every id. */
export const en = { checks, findings, advice, found, labels, errors, dnsbl, reasons, bounceAdvice, spf, syntax } satisfies CatalogueShape;
