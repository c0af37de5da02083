// How a worker process is started, everywhere one is (npm start, the tests, the chaos cluster, the
// bench; package.json's "worker" script repeats the flags): node itself runs scripts/worker.mjs,
// no wrapper, with its heap sized for the worker's budget of 250 MB resident.
//
// Young-generation semi-spaces of 8 MB instead of V8's 16: objects of the jobs in flight (16 at a
// time, each waiting on Postgres) outlived the longer scavenge interval, were promoted, and the old
// generation filled with garbage before a full collection (224 MB resident at peak under the
// full end-to-end bench; 124-138 MB with these flags, at the same throughput, on the same machine).
// The old generation is capped at 128 MB: V8 collects harder as it nears the cap, and aborts the
// process should live data ever exceed it (its jobs then run again once their locks lapse). The
// live set is ~35 MB; 16 webhooks of the largest size accepted (1 MiB), held at once as text and
// parsed, take ~31 MB more, and the sync and supplier jobs (4 each) work on pages of 50 orders.
// The cap bounds the heap, not the whole process: the young generation, code and buffers come on
// top. Raising INGEST_CONCURRENCY far above 16 may call for a larger cap.
export const workerNodeFlags = ['--max-semi-space-size=8', '--max-old-space-size=128'];

/** The arguments to give process.execPath (or `node`) to run a worker. */
export const workerArgs = [...workerNodeFlags, 'scripts/worker.mjs'];
