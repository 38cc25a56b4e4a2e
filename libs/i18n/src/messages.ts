import { IntlMessageFormat, type PrimitiveType } from 'intl-messageformat';

type Elements = ReturnType<IntlMessageFormat['getAst']>;
/** The parser's element kinds (TYPE in @formatjs/icu-messageformat-parser) that carry no argument name. */
const LITERAL = 0;
const POUND = 7;
import { LANGUAGES, type Language } from './languages';

/** ICU messages by key, in every language: `catalog.en.key`, `catalog.ur.key`, … */
export type Catalog<K extends string = string> = Record<Language, Record<K, string>>;

export type MessageValues = Record<string, PrimitiveType>;

/** Formats a catalog's ICU messages (plural, select, number, date), each compiled once per language and key. */
export interface Translator<K extends string> {
  (language: Language, key: K, values?: MessageValues): string;
}

export function translator<K extends string>(catalog: Catalog<K>): Translator<K> {
  const compiled = new Map<string, IntlMessageFormat>();
  return (language, key, values) => {
    const id = `${language}\u0000${key}`;
    let format = compiled.get(id);
    if (!format) {
      const source = catalog[language][key] ?? catalog.en[key];
      format = new IntlMessageFormat(source, language);
      compiled.set(id, format);
    }
    return String(format.format(values));
  };
}

/**
 * What a catalog lacks: a key English has that another language does not (or has empty), or the reverse.
 * Tests assert this is empty, so a message added in one language only fails the build.
 */
export function missingMessages(catalog: Catalog): string[] {
  const keys = new Set(LANGUAGES.flatMap((language) => Object.keys(catalog[language])));
  const missing: string[] = [];
  for (const language of LANGUAGES)
    for (const key of keys) if (!catalog[language][key]?.trim()) missing.push(`${language}: ${key}`);
  return missing;
}

/**
 * Messages whose ICU syntax does not parse, or whose arguments differ from English's (a translation that
 * drops `{count}` or invents `{cont}`), as "language: key: why".
 */
export function brokenMessages(catalog: Catalog): string[] {
  const broken: string[] = [];
  const argumentsOf = (source: string, language: Language) =>
    [...new Set(collectArguments(new IntlMessageFormat(source, language).getAst()))].sort().join(',');
  for (const key of Object.keys(catalog.en)) {
    let english: string;
    try {
      english = argumentsOf(catalog.en[key], 'en');
    } catch (error) {
      broken.push(`en: ${key}: ${(error as Error).message}`);
      continue;
    }
    for (const language of LANGUAGES.filter((l) => l !== 'en')) {
      const source = catalog[language][key];
      if (source === undefined) continue;
      try {
        const own = argumentsOf(source, language);
        if (own !== english) broken.push(`${language}: ${key}: arguments {${own}}, English has {${english}}`);
      } catch (error) {
        broken.push(`${language}: ${key}: ${(error as Error).message}`);
      }
    }
  }
  return broken;
}

/** Argument names used anywhere in a parsed ICU message, plural and select branches included. */
function collectArguments(elements: Elements): string[] {
  const names: string[] = [];
  for (const element of elements) {
    const kind = element.type as number;
    if ('value' in element && typeof element.value === 'string' && kind !== LITERAL && kind !== POUND)
      names.push(element.value);
    if ('options' in element)
      for (const option of Object.values(element.options as Record<string, { value: Elements }>))
        names.push(...collectArguments(option.value));
    if ('children' in element) names.push(...collectArguments(element.children));
  }
  return names;
}
