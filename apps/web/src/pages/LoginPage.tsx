import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useSearchParams } from 'react-router';
import { ApiError } from '../lib/api.js';
import { ErrorState } from '../components/states.js';
import { useSession } from '../session.js';

export function LoginPage() {
  const { t } = useTranslation();
  const { user, login } = useSession();
  const [search] = useSearchParams();
  const location = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<ApiError>();
  const [busy, setBusy] = useState(false);
  const from = (location.state as { from?: string } | null)?.from ?? '/demo';
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
      <form className="col-12 col-sm-8 col-md-5 col-lg-4 card card-body mt-4" onSubmit={(e) => void submit(e)} aria-labelledby="login-title">
        <h1 id="login-title" className="h4 mb-3">
          {t('login.title')}
        </h1>
        {search.get('reason') === 'expired' && !error && (
          <div className="alert alert-warning" role="alert" data-testid="expired">
            {t('errors.expired')}
          </div>
        )}
        {error &&
          (error.status === 401 || error.status === 400 ? (
            <div className="alert alert-danger" role="alert">
              {t('login.failed')}
            </div>
          ) : (
            <ErrorState error={error} />
          ))}
        <label className="form-label" htmlFor="username">
          {t('login.username')}
        </label>
        <input id="username" className="form-control mb-3" autoComplete="username" required autoFocus value={username} onChange={(e) => setUsername(e.target.value)} />
        <label className="form-label" htmlFor="password">
          {t('login.password')}
        </label>
        <input id="password" type="password" className="form-control mb-3" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
        <button type="submit" className="btn btn-primary" disabled={busy}>
          {t('login.submit')}
        </button>
      </form>
    </div>
  );
}
