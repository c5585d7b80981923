import { describe, expect, it } from '@jest/globals';
import { loginPageFile } from './web-app.static.js';

/** Accept-Language negotiation as express does it, for a browser preferring `preferred` (in order). */
const browser =
  (...preferred: string[]) =>
  (languages: string[]) =>
    preferred.find((lang) => languages.includes(lang)) ?? false;

describe('loginPageFile', () => {
  it("takes the language the app chose (its cookie), over the browser's", () => {
    expect(loginPageFile('invoice_ocr_language=fr', browser('en'), ['fr'])).toBe('/login.fr.html');
    expect(loginPageFile('a=1; invoice_ocr_language=en', browser('fr'), ['fr'])).toBe('/login.html');
  });

  it("else the browser's preferred language among those built, else the page's own", () => {
    expect(loginPageFile(undefined, browser('fr', 'en'), ['fr'])).toBe('/login.fr.html');
    expect(loginPageFile(undefined, browser('de', 'en'), ['fr'])).toBe('/login.html');
    expect(loginPageFile(undefined, browser('de'), ['fr'])).toBe('/login.html');
    expect(loginPageFile('invoice_ocr_language=de', browser('fr'), ['fr'])).toBe('/login.fr.html');
    expect(loginPageFile(undefined, browser('fr'), [])).toBe('/login.html');
  });
});
