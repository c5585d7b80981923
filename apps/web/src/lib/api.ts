import type { ErrorResponse, SessionEndReason, TokenResponse } from '@invoice/contracts';

/** An answer of the gateway that is not a success, or the gateway not answering at all (status 0). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'invoice-ocr.token';

export const tokenStore = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string) => sessionStorage.setItem(TOKEN_KEY, token),
  /** Forgets the token and everything else this tab kept for the session (the demo page's jobs). */
  clear: () => {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith('invoice-ocr.')) sessionStorage.removeItem(key);
  },
};

/** Why the session could not go on (the gateway's `details.session`, or `unreachable` when it did not answer). */
export type SessionEnd = SessionEndReason | 'unreachable';

type UnauthorizedListener = (reason: SessionEnd) => void;
let onUnauthorized: UnauthorizedListener = () => undefined;
/** The session layer sends the person back to login when a call answers 401 and the session cannot be refreshed. */
export function setUnauthorizedListener(listener: UnauthorizedListener): void {
  onUnauthorized = listener;
}

let refreshing: Promise<RefreshResult> | null = null;
export type RefreshResult = { token: string } | { ended: SessionEnd };

/** Runs `work` while holding the browser-wide refresh lock (every tab of the origin), so tabs never present the same refresh token twice. */
function underRefreshLock<T>(work: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  // request() resolves with what the callback resolves with.
  return locks ? (locks.request('invoice-ocr.session-refresh', work) as unknown as Promise<T>) : work();
}

/**
 * A new access token for the browser's session (its httpOnly cookie, rotated by the gateway). One refresh
 * at a time per tab, and across tabs through a Web Lock: the cookie one tab rotates is the one the next
 * tab presents.
 */
export function refreshSession(): Promise<RefreshResult> {
  refreshing ??= underRefreshLock(async (): Promise<RefreshResult> => {
    let res: Response;
    try {
      res = await fetch('/api/auth/refresh', {
        method: 'POST',
        body: '{}',
        headers: { 'content-type': 'application/json' },
        credentials: 'same-origin',
      });
    } catch {
      return { ended: 'unreachable' };
    }
    if (res.ok) {
      const answer = (await res.json()) as TokenResponse;
      tokenStore.set(answer.access_token);
      return { token: answer.access_token };
    }
    const body = (await res.json().catch(() => ({}))) as Partial<ErrorResponse>;
    const reason = (body.details as { session?: SessionEndReason } | undefined)?.session;
    return { ended: reason ?? 'unknown' };
  }).finally(() => {
    refreshing = null;
  });
  return refreshing;
}

async function send(path: string, init: RequestInit = {}, retried = false): Promise<Response> {
  const token = tokenStore.get();
  const headers = new Headers(init.headers);
  if (token) headers.set('authorization', `Bearer ${token}`);
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers });
  } catch {
    throw new ApiError(0, 'UNREACHABLE', 'The server cannot be reached');
  }
  if (res.ok) return res;
  // An access token the gateway refuses (expired, revoked): the session refreshes it once, then the call is made again.
  if (res.status === 401 && token && !path.startsWith('/api/auth/')) {
    const refreshed = retried ? { ended: 'user' as const } : await refreshSession();
    if ('token' in refreshed) return send(path, init, true);
    onUnauthorized(refreshed.ended);
  }
  let body: Partial<ErrorResponse> = {};
  try {
    body = (await res.json()) as ErrorResponse;
  } catch {
    // not JSON (a proxy error page): keep the status
  }
  throw new ApiError(res.status, body.code ?? (res.status >= 500 ? 'UNAVAILABLE' : 'ERROR'), body.message ?? res.statusText, body.details);
}

export async function apiGet<T>(path: string, signal?: AbortSignal): Promise<T> {
  return (await (await send(path, { signal })).json()) as T;
}

export async function apiSend<T>(method: 'POST' | 'PATCH', path: string, body: unknown): Promise<T> {
  const init: RequestInit =
    body instanceof FormData ? { method, body } : { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
  return (await (await send(path, init)).json()) as T;
}

/** A request answered 204 No Content (retry, remove). */
export async function apiAction(method: 'POST' | 'DELETE', path: string): Promise<void> {
  await send(path, { method });
}

export async function apiBlob(path: string, signal?: AbortSignal): Promise<Blob> {
  return (await send(path, { signal })).blob();
}

/** A binary answer with its headers (a page image and its sizes). */
export async function apiFile(path: string, signal?: AbortSignal): Promise<{ blob: Blob; headers: Headers }> {
  const res = await send(path, { signal });
  return { blob: await res.blob(), headers: res.headers };
}

/** Query string from defined, non-empty values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
