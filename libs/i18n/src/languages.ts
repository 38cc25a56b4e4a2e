import Negotiator from 'negotiator';

/** The languages people on the corridors read: English, Urdu, Russian and Kazakh. */
export const LANGUAGES = ['en', 'ur', 'ru', 'kk'] as const;
export type Language = (typeof LANGUAGES)[number];
export const DEFAULT_LANGUAGE: Language = 'en';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Urdu is written right to left; a page or an email in it says so with `dir="rtl"`. */
export function directionOf(language: Language): 'rtl' | 'ltr' {
  return language === 'ur' ? 'rtl' : 'ltr';
}

/**
 * The language to use for a reader who sent `acceptLanguage` (an HTTP Accept-Language header): the best
 * of ours by its q-values, regional variants included (`ru-KZ` reads Russian), English when none fits.
 */
export function negotiateLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return DEFAULT_LANGUAGE;
  const chosen = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).language([...LANGUAGES]);
  return isLanguage(chosen) ? chosen : DEFAULT_LANGUAGE;
}
