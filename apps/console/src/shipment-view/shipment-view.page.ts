import { html, type Html } from '@lib/html';
import { page, type PageOptions } from '../pages/layout';
import { recordsTable } from '../kafka-browser/kafka-browser.page';
import { FOLLOW_WINDOW } from '../kafka-browser/kafka-browser.service';
import type { ServiceAnswer } from './service-api';
import type { DeliveryAttempt, NotificationFacts, ShipmentView } from './shipment-view.service';

type Chrome = Pick<PageOptions, 'operator' | 'csrfToken'>;

const at = (iso: string | null | undefined) =>
  iso ? html`<time datetime="${iso}">${iso.replace('T', ' ').slice(0, 19)} UTC</time>` : '—';
const place = (p: { name?: string; locode?: string } | undefined) =>
  p ? `${p.name ?? '?'}${p.locode ? ` (${p.locode})` : ''}` : '—';

/** A section's content, or why the service could not give it. */
function answered<T>(answer: ServiceAnswer<T>, render: (body: T) => Html): Html {
  return answer.ok ? render(answer.body) : html`<p class="alert" role="alert">Not available: ${answer.reason}.</p>`;
}

interface ReplayNotice {
  outcome: string;
  notification?: string;
  round?: number;
}

function noticeOf(notice: ReplayNotice | undefined): Html | string {
  if (!notice) return '';
  if (notice.outcome === 'replayed') {
    return html`<p class="notice" role="status">Notification \
${notice.notification ?? ''} is being delivered again (round ${notice.round ?? '?'}).</p>`;
  }
  return html`<p class="alert" role="alert">The replay of notification \
${notice.notification ?? ''} was refused or failed; the audit below says why.</p>`;
}

function attemptsList(attempts: DeliveryAttempt[] | undefined): Html | string {
  if (!attempts?.length) return html`<span class="muted">none yet</span>`;
  return html`<ol class="attempts">${attempts.map(
    (a) =>
      html`<li data-attempt="${a.round}:${a.attempt}">round ${a.round} · attempt ${a.attempt}: \
<span class="status ${a.outcome === 'delivered' ? 'ok' : 'bad'}">${a.outcome}</span>\
${a.statusCode === null ? '' : ` ${a.statusCode}`}${
        a.latencyMs === null ? '' : ` in ${a.latencyMs} ms`
      }${a.error ? html` <span class="muted">${a.error}</span>` : ''} · ${at(a.at)}</li>`,
  )}</ol>`;
}

const replayable = (n: NotificationFacts) => n.channel !== 'feed' && n.status !== 'pending';

function notificationsTable(items: NotificationFacts[]): Html {
  if (items.length === 0) return html`<p class="muted">No notifications for this shipment.</p>`;
  return html`<div class="scroll"><table class="notifications">
  <caption class="visually-hidden">The shipment's notifications with every delivery attempt, newest first</caption>
  <thead><tr><th scope="col">Notification</th><th scope="col">Type</th><th scope="col">Channel</th>\
<th scope="col">Status</th><th scope="col" class="num">Round</th><th scope="col">Delivery attempts</th>\
<th scope="col">Replay</th></tr></thead>
  <tbody>${items.map((n) => {
    const tone = n.status === 'delivered' ? 'ok' : n.status === 'failed' ? 'bad' : 'unknown';
    const attempts =
      n.channel === 'feed'
        ? html`<span class="muted">none: read from the feed</span>`
        : attemptsList(n.deliveryAttempts);
    const replay = replayable(n)
      ? html`<a href="/shipments/notification-replay?id=${n.id}" aria-label="Replay notification ${n.id}…">Replay…</a>`
      : html`<span class="muted">${n.channel === 'feed' ? 'feed (read again)' : 'in progress'}</span>`;
    return html`<tr data-notification="${n.id}" data-round="${n.round}"><th scope="row" class="ref">${n.id}<br>\
<span class="muted">${n.title}</span></th><td>${n.type}</td><td>${n.channel}</td>\
<td><span class="status ${tone}">${n.status}</span></td><td class="num">${n.round}</td>\
<td>${attempts}</td><td>${replay}</td></tr>`;
  })}</tbody>
</table></div>`;
}

