import type { LoginFormNotice } from '@invoice/contracts';

/** Where a login without a page to return to lands: the web app's first page. */
export const DEFAULT_RETURN_PATH = '/demo';

/**
 * Whether a form post comes from a page of this origin. Browsers send `Sec-Fetch-Site`; one that does
 * not is judged by `Origin` (which a page under `Referrer-Policy: no-referrer` sends as `null`, refused).
 * A cross-site or same-site (another subdomain) page posting the form is refused: no login CSRF.
 */
export function isSameOriginPost(
  headers: { 'sec-fetch-site'?: string | string[]; origin?: string | string[] },
  ownOrigin: string,
): boolean {
  const site = headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin';
  return headers.origin === ownOrigin;
}

/** A path of the web app to send the browser to: only a local absolute path (never another host, `//host`, `/\host`), else the first page. */
export function returnPath(from: string | undefined): string {
  if (!from || !from.startsWith('/') || /^\/[/\\]/.test(from) || /[\u0000-\u001f\u007f]/.test(from)) return DEFAULT_RETURN_PATH;
  if (/^\/(api|login)(\/|\?|#|$)/.test(from)) return DEFAULT_RETURN_PATH;
  return from;
}

/** The notice a refused login form shows, by the status the login answered; null when it is not the person's input (a failure of the gateway). */
export function loginFormNotice(status: number): LoginFormNotice | null {
  if (status === 429) return 'login-throttled';
  if (status === 400 || status === 401) return 'login-failed';
  return null;
}

/** The login page showing `notice`, keeping the page to return to. */
export function loginPageUrl(notice: LoginFormNotice, from: string | undefined): string {
  const back = returnPath(from);
  return `/login${back === DEFAULT_RETURN_PATH ? '' : `?${new URLSearchParams({ from: back }).toString()}`}#${notice}`;
}
