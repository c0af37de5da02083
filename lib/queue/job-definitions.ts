import { z } from 'zod';

// Job payloads are checked when enqueued and again when processed. The handlers live in
// workers/jobs; the web process only needs the names and schemas to enqueue.

export const queueNames = { ingest: 'ingest' } as const;

export const ZIngestWebhookJob = z.object({
  tenantId: z.string().min(1),
  eventId: z.string().min(1),
});
export type TIngestWebhookJob = z.infer<typeof ZIngestWebhookJob>;

export const jobNames = { ingestWebhook: 'ingest-webhook' } as const;