function auditTable(view: ShipmentView): Html | string {
  if (view.audit.length === 0) return '';
  return html`<h3>Replays of these notifications</h3>
<div class="scroll"><table class="audit">
  <caption class="visually-hidden">Who replayed which of this shipment's notifications, when, and the outcome; \
newest first</caption>
  <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">Notification</th>\
<th scope="col">Outcome</th></tr></thead>
  <tbody>${view.audit.map(
    (a) =>
      html`<tr data-audit-outcome="${a.outcome}"><th scope="row">${at(a.at.toISOString())}</th><td>${a.tenantName} \
<span class="muted">(${a.keyId})</span></td><td class="ref">${a.refs.join(', ')}</td><td>\
<span class="status ${a.outcome === 'replayed' ? 'ok' : 'bad'}">${a.outcome}</span> \
<span class="muted">${a.detail}</span></td></tr>`,
  )}</tbody>
</table></div>`;
}

export function shipmentViewPage(view: ShipmentView, notice: ReplayNotice | undefined, chrome: Chrome): string {
  const title = view.shipment.ok ? `${view.shipment.body.trackingNumber}` : view.id;
  return page({
    title: `Shipment ${title}`,
    ...chrome,
    body: html`<h1>Shipment ${title}</h1>
${noticeOf(notice)}
<section class="wide" aria-labelledby="state-title">
  <h2 id="state-title">State and legs</h2>
  ${answered(
    view.shipment,
    (s) => html`<dl class="facts">
    <dt>Id</dt><dd>${s.id}</dd>
    <dt>Tracking number</dt><dd>${s.trackingNumber}</dd>
    <dt>Status</dt><dd data-shipment-status="${s.status}">${s.status}</dd>
    <dt>Corridor</dt><dd>${s.corridor ?? '—'}</dd>
    <dt>Shipper</dt><dd>${s.shipperId}</dd>
    <dt>Consignee</dt><dd>${s.consignee ?? '—'}</dd>
    <dt>Cargo</dt><dd>${s.cargo?.commodity ?? '—'}${
      s.cargo?.packages ? `, ${s.cargo.packages} packages` : ''
    }${s.cargo?.weightKg ? `, ${s.cargo.weightKg} kg` : ''}</dd>
    <dt>Booked</dt><dd>${at(s.bookedAt)}</dd>
    <dt>ETA</dt><dd>${at(s.eta)}</dd>
  </dl>
  <div class="scroll"><table class="legs">
    <caption class="visually-hidden">Legs in route order</caption>
    <thead><tr><th scope="col" class="num">Leg</th><th scope="col">Mode · carrier</th><th scope="col">From</th>\
<th scope="col">To</th><th scope="col">Crossing</th><th scope="col">Planned departure</th>\
<th scope="col">Planned arrival</th></tr></thead>
    <tbody>${s.legs.map(
      (l) =>
        html`<tr${l.sequence === s.currentLeg ? html` aria-current="step" class="current"` : ''}>\
<th scope="row" class="num">${l.sequence}</th><td>${l.mode ?? '—'} · ${l.carrier ?? '—'}</td>\
<td>${place(l.from)}</td><td>${place(l.to)}</td><td>${l.crossing ?? '—'}</td><td>${at(l.plannedDeparture)}</td>\
<td>${at(l.plannedArrival)}</td></tr>`,
    )}</tbody>
  </table></div>`,
  )}
</section>
<section class="wide" aria-labelledby="customs-title">
  <h2 id="customs-title">Customs</h2>
  ${answered(view.declarations, ({ items }) =>
    items.length === 0
      ? html`<p class="muted">No declarations (yet).</p>`
      : html`<div class="scroll"><table class="declarations">
    <caption class="visually-hidden">Declarations at each crossing</caption>
    <thead><tr><th scope="col" class="num">Leg</th><th scope="col">Crossing</th><th scope="col">Status</th>\
<th scope="col">Missing documents</th><th scope="col">Clearance due</th></tr></thead>
    <tbody>${items.map(
      (d) =>
        html`<tr data-declaration="${d.id}"><th scope="row" class="num">${d.leg}</th><td>${d.crossing}</td>\
<td>${d.status}${d.reason ? html` <span class="muted">${d.reason}</span>` : ''}</td>\
<td>${d.missingDocuments.length ? d.missingDocuments.join(', ') : 'none'}</td><td>${at(d.clearanceDueAt)}</td></tr>`,
    )}</tbody>
  </table></div>`,
  )}
</section>
<section class="wide" aria-labelledby="timeline-title">
  <h2 id="timeline-title">Timeline</h2>
  ${answered(view.timeline, ({ items, nextCursor }) =>
    items.length === 0
      ? html`<p class="muted">No carrier events yet.</p>`
      : html`<div class="scroll"><table class="timeline">
    <caption class="visually-hidden">Carrier events in occurrence order</caption>
    <thead><tr><th scope="col">Occurred</th><th scope="col" class="num">Leg</th><th scope="col">Event</th>\
<th scope="col">Accepted</th><th scope="col">Published</th></tr></thead>
    <tbody>${items.map(
      (e) =>
        html`<tr data-timeline="${e.eventId}"><th scope="row">${at(e.occurredAt)}</th><td class="num">${e.leg}</td>\
<td>${e.kind}${e.classifier && e.classifier !== e.kind ? html` <span class="muted">${e.classifier}</span>` : ''}\
</td><td>${at(e.acceptedAt)}</td><td>${e.published.join(', ') || '—'}</td></tr>`,
    )}</tbody>
  </table></div>${nextCursor ? html`<p class="muted">Only the first ${items.length} events are shown.</p>` : ''}`,
  )}
</section>
<section class="wide" aria-labelledby="notifications-title">
  <h2 id="notifications-title">Notifications and delivery attempts</h2>
  ${answered(view.notifications, ({ items }) => notificationsTable(items))}
  ${auditTable(view)}
</section>
<section class="wide" aria-labelledby="facts-title">
  <h2 id="facts-title">Its facts on Kafka, in time order</h2>
  <p class="muted">${view.facts.length} record(s) with this shipment as subject or key among the last \
${FOLLOW_WINDOW.toLocaleString('en-GB')} records of each partition of every project topic and dead-letter topic (\
<a href="/kafka/shipment?id=${encodeURIComponent(view.id)}">with their traces</a>).</p>
  ${recordsTable(view.facts, `Facts of shipment ${view.id} in time order`, true)}
</section>`,
  });
}

