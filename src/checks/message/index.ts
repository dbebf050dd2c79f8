import type { Check } from '../../core/check.js';
import type { MessageFacts } from '../../gather/message.js';
import { authCheck } from './auth.js';
import { bulkCheck } from './bulk.js';
import { contentCheck } from './content.js';
import { headerCheck } from './header.js';
import { linksCheck } from './links.js';

/** The checks of `mailcheck message`, in report order. Adding one is a file, a line here and a weight in report/score.ts. */
export const MESSAGE_CHECKS: readonly Check<MessageFacts>[] = [authCheck, headerCheck, contentCheck, linksCheck, bulkCheck];
