import { describe, expect, it } from '@jest/globals';
import { translateHtml } from './html-translation.js';

const strings = {
  app: { title: 'OCR de factures', language: 'Langue' },
  login: { title: 'Connexion', failed: 'Mot de passe <incorrect> & "refusé"' },
};
const page =
  '<html lang="en"><head><title data-i18n-title="login.title">Log in · Invoice OCR</title></head><body>' +
  '<select class="s" aria-label="Language" data-testid="language" data-i18n-label="app.language" disabled><option value="en" selected>English</option><option value="fr">Français</option></select>' +
  '<h1 id="t" data-i18n="login.title" class="h4">Log in</h1><div role="alert" data-i18n="login.failed">Wrong</div></body></html>';

describe('translateHtml', () => {
  it('writes the language, title, texts, labels and selected option, escaped, without the markers', () => {
    expect(translateHtml(page, strings, 'fr')).toBe(
      '<html lang="fr"><head><title>Connexion · OCR de factures</title></head><body>' +
        '<select class="s" aria-label="Langue" data-testid="language" disabled><option value="en">English</option><option value="fr" selected>Français</option></select>' +
        '<h1 id="t" class="h4">Connexion</h1><div role="alert">Mot de passe &lt;incorrect&gt; &amp; &quot;refusé&quot;</div></body></html>',
    );
  });

  it('fails on a key the strings do not have', () => {
    expect(() => translateHtml('<p data-i18n="login.nope">x</p>', strings, 'fr')).toThrow('no string at login.nope');
  });
});
