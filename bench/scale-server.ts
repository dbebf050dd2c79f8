// The test DNS server for bench:scale in its own process, serving `count` generated domains
// (bench/scale-fixture.ts, with 32 distinct DKIM keys). Started with fork(): receives { count }, sends { port }; on 'count' replies
// { count } (queries answered so far). The query log is emptied every second: 100,000 domains are
// millions of queries, which the log would otherwise keep.
import { startDnsServer } from '../test/helpers/dns-server.js';
import { scaleRecords, useDistinctKeys } from './scale-fixture.js';

process.once('message', (message: { count: number }) => {
  useDistinctKeys(32);
  void startDnsServer({ records: scaleRecords(message.count) }).then((server) => {
    let total = 0;
    const drain = () => {
      total += server.queries.length;
      server.resetLog();
    };
    setInterval(drain, 1000).unref();
    process.send?.({ port: server.port });
    process.on('message', (m) => {
      if (m === 'count') {
        drain();
        process.send?.({ count: total });
      }
    });
    process.on('disconnect', () => void server.close().then(() => process.exit(0)));
  });
});
