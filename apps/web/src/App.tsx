import { lazy, Suspense, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, NavLink, Route, Routes, useLocation } from 'react-router';
import { LANGUAGES, setLanguage, type Language } from './i18n.js';
import { LoginPage } from './pages/LoginPage.js';
import { useSession } from './session.js';
import { Loading } from './components/states.js';
import { documentTitle, pageTitleKey } from './lib/page-title.js';

// Every page but login loads on demand: the login page downloads only what it draws, and the pages
// that draw charts bring chart.js in a chunk of their own, so no other page downloads it.
const DemoPage = lazy(async () => ({ default: (await import('./pages/DemoPage.js')).DemoPage }));
const InvoicesPage = lazy(async () => ({ default: (await import('./pages/InvoicesPage.js')).InvoicesPage }));
const InvoicePage = lazy(async () => ({ default: (await import('./pages/InvoicePage.js')).InvoicePage }));
const ReviewPage = lazy(async () => ({ default: (await import('./pages/ReviewPage.js')).ReviewPage }));
const AnalyticsPage = lazy(async () => ({ default: (await import('./pages/AnalyticsPage.js')).AnalyticsPage }));
const MonitoringPage = lazy(async () => ({ default: (await import('./pages/MonitoringPage.js')).MonitoringPage }));

function RequireLogin({ children }: { children: ReactNode }) {
  const { user, checking, expired } = useSession();
  const location = useLocation();
  if (checking) return <Loading />;
  if (!user)
    return <Navigate to={expired ? '/login?reason=expired' : '/login'} replace state={{ from: location.pathname + location.search }} />;
  return <>{children}</>;
}

/** Keeps the tab's title on the page shown, in the chosen language. */
function usePageTitle(): void {
  const { t, i18n } = useTranslation();
  const { pathname } = useLocation();
  useEffect(() => {
    const key = pageTitleKey(pathname);
    document.title = documentTitle(t('app.title'), key ? t(key) : null);
  }, [pathname, t, i18n.resolvedLanguage]);
}

function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <select
      className="form-select form-select-sm w-auto"
      aria-label={t('app.language')}
      value={i18n.resolvedLanguage}
      onChange={(e) => void setLanguage(e.target.value as Language)}
      data-testid="language"
    >
      {LANGUAGES.map((lng) => (
        <option key={lng} value={lng}>
          {lng === 'fr' ? 'Français' : 'English'}
        </option>
      ))}
    </select>
  );
}

function Layout({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { user, logout } = useSession();
  const { pathname } = useLocation();
  // Below the md breakpoint the links fold behind a menu button; the menu stays open on the page it
  // was opened on, so following a link folds it again.
  const [menuOpenOn, setMenuOpenOn] = useState<string | null>(null);
  const menuOpen = menuOpenOn === pathname;
  usePageTitle();
  const links = [
    ['/demo', 'nav.demo'],
    ['/invoices', 'nav.invoices'],
    ['/review', 'nav.review'],
    ['/analytics', 'nav.analytics'],
    ...(user?.role === 'admin' ? [['/monitoring', 'nav.monitoring']] : []),
  ] as const;
  return (
    <>
      <a className="visually-hidden-focusable position-absolute p-2 bg-body" href="#main">
        {t('app.skip')}
      </a>
      <nav className="navbar navbar-expand-md bg-dark" data-bs-theme="dark" aria-label={t('appNav.label')}>
        <div className="container-fluid gap-2">
          <span className="navbar-brand">{t('app.title')}</span>
          {user && (
            <button
              type="button"
              className="navbar-toggler"
              aria-controls="main-nav"
              aria-expanded={menuOpen}
              onClick={() => setMenuOpenOn(menuOpen ? null : pathname)}
              data-testid="menu-toggle"
            >
              <span className="navbar-toggler-icon" aria-hidden="true" />
              <span className="visually-hidden">{t('appNav.menu')}</span>
            </button>
          )}
          <div
            id="main-nav"
            className={user ? `collapse navbar-collapse gap-2 ${menuOpen ? 'show' : ''}` : 'd-flex flex-grow-1'}
            data-testid="main-nav"
          >
            {user && (
              <ul className="navbar-nav gap-md-3 me-auto">
                {links.map(([to, key]) => (
                  <li className="nav-item" key={to}>
                    <NavLink className="nav-link" to={to}>
                      {t(key)}
                    </NavLink>
                  </li>
                ))}
              </ul>
            )}
            <div className="d-flex flex-wrap align-items-center gap-2 ms-auto py-2 py-md-0">
              <LanguageSwitch />
              {user && (
                <>
                  <span className="navbar-text small" data-testid="whoami">
                    {user.username} ({user.role})
                  </span>
                  <button type="button" className="btn btn-sm btn-outline-light" onClick={() => logout()}>
                    {t('app.logout')}
                  </button>
                </>
              )}
            </div>
          </div>
        </div>
      </nav>
      <main id="main" className="container-xxl py-3">
        {children}
      </main>
    </>
  );
}

export function App() {
  const guarded = (page: ReactNode) => <RequireLogin>{page}</RequireLogin>;
  return (
    <Layout>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/login" element={<LoginPage />} />
          <Route path="/demo" element={guarded(<DemoPage />)} />
          <Route path="/invoices" element={guarded(<InvoicesPage />)} />
          <Route path="/invoices/:documentId" element={guarded(<InvoicePage />)} />
          <Route path="/review" element={guarded(<ReviewPage />)} />
          <Route path="/review/:documentId" element={guarded(<ReviewPage />)} />
          <Route path="/analytics" element={guarded(<AnalyticsPage />)} />
          <Route path="/monitoring" element={guarded(<MonitoringPage />)} />
          <Route path="*" element={<Navigate to="/demo" replace />} />
        </Routes>
      </Suspense>
    </Layout>
  );
}
