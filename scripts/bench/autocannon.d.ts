// autocannon 9 ships no types; the bench reads requests.total, latency.p50/p99, errors, timeouts, non2xx, duration.
declare module 'autocannon';
