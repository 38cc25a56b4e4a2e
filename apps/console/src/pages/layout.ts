import { html, type Html } from '@lib/html';

export interface PageOptions {
  title: string;
  /** The signed-in operator, shown with a sign-out button. */
  operator?: { tenantName: string; keyId: string };
  /** For the sign-out form. */
  csrfToken?: string;
  body: Html;
}

/** The document around every page: one stylesheet, scripts from the app's own /assets (no CDN), a skip link. */
export function page({ title, operator, csrfToken, body }: PageOptions): string {
  const markup = html`<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="htmx-config" content='{"includeIndicatorStyles": false, "allowEval": false}'>
<title>${title} · KZ ⇄ PK operator console</title>
<link rel="stylesheet" href="/assets/uPlot.min.css">
<link rel="stylesheet" href="/assets/console.css">
<script src="/assets/htmx.min.js" defer></script>
<script src="/assets/sse.min.js" defer></script>
<script src="/assets/uPlot.iife.min.js" defer></script>
<script src="/assets/console.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
  <p class="brand">KZ ⇄ PK <span>operator console</span></p>
  ${
    operator && csrfToken
      ? html`<form class="who" method="post" action="/sign-out">
    <span>Signed in as <strong>${operator.tenantName}</strong> <span class="key">(${operator.keyId})</span></span>
    <input type="hidden" name="_csrf" value="${csrfToken}">
    <button type="submit">Sign out</button>
  </form>`
      : ''
  }
</header>
${
  operator
    ? html`<nav class="pages" aria-label="Console pages">\
<a href="/"${title === 'Overview' ? html` aria-current="page"` : ''}>Overview</a>\
<a href="/corridors"${title === 'Corridors' ? html` aria-current="page"` : ''}>Corridors</a>\
<a href="/kafka"${title === 'Kafka' ? html` aria-current="page"` : ''}>Kafka records</a>\
<a href="/dead-letters"${title === 'Dead letters' ? html` aria-current="page"` : ''}>Dead letters</a>
<form class="find" method="get" action="/shipments" role="search"><label>Shipment \
<input type="search" name="q" required spellcheck="false" placeholder="id or tracking number" size="22"></label> \
<button type="submit">Open</button></form></nav>`
    : ''
}
<main id="main">
${body}
</main>
</body>
</html>`;
  return `<!doctype html>\n${markup.value}\n`;
}
