import { UnrecoverableError, type Job } from 'bullmq';
import { logger } from '@/lib/log';
import { jobNames, ZIngestWebhookJob, type TIngestWebhookJob } from '@/lib/queue/job-definitions';
import { processWebhookEvent } from '@/lib/ingest/process-webhook-event';
import { PayloadValidationError } from '@/lib/ingest/payload-validation-error';

export const ingestWebhookJob = {
  name: jobNames.ingestWebhook,
  schema: ZIngestWebhookJob,
  async handle(data: TIngestWebhookJob, job: Job): Promise<string> {
    const isFinal = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
    try {
      const outcome = await processWebhookEvent(data.tenantId, data.eventId, { isFinal });
      if (outcome === 'missing') logger.warn({ eventId: data.eventId }, 'webhook event not found');
      return outcome;
    } catch (error) {
      // A payload that can never become an order is not retried.
      if (error instanceof PayloadValidationError) throw new UnrecoverableError(error.message);
      throw error;
    }
  },
};
