/**
 * Local servers for the transport tests, all on 127.0.0.1 with an ephemeral port:
 *
 *   startHttpsServer({ key, cert, routes })   node:https; routes map a path to a handler
 *   startRawServer(onConnection)               node:net; the test scripts the bytes (hostile SMTP)
 *   startSilentPort()                          accepts TCP and never says anything
 *   startBlackhole()                           a listening port whose accept queue is full, so a
 *                                              new TCP connect gets no answer (connect timeout)
 *   closedPort()                               a port nothing listens on (connection refused)
 *   startScriptedSmtp({ greeting, respond })   an SMTP server whose every reply the test writes,
 *                                              STARTTLS upgrade included (io.startTls(options))
 *
 * Every server's close() also destroys the connections still open (slow handlers), so a test
 * never waits for them.
 */

import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Worker } from 'node:worker_threads';

export interface LocalServer {
  port: number;
  close(): Promise<void>;
}

function track(server: net.Server): () => Promise<void> {
  const sockets = new Set<net.Socket>();
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('secureConnection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return () =>
    new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as net.AddressInfo).port));
  });
}

export type Route = (req: IncomingMessage, res: ServerResponse) => void;

export async function startHttpsServer(options: { key: string; cert: string; routes: Record<string, Route> }): Promise<LocalServer & { requests: string[] }> {
  const requests: string[] = [];
  const server = https.createServer({ key: options.key, cert: options.cert }, (req, res) => {
    requests.push(req.url ?? '');
    const route = options.routes[req.url ?? ''];
    if (route) route(req, res);
    else {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  const close = track(server);
  const port = await listen(server);
  return { port, close, requests };
}

export async function startRawServer(onConnection: (socket: net.Socket) => void): Promise<LocalServer> {
  const server = net.createServer((socket) => {
    socket.on('error', () => undefined);
    onConnection(socket);
  });
  const close = track(server);
  const port = await listen(server);
  return { port, close };
}

export function startSilentPort(): Promise<LocalServer> {
  return startRawServer(() => undefined);
}

/** A port nothing listens on: bind one, note it, close it. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

// The listener lives in a worker thread whose event loop is then blocked (Atomics.wait), so it
// never accepts: after the kernel's accept queue (backlog 1: a couple of connections) fills, Linux drops
// further SYNs and the client's connect hangs until its own deadline.
const BLACKHOLE_WORKER = `
const net = require('node:net');
const { parentPort, workerData } = require('node:worker_threads');
const server = net.createServer();
server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
  parentPort.postMessage(server.address().port);
  Atomics.wait(new Int32Array(workerData), 0, 0, 60000);
  server.close();
});
`;

export async function startBlackhole(): Promise<LocalServer> {
  const shared = new SharedArrayBuffer(4);
  const worker = new Worker(BLACKHOLE_WORKER, { eval: true, workerData: shared });
  const port = await new Promise<number>((resolve, reject) => {
    worker.once('message', (p: number) => resolve(p));
    worker.once('error', reject);
  });
  // Fill the accept queue: connect until one connection attempt no longer completes.
  const fillers: net.Socket[] = [];
  for (let i = 0; i < 16; i++) {
    const socket = net.connect(port, '127.0.0.1');
    socket.on('error', () => undefined);
    fillers.push(socket);
    const connected = await new Promise<boolean>((resolve) => {
      const t = setTimeout(() => resolve(false), 300);
      socket.once('connect', () => {
        clearTimeout(t);
        resolve(true);
      });
    });
    if (!connected) break;
  }
  return {
    port,
    close: async () => {
      for (const s of fillers) s.destroy();
      Atomics.store(new Int32Array(shared), 0, 1);
      Atomics.notify(new Int32Array(shared), 0);
      await worker.terminate();
    },
  };
}

export interface ScriptIo {
  write(text: string): void;
  end(): void;
  destroy(): void;
  /** Upgrade the connection to TLS (server side); later commands arrive over TLS. */
  startTls(options: tls.TlsOptions): void;
  readonly secure: boolean;
}

/**
 * An SMTP server driven by the test: `greeting` is written on connect (raw, CRLFs included; null =
 * say nothing), then `respond` is called for each command line received (without CRLF).
 * `commands` logs every line received, in order, across connections.
 */
export async function startScriptedSmtp(options: { greeting: string | null; respond: (command: string, io: ScriptIo) => void }): Promise<LocalServer & { commands: string[] }> {
  const commands: string[] = [];
  const server = await startRawServer((socket) => {
    let current: net.Socket = socket;
    let secure = false;
    let buffer = '';
    const onData = (chunk: Buffer): void => {
      buffer += chunk.toString('latin1');
      let nl = buffer.indexOf('\n');
      while (nl >= 0) {
        const line = buffer.slice(0, nl).replace(/\r$/, '');
        buffer = buffer.slice(nl + 1);
        commands.push(line);
        options.respond(line, io);
        nl = buffer.indexOf('\n');
      }
    };
    const io: ScriptIo = {
      write: (text) => {
        if (!current.destroyed) current.write(text);
      },
      end: () => current.end(),
      destroy: () => current.destroy(),
      startTls: (tlsOptions) => {
        current.off('data', onData);
        const upgraded = new tls.TLSSocket(current, { ...tlsOptions, isServer: true });
        upgraded.on('error', () => undefined);
        upgraded.on('data', onData);
        current = upgraded;
        secure = true;
        buffer = '';
      },
      get secure() {
        return secure;
      },
    };
    socket.on('data', onData);
    if (options.greeting !== null) socket.write(options.greeting);
  });
  return { ...server, commands };
}
