import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { join } from 'node:path';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import expressStaticGzip from 'express-static-gzip';
import { LANGUAGE_COOKIE } from '@invoice/contracts';
import { readCookie } from '../auth/session.cookie.js';

/** Paths the web app never answers: the API, its docs, health and metrics keep their own 404s. */
const NOT_WEB = /^\/(api|health|metrics)(\/|$)/;
/** The login page, built with its form and the CSS it uses in the HTML itself (apps/web/login.html). */
const LOGIN_HTML = 'login.html';

/**
 * The CSP sources (`'sha256-…'`) of the inline <style> elements of the web app's login page, so that
 * `style-src` allows exactly those and no other inline style. None when the app was not built.
 */
export function inlineStyleSources(webDir: string): string[] {
  const file = join(webDir, LOGIN_HTML);
  if (!existsSync(file)) return [];
  const html = readFileSync(file, 'utf8');
  return [...html.matchAll(/<style>([\s\S]*?)<\/style>/g)].map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`);
}

/** The languages login.html was built in besides its own (`login.fr.html` → `fr`). */
function otherLoginLanguages(webDir: string): string[] {
  return readdirSync(webDir).flatMap((file) => /^login\.([a-z]{2})\.html$/.exec(file)?.[1] ?? []);
}

/**
 * The login page in the reader's language: the one the app last chose (its cookie), else the browser's
 * preferred one among those built; the page's own file (English) otherwise.
 */
export function loginPageFile(
  cookieHeader: string | undefined,
  acceptsLanguages: (languages: string[]) => string | false,
  others: string[],
): string {
  const chosen = readCookie(cookieHeader, LANGUAGE_COOKIE);
  const lang = chosen && (chosen === 'en' || others.includes(chosen)) ? chosen : acceptsLanguages(['en', ...others]);
  return lang && others.includes(lang) ? `/login.${lang}.html` : `/${LOGIN_HTML}`;
}

/**
 * Serves the built web app at `/`: its files, and the app's HTML for any other GET that asks for HTML
 * (client-side routes such as /invoices/123), so a reload keeps the page.
 */
export function serveWebApp(app: NestExpressApplication, webDir: string): void {
  const assets = join(webDir, 'assets');
  const hasLogin = existsSync(join(webDir, LOGIN_HTML));
  const languages = hasLogin ? otherLoginLanguages(webDir) : [];
  // The build writes .br and .gz copies beside each text file; the one the client's Accept-Encoding
  // allows is sent (brotli first), with Vary: Accept-Encoding so caches keep the encodings apart.
  const files = expressStaticGzip(webDir, {
    enableBrotli: true,
    orderPreference: ['br', 'gzip'],
    index: false,
    serveStatic: {
      index: false,
      maxAge: '1h',
      setHeaders: (res: ServerResponse, path: string) => {
        // Vite fingerprints the assets: they never change under one name. The HTML pages name the
        // current assets, so they are revalidated on each visit (a new build is picked up at once).
        if (path.startsWith(assets)) res.setHeader('cache-control', 'public, max-age=31536000, immutable');
        else if (/\.html(\.br|\.gz)?$/.test(path)) res.setHeader('cache-control', 'no-cache');
        // The login page is chosen by language (loginPageFile).
        if (/\/login(\.[a-z]{2})?\.html(\.br|\.gz)?$/.test(path))
          res.setHeader('vary', [res.getHeader('vary'), 'Accept-Language', 'Cookie'].filter(Boolean).join(', '));
      },
    },
  });
  // API, health and metrics requests skip the file lookup (a stat per request on the hottest routes).
  app.use((req: Request, res: Response, next: NextFunction): void => {
    if (NOT_WEB.test(req.path)) next();
    else void files(req, res, next);
  });
  app.use((req: Request, res: Response, next: NextFunction): void => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || NOT_WEB.test(req.path) || !req.accepts('html')) return next();
    // /login has a page of its own, whose form works before the scripts run; every other route the app's shell.
    if (req.path === '/login' && hasLogin) {
      req.url = loginPageFile(req.headers.cookie, (list) => req.acceptsLanguages(list), languages);
    } else req.url = '/index.html';
    void files(req, res, next);
  });
}
