import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { LoginRequest, TokenResponse } from '@invoice/contracts';
import { apiSend, setUnauthorizedListener, tokenStore } from './lib/api.js';
import { decodeToken, type SessionUser } from './lib/jwt.js';

interface Session {
  user: SessionUser | null;
  /** The last session ended by expiry (or a token the gateway refused), not by the person. */
  expired: boolean;
  login: (request: LoginRequest) => Promise<void>;
  logout: (reason?: 'expired') => void;
}

const SessionContext = createContext<Session | null>(null);

function storedUser(): SessionUser | null {
  const token = tokenStore.get();
  const user = token ? decodeToken(token) : null;
  if (!user || user.expiresAt <= Date.now()) {
    tokenStore.clear();
    return null;
  }
  return user;
}

/** The token lives in sessionStorage (one tab, gone with it); a 401 or the expiry time sends the person to login with a message. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(storedUser);
  const [expired, setExpired] = useState(false);

  // The guarded routes send the person to login once the user is gone (see RequireLogin).
  const logout = useCallback((reason?: 'expired') => {
    tokenStore.clear();
    setUser(null);
    setExpired(reason === 'expired');
  }, []);

  const login = useCallback(async (request: LoginRequest) => {
    const answer = await apiSend<TokenResponse>('POST', '/api/auth/token', request);
    tokenStore.set(answer.access_token);
    setExpired(false);
    setUser(decodeToken(answer.access_token));
  }, []);

  useEffect(() => {
    setUnauthorizedListener(() => logout('expired'));
  }, [logout]);

  useEffect(() => {
    if (!user) return;
    const timer = setTimeout(() => logout('expired'), Math.max(0, user.expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [user, logout]);

  const value = useMemo(() => ({ user, expired, login, logout }), [user, expired, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
