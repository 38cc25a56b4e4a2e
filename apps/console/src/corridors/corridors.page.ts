import { html, type Html } from '@lib/html';
import { count } from '../pages/format';
import { page, type PageOptions } from '../pages/layout';
import type { ReplayAuditEntry } from '../dead-letters/replay-audit.store';
import type { CorridorView, CorridorsView, CrossingAnswer, Stop } from './corridors.view';

const MODES: Record<string, string> = { ROAD: 'Road', RAIL: 'Rail', SEA: 'Sea', AIR: 'Air' };
const day = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace('T', ' ')} UTC` : 'further notice');
const SOURCES = {
  season: 'seasonal calendar',
  operator: 'operator',
  configuration: 'configuration (CROSSING_OVERRIDES)',
} as const;

/** Open / Closed, in words and colour. */
function crossingBadge(crossing: CrossingAnswer): Html {
  return crossing.open
    ? html`<span class="status ok" data-state="open">Open</span>`
    : html`<span class="status bad" data-state="closed">Closed</span>`;
}

/** What waits at a crossing for customs, the buckets that hold any. */
function customsFigures(customs: NonNullable<Extract<Stop, { kind: 'place' }>['customs']>): string {
  const parts = (
    [
      [customs.inspection, 'in inspection'],
      [customs.awaitingDocuments, 'awaiting documents'],
      [customs.held, 'held'],
      [customs.readyForDecision, 'ready for a decision'],
      [customs.expected, 'expected'],
    ] as const
  ).filter(([n]) => n > 0);
  return parts.length ? parts.map(([n, what]) => `${count(n)} ${what}`).join(' · ') : 'nothing waiting';
}

function placeStop(stop: Extract<Stop, { kind: 'place' }>): Html {
  const { crossing, customs } = stop;
  return html`<li class="stop place${crossing ? ' crossing' : ''}${crossing && !crossing.open ? ' closed' : ''}" \
data-place="${stop.name}"${crossing ? html` data-crossing="${crossing.id}"` : ''}>
  <span class="node" aria-hidden="true"></span>
  <span class="name">${stop.name}</span>
  ${
    crossing
      ? html`<span class="crossing-name">${crossing.name} ${crossingBadge(crossing)}</span>\
${
  crossing.closure
    ? html`<span class="why">${crossing.closure.reason}, until \
${day(crossing.closure.until)}</span>`
    : ''
}`
      : ''
  }
  <span class="counts"><span data-figure="booked">${count(stop.booked)}</span> booked · \
<span data-figure="waiting">${count(stop.waiting)}</span> waiting</span>
  ${
    customs
      ? html`<span class="customs" data-figure="customs">customs: ${customsFigures(customs)}</span>${
          customs.slaBreached
            ? html`<span class="status bad" data-figure="sla-breached">\
${count(customs.slaBreached)} past clearance SLA</span>`
            : ''
        }`
      : ''
  }
</li>`;
}

function legStop(stop: Extract<Stop, { kind: 'leg' }>): Html {
  const label =
    `${MODES[stop.mode] ?? stop.mode} leg ${stop.from} to ${stop.to} by ${stop.carrier}: ` +
    `${stop.forward} on the way forward, ${stop.reverse} on the way back`;
  return html`<li class="stop leg mode-${stop.mode.toLowerCase()}" data-leg="${stop.from}→${stop.to}" \
aria-label="${label}">
  <span class="line" aria-hidden="true"></span>
  <span class="mode">${MODES[stop.mode] ?? stop.mode} · ${stop.carrier}</span>
  <span class="counts"><span title="forward" data-figure="forward">→ ${count(stop.forward)}</span> \
<span title="reverse" data-figure="reverse">← ${count(stop.reverse)}</span></span>
</li>`;
}

function corridorSection(corridor: CorridorView): Html {
  const t = corridor.totals;
  return html`<section class="wide corridor" data-corridor="${corridor.id}" aria-labelledby="c-${corridor.id}">
  <h2 id="c-${corridor.id}">${corridor.name} <span class="muted">${corridor.id}</span></h2>
  <p class="totals"><span data-figure="moving">${count(t.moving)}</span> moving · \
<span data-figure="waiting-total">${count(t.waiting)}</span> waiting · \
<span data-figure="booked-total">${count(t.booked)}</span> booked, not moved · \
${count(t.delivered24h)} delivered in 24 h${t.elsewhere ? html` · ${count(t.elsewhere)} on their own legs` : ''}${
    t.slaBreached ? html` · <span class="status bad">${count(t.slaBreached)} past clearance SLA</span>` : ''
  }${corridor.closed.length ? html` · <span class="status bad">closed: ${corridor.closed.join(', ')}</span>` : ''}</p>
  <div class="scroll"><ol class="route" aria-label="${corridor.name}: places and legs in order">
    ${corridor.stops.map((stop) => (stop.kind === 'place' ? placeStop(stop) : legStop(stop)))}
  </ol></div>
</section>`;
}

/**
 * The schematic: the fragment the stream replaces on every refresh (forms stay out of it, so nothing typed is lost).
 */
export function corridorsFragment(view: CorridorsView): Html {
  return html`${view.problems.map((p) => html`<p class="alert" role="alert">${p}</p>`)}
${
  view.at
    ? html`<p class="sampled">The system's clock: \
<time datetime="${view.at}" data-figure="clock">${day(view.at)}</time></p>`
    : ''
}
<div class="figures">${view.corridors.map(corridorSection)}</div>`;
}

function overrideForms(crossing: CrossingAnswer, csrfToken: string): Html {
  const action = `/corridors/crossings/${encodeURIComponent(crossing.id)}/overrides`;
  const lift = (id: string, label: string) => html`<form method="post" action="${action}/${id}/lift" class="inline">
    <input type="hidden" name="_csrf" value="${csrfToken}">\
