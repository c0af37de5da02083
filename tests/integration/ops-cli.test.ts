import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '@/tests/support/processes';
import { uniqueSuffix } from '@/tests/support/tenants';
import { unsafeAuthenticateApiKey } from '@/lib/auth/api-keys';
import { listStores } from '@/lib/stores/list-stores';

const run = promisify(execFile);

async function hub(...args: string[]) {
  try {
    const { stdout, stderr } = await run('npm', ['run', 'hub', '--', ...args], { cwd: projectRoot, env: process.env });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

describe('ops CLI (npm run hub)', () => {
  it('creates a tenant, an API key and stores of all three platforms, one JSON object each', async () => {
    const email = `cli-${uniqueSuffix()}@example.test`;
    const tenant = await hub('tenant', 'create', '--name', 'CLI Merchant', '--email', email, '--password', 'cli-password-1');
    expect(tenant.code).toBe(0);
    const { tenantId, userId } = JSON.parse(tenant.stdout);
    expect(tenantId).toMatch(/^ten_/);
    expect(userId).toMatch(/^usr_/);

    const key = await hub('apikey', 'create', '--tenant', tenantId, '--name', 'ci');
    const { apiKey } = JSON.parse(key.stdout);
    expect(await unsafeAuthenticateApiKey(`Bearer ${apiKey}`)).toMatchObject({ tenantId });

    const shop = `cli-${uniqueSuffix()}.myshopify.com`;
    const added = [
      await hub('store', 'add', '--tenant', tenantId, '--platform', 'shopify', '--shop-domain', shop),
      await hub('store', 'add', '--tenant', tenantId, '--platform', 'woocommerce', '--url', 'https://cli.example.test', '--webhook-secret', 'abcdefgh12345678'),
      await hub('store', 'add', '--tenant', tenantId, '--platform', 'tiktok', '--shop-id', `74${Date.now()}`, '--shop-cipher', 'ROW_x', '--access-token', 't'),
    ];
    for (const result of added) {
      expect(result.code).toBe(0);
      expect(JSON.parse(result.stdout).storeId).toMatch(/^sto_/);
    }
    expect((await listStores(tenantId)).map((store) => store.platform)).toEqual(['shopify', 'woocommerce', 'tiktok']);

    const again = await hub('store', 'add', '--tenant', tenantId, '--platform', 'shopify', '--shop-domain', shop);
    expect(again.code).not.toBe(0);
    expect(again.stdout).toBe('');
    expect(again.stderr).toContain('already connected');
  });

  it('fails with a message on stderr and nothing on stdout', async () => {
    const missing = await hub('tenant', 'create', '--name', 'x');
    expect(missing.code).not.toBe(0);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('Missing --email');

    const badEmail = await hub('tenant', 'create', '--name', 'x', '--email', 'not-an-email', '--password', 'long-enough');
    expect(badEmail.stderr).toContain('email');
    const unknownTenant = await hub('apikey', 'create', '--tenant', 'ten_nope');
    expect(unknownTenant.code).not.toBe(0);
    expect(unknownTenant.stderr).toContain('No tenant');
  });
});
