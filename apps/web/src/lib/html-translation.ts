import { documentTitle } from './page-title.js';

type Strings = { readonly [key: string]: string | Strings };

/** The string at a dotted key (`login.title`); a missing one fails the build rather than ship a key. */
function lookup(strings: Strings, key: string): string {
  const value = key
    .split('.')
    .reduce<string | Strings | undefined>((node, part) => (typeof node === 'object' ? node[part] : undefined), strings);
  if (typeof value !== 'string') throw new Error(`no string at ${key}`);
  return value;
}

const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * A static page (login.html) in one language, from the app's own strings: `<html lang>`; the text of
 * each element marked `data-i18n="key"`; the `aria-label` of each marked `data-i18n-label="key"` (written
 * before it); `<title data-i18n-title="key">` as the app titles that page; the language select's
 * option for `lang` selected. The markers are removed.
 */
export function translateHtml(html: string, strings: Strings, lang: string): string {
  const t = (key: string) => escapeHtml(lookup(strings, key));
  return html
    .replace(/<html lang="[^"]*"/, `<html lang="${lang}"`)
    .replace(
      /<title data-i18n-title="([^"]+)">[^<]*/,
      (_, key: string) => `<title>${escapeHtml(documentTitle(lookup(strings, 'app.title'), lookup(strings, key)))}`,
    )
    .replace(/(<[^>]*?) data-i18n="([^"]+)"([^>]*>)[^<]*/g, (_, open: string, key: string, close: string) => `${open}${close}${t(key)}`)
    .replace(
      /aria-label="[^"]*"([^>]*?) data-i18n-label="([^"]+)"/g,
      (_, between: string, key: string) => `aria-label="${t(key)}"${between}`,
    )
    .replace(
      /<option value="([\w-]+)"(?: selected)?>/g,
      (_, value: string) => `<option value="${value}"${value === lang ? ' selected' : ''}>`,
    );
}
