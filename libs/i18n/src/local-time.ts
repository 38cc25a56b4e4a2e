import type { Language } from './languages';

/**
 * A moment as people at `timeZone` read it, in `language`: "5 Jan 2026, 15:00 GMT+5". The zone's
 * offset is printed so a reader elsewhere can still place it. Node's ICU carries the tz database
 * (Asia/Almaty is UTC+5 since 1 March 2024, tzdata 2024a).
 */
export function formatLocalTime(at: Date | string, language: Language, timeZone: string): string {
  const moment = typeof at === 'string' ? new Date(at) : at;
  if (Number.isNaN(moment.getTime())) return '';
  return dateTimeFormat(language, timeZone).format(moment);
}

const formats = new Map<string, Intl.DateTimeFormat>();
function dateTimeFormat(language: Language, timeZone: string): Intl.DateTimeFormat {
  const key = `${language} ${timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(language, {
      timeZone,
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'shortOffset',
    });
    formats.set(key, format);
  }
  return format;
}
