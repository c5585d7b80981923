import type { RequestHandler } from 'express';
import helmet from 'helmet';

/** Where the API documentation (Swagger UI, which needs inline styles) is served. */
const DOCS_PATH = /^\/api\/docs(\/|$)/;

/**
 * The web app's Content-Security-Policy: its own scripts, styles and API only, and the inline styles of
 * `styleSources` (the hashes of the login page's inline CSS); page images as blob: URLs (fetched with
 * the token) and Bootstrap's data: icons; never framed (clickjacking); no plugins; no <base> tricks.
 */
const directives = (styleSources: string[]) => ({
  defaultSrc: ["'self'"],
  baseUri: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  formAction: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", ...styleSources],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  // Plain-HTTP deployments (a gateway reached by its service name) keep working: no forced upgrade.
  upgradeInsecureRequests: null,
});

const options = (styleSources: string[]) =>
  helmet({
    contentSecurityPolicy: { useDefaults: false, directives: directives(styleSources) },
    referrerPolicy: { policy: 'no-referrer' },
    // X-Content-Type-Options: nosniff, X-Frame-Options: DENY and the others are helmet's defaults.
    frameguard: { action: 'deny' },
  });

/**
 * Browser-facing security headers (helmet) on every answer: the web app, the API and its documentation.
 * `inlineStyles`: CSP sources (`'sha256-…'`) of the inline styles the web app's pages carry.
 */
export function securityHeaders({ inlineStyles = [] }: { inlineStyles?: string[] } = {}): RequestHandler {
  const strict = options(inlineStyles);
  const docs = options(["'unsafe-inline'"]);
  return (req, res, next) => (DOCS_PATH.test(req.path) ? docs : strict)(req, res, next);
}
