/**
 * A DNS-over-HTTPS (RFC 8484) endpoint for tests: plain HTTP on 127.0.0.1, ephemeral port, POST
 * application/dns-message at /dns-query, answering from DnsRecord[] with the memory source.
 *
 *   const doh = await startDohServer({ records, rules: [{ name: 'x.test', status: 503 }] });
 *   run(['--doh', doh.url, ...]);  // 'http://127.0.0.1:PORT/dns-query'
 *   doh.requests  // count;  await doh.close()
 *
 * A rule (first match by exact name) can answer an HTTP status, a wrong content type, a body that
 * does not decode, or never answer (hang); hostile endpoints: `redirect` (302 to that URL),
 * `oversize` (a 200 dns-message body of that many bytes, streamed without Content-Length; with
 * `declareLength`, announced in Content-Length), `trickle` (the first bytes of the answer, then
 * silence), `nxdomainWithAnswers`, `truncatedPacket` (the answer cut inside its last record).
 */

import http from 'node:http';
import type { AddressInfo } from 'node:net';
import dnsPacket from 'dns-packet';
import { createMemorySource } from '../../src/dns/memory.js';
import type { DnsRecord, QueryType } from '../../src/dns/types.js';
import { normalizeName } from '../../src/dns/types.js';
import { encodeResponse } from '../../src/dns/wire.js';

export interface DohRule {
  name: string;
  status?: number;
  contentType?: string;
  garbage?: boolean;
  hang?: boolean;
  redirect?: string;
  oversize?: number;
  declareLength?: boolean;
  trickle?: boolean;
  nxdomainWithAnswers?: boolean;
  truncatedPacket?: boolean;
}

export interface DohServer {
  url: string;
  readonly requests: number;
  close(): Promise<void>;
}

export async function startDohServer(options: { records: DnsRecord[]; rules?: DohRule[] }): Promise<DohServer> {
  const source = createMemorySource(options.records);
  let requests = 0;
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      requests++;
      void (async () => {
        if (request.method !== 'POST' || request.url !== '/dns-query' || request.headers['content-type'] !== 'application/dns-message') {
          response.writeHead(415).end();
          return;
        }
        const query = dnsPacket.decode(Buffer.concat(chunks));
        const name = normalizeName(query.questions?.[0]?.name ?? '');
        const rule = options.rules?.find((r) => normalizeName(r.name) === name);
        if (rule?.hang) return;
        if (rule?.status) {
          response.writeHead(rule.status, { 'content-type': 'text/plain' }).end('no');
          return;
        }
        if (rule?.redirect) {
          response.writeHead(302, { location: rule.redirect, 'content-type': 'text/plain' }).end('moved');
          return;
        }
        if (rule?.oversize) {
          const total = rule.oversize;
          response.writeHead(200, { 'content-type': 'application/dns-message', ...(rule.declareLength ? { 'content-length': String(total) } : {}) });
          const chunk = Buffer.alloc(16384, 0x41);
          let sent = 0;
          const pump = () => {
            while (sent < total && !response.destroyed) {
              const piece = chunk.subarray(0, Math.min(chunk.length, total - sent));
              sent += piece.length;
              if (!response.write(piece)) return void response.once('drain', pump);
            }
            if (!response.destroyed) response.end();
          };
          pump();
          return;
        }
        const result = await source.query(name, (query.questions?.[0]?.type ?? 'A') as QueryType);
        let body = rule?.garbage ? Buffer.from('not a dns message') : encodeResponse(query, result);
        if (rule?.nxdomainWithAnswers) body.writeUInt16BE((body.readUInt16BE(2) & ~0xf) | 3, 2);
        if (rule?.truncatedPacket) body = body.subarray(0, body.length - 3);
        if (rule?.trickle) {
          response.writeHead(200, { 'content-type': 'application/dns-message', 'content-length': String(body.length) });
          response.write(body.subarray(0, 4));
          return;
        }
        response.writeHead(200, { 'content-type': rule?.contentType ?? 'application/dns-message' }).end(body);
      })();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/dns-query`,
    get requests() {
      return requests;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
