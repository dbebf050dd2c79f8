import type { Check } from '../core/check.js';
import type { DomainFacts } from '../gather/domain.js';
import type { IpFacts } from '../gather/ip.js';
import { mxCheck } from './mx.js';
import { spfCheck } from './spf.js';
import { dmarcCheck } from './dmarc.js';
import { dkimCheck } from './dkim.js';
import { rdnsCheck } from './rdns.js';
import { rblCheck } from './rbl.js';
import { providerCheck } from './provider.js';
import { tlsCheck } from './tls.js';
import { dnssecCheck } from './dnssec.js';
import { daneCheck } from './dane.js';
import { smtpCheck } from './smtp.js';
import { bulkSenderCheck } from './bulk-sender.js';

/** The checks of `mailcheck domain`, in report order. Adding one is a file, a line here and a weight in report/score.ts. */
export const DOMAIN_CHECKS: readonly Check<DomainFacts>[] = [mxCheck, spfCheck, dmarcCheck, dkimCheck, rdnsCheck, rblCheck, providerCheck, tlsCheck, dnssecCheck, daneCheck, smtpCheck, bulkSenderCheck];

/** The checks of `mailcheck ip`: the same blacklist and reverse-DNS checks as `domain`, so a listing is judged alike. */
export const IP_CHECKS: readonly Check<IpFacts>[] = [rblCheck, rdnsCheck];
