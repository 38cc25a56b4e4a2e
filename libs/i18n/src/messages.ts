import { IntlMessageFormat, type PrimitiveType } from 'intl-messageformat';

type Elements = ReturnType<IntlMessageFormat['getAst']>;
/** The parser's element kinds (TYPE in @formatjs/icu-messageformat-parser) that carry no argument name. */
const LITERAL = 0;
const SELECT = 5;
const PLURAL = 6;
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
 * Messages whose ICU syntax does not parse, whose arguments differ from English's (a translation that
 * drops `{count}` or invents `{cont}`), whose `select` on an argument has other options than English's
 * (a dropped branch would silently fall back to `other`), or whose `plural` lacks one of the language's
 * plural categories or `other` (Russian needs one, few, many), as "language: key: why".
 */
export function brokenMessages(catalog: Catalog): string[] {
  const broken: string[] = [];
  const parse = (source: string, language: Language) => new IntlMessageFormat(source, language).getAst();
  const argumentsOf = (ast: Elements) => [...new Set(collectArguments(ast))].sort().join(',');
  for (const key of Object.keys(catalog.en)) {
    let english: { names: string; selects: Map<string, string> };
    try {
      const ast = parse(catalog.en[key], 'en');
      english = { names: argumentsOf(ast), selects: selectOptions(ast) };
      broken.push(...pluralGaps(ast, 'en').map((gap) => `en: ${key}: ${gap}`));
    } catch (error) {
      broken.push(`en: ${key}: ${(error as Error).message}`);
      continue;
    }
    for (const language of LANGUAGES.filter((l) => l !== 'en')) {
      const source = catalog[language][key];
      if (source === undefined) continue;
      try {
        const ast = parse(source, language);
        const own = argumentsOf(ast);
        if (own !== english.names)
          broken.push(`${language}: ${key}: arguments {${own}}, English has {${english.names}}`);
        for (const [name, options] of selectOptions(ast)) {
          const theirs = english.selects.get(name);
          if (theirs !== undefined && options !== theirs)
            broken.push(`${language}: ${key}: select {${name}} has options ${options}, English has ${theirs}`);
        }
        broken.push(...pluralGaps(ast, language).map((gap) => `${language}: ${key}: ${gap}`));
      } catch (error) {
        broken.push(`${language}: ${key}: ${(error as Error).message}`);
      }
    }
  }
  return broken;
}

/** Each element anywhere in a parsed message, plural and select branches and tags included. */
function* walk(elements: Elements): Generator<Elements[number]> {
  for (const element of elements) {
    yield element;
    if ('options' in element)
      for (const option of Object.values(element.options as Record<string, { value: Elements }>))
        yield* walk(option.value);
    if ('children' in element) yield* walk(element.children);
  }
}

const optionsOf = (element: Elements[number]) => Object.keys((element as { options: object }).options);

/** The options of every `select` by its argument, sorted ("no,yes"); two selects on one argument unite theirs. */
function selectOptions(elements: Elements): Map<string, string> {
  const options = new Map<string, Set<string>>();
  for (const element of walk(elements))
    if ((element.type as number) === SELECT && 'options' in element) {
      const name = element.value;
      options.set(name, new Set([...(options.get(name) ?? []), ...optionsOf(element)]));
    }
  return new Map([...options].map(([name, keys]) => [name, [...keys].sort().join(',')]));
}

/** What each `plural` lacks of the categories its language's rules use (cardinal or ordinal), `other` included. */
function pluralGaps(elements: Elements, language: Language): string[] {
  const gaps: string[] = [];
  for (const element of walk(elements))
    if ((element.type as number) === PLURAL && 'options' in element && 'pluralType' in element) {
      const type = element.pluralType === 'ordinal' ? 'ordinal' : 'cardinal';
      const needed = new Set([...new Intl.PluralRules(language, { type }).resolvedOptions().pluralCategories, 'other']);
      const lacking = [...needed].filter((category) => !optionsOf(element).includes(category));
      if (lacking.length) gaps.push(`plural {${element.value}} lacks ${lacking.join(', ')}`);
    }
  return gaps;
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
