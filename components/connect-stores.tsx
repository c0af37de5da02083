import { getLocale, getTranslations } from 'next-intl/server';

/** Connect a store: Shopify by its myshopify domain, WooCommerce by its address, TikTok Shop by authorization. */
export async function ConnectStores() {
  const t = await getTranslations('stores');
  const locale = await getLocale();
  return (
    <section className="grid gap-3 md:grid-cols-3" aria-labelledby="connect-title">
      <h2 id="connect-title" className="sr-only">
        {t('connectTitle')}
      </h2>
      <form method="get" action="/api/stores/shopify/install" className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4">
        <h3 className="font-semibold">{t('connectShopify')}</h3>
        <label className="flex flex-col gap-1 text-sm">
          {t('shopDomain')}
          <input name="shop" required placeholder="acme.myshopify.com" dir="ltr" className="rounded-md border border-slate-300 px-3 py-1.5" />
        </label>
        <button type="submit" className="rounded-md bg-emerald-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-emerald-800">
          {t('connect')}
        </button>
      </form>
      <form method="get" action="/api/stores/woocommerce/connect" className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4">
        <h3 className="font-semibold">{t('connectWooCommerce')}</h3>
        <input type="hidden" name="locale" value={locale} />
        <label className="flex flex-col gap-1 text-sm">
          {t('siteUrl')}
          <input name="url" required placeholder="https://shop.example.com" dir="ltr" className="rounded-md border border-slate-300 px-3 py-1.5" />
        </label>
        <button type="submit" className="rounded-md bg-violet-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-violet-800">
          {t('connect')}
        </button>
      </form>
      <div className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4">
        <h3 className="font-semibold">{t('connectTikTok')}</h3>
        <p className="text-sm text-slate-600">{t('connectTikTokHelp')}</p>
        <a href={`/api/stores/tiktok/connect?locale=${locale}`} className="mt-auto rounded-md bg-slate-900 px-3 py-1.5 text-center text-sm font-medium text-white hover:bg-slate-700">
          {t('connect')}
        </a>
      </div>
    </section>
  );
}
