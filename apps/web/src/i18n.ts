import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { LANGUAGE_COOKIE } from '@invoice/contracts/enums';
import { en, type Resources } from './i18n.en.js';

export type { Resources };

export const LANGUAGES = ['en', 'fr'] as const;
export type Language = (typeof LANGUAGES)[number];
const LANGUAGE_KEY = 'invoice-ocr.language';

/** English ships with the app (the fallback); other languages come in their own chunk when chosen. */
const LOADERS: Record<Language, () => Promise<Resources>> = {
  en: () => Promise.resolve(en),
  fr: async () => (await import('./i18n.fr.js')).fr,
};

function initialLanguage(): Language {
  const saved = localStorage.getItem(LANGUAGE_KEY);
  if (saved && (LANGUAGES as readonly string[]).includes(saved)) return saved as Language;
  return navigator.language.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** The language asked for last: strings that finish loading after another choice do not override it. */
let requested: Language | undefined;

/** Loads a language's strings (once), then switches to it unless another language was chosen meanwhile. */
export async function setLanguage(lng: Language): Promise<void> {
  requested = lng;
  if (!i18n.hasResourceBundle(lng, 'translation')) i18n.addResourceBundle(lng, 'translation', await LOADERS[lng]());
  if (requested === lng) await i18n.changeLanguage(lng);
}

void i18n.use(initReactI18next).init({
  resources: { en: { translation: en } },
  lng: 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false },
});

i18n.on('languageChanged', (lng) => {
  localStorage.setItem(LANGUAGE_KEY, lng);
  // The gateway reads it to send the login page in this language before any script runs.
  document.cookie = `${LANGUAGE_COOKIE}=${lng}; path=/; max-age=31536000; samesite=lax`;
  document.documentElement.lang = lng;
});

/** Settles once the first language's strings are in: the app renders after it (no English flash for a French reader). */
export const i18nReady: Promise<void> = setLanguage(initialLanguage()).catch(() => undefined);

export default i18n;
