// Baseline for scenario 1: the least code that does the work of the Shopify webhook route —
// find the store, verify the HMAC over the raw bytes, check it is JSON, insert into the inbox (ON CONFLICT DO
// NOTHING), enqueue with jobId = event id, answer 200. A bare node:http server, no framework.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const connection = new Redis(process.env.REDIS_URL!, { maxRetriesPerRequest: 1, enableOfflineQueue: false });
const queue = new Queue('ingest', { connection, prefix: process.env.BASELINE_QUEUE_PREFIX });
const secret = process.env.SHOPIFY_API_SECRET!;

function isValidHmac(body: Buffer, header: string | undefined): boolean {
  const expected = Buffer.from(createHmac('sha256', secret).update(body).digest('base64'));
  const received = Buffer.from(header ?? '');
  return expected.length === received.length && timingSafeEqual(expected, received);
}

const server = createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', async () => {
    try {
      const body = Buffer.concat(chunks);
      const shop = String(request.headers['x-shopify-shop-domain'] ?? '');
      const store = await pool.query<{ tenant_id: string; store_id: string }>(
        `SELECT tenant_id, store_id FROM store_routes WHERE platform = 'shopify' AND route_key = $1`,
        [shop],
      );
      const route = store.rows[0];
      if (!route || !isValidHmac(body, request.headers['x-shopify-hmac-sha256'] as string | undefined)) {
        response.writeHead(401).end();
        return;
      }
      try {
        JSON.parse(body.toString('utf8'));
      } catch {
        response.writeHead(400).end();
        return;
      }
      const eventId = `evt_${randomUUID()}`;
      const inserted = await pool.query(
        `INSERT INTO webhook_events (tenant_id, id, store_id, platform, topic, dedup_key, headers, raw_body, status)
         VALUES ($1, $2, $3, 'shopify', $4, $5, '{}', $6, 'QUEUED') ON CONFLICT (tenant_id, dedup_key) DO NOTHING RETURNING id`,
        [route.tenant_id, eventId, route.store_id, request.headers['x-shopify-topic'], `baseline:${request.headers['x-shopify-event-id']}`, body.toString('utf8')],
      );
      if (inserted.rows[0]) await queue.add('ingest-webhook', { tenantId: route.tenant_id, eventId }, { jobId: eventId });
      response.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
    } catch (error) {
      response.writeHead(500).end(String(error));
    }
  });
});

server.listen(Number(process.env.BASELINE_PORT), '127.0.0.1', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => {
  server.close();
  void Promise.all([queue.close(), pool.end()]).then(() => {
    connection.disconnect();
    process.exit(0);
  });
});
