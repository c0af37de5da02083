import type { ApiVersion } from '@shopify/shopify-api';

/**
 * The Admin API version every call names. Its own module, so code that only calls the Admin API
 * (the worker) does not load @shopify/shopify-api itself.
 */
export const shopifyApiVersion = '2025-07' as ApiVersion.July25;
