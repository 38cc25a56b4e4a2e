import { brokenMessages, LANGUAGES, missingMessages, translator } from '@lib/i18n';
import { trackingMessages } from './tracking.messages';

describe('tracking page messages', () => {
  const t = translator(trackingMessages);

  it('has every message in every language, each parsing with English’s arguments', () => {
    expect(missingMessages(trackingMessages)).toEqual([]);
    expect(brokenMessages(trackingMessages)).toEqual([]);
  });

  it('counts with each language’s plural rules', () => {
    const cargo = (language: (typeof LANGUAGES)[number], packages: number) =>
      t(language, 'cargoLine', { commodity: 'kinnow', packages, weightKg: 18000 });
    expect(cargo('en', 1)).toBe('kinnow · 1 package · 18,000 kg');
    expect(cargo('ru', 2)).toMatch(/^kinnow · 2 места · 18\s000 кг$/);
    expect(cargo('ru', 5)).toContain('5 мест ');
    expect(cargo('ru', 21)).toContain('21 место');
    expect(t('en', 'routeSummary', { legs: 3, crossings: 1 })).toBe('3 legs, 1 crossing');
    expect(t('ru', 'routeSummary', { legs: 3, crossings: 0 })).toBe('3 плеча, без пограничных переходов');
  });

  it('names statuses, customs states and events in each language, never the raw code', () => {
    for (const language of LANGUAGES) {
      for (const status of ['BOOKED', 'IN_TRANSIT', 'DELIVERED', 'CANCELLED'])
        expect(t(language, 'status', { status })).not.toMatch(/[A-Z_]{4,}|Unknown|Неизвестно|نامعلوم|Белгісіз/);
      for (const state of ['CLEARED', 'HELD', 'REJECTED', 'AWAITING', 'PASSED', 'PENDING'])
        expect(t(language, 'customs', { state })).not.toMatch(/Unknown|Неизвестно|نامعلوم|Белгісіз/);
    }
    expect(t('ur', 'status', { status: 'IN_TRANSIT' })).toBe('راستے میں');
    expect(t('kk', 'customs', { state: 'CLEARED' })).toBe('Кедендік рәсімдеуден өтті');
    expect(t('ru', 'event', { kind: 'border_exit' })).toBe('Пересёк границу');
  });
});
