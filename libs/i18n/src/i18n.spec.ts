import { directionOf, negotiateLanguage } from './languages';
import { formatLocalTime } from './local-time';
import { brokenMessages, missingMessages, translator, type Catalog } from './messages';

const catalog: Catalog<'legs'> = {
  en: { legs: '{count, plural, one {# leg} other {# legs}}' },
  ur: { legs: '{count, plural, one {# مرحلہ} other {# مراحل}}' },
  ru: { legs: '{count, plural, one {# этап} few {# этапа} many {# этапов} other {# этапа}}' },
  kk: { legs: '{count, plural, one {# кезең} other {# кезең}}' },
};

describe('negotiateLanguage', () => {
  it.each([
    [undefined, 'en'],
    ['', 'en'],
    ['ru-KZ,ru;q=0.9,en;q=0.8', 'ru'],
    ['kk', 'kk'],
    ['ur-PK', 'ur'],
    ['de-DE,en;q=0.5,kk;q=0.7', 'kk'],
    ['fr', 'en'],
  ])('%s → %s', (header, language) => expect(negotiateLanguage(header)).toBe(language));
});

describe('translator', () => {
  const t = translator(catalog);

  it('applies each language’s plural rules', () => {
    expect([1, 2, 5, 21].map((count) => t('ru', 'legs', { count }))).toEqual([
      '1 этап',
      '2 этапа',
      '5 этапов',
      '21 этап',
    ]);
    expect(t('en', 'legs', { count: 1 })).toBe('1 leg');
    expect(t('kk', 'legs', { count: 3 })).toBe('3 кезең');
  });

  it('writes Urdu right to left', () => {
    expect(directionOf('ur')).toBe('rtl');
    expect(directionOf('ru')).toBe('ltr');
  });
});

describe('catalog checks', () => {
  it('finds a message missing in one language', () => {
    const partial = { ...catalog, kk: {} };
    expect(missingMessages(partial)).toEqual(['kk: legs']);
    expect(missingMessages(catalog)).toEqual([]);
  });

  it('finds a translation whose arguments differ from English’s, or whose syntax is broken', () => {
    const wrong = {
      ...catalog,
      ru: { legs: '{cont, plural, other {# этапа}}' },
      kk: { legs: '{count, plural, other {# кезең}' },
    };
    expect(brokenMessages(wrong)).toEqual([
      'ru: legs: arguments {cont}, English has {count}',
      'ru: legs: plural {cont} lacks few, many, one',
      expect.stringMatching(/^kk: legs: /),
    ]);
    expect(brokenMessages(catalog)).toEqual([]);
  });

  it('finds a select whose options differ from English’s, which would fall back to `other` unseen', () => {
    const eta = {
      en: { eta: '{source, select, interval {between {a} and {b}} predicted {predicted} other {expected}}' },
      ur: { eta: '{source, select, interval {{a} اور {b} کے درمیان} predicted {متوقع} other {متوقع}}' },
      ru: { eta: '{source, select, predicted {прогноз {a} {b}} other {ожидается}}' },
      kk: { eta: '{source, select, interval {{a}–{b}} predicted {болжам} extra {артық} other {күтілуде}}' },
    };
    expect(brokenMessages(eta)).toEqual([
      'ru: eta: select {source} has options other,predicted, English has interval,other,predicted',
      'kk: eta: select {source} has options extra,interval,other,predicted, English has interval,other,predicted',
    ]);
    expect(brokenMessages({ ...eta, ru: eta.ur, kk: eta.ur })).toEqual([]);
  });

  it('finds a plural lacking a category of the language’s plural rules, nested ones too', () => {
    const lacking = {
      ...catalog,
      ru: { legs: '{count, plural, one {# этап} many {# этапов} other {# этапа}}' },
      ur: { legs: '{count, plural, one {# مرحلہ} other {{count, plural, other {# مراحل}}}}' },
      kk: { legs: '{count, plural, =0 {жоқ} other {# кезең}}' },
    };
    expect(brokenMessages(lacking)).toEqual([
      'ur: legs: plural {count} lacks one',
      'ru: legs: plural {count} lacks few',
      'kk: legs: plural {count} lacks one',
    ]);
  });
});

describe('formatLocalTime', () => {
  it('prints the moment in the place’s own time, with its offset', () => {
    const at = '2026-01-05T10:00:00Z';
    expect(formatLocalTime(at, 'en', 'Asia/Karachi')).toBe('Jan 5, 2026, 15:00 GMT+5');
    expect(formatLocalTime(at, 'en', 'Asia/Kabul')).toBe('Jan 5, 2026, 14:30 GMT+4:30');
    expect(formatLocalTime(at, 'ru', 'Asia/Dubai')).toBe('5 янв. 2026 г., 14:00 GMT+4');
    expect(formatLocalTime('not a date', 'en', 'UTC')).toBe('');
  });
});
