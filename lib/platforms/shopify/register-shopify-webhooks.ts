import { appUrl } from '@/lib/auth/app-url';
import { PlatformRequestError } from '@/lib/platforms/platform-errors';
import { shopifyGraphql, type TShopifyAccess } from '@/lib/platforms/shopify/shopify-graphql';

export const shopifyWebhookTopics = ['ORDERS_CREATE', 'ORDERS_UPDATED', 'ORDERS_CANCELLED', 'APP_UNINSTALLED'] as const;

const createSubscription = `
  mutation webhookSubscriptionCreate($topic: WebhookSubscriptionTopic!, $webhookSubscription: WebhookSubscriptionInput!) {
    webhookSubscriptionCreate(topic: $topic, webhookSubscription: $webhookSubscription) {
      webhookSubscription { id topic }
      userErrors { field message }
    }
  }`;

type TCreateResult = { webhookSubscriptionCreate: { webhookSubscription: { id: string } | null; userErrors: Array<{ message: string }> } };

/** Subscribes the shop's order webhooks and app/uninstalled to our Shopify webhook route. */
export async function registerShopifyWebhooks(access: TShopifyAccess): Promise<string[]> {
  const callbackUrl = `${appUrl()}/api/webhooks/shopify`;
  const ids: string[] = [];
  for (const topic of shopifyWebhookTopics) {
    const result = await shopifyGraphql<TCreateResult>(access, createSubscription, {
      topic,
      webhookSubscription: { callbackUrl, format: 'JSON' },
    });
    const { webhookSubscription, userErrors } = result.webhookSubscriptionCreate;
    // A reconnect finds its subscriptions still there; that is fine.
    if (userErrors.length && !userErrors.every((error) => /already been taken|already exists/i.test(error.message))) {
      throw new PlatformRequestError(`Shopify refused the ${topic} webhook: ${userErrors.map((error) => error.message).join('; ')}`, 422);
    }
    if (webhookSubscription) ids.push(webhookSubscription.id);
  }
  return ids;
}
