import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useSearchParams } from 'react-router';
import { LOGIN_FORM_PATH, type LoginFormNotice } from '@invoice/contracts/enums';
import { ApiError } from '../lib/api.js';
import { loginNotice, readTypedLogin, returnAfterLogin } from '../lib/login-page.js';
import { ErrorState } from '../components/states.js';
import { useSession } from '../session.js';

/** Why the person is on the login page again: the last login's error, else a refused login form's notice, else an expired session. */
function LoginNotices({ expired, notice, error }: { expired: boolean; notice: LoginFormNotice | null; error: ApiError | undefined }) {
  const { t } = useTranslation();
  if (error) {
    if (error.status !== 400 && error.status !== 401 && error.status !== 429) return <ErrorState error={error} />;
    return (
      <div className="alert alert-danger" role="alert">
        {t(error.status === 429 ? 'login.throttled' : 'login.failed')}
      </div>
    );
  }
  if (notice) {
    return (
      <div className="alert alert-danger" role="alert" data-testid={notice}>
        {t(notice === 'login-throttled' ? 'login.throttled' : 'login.failed')}
      </div>
    );
  }
  if (!expired) return null;
  return (
    <div className="alert alert-warning" role="alert" data-testid="expired">
      {t('errors.expired')}
    </div>
  );
}

/**
 * The login form. login.html draws the same form before the scripts arrive (it posts to the gateway
 * without them); this one takes it over with what the person typed there, and logs in without leaving
 * the page.
 */
export function LoginPage() {
  const { t } = useTranslation();
  const { user, login } = useSession();
  const [search] = useSearchParams();
  const location = useLocation();
  // Read while login.html's form is still in the page: the first render replaces it.
  const [typed] = useState(() => readTypedLogin(document));
  const [username, setUsername] = useState(typed?.username ?? '');
  const [password, setPassword] = useState(typed?.password ?? '');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const from = returnAfterLogin((location.state as { from?: string } | null)?.from, search.get('from'));
  if (user) return <Navigate to={from} replace />;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      await login({ username, password });
    } catch (e) {
      setError(e instanceof ApiError ? e : new ApiError(0, 'UNREACHABLE', String(e)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="row justify-content-center">
      <form
        className="col-12 col-sm-8 col-md-5 col-lg-4 card card-body mt-4"
        method="post"
        action={LOGIN_FORM_PATH}
        onSubmit={(e) => void submit(e)}
        aria-labelledby="login-title"
        data-testid="login-form"
      >
        <h1 id="login-title" className="h4 mb-3">
          {t('login.title')}
        </h1>
        <LoginNotices expired={search.get('reason') === 'expired'} notice={loginNotice(location.hash)} error={error} />
        <label className="form-label" htmlFor="username">
          {t('login.username')}
        </label>
        <input
          id="username"
          name="username"
          className="form-control mb-3"
          autoComplete="username"
          required
          autoFocus={typed?.focus !== 'password'}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
        />
        <label className="form-label" htmlFor="password">
          {t('login.password')}
        </label>
        <input
          id="password"
          name="password"
          type="password"
          className="form-control mb-3"
          autoComplete="current-password"
          required
          autoFocus={typed?.focus === 'password'}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
    </div>
  );
}
