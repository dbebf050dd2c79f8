// The test DNS server in its own process for benchmarks, so the measured process runs only the
// resolver. Started with IPC by a bench: receives DnsServerOptions, sends { port }; on 'count'
// replies { count, cpu } (queries received so far, and the server's CPU time so far in µs).
import { startDnsServer } from '../test/helpers/dns-server.js';
import type { DnsServerOptions } from '../test/helpers/dns-server.js';

process.once('message', (options: DnsServerOptions) => {
  void startDnsServer(options).then((server) => {
    process.send?.({ port: server.port });
    process.on('message', (message) => {
      if (message === 'count') {
        const cpu = process.cpuUsage();
        process.send?.({ count: server.queries.length, cpu: cpu.user + cpu.system });
      }
    });
    process.on('disconnect', () => void server.close().then(() => process.exit(0)));
  });
});
