import { z } from 'zod';

export const ZWebhookEventStatus = z.enum(['RECEIVED', 'QUEUED', 'PROCESSED', 'FAILED', 'IGNORED']);
export type TWebhookEventStatus = z.infer<typeof ZWebhookEventStatus>;
