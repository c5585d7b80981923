import type { ErrorResponse } from '@invoice/contracts';

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

type UnauthorizedListener = () => void;
let onUnauthorized: UnauthorizedListener = () => undefined;
/** The session layer sends the person back to login when any call answers 401. */
export function setUnauthorizedListener(listener: UnauthorizedListener): void {
  onUnauthorized = listener;
}

async function send(path: string, init: RequestInit = {}): Promise<Response> {
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
  let body: Partial<ErrorResponse> = {};
  try {
    body = (await res.json()) as ErrorResponse;
  } catch {
    // not JSON (a proxy error page): keep the status
  }
  if (res.status === 401 && token) onUnauthorized();
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

/** Query string from defined, non-empty values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
