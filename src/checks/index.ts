import type { DomainCheck } from './types.js';
import { mxCheck } from './mx.js';
import { spfCheck } from './spf.js';
import { dmarcCheck } from './dmarc.js';
import { dkimCheck } from './dkim.js';
import { rdnsCheck } from './rdns.js';
import { rblCheck } from './rbl.js';
import { providerCheck } from './provider.js';
import { tlsCheck } from './tls.js';

/** The checks of `mailcheck domain`, in report order. Adding one is a file, a line here and a weight in report/score.ts. */
export const DOMAIN_CHECKS: readonly DomainCheck[] = [mxCheck, spfCheck, dmarcCheck, dkimCheck, rdnsCheck, rblCheck, providerCheck, tlsCheck];
