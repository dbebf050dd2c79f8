// The explicit order in which sender formats are tried: specific MTAs and providers first (their guards
// are cheap header tests), then the generic RFC 3464 reader, feedback reports, auto-replies, and a scanner.
import type { BounceFormat } from '../format.js';
import { arf } from './arf.js';
import { fml } from './fml.js';
import { exim } from './exim.js';
import { dragonfly } from './dragonfly.js';
import { postfix } from './postfix.js';
import { qmail } from './qmail.js';
import { ezweb } from './ezweb.js';
import { apacheJames } from './james.js';
import { googleNotice } from './google-notice.js';
import { mailMarshal } from './mailmarshal.js';
import { opensmtpd } from './opensmtpd.js';
import { jpMobile } from './jp-mobile.js';
import { sendmail } from './sendmail.js';
import { imailServer } from './imailserver.js';
import { domino } from './domino.js';
import { googleDsn } from './google.js';
import { alibaba, coremail, netease, tencent } from './chinese-providers.js';
import { exchange2003 } from './exchange2003.js';
import { amazonSesJson } from './amazonses.js';
import { gmail } from './gmail.js';
import { googleGroups } from './googlegroups.js';
import { rfc3464 } from './rfc3464.js';
import { rfc3834 } from './rfc3834.js';
import { scanner } from './scanner.js';

export const FORMATS: readonly BounceFormat[] = [amazonSesJson, arf, fml, dragonfly, googleGroups, gmail, googleDsn, googleNotice, exchange2003, imailServer, domino, ezweb, mailMarshal, apacheJames, opensmtpd, postfix, sendmail, qmail, jpMobile, exim, tencent, netease, alibaba, coremail];

export const FALLBACK_FORMATS: readonly BounceFormat[] = [rfc3464, rfc3834, scanner];
