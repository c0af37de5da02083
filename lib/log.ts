import pino from 'pino';

// Secrets never reach the log: headers that carry signatures or tokens are redacted by path.
export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: process.env.HUB_SERVICE ?? (process.argv.some((argument) => /scripts[/\\]worker\.mjs$|workers[/\\]main/.test(argument)) ? 'worker' : 'web') },
  redact: {
    paths: [
      'headers.authorization',
      'headers["x-shopify-hmac-sha256"]',
      'headers["x-wc-webhook-signature"]',
      'headers["x-tts-access-token"]',
      '*.accessToken',
      '*.consumerSecret',
      '*.webhookSecret',
      '*.password',
    ],
    censor: '[redacted]',
  },
});
