// The ops CLI: `npm run hub -- <command>`. One JSON object on stdout; on error a message on
// stderr and a non-zero exit. Reads the same environment as the app (.env).
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { createTenant } from '@/lib/tenancy/create-tenant';
import { createApiKey } from '@/lib/auth/api-keys';
import { addStore, type TAddStoreInput } from '@/lib/stores/add-store';
import { AppError } from '@/lib/errors/app-error';
import { disconnectDatabase } from '@/lib/db/client';

if (existsSync('.env')) process.loadEnvFile('.env');
process.env.LOG_LEVEL ??= 'warn';

const usage = `Usage: npm run hub -- <command>
  tenant create --name <name> --email <email> --password <password>
  apikey create --tenant <tenantId> [--name <label>]
  store add --tenant <tenantId> --platform shopify --shop-domain <domain>
  store add --tenant <tenantId> --platform woocommerce --url <siteUrl> --webhook-secret <secret> [--consumer-key <key> --consumer-secret <secret>]
  store add --tenant <tenantId> --platform tiktok --shop-id <id> --shop-cipher <cipher> --access-token <token>`;

const options = {
  name: { type: 'string' },
  email: { type: 'string' },
  password: { type: 'string' },
  tenant: { type: 'string' },
  platform: { type: 'string' },
  'shop-domain': { type: 'string' },
  url: { type: 'string' },
  'webhook-secret': { type: 'string' },
  'consumer-key': { type: 'string' },
  'consumer-secret': { type: 'string' },
  'shop-id': { type: 'string' },
  'shop-cipher': { type: 'string' },
  'access-token': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

class UsageError extends Error {}

function required(values: Record<string, string | boolean | undefined>, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || !value) throw new UsageError(`Missing --${name}`);
  return value;
}

const cliActor = { type: 'system' as const, id: 'ops-cli' };

async function run(argv: string[]): Promise<unknown> {
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  if (values.help || positionals.length === 0) throw new UsageError('');
  const command = positionals.slice(0, 2).join(' ');
  switch (command) {
    case 'tenant create':
      return createTenant({ name: required(values, 'name'), email: required(values, 'email'), password: required(values, 'password') });
    case 'apikey create':
      return { apiKey: (await createApiKey(required(values, 'tenant'), values.name ?? 'API key')).apiKey };
    case 'store add': {
      const tenantId = required(values, 'tenant');
      const platform = required(values, 'platform');
      let input: TAddStoreInput;
      if (platform === 'shopify') input = { platform, shopDomain: required(values, 'shop-domain'), name: values.name };
      else if (platform === 'woocommerce')
        input = {
          platform,
          siteUrl: required(values, 'url'),
          webhookSecret: required(values, 'webhook-secret'),
          consumerKey: values['consumer-key'],
          consumerSecret: values['consumer-secret'],
          name: values.name,
        };
      else if (platform === 'tiktok')
        input = {
          platform,
          shopId: required(values, 'shop-id'),
          shopCipher: required(values, 'shop-cipher'),
          accessToken: required(values, 'access-token'),
          name: values.name,
        };
      else throw new UsageError(`Unknown platform "${platform}" (shopify, woocommerce or tiktok)`);
      return addStore(tenantId, input, cliActor);
    }
    default:
      throw new UsageError(`Unknown command "${command}"`);
  }
}

function describe(error: unknown): string {
  if (error instanceof UsageError) return error.message ? `${error.message}\n\n${usage}` : usage;
  if (error instanceof ZodError) return `Invalid input: ${error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`;
  if (error instanceof AppError) return error.message;
  if (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS')) return `${error.message}\n\n${usage}`;
  return `Failed: ${error instanceof Error ? error.message : String(error)}`;
}

run(process.argv.slice(2))
  .then(async (result) => {
    process.stdout.write(JSON.stringify(result) + '\n');
    await disconnectDatabase();
    process.exit(0);
  })
  .catch(async (error) => {
    process.stderr.write(describe(error) + '\n');
    await disconnectDatabase().catch(() => undefined);
    process.exit(1);
  });
