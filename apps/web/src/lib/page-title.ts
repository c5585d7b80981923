/** Translation keys of the page names, by the first segment of the path. */
const PAGE_KEYS: Record<string, string> = {
  login: 'login.title',
  demo: 'nav.demo',
  invoices: 'nav.invoices',
  review: 'nav.review',
  analytics: 'nav.analytics',
  monitoring: 'nav.monitoring',
};

/** The translation key of the page a path shows (an invoice of its own under /invoices/:id), or null for an unknown path. */
export function pageTitleKey(pathname: string): string | null {
  const [first, second] = pathname.split('/').filter(Boolean);
  if (first === 'invoices' && second) return 'titles.invoice';
  return (first && PAGE_KEYS[first]) || null;
}

/** The browser tab's title: the page's name first (what a tab strip shows), then the app's. */
export function documentTitle(appName: string, pageName: string | null): string {
  return pageName ? `${pageName} · ${appName}` : appName;
}
