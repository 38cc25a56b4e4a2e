import { directionOf, formatLocalTime, LANGUAGES, translator, type Language } from '@lib/i18n';
import { Html, html } from '@lib/html';
import { trackingMessages } from './tracking.messages';
import type { LegView, Stop, TrackingView } from './tracking.view';

const t = translator(trackingMessages);

/** Each language named in itself, for the switcher. */
const LANGUAGE_NAMES: Record<Language, string> = { en: 'English', ur: 'اردو', ru: 'Русский', kk: 'Қазақша' };

/**
 * A value set apart from the sentence around it (Unicode isolates): a Latin place name or a date with
 * "GMT+5" keeps its own order inside an Urdu sentence, and an Urdu one inside a Latin sentence.
 */
const isolate = (text: string) => `\u2068${text}\u2069`;

const time = (at: string, language: Language, zone: string) =>
  html`<time datetime="${at}">${formatLocalTime(at, language, zone)}</time>`;

function crossingBadge(crossing: NonNullable<Stop['crossing']>, language: Language): Html {
  const state = crossing.customs;
  const where = t(language, 'customsAt', { crossing: isolate(crossing.name) });
  return html`<div class="crossing" data-crossing="${crossing.name}">${where}:
    <span class="badge ${state}" data-customs="${state}">${t(language, 'customs', { state })}</span></div>`;
}

function stopItem(stop: Stop, language: Language): Html {
  return html`<li class="stop${stop.here ? ' here' : ''}" data-place="${stop.place.name}">
  <span class="name">${stop.place.name}</span>
  <span class="zone">${stop.zone}</span>
  ${stop.crossing ? crossingBadge(stop.crossing, language) : ''}
  ${stop.here ? html`<span class="here-marker">${t(language, 'hereNow')}</span>` : ''}
</li>`;
}

function legItem(leg: LegView, language: Language): Html {
  return html`<li class="leg ${leg.mode} ${leg.status}" data-leg="${leg.sequence}">
  <span class="mode">${t(language, 'mode', { mode: leg.mode })}</span>
  <span class="carrier">${t(language, 'legLine', { sequence: leg.sequence, carrier: isolate(leg.carrier) })}</span>
  <span class="leg-status">${t(language, 'legStatus', { status: leg.status })}</span>
  ${leg.here ? html`<span class="here-marker">${t(language, 'onTheWay')}</span>` : ''}
</li>`;
}

function etaSection(view: TrackingView, language: Language): Html {
  const eta = view.eta;
  const local = (at: string) => isolate(formatLocalTime(at, language, eta?.zone ?? 'UTC'));
  if (!eta) return html`<section id="eta"><h2>${t(language, 'eta')}</h2><p>${t(language, 'noEta')}</p></section>`;
  if (eta.kind === 'delivered')
    return html`<section id="eta"><h2>${t(language, 'eta')}</h2>
<p class="eta-at">${t(language, 'deliveredAt', { at: local(eta.at) })}</p></section>`;
  return html`<section id="eta"><h2>${t(language, 'eta')}</h2>
<p class="eta-at">${time(eta.at, language, eta.zone)}</p>
${
  eta.interval
    ? html`<p class="eta-interval">${t(language, 'etaInterval', {
        earliest: local(eta.interval.earliest),
        latest: local(eta.interval.latest),
      })}</p>`
    : html`<p class="note">${t(language, 'etaPlanned')}</p>`
}
</section>`;
}

