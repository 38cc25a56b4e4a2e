import { eventTypes } from '@lib/contracts';
import { brokenMessages, missingMessages } from '@lib/i18n';
import { IntlMessageFormat } from 'intl-messageformat';
import { notificationMessages } from './notification.messages';

describe('notification messages', () => {
  it('has every message in every language, each parsing and using the same arguments as English', () => {
    expect(missingMessages(notificationMessages)).toEqual([]);
    expect(brokenMessages(notificationMessages)).toEqual([]);
  });

  it('has a message for every event type of the contracts', () => {
    const keys = Object.keys(notificationMessages.en);
    expect(eventTypes.filter((type) => !keys.includes(type))).toEqual([]);
  });

  it('writes Urdu in Urdu script and Russian and Kazakh in Cyrillic, no English words left in place', () => {
    // Outside the arguments (names of places, crossings, carriers arrive in Latin script) and select keys,
    // a translation's own words carry no Latin letters but the acronyms the corridor uses as they are.
    const script = { ur: /\p{Script=Arabic}/u, ru: /\p{Script=Cyrillic}/u, kk: /\p{Script=Cyrillic}/u };
    for (const language of ['ur', 'ru', 'kk'] as const)
      for (const [key, english] of Object.entries(notificationMessages.en)) {
        const own = notificationMessages[language][key as keyof typeof notificationMessages.en];
        const words = literalText(own);
        const latin = (words.match(/\p{Script=Latin}+/gu) ?? []).filter((word) => !ACRONYMS.has(word));
        // A bare argument list ("{shipment}: {event}") carries no words of its own.
        const scripted = !/\p{L}/u.test(literalText(english)) || script[language].test(words);
        expect({ language, key, latin, scripted }).toEqual({ language, key, latin: [], scripted: true });
      }
  });

  it('finds English left in a translation (the check above can fail)', () => {
    expect(literalText('{shipment}: ETA {time}, carrier {carrier}').match(/\p{Script=Latin}+/gu)).toEqual([
      'ETA',
      'carrier',
    ]);
    expect(literalText('{since, select, reading {с {time}} other {departure}}')).toMatch(/^с\s+departure$/);
  });
});

/** Latin-script words a translation may keep: conventions' acronyms and the Celsius sign's C. */
const ACRONYMS = new Set(['TIR', 'CMR', 'SMGS', 'ETA', 'C']);
/** The parser's kind of plain text (TYPE.literal in @formatjs/icu-messageformat-parser). */
const LITERAL = 0;

/** A message's own words: its literal text in every branch, without arguments, select keys or `#`. */
function literalText(source: string): string {
  const text = (elements: ReturnType<IntlMessageFormat['getAst']>): string =>
    elements
      .map((element) =>
        (element.type as number) === LITERAL && 'value' in element
          ? element.value
          : 'options' in element
            ? Object.values(element.options)
                .map((option) => text(option.value))
                .join(' ')
            : '',
      )
      .join('');
  return text(new IntlMessageFormat(source, 'en').getAst());
}
