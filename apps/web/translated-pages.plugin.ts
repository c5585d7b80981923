import type { Plugin } from 'vite';
import { translateHtml } from './src/lib/html-translation.js';
import { en } from './src/i18n.en.js';
import { fr } from './src/i18n.fr.js';

/** The app's languages and their strings: the first is the one a page's own file is written in. */
const LANGUAGES = [
  ['en', en],
  ['fr', fr],
] as const;

/**
 * Writes each built page named in `pages` (e.g. `login.html`) in the app's strings: the page itself in
 * the first language, and a copy per other language beside it (`login.fr.html`), which the gateway sends
 * to a reader of that language. The page is then drawn in the reader's language before any script runs.
 */
export function translatedPages(pages: string[]): Plugin {
  return {
    name: 'invoice:translated-pages',
    apply: 'build',
    // After Vite has written the HTML pages into the bundle, before the compression plugin copies the files.
    enforce: 'post',
    generateBundle(_options, bundle) {
      for (const fileName of pages) {
        const page = bundle[fileName];
        if (page?.type !== 'asset') this.error(`${fileName} is not in the bundle`);
        const html = typeof page.source === 'string' ? page.source : new TextDecoder().decode(page.source);
        const [[firstLang, firstStrings], ...others] = LANGUAGES;
        page.source = translateHtml(html, firstStrings, firstLang);
        for (const [lang, strings] of others) {
          this.emitFile({
            type: 'asset',
            fileName: fileName.replace(/\.html$/, `.${lang}.html`),
            source: translateHtml(html, strings, lang),
          });
        }
      }
    },
  };
}
