import { env } from '@/lib/env';
import { addJob, producerQueue, whenProducerReady } from '@/lib/queue/producer';
import { jobNames, queueNames, ZIngestWebhookJob, type TIngestWebhookJob } from '@/lib/queue/job-definitions';

export function ingestJobOptions() {
  return {
    attempts: env().INGEST_ATTEMPTS,
    backoff: { type: 'exponential' as const, delay: env().INGEST_BACKOFF_MS },
    removeOnComplete: { age: 3600, count: 10_000 },
    removeOnFail: { age: 7 * 24 * 3600, count: 50_000 },
  };
}

/**
 * Adds the ingest job for one inbox event. jobId = event id, so a second add of a job BullMQ
 * still knows is a no-op; the inbox row stays the real dedup. Rejects at once while Redis is
 * down and within half a second when it stops answering.
 */
export async function enqueueIngestWebhook(job: TIngestWebhookJob): Promise<void> {
  const data = ZIngestWebhookJob.parse(job);
  await addJob(queueNames.ingest, jobNames.ingestWebhook, data, { ...ingestJobOptions(), jobId: data.eventId });
}

/** Forgets the job of an event (a finished or failed one), so the event can be enqueued anew. */
export async function removeIngestJob(eventId: string): Promise<void> {
  await whenProducerReady();
  const job = await producerQueue(queueNames.ingest).getJob(eventId);
  if (job) await job.remove();
}

export async function findIngestJobState(eventId: string): Promise<string | null> {
  await whenProducerReady();
  const job = await producerQueue(queueNames.ingest).getJob(eventId);
  if (!job) return null;
  return job.getState();
}
