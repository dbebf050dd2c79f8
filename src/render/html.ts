import { createHash } from 'node:crypto';
import { Chalk } from 'chalk';
import type { FoundItem } from '../core/check.js';
import type { Finding, Severity } from '../core/finding.js';
import type { Report, Section } from '../core/report.js';
import type { SpfNode } from '../gather/spf.js';
import type { RenderContext } from './context.js';
import { safe } from './escape.js';
import type { Formatter } from './index.js';
import { formatRecordFix } from './record.js';
import { edgeNote } from './text/domain.js';
import { counts } from './text/common.js';
import { renderLookupText } from './text/lookup.js';
import { renderRecallText } from './text/recall.js';
import { checkTitle, fixText, found, label, message } from './words.js';

// `--format html`: one self-contained page (inline CSS, one tiny inline script for the copy buttons,
// nothing fetched: a Content-Security-Policy of `default-src 'none'` with the hashes of our own style and
// script, so even a value that slipped through could not load or run anything). It is meant to be opened
// offline or forwarded as an e-mail attachment. Every value that came from outside (DNS names, TXT
// strings, bounce texts, file names) goes through `esc`: control characters made visible, then the five
// HTML characters as entities.

/** Text or an attribute value for HTML: control and bidi characters shown as `\xNN` (render/escape.ts), `& < > " '` as entities. */
export function esc(value: unknown): string {
  return safe(String(value ?? ''))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `
:root{--ok:#1a7f37;--warn:#9a6700;--bad:#cf222e;--muted:#59636e;--line:#d1d9e0;--bg:#f6f8fa;--info:#0969da}
*{box-sizing:border-box}
body{font:15px/1.5 -apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f2328;margin:0 auto;max-width:960px;padding:24px}
h1{font-size:24px;margin:0 0 4px}h2{font-size:20px;margin:0}h3{font-size:16px;margin:20px 0 6px}
.note{color:var(--muted);font-size:13px;margin:0 0 20px}
table{border-collapse:collapse;width:100%;margin:8px 0 16px}
th,td{border:1px solid var(--line);padding:6px 10px;text-align:left;vertical-align:top}
th{background:var(--bg)}
.report{border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:0 0 24px}
.head{display:flex;gap:16px;align-items:center;flex-wrap:wrap}
.subject{word-break:break-all}
.score{display:inline-block;border-radius:8px;padding:6px 12px;color:#fff;font-weight:600;font-size:18px}
.grade{font-size:28px;margin-left:6px}
.g-good{background:var(--ok)}.g-fair{background:var(--warn)}.g-poor{background:var(--bad)}.g-none{background:var(--muted)}
.counts{color:var(--muted)}
.incomplete{background:#fff8c5;border:1px solid #d4a72c;border-radius:6px;padding:6px 10px}
td.state{font-weight:600;white-space:nowrap}
tr.s-good td.state{color:var(--ok)}tr.s-fair td.state{color:var(--warn)}tr.s-poor td.state{color:var(--bad)}tr.s-none td.state{color:var(--muted)}
tr.s-good td:first-child{border-left:4px solid var(--ok)}tr.s-fair td:first-child{border-left:4px solid var(--warn)}
tr.s-poor td:first-child{border-left:4px solid var(--bad)}tr.s-none td:first-child{border-left:4px solid var(--line)}
ul.found{margin:4px 0;padding-left:20px;color:#31363b}
ul.found li{word-break:break-word}
ul.tree,ul.tree ul{list-style:none;margin:0;padding-left:18px;border-left:1px solid var(--line)}
ul.tree{margin:4px 0 4px 4px}
ul.tree li{position:relative;padding-left:6px}
ul.tree li::before{content:"";position:absolute;left:-18px;top:11px;width:16px;border-top:1px solid var(--line)}
.term{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:13px}
.tnote{color:var(--muted);margin-left:8px}
.finding{border-left:4px solid var(--line);background:var(--bg);border-radius:4px;padding:8px 12px;margin:8px 0}
.finding.error{border-color:var(--bad)}.finding.warning{border-color:var(--warn)}.finding.info{border-color:var(--info)}
.sev{font-weight:700;text-transform:uppercase;font-size:12px;margin-right:6px}
.finding.error .sev{color:var(--bad)}.finding.warning .sev{color:var(--warn)}.finding.info .sev{color:var(--info)}
.id{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;color:var(--muted);margin-right:6px}
.fix{margin:6px 0 0}
.record{display:flex;gap:8px;align-items:flex-start;margin:6px 0 0}
.record code{flex:1;display:block;background:#fff;border:1px solid var(--line);border-radius:4px;padding:6px 8px;font:13px/1.4 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap;word-break:break-all;user-select:all}
button.copy{display:none;cursor:pointer;border:1px solid var(--line);background:#fff;border-radius:4px;padding:5px 10px;font:inherit;font-size:13px}
.js button.copy{display:inline-block}
button.copy:hover{background:var(--bg)}
.ok{color:var(--ok)}
pre.text{background:var(--bg);border:1px solid var(--line);border-radius:6px;padding:10px 12px;font:13px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap;word-break:break-word}
@media print{button.copy{display:none!important}.report{break-inside:avoid-page}}
`;

// Copies the record beside a button (the clipboard API, else the selection and execCommand), and says so on the button.
const SCRIPT = `document.documentElement.className+=' js';
document.addEventListener('click',function(e){var b=e.target&&e.target.closest?e.target.closest('button.copy'):null;if(!b)return;
var c=b.parentNode.querySelector('code');var t=c.textContent;
function said(ok){b.textContent=ok?b.getAttribute('data-copied'):b.getAttribute('data-failed');}
function select(){var r=document.createRange();r.selectNodeContents(c);var s=window.getSelection();s.removeAllRanges();s.addRange(r);var ok=false;try{ok=document.execCommand('copy');}catch(x){}said(ok);}
if(navigator.clipboard&&navigator.clipboard.writeText){navigator.clipboard.writeText(t).then(function(){said(true);},select);}else{select();}});`;

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
/** Nothing may be fetched, framed or submitted; only our own style and script (by hash) apply. */
const CSP = `default-src 'none'; style-src ${sha256(STYLE)}; script-src ${sha256(SCRIPT)}; img-src data:; base-uri 'none'; form-action 'none'`;

function gradeClass(report: Report): string {
  if (report.score === null) return 'g-none';
  if (report.grade === 'A' || report.grade === 'B') return 'g-good';
  if (report.grade === 'C' || report.grade === 'D') return 'g-fair';
  return 'g-poor';
}

function sectionClass(section: Section, report: Report): string {
  if (section.status === 'failed' || section.status === 'error' || section.status === 'skipped') return 's-none';
  if (section.score === null) {
    const worst = report.findings.filter((f) => f.check === section.id).map((f) => f.severity);
    return worst.includes('error') ? 's-poor' : worst.includes('warning') ? 's-fair' : 's-good';
  }
  return section.score >= 90 ? 's-good' : section.score >= 60 ? 's-fair' : 's-poor';
}

function sectionState(section: Section, ctx: RenderContext): string {
  const l = (id: string) => label(ctx.words, id);
  if (section.status === 'failed' || section.status === 'error') return l('could-not-check');
  if (section.status === 'skipped') return l('not-checked');
  const score = section.score === null ? '—' : `${section.score}/100`;
  return section.status === 'partial' ? `${score} ${l('partial')}` : score;
}

/** The SPF include/redirect tree as nested lists: each term with the lookups it costs. */
function treeHtml(node: SpfNode, ctx: RenderContext): string {
  if (node.children.length === 0) return '';
  const items = node.children.map((edge) => {
    const note = edgeNote(edge, ctx);
    return `<li><span class="term">${esc(edge.term)}</span>${note ? ` <span class="tnote">${esc(note)}</span>` : ''}${edge.node ? treeHtml(edge.node, ctx) : ''}</li>`;
  });
  return `<ul class="tree">${items.join('')}</ul>`;
}

function foundHtml(item: FoundItem, ctx: RenderContext): string {
  if (item.id === 'spf.tree') {
    const tree = item.data.tree as SpfNode;
    const root = found(ctx.words, { id: 'spf.tree-root', data: { domain: item.data.domain, lookups: tree.lookups } });
    return `<li class="spf-tree" aria-label="${esc(label(ctx.words, 'html.spf-tree'))}">${esc(root)}${treeHtml(tree, ctx)}</li>`;
  }
  return `<li>${esc(found(ctx.words, item))}</li>`;
}

function findingHtml(f: Finding, ctx: RenderContext): string {
  const l = (id: string) => label(ctx.words, id);
  const parts = [`<div class="finding ${f.severity satisfies Severity}" data-id="${esc(f.id)}">`, `<span class="sev">${esc(l(`severity.${f.severity}`))}</span> <span class="id">${esc(f.id)}</span> <span class="msg">${esc(message(ctx.words, f))}</span>`];
  if (f.fix) {
    const words = fixText(ctx.words, f);
    if (words) parts.push(`<p class="fix"><b>${esc(l('fix'))}</b> ${esc(words)}</p>`);
    if (f.fix.record) {
      parts.push(`<div class="record-label">${esc(l('html.record'))}</div><div class="record"><code>${esc(formatRecordFix(f.fix.record))}</code><button type="button" class="copy" data-copied="${esc(l('html.copied'))}" data-failed="${esc(l('html.copy-failed'))}">${esc(l('html.copy'))}</button></div>`);
    }
  }
  parts.push('</div>');
  return parts.join('');
}

/** Commands whose text report says more than their checks and findings (a lookup's answers, a recall's steps): it is shown too. */
const WITH_TEXT: Record<string, (report: Report, ctx: RenderContext) => string> = {
  lookup: renderLookupText,
  recall: (report, ctx) => renderRecallText([report], ctx),
};
/** The text report without colours (terminal codes have no place in a page). */
const noColour = new Chalk({ level: 0 });

function reportHtml(report: Report, index: number, ctx: RenderContext): string {
  const l = (id: string, data: Record<string, unknown> = {}) => label(ctx.words, id, data);
  const score = report.score === null ? l(report.incomplete ? 'could-not-check' : 'no-score') : l('score', { score: report.score, grade: report.grade });
  const shown = (f: Finding) => !ctx.quiet || f.severity !== 'info';
  const out = [`<section class="report" id="r${index + 1}">`, '<div class="head">', `<h2 class="subject">${esc(report.subject)}</h2>`];
  // A command that does not score (spf, bounce, dmarc-report) shows its counts alone; a report that could not be judged says so.
  const scored = report.score !== null || report.incomplete;
  if (scored) out.push(`<span class="score ${gradeClass(report)}" title="${esc(score)}">${report.score === null ? esc(score) : `${report.score}/100<span class="grade">${esc(report.grade)}</span>`}</span>`);
  out.push(`<span class="counts">${scored ? `${esc(score)} · ` : ''}${esc(counts(report.findings, ctx))}</span>`, '</div>');
  if (report.incomplete) out.push(`<p class="incomplete">${esc(l('incomplete'))}</p>`);
  const sectionIds = new Set(report.sections.map((s) => s.id));
  const overall = report.findings.filter((f) => !sectionIds.has(f.check) && shown(f));
  if (report.sections.length > 1) {
    out.push(`<table class="checks"><thead><tr><th>${esc(l('md.check'))}</th><th>${esc(l('md.result'))}</th></tr></thead><tbody>`);
    for (const s of report.sections) out.push(`<tr class="${sectionClass(s, report)}" data-check="${esc(s.id)}"><td><a href="#r${index + 1}-${esc(s.id)}">${esc(checkTitle(ctx.words, s.id))}</a></td><td class="state">${esc(sectionState(s, ctx))}</td></tr>`);
    out.push('</tbody></table>');
  }
  for (const f of overall) out.push(findingHtml(f, ctx));
  if (report.findings.filter(shown).length === 0) out.push(`<p class="ok">${esc(l('no-problems'))}</p>`);
  for (const s of report.sections) {
    const own = report.findings.filter((f) => f.check === s.id && shown(f));
    if (ctx.quiet && own.length === 0) continue;
    const state = sectionState(s, ctx);
    out.push(`<h3 id="r${index + 1}-${esc(s.id)}">${esc(checkTitle(ctx.words, s.id))}${state === '—' ? '' : ` <span class="counts">${esc(state)}</span>`}</h3>`);
    if (s.found.length > 0 && !ctx.quiet) out.push(`<ul class="found">${s.found.map((item) => foundHtml(item, ctx)).join('')}</ul>`);
    for (const f of own) out.push(findingHtml(f, ctx));
    if (own.length === 0 && s.status === 'complete' && !report.findings.some((f) => f.check === s.id)) out.push(`<p class="ok">${esc(l('no-problems'))}</p>`);
  }
  const asText = WITH_TEXT[report.command];
  if (asText && !ctx.quiet) out.push(`<pre class="text">${esc(asText(report, { ...ctx, chalk: noColour }))}</pre>`);
  out.push('</section>');
  return out.join('\n');
}

/** The table at the top of a page with several reports: each subject, its score and counts, a link to it. */
function summaryHtml(reports: readonly Report[], ctx: RenderContext): string {
  const l = (id: string, data: Record<string, unknown> = {}) => label(ctx.words, id, data);
  const rows = reports.map((r, i) => `<tr><td><a href="#r${i + 1}">${esc(r.subject)}</a></td><td><span class="score ${gradeClass(r)}">${r.score === null ? esc(l(r.incomplete ? 'could-not-check' : 'no-score')) : `${r.score}/100 ${esc(r.grade)}`}</span></td><td>${esc(counts(r.findings, ctx))}</td></tr>`);
  return `<h2>${esc(l('html.summary'))}</h2><table class="summary"><thead><tr><th>${esc(l('html.subject'))}</th><th>${esc(l('html.grade'))}</th><th></th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

/** `--format html`: the whole page. */
export const htmlFormat: Formatter = {
  render(reports, ctx) {
    const command = ctx.command ?? reports[0]?.command ?? '';
    const title = label(ctx.words, 'html.title', { command });
    const subjects = reports.slice(0, 3).map((r) => r.subject).join(', ') + (reports.length > 3 ? ', …' : '');
    const body = [
      `<h1>${esc(title)}</h1>`,
      `<p class="note">${esc(label(ctx.words, 'html.made-by', { version: ctx.version }))}</p>`,
      reports.length > 1 ? summaryHtml(reports, ctx) : '',
      ...reports.map((r, i) => reportHtml(r, i, ctx)),
    ].filter(Boolean);
    return `<!DOCTYPE html>
<html lang="${esc(ctx.lang)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="mailcheck ${esc(ctx.version)}">
<title>${esc(subjects ? `${title} — ${subjects}` : title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body.join('\n')}
<script>${SCRIPT}</script>
</body>
</html>
`;
  },
};
