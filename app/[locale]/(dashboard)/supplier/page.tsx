import { notFound } from 'next/navigation';
import { getFormatter, getTranslations } from 'next-intl/server';
import { can } from '@/lib/auth/current-member';
import { requireMember } from '@/lib/auth/require-member';
import { withTenant } from '@/lib/db/tenant-scope';
import { pageLocale } from '@/lib/i18n/page-locale';
import { listSupplierAccounts } from '@/lib/suppliers/supplier-accounts';
import { listProductMappings, listUnmappedSkus } from '@/lib/suppliers/product-mappings';
import { deleteMapping } from '@/lib/actions/supplier-actions';
import { MappingForm } from '@/components/mapping-form';

/** The linked AliExpress account (link, switch) and the SKU → AliExpress product mappings. */
export default async function SupplierPage({
  params,
  searchParams,
}: {
  params: Promise<{ locale: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const locale = await pageLocale(params);
  const member = await requireMember(locale);
  // Every query of this page is for the member's tenant (row-level security).
  return withTenant(member.tenantId, async () => {
    if (!can(member, 'supplier.manage') && !can(member, 'supplier.map')) notFound();
    const query = await searchParams;
    const [accounts, mappings, unmapped] = await Promise.all([
      listSupplierAccounts(member.tenantId),
      listProductMappings(member.tenantId),
      listUnmappedSkus(member.tenantId),
    ]);
    const t = await getTranslations();
    const format = await getFormatter();
    const current = accounts.find((account) => account.status !== 'switched_out') ?? null;
    const previous = accounts.filter((account) => account.status === 'switched_out');
    const mayManage = can(member, 'supplier.manage');
    const mayMap = can(member, 'supplier.map');
    const date = (value: Date) => format.dateTime(value, { dateStyle: 'medium' });

    return (
      <div className="flex flex-col gap-6">
        <h1 className="text-2xl font-semibold">{t('supplierPage.title')}</h1>
        {query.linked === 'aliexpress' && current ? (
          <p role="status" className="rounded-md bg-emerald-50 p-3 text-sm text-emerald-900">
            {t('supplierPage.linked', { account: current.accountName ?? current.externalUserId })}
          </p>
        ) : null}
        {query.linkError ? (
          <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800">
            {t('supplierPage.linkFailed')}
          </p>
        ) : null}

        <section className="rounded-lg border border-slate-200 bg-white p-4" data-testid="supplier-account">
          <h2 className="mb-2 font-semibold">{t('supplierPage.account')}</h2>
          {current ? (
            <div className="flex flex-wrap items-center gap-3 text-sm">
              <span className="font-medium" dir="ltr" data-testid="supplier-account-name">
                {current.accountName ?? current.externalUserId}
              </span>
              <span className={`rounded-full px-2 py-0.5 text-xs ${current.status === 'active' ? 'bg-emerald-100 text-emerald-800' : 'bg-red-100 text-red-800'}`}>
                {t(`supplierPage.accountStatus.${current.status}`)}
              </span>
              <span className="text-slate-600">{t('supplierPage.linkedAt', { date: date(current.linkedAt) })}</span>
            </div>
          ) : (
            <p className="text-sm text-slate-600">{t('supplierPage.noAccount')}</p>
          )}
          {current?.status === 'needs_reconnection' ? <p className="mt-2 text-sm text-red-800">{t('supplierPage.needsReconnection')}</p> : null}
          {mayManage ? (
            <div className="mt-3 flex flex-col gap-1">
              <a
                href={`/api/suppliers/aliexpress/connect?locale=${locale}`}
                className="self-start rounded-md bg-orange-600 px-4 py-1.5 text-sm font-medium text-white hover:bg-orange-700"
                data-testid="link-aliexpress"
              >
                {current ? (current.status === 'active' ? t('supplierPage.switch') : t('supplierPage.reconnect')) : t('supplierPage.link')}
              </a>
              {current ? <p className="text-xs text-slate-600">{t('supplierPage.switchHelp')}</p> : null}
            </div>
          ) : null}
          {previous.length ? (
            <div className="mt-4">
              <h3 className="text-sm font-medium">{t('supplierPage.previousAccounts')}</h3>
              <ul className="mt-1 text-sm text-slate-700" data-testid="previous-accounts">
                {previous.map((account) => (
                  <li key={account.id} className="flex flex-wrap gap-2">
                    <span dir="ltr">{account.accountName ?? account.externalUserId}</span>
                    <span className="rounded-full bg-slate-200 px-2 text-xs">{t('supplierPage.accountStatus.switched_out')}</span>
                    {account.switchedOutAt ? <span className="text-slate-500">{t('supplierPage.switchedOutAt', { date: date(account.switchedOutAt) })}</span> : null}
                  </li>
                ))}
              </ul>
            </div>
          ) : null}
        </section>

        <section className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
          <div>
            <h2 className="font-semibold">{t('supplierPage.mappings')}</h2>
            <p className="text-sm text-slate-600">{t('supplierPage.mappingsHelp')}</p>
          </div>
          {mayMap ? <MappingForm testId="add-mapping" /> : null}
          {mappings.length === 0 ? (
            <p className="text-sm text-slate-600">{t('supplierPage.noMappings')}</p>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-sm" data-testid="mappings">
                <thead className="text-xs uppercase text-slate-500">
                  <tr>
                    <th scope="col" className="py-1 text-start">{t('supplierPage.sku')}</th>
                    <th scope="col" className="py-1 text-start">{t('supplierPage.productId')}</th>
                    <th scope="col" className="py-1 text-start">{t('supplierPage.skuAttr')}</th>
                    <th scope="col" className="py-1 text-start">{t('supplierPage.logistics')}</th>
                    {mayMap ? <th scope="col" className="py-1 text-end"><span className="sr-only">{t('supplierPage.actions')}</span></th> : null}
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {mappings.map((mapping) => (
                    <tr key={mapping.sku} data-testid="mapping-row">
                      <td className="py-2 font-mono text-xs" dir="ltr">{mapping.sku}</td>
                      <td className="py-2 font-mono text-xs" dir="ltr">{mapping.productId}</td>
                      <td className="py-2 font-mono text-xs" dir="ltr">{mapping.skuAttr ?? '—'}</td>
                      <td className="py-2 font-mono text-xs" dir="ltr">{mapping.logisticsService ?? '—'}</td>
                      {mayMap ? (
                        <td className="py-2 text-end">
                          <details className="inline-block text-start">
                            <summary className="cursor-pointer text-sm underline">{t('supplierPage.edit')}</summary>
                            <div className="mt-2">
                              <MappingForm initial={mapping} />
                            </div>
                          </details>
                          <form action={deleteMapping} className="ms-3 inline">
                            <input type="hidden" name="sku" value={mapping.sku} />
                            <button type="submit" className="text-sm text-red-700 underline" aria-label={t('supplierPage.deleteSku', { sku: mapping.sku })}>
                              {t('supplierPage.delete')}
                            </button>
                          </form>
                        </td>
                      ) : null}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>

        <section className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4">
          <h2 className="font-semibold">{t('supplierPage.unmapped')}</h2>
          {unmapped.length === 0 ? (
            <p className="text-sm text-slate-600">{t('supplierPage.unmappedEmpty')}</p>
          ) : (
            <ul className="flex flex-col gap-3" data-testid="unmapped-skus">
              {unmapped.map((entry) => (
                <li key={entry.sku} className="flex flex-col gap-2 border-b border-slate-100 pb-3 text-sm" data-testid="unmapped-sku">
                  <p>
                    <span className="font-mono text-xs" dir="ltr">{entry.sku}</span> · {entry.title} · {t('supplierPage.unmappedOrders', { count: entry.orders })}
                  </p>
                  {mayMap ? <MappingForm initial={{ sku: entry.sku }} /> : null}
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    );
  });
}