<button type="submit" class="secondary">${label}</button></form>`;
  if (crossing.override) return lift(crossing.override.id, `Lift ${crossing.override.open ? 'opening' : 'closure'}`);
  const verb = crossing.open ? 'Close' : 'Open';
  return html`<form method="post" action="${action}" class="override">
    <input type="hidden" name="_csrf" value="${csrfToken}">
    <input type="hidden" name="open" value="${crossing.open ? 'false' : 'true'}">
    <label>Reason <input name="reason" required maxlength="200" \
placeholder="${crossing.open ? 'e.g. landslide near Sost' : 'e.g. winter convoy window'}"></label>
    <label>Until (UTC, optional) <input type="datetime-local" name="until"></label>
    <button type="submit">${verb} ${crossing.name}</button>
  </form>`;
}

function crossingCard(c: CrossingAnswer, view: CorridorsView, csrfToken: string): Html {
  const customs = view.customs.find((s) => s.crossing === c.name);
  const who = c.override?.requestedBy ? `, ${c.override.requestedBy}` : '';
  const breached = customs?.slaBreached
    ? html` <span class="status bad">${count(customs.slaBreached)} past SLA</span>`
    : '';
  const atCustoms = customs ? html` · customs: ${count(customs.waiting)} waiting${breached}` : '';
  return html`<li class="crossing-card${c.open ? '' : ' closed'}" data-crossing-row="${c.id}" \
aria-labelledby="x-${c.id}">
  <h3 id="x-${c.id}">${c.name} ${crossingBadge(c)}</h3>
  <p class="muted">${c.kind}, ${c.place}${atCustoms}</p>
  ${
    c.closure
      ? html`<p>${c.closure.reason}, until ${day(c.closure.until)} \
<span class="muted">(${SOURCES[c.closure.source]}${who})</span></p>`
      : ''
  }
  ${
    c.open && c.override
      ? html`<p>Opened: ${c.override.reason}, until ${day(c.override.until)} \
<span class="muted">(operator${who}; the season would close it: ${c.seasonalClosure?.reason ?? 'no'})</span></p>`
      : ''
  }
  ${c.upcoming.map(
    (u) => html`<p class="muted">Planned from ${day(u.from)}: ${u.open ? 'open' : 'closed'} (${u.reason}) until \
${day(u.until)}
    <form method="post" action="/corridors/crossings/${encodeURIComponent(c.id)}/overrides/${u.id}/lift" \
class="inline"><input type="hidden" name="_csrf" value="${csrfToken}">\
<button type="submit" class="secondary">Cancel planned ${u.open ? 'opening' : 'closure'}</button></form></p>`,
  )}
  ${overrideForms(c, csrfToken)}
</li>`;
}

function crossingsSection(view: CorridorsView, csrfToken: string): Html {
  return html`<section class="wide" aria-labelledby="crossings-title">
  <h2 id="crossings-title">Crossings</h2>
  <p class="muted">Closing or opening a crossing here is the shipments service's own operation: it is stored, \
published as
  <code>crossing.closed</code> / <code>crossing.opened</code>, and the next booking through it is refused (or let \
through) at once.
  It overrides the seasonal calendar until the time given, or until lifted.</p>
  <ul class="crossings">${view.crossings.map((c) => crossingCard(c, view, csrfToken))}</ul>
</section>`;
}

function actionsSection(actions: ReplayAuditEntry[]): Html {
  if (actions.length === 0) return html``;
  return html`<section class="wide" aria-labelledby="actions-title">
  <h2 id="actions-title">Recent changes from the console</h2>
  <div class="scroll"><table>
    <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th>\
<th scope="col">Outcome</th></tr></thead>
    <tbody>${actions.map(
      (a) =>
        html`<tr data-audit-outcome="${a.outcome}"><th scope="row">\
<time datetime="${a.at.toISOString()}">${a.at.toISOString().replace('T', ' ').slice(0, 19)} UTC</time></th>\
<td>${a.tenantName} <span class="muted">(${a.keyId})</span></td><td>${a.action} ${a.refs.join(', ')}</td><td>\
<span class="status ${a.outcome === 'failed' ? 'bad' : 'ok'}">${a.outcome}</span> \
<span class="muted">${a.detail}</span></td></tr>`,
    )}</tbody>
  </table></div>
</section>`;
}

export interface CorridorsNotice {
  tone: 'ok' | 'bad';
  text: string;
}

/**
 * The corridors page: the live schematic (SSE), the crossings with their controls, and the console's recent changes.
 */
export function corridorsPage(
  view: CorridorsView,
  actions: ReplayAuditEntry[],
  notice: CorridorsNotice | undefined,
  chrome: Pick<PageOptions, 'operator' | 'csrfToken'>,
): string {
  return page({
    title: 'Corridors',
    ...chrome,
    body: html`<h1>Corridors</h1>
${
  notice
    ? html`<p class="${notice.tone === 'ok' ? 'notice' : 'alert'}" \
role="${notice.tone === 'ok' ? 'status' : 'alert'}">${notice.text}</p>`
    : ''
}
<p class="live" id="live-state" role="status">Live updates: connecting…</p>
<div hx-ext="sse" sse-connect="/corridors/stream">
  <div sse-swap="signed-out" hx-swap="innerHTML"></div>
  <div id="corridors" sse-swap="corridors" hx-swap="innerHTML">${corridorsFragment(view)}</div>
</div>
${crossingsSection(view, chrome.csrfToken ?? '')}
${actionsSection(actions)}`,
  });
}
