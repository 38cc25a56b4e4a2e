import { escapeHtml } from '@lib/html';
import type { RenderedNotification } from '../render/notification-message';

export interface EmailContent {
  subject: string;
  text: string;
  html: string;
}

/**
 * The email of a notification, in its language: the subject is the sentence, the text part is the
 * rendered text, and the HTML part declares its language and direction (Urdu right to left) so mail
 * clients lay it out and read it aloud correctly. Every value is escaped; labels align to the start
 * of the line whichever the direction.
 */
export function emailOf(rendered: RenderedNotification): EmailContent {
  const { language, direction, subject, facts, text } = rendered;
  const sentence = text.split('\n', 1)[0];
  const rows = facts
    .map(
      ([label, value]) =>
        `<tr><th style="text-align:start;padding-inline-end:1em">${escapeHtml(label)}</th>` +
        `<td dir="auto">${escapeHtml(value)}</td></tr>`,
    )
    .join('\n');
  const html = `<!DOCTYPE html>
<html lang="${language}" dir="${direction}">
<head>
<meta charset="utf-8">
<title>${escapeHtml(subject)}</title>
</head>
<body>
<p>${escapeHtml(sentence)}</p>
<table>
${rows}
</table>
</body>
</html>
`;
  return { subject, text, html };
}
