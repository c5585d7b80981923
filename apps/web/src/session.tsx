import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { LoginRequest, TokenResponse } from '@invoice/contracts';
import { apiSend, refreshSession, setUnauthorizedListener, tokenStore, type SessionEnd } from './lib/api.js';
import { decodeToken, type SessionUser } from './lib/jwt.js';
import { endIsExpiry, refreshDelay } from './lib/session-timing.js';

interface Session {
  user: SessionUser | null;
  /** True while a tab without a token of its own asks the gateway whether the browser has a session. */
  checking: boolean;
  /** The last session ended by itself (expiry, revocation), not by the person logging out. */
  expired: boolean;
  login: (request: LoginRequest) => Promise<void>;
  logout: () => void;
}

const SessionContext = createContext<Session | null>(null);
/** Tells the browser's other tabs that the person logged out. */
const CHANNEL = 'invoice-ocr.session';

/** A tab that had a session and finds no cookie any more: the browser dropped it at its expiry. */
const afterSession = (reason: SessionEnd): SessionEnd => (reason === 'missing' ? 'expired' : reason);

function storedUser(): SessionUser | null {
  const token = tokenStore.get();
  const user = token ? decodeToken(token) : null;
  return user && user.expiresAt > Date.now() ? user : null;
}

/** Refreshes when the person was active since the token was issued (a tab left alone lets its token lapse). */
function useActivity(): () => number {
  const [last] = useState(() => ({ at: Date.now() }));
  useEffect(() => {
    const seen = () => {
      last.at = Date.now();
    };
    const events = ['pointerdown', 'keydown', 'wheel'] as const;
    for (const name of events) window.addEventListener(name, seen, { passive: true });
    return () => {
      for (const name of events) window.removeEventListener(name, seen);
    };
  }, [last]);
  return useCallback(() => last.at, [last]);
}

/**
 * One session for the whole browser. The login sets the session's refresh token in an httpOnly cookie;
 * each tab keeps its access token in sessionStorage and gets one from the cookie when it has none (a new
 * tab), when the gateway refuses its token (401: the call is made again once refreshed), and shortly
 * before its token expires while the person is at work. A session that cannot be refreshed sends the
 * person to login with a message, and back where they were afterwards.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null>(storedUser);
  const [checking, setChecking] = useState(() => user === null);
  const [expired, setExpired] = useState(false);
  const lastActivity = useActivity();

  const end = useCallback((reason: SessionEnd | 'logout') => {
    tokenStore.clear();
    setUser(null);
    setExpired(endIsExpiry(reason));
  }, []);

  const adopt = useCallback((token: string) => {
    setExpired(false);
    setUser(decodeToken(token));
  }, []);

  // A tab without a token (a new tab, a reload after expiry) asks for one with the browser's session cookie.
  useEffect(() => {
    if (!checking) return;
    const hadToken = tokenStore.get() !== null;
    void refreshSession().then((result) => {
      if ('token' in result) adopt(result.token);
      else end(hadToken ? afterSession(result.ended) : result.ended);
      setChecking(false);
    });
  }, [checking, adopt, end]);

  const login = useCallback(
    async (request: LoginRequest) => {
      const answer = await apiSend<TokenResponse>('POST', '/api/auth/session', request);
      tokenStore.set(answer.access_token);
      adopt(answer.access_token);
    },
    [adopt],
  );

  const logout = useCallback(() => {
    void fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' }).catch(() => undefined);
    end('logout');
    if (typeof BroadcastChannel !== 'undefined') new BroadcastChannel(CHANNEL).postMessage('logout');
  }, [end]);

  useEffect(() => {
    setUnauthorizedListener((reason) => end(afterSession(reason)));
  }, [end]);

  useEffect(() => {
    if (typeof BroadcastChannel === 'undefined') return;
    const channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = (event) => {
      if (event.data === 'logout') end('logout');
    };
    return () => channel.close();
  }, [end]);

  // Shortly before the token expires: a new one if the person did something since this one was issued.
  useEffect(() => {
    if (!user) return;
    const issuedAt = Date.now();
    const timer = setTimeout(
      () => {
        if (lastActivity() <= issuedAt) return;
        void refreshSession().then((result) => ('token' in result ? adopt(result.token) : end(afterSession(result.ended))));
      },
      refreshDelay(user.expiresAt, Date.now()),
    );
    return () => clearTimeout(timer);
  }, [user, adopt, end, lastActivity]);

  const value = useMemo(() => ({ user, checking, expired, login, logout }), [user, checking, expired, login, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