/**
 * The confirmation step of a notification replay: the form (with its CSRF token) that asks the notifications service to
 * deliver it again.
 */
export function confirmNotificationReplayPage(
  notification: ServiceAnswer<NotificationFacts & { shipmentId?: string }>,
  id: string,
  chrome: Required<Chrome>,
): string {
  return page({
    title: 'Replay notification?',
    ...chrome,
    body: html`<h1>Replay notification?</h1>
<section class="wide" aria-labelledby="confirm-title">
  <h2 id="confirm-title">${id}</h2>
  ${answered(
    notification,
    (n) => html`<dl class="facts">
    <dt>Type</dt><dd>${n.type}</dd><dt>Channel</dt><dd>${n.channel}</dd><dt>Status</dt><dd>${n.status}</dd>\
<dt>Round</dt><dd>${n.round}</dd><dt>Title</dt><dd>${n.title}</dd>
  </dl>`,
  )}
  <p class="muted">The notifications service delivers it again from the first step of its retry schedule, as a new \
round with the same <code>webhook-id</code>, so a receiver that deduplicates on it applies it once.</p>
  <form method="post" action="/shipments/notification-replay" class="confirm">
    <input type="hidden" name="_csrf" value="${chrome.csrfToken}">
    <input type="hidden" name="id" value="${id}">
    ${
      notification.ok && notification.body.shipmentId
        ? html`<input type="hidden" name="shipment" value="${notification.body.shipmentId}">`
        : ''
    }
    <button type="submit">Replay notification</button>
    ${
      notification.ok && notification.body.shipmentId
        ? html`<a href="/shipments/${notification.body.shipmentId}">Cancel</a>`
        : html`<a href="/">Cancel</a>`
    }
  </form>
</section>`,
  });
}
