// The load generator of `npm run bench portal`, run as a SECOND process so it does not share the
// server's event loop: autocannon against one URL, the figures printed as one JSON line.
// Usage: node --import tsx bench/portal-load.ts <url> <seconds> <connections>
import autocannon from 'autocannon';

const [url, seconds = '10', connections = '50'] = process.argv.slice(2);
if (url === undefined) throw new Error('usage: portal-load.ts <url> [seconds] [connections]');
const result = await autocannon({ url, duration: Number(seconds), connections: Number(connections) });
console.log(
  JSON.stringify({
    url,
    requestsPerSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  }),
);
