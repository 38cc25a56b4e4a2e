import { renderNotification } from '../render/notification-message';
import { emailOf } from './email-template';

const kinnow = { trackingNumber: 'KZPK-7F3K-9Q2M', commodity: 'kinnow' };
const shipmentId = '6f1c4a52-4c0e-4a55-9d0a-0d7f8c1b2a11';

describe('emailOf', () => {
  it('writes an Urdu email right to left, labelled in Urdu, the subject in Urdu', () => {
    const email = emailOf(renderNotification('customs.cleared', { shipmentId, crossing: 'Torkham' }, kinnow, 'ur'));
    expect(email.subject).toBe('کھیپ KZPK-7F3K-9Q2M (kinnow) کی Torkham پر کسٹمز کلیئرنس ہو گئی');
    expect(email.html).toMatch(/^<!DOCTYPE html>\n<html lang="ur" dir="rtl">/);
    expect(email.html).toContain(`<p>${email.subject}۔</p>`);
    expect(email.html).toContain('<th style="text-align:start;padding-inline-end:1em">ٹریکنگ نمبر</th>');
    expect(email.text).toBe(
      `${email.subject}۔\n\nکھیپ: ${shipmentId}\nٹریکنگ نمبر: KZPK-7F3K-9Q2M\nواقعہ: customs.cleared\n`,
    );
  });

  it('writes Russian and Kazakh left to right, in their own words', () => {
    const ru = emailOf(renderNotification('customs.cleared', { shipmentId, crossing: 'Torkham' }, kinnow, 'ru'));
    expect(ru.html).toContain('<html lang="ru" dir="ltr">');
    expect(ru.html).toContain('>Трек-номер</th>');
    expect(ru.subject).toBe('Груз KZPK-7F3K-9Q2M (kinnow) прошёл таможенное оформление на пункте пропуска Torkham');
    const kk = emailOf(renderNotification('customs.cleared', { shipmentId, crossing: 'Torkham' }, kinnow, 'kk'));
    expect(kk.html).toContain('<html lang="kk" dir="ltr">');
    expect(kk.subject).toBe('Жүк KZPK-7F3K-9Q2M (kinnow) Torkham өткізу пунктінде кедендік ресімдеуден өтті');
  });

  it('escapes every value in the HTML', () => {
    const email = emailOf(
      renderNotification(
        'customs.held',
        { shipmentId, crossing: 'Torkham', reason: '<script>alert("x")</script>' },
        { trackingNumber: 'KZPK-<b>', commodity: 'kinnow' },
        'ru',
      ),
    );
    expect(email.html).not.toContain('<script>');
    expect(email.html).not.toContain('<b>');
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(email.html).toContain('<title>Груз KZPK-&lt;b&gt; (kinnow)');
    // The text part is plain text: nothing to escape.
    expect(email.text).toContain('<script>');
  });
});