/** The part of the page the live stream replaces: everything about the shipment. */
export function trackingFragment(view: TrackingView, language: Language): Html {
  const route: Html[] = [];
  view.stops.forEach((stop, index) => {
    route.push(stopItem(stop, language));
    if (view.legs[index]) route.push(legItem(view.legs[index], language));
  });
  const crossings = view.stops.filter((stop) => stop.crossing).length;
  const status = t(language, 'status', { status: view.status });
  const { packages, weightKg } = view;
  const cargo = t(language, 'cargoLine', { commodity: isolate(view.commodity), packages, weightKg });
  return html`<section id="summary">
<dl class="facts">
  <dt>${t(language, 'statusLabel')}</dt>
  <dd><span class="badge ${view.status}" data-status="${view.status}">${status}</span></dd>
  <dt>${t(language, 'cargo')}</dt>
  <dd>${cargo}</dd>
  ${view.consignee ? html`<dt>${t(language, 'consignee')}</dt><dd data-consignee>${view.consignee}</dd>` : ''}
</dl>
${
  view.lastSeen
    ? html`<p class="note">${t(language, 'lastSeen', {
        place: isolate(view.lastSeen.place.name),
        at: isolate(formatLocalTime(view.lastSeen.at, language, view.lastSeen.zone)),
      })}</p>`
    : ''
}
</section>
${etaSection(view, language)}
<section id="route"><h2>${t(language, 'route')}</h2>
<p class="note">${t(language, 'routeSummary', { legs: view.legs.length, crossings })}</p>
<ol class="route">${route}</ol>
</section>
${
  view.documents
    ? html`<section id="documents"><h2>${t(language, 'documents')}</h2>
${
  view.documents.length
    ? html`<ul>${view.documents.map((d) => html`<li>${t(language, 'tirDocument', d)}</li>`)}</ul>`
    : html`<p>${t(language, 'noDocuments')}</p>`
}</section>`
    : ''
}
<section id="timeline"><h2>${t(language, 'timeline')}</h2>
<p class="note">${t(language, 'timelineNote')} ${t(language, 'eventCount', { count: view.timeline.length })}</p>
<ol class="timeline">${view.timeline.map(
    (entry) => html`<li data-kind="${entry.kind}">
  ${time(entry.at, language, entry.zone)}
  <span><strong>${t(language, 'event', { kind: entry.kind })}</strong> · ${entry.place.name}${
    entry.expected ? html` <span class="expected">(${t(language, 'expected')})</span>` : ''
  }</span>
</li>`,
  )}</ol>
</section>`;
}

/** What replaces the content once the link is revoked or expires while the page is open. */
export function goneFragment(language: Language): Html {
  return html`<section class="gone" role="alert">
<h2>${t(language, 'goneTitle')}</h2><p>${t(language, 'goneBody')}</p>
</section>`;
}

interface Document {
  language: Language;
  title: string;
  body: Html;
  /** The page's own path, for the language links. */
  path?: string;
}

function document({ language, title, body, path }: Document): string {
  const switcher = path
    ? html`<nav class="languages" aria-label="${t(language, 'language')}"><ul>${LANGUAGES.map(
        (other) =>
          html`<li><a href="${path}?lang=${other}" hreflang="${other}" lang="${other}"${
            other === language ? html` aria-current="page"` : ''
          }>${LANGUAGE_NAMES[other]}</a></li>`,
      )}</ul></nav>`
    : '';
  return `<!doctype html>\n${
    html`<html lang="${language}" dir="${directionOf(language)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<meta name="referrer" content="no-referrer">
<meta name="htmx-config" content='{"includeIndicatorStyles": false, "allowEval": false, "allowScriptTags": false}'>
<title>${title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/t/assets/tracking.css">
<script src="/t/assets/htmx.min.js" defer></script>
<script src="/t/assets/sse.min.js" defer></script>
<script src="/t/assets/tracking.js" defer></script>
</head>
<body>
<header class="top"><p class="brand">KZ ⇄ PK</p>${switcher}</header>
${body}
</body>
</html>`.value
  }`;
}

export interface TrackingPage {
  view: TrackingView;
  language: Language;
  /** `/t/<token>` */
  path: string;
  /** The page's full URL as an inline SVG QR code. */
  qrSvg: string;
  expiresAt: string | null;
}

/** The public tracking page: the shipment now, then live updates over SSE (htmx's sse extension swaps the fragment). */
export function trackingPage({ view, language, path, qrSvg, expiresAt }: TrackingPage): string {
  // qrSvg is markup qrcode generated from our own URL: interpolated unescaped.
  const destination = view.stops[view.stops.length - 1];
  const expires = expiresAt && formatLocalTime(expiresAt, language, destination?.zone ?? 'UTC');
  return document({
    language,
    path,
    title: t(language, 'pageTitle', { trackingNumber: view.trackingNumber }),
    body: html`<main>
<div class="content">
<h1>${t(language, 'heading', { trackingNumber: view.trackingNumber })}</h1>
<p class="intro">${t(language, 'intro')}</p>
<p class="live" role="status">${t(language, 'live')}</p>
<div hx-ext="sse" sse-connect="${path}/live?lang=${language}">
  <div id="tracking" sse-swap="tracking" hx-swap="innerHTML">${trackingFragment(view, language)}</div>
</div>
${expires ? html`<p class="note">${t(language, 'expires', { at: isolate(expires) })}</p>` : ''}
</div>
<aside class="qr">${new Html(qrSvg)}<p>${t(language, 'qrCaption')}</p></aside>
</main>`,
  });
}

/** The not-found page of a link that is unknown, revoked or expired (the same page for each: nothing to probe). */
export function gonePage(language: Language): string {
  return document({
    language,
    title: t(language, 'goneTitle'),
    body: html`<main><div class="content">${goneFragment(language)}</div></main>`,
  });
}
