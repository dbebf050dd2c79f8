// `mailcheck bounce` printed as it reads: each message's output is written when the message is done, so a
// 200 MB mbox never holds every report (or one giant JSON string) in memory. The bytes are the same as the
// all-at-once renderers print (text, json, ndjson, csv); other formats are rendered at the end.
import type { Report } from '../core/report.js';
import type { BounceTally } from '../bounce/summary.js';
import type { RenderContext } from './context.js';
import type { FormatName } from './index.js';
import { renderBounceText, summaryText } from './text/bounce.js';
import { bounceMessageJson, bounceNdjsonObjects, bounceSummaryJson } from './json/bounce.js';
import { JSON_SCHEMA_VERSION } from './json/index.js';
import { bounceCsvHeader, csvFormat } from './csv.js';

export interface BounceStream {
  /** The output of one message (may be ''). */
  item(report: Report): string;
  /** What follows the last message: `tally` has seen every message (for the summary). */
  end(tally: BounceTally): string;
}

const indent = (text: string, pad: string) => text.split('\n').map((l) => pad + l).join('\n');

/** A streaming printer for the format, or null when the format is rendered all at once. */
export function bounceStream(format: FormatName, ctx: RenderContext): BounceStream | null {
  const summaryOnly = ctx.options.summaryOnly === true;
  if (format === 'text') {
    let printed = false;
    const itemCtx: RenderContext = { ...ctx, options: { ...ctx.options, summary: false, summaryOnly: false } };
    return {
      item(report) {
        if (summaryOnly) return '';
        const block = renderBounceText([report], itemCtx);
        if (block === '') return '';
        const out = printed ? `\n${block}` : block;
        printed = true;
        return out;
      },
      end(tally) {
        const s = tally.summary();
        if (!summaryOnly && s.messages <= 1) return '';
        const summary = summaryText(s, ctx);
        return printed ? `\n${summary}` : summary;
      },
    };
  }
  if (format === 'json') {
    if (summaryOnly) {
      return {
        item: () => '',
        end(tally) {
          const summary = bounceSummaryJson(tally.summary());
          const value = ctx.jsonEnvelope ? { tool: 'mailcheck', version: ctx.version, schemaVersion: JSON_SCHEMA_VERSION, command: 'bounce', summary } : summary;
          return `${JSON.stringify(value, null, 2)}\n`;
        },
      };
    }
    let count = 0;
    const pad = ctx.jsonEnvelope ? '    ' : '  ';
    const head = ctx.jsonEnvelope
      ? `{\n  "tool": "mailcheck",\n  "version": ${JSON.stringify(ctx.version)},\n  "schemaVersion": ${JSON_SCHEMA_VERSION},\n  "command": "bounce",\n  "results": [`
      : '[';
    return {
      item(report) {
        const value = indent(JSON.stringify(bounceMessageJson(report, ctx.en), null, 2), pad);
        return `${count++ === 0 ? `${head}\n` : ',\n'}${value}`;
      },
      end() {
        const close = ctx.jsonEnvelope ? ']\n}\n' : ']\n';
        return count === 0 ? `${head}${close}` : `\n${ctx.jsonEnvelope ? '  ' : ''}${close}`;
      },
    };
  }
  if (format === 'ndjson') {
    return {
      item: (report) => (summaryOnly ? '' : bounceNdjsonObjects(report, ctx.en).map((v) => `${JSON.stringify(v)}\n`).join('')),
      end: (tally) => (summaryOnly ? `${JSON.stringify(bounceSummaryJson(tally.summary()))}\n` : ''),
    };
  }
  if (format === 'csv') {
    if (summaryOnly) return null;
    const header = bounceCsvHeader();
    let first = true;
    return {
      item(report) {
        const all = csvFormat.render([report], ctx);
        const rows = all.slice(header.length);
        const out = first ? header + rows : rows;
        first = false;
        return out;
      },
      end: () => (first ? header : ''),
    };
  }
  return null;
}
