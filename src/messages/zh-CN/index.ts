import { mergeAreas, type Catalogue } from '../types.js';
import type { English } from '../en/index.js';
import { checks, findings, found } from './domain.js';
import { dnsbl } from './dnsbl.js';
import { labels } from './labels.js';
import { spf } from './spf.js';
import * as bounce from './bounce.js';
import { errors } from './errors.js';
import { syntax } from './syntax.js';
import * as recall from './recall.js';
import * as message from './message.js';
import * as transport from './transport.js';
import * as dmarcReport from './dmarc-report.js';
import * as address from './address.js';
import * as html from './html.js';

// 简体中文：与 en/ 的区域一一对应（同样的文件、同样的 id）。类型 Catalogue<English> 让缺少或多出的
// id 都编译不过；test/messages-catalogue.test.ts 再逐节核对一次。
export const zhCN: Catalogue<English> = mergeAreas(
  { checks, findings, found },
  { dnsbl },
  { labels },
  { spf },
  bounce,
  { errors },
  { syntax },
  recall,
  message,
  transport,
  { checks: dmarcReport.checks, findings: dmarcReport.findings, advice: dmarcReport.advice, found: dmarcReport.found, labels: dmarcReport.labels, errors: dmarcReport.errors },
  address,
  html,
);
