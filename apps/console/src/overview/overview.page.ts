import { html, type Html } from '@lib/html';
import { clockTime, count, dueIn, duration, perSecond, UNKNOWN } from '../pages/format';
import { page, type PageOptions } from '../pages/layout';
import type { OverviewView, Series } from './overview.view';

/** A sparkline's placeholder: console.js draws it with uPlot; the label says it in words. */
function spark(label: string, series: Series, unit = ''): Html {
  const known = series.filter((v): v is number => v !== null);
  const summary = known.length
    ? `${label}, last 15 minutes: now ${round(known[known.length - 1])}${unit}, ` +
      `peak ${round(Math.max(...known))}${unit}`
    : `${label}: no data yet`;
  return html`<span class="spark" role="img" aria-label="${summary}" \
data-values="${JSON.stringify(series.map((v) => (v === null ? null : round(v))))}"></span>`;
}

const round = (value: number) => Math.round(value * 10) / 10;

function status(value: string): Html {
  const tone = value === 'up' ? 'ok' : value === 'down' || value === 'unreachable' ? 'bad' : 'unknown';
  return html`<span class="status ${tone}">${value}</span>`;
}

function servicesSection(view: OverviewView): Html {
  const dependencies = ['postgres', 'redis', 'kafka'];
  return html`<section aria-labelledby="services-title">
  <h2 id="services-title">Services</h2>
  <div class="scroll"><table>
    <caption class="visually-hidden">Readiness of each service and its dependencies</caption>
    <thead><tr><th scope="col">Service</th><th scope="col">Ready</th>\
${dependencies.map((d) => html`<th scope="col">${d[0].toUpperCase() + d.slice(1)}</th>`)}</tr></thead>
    <tbody>${view.services.map((s) => {
      const checks = dependencies.map((d) => html`<td>${s.checks[d] ? status(s.checks[d]) : UNKNOWN}</td>`);
      return html`<tr data-service="${s.service}"><th scope="row">${s.service}</th>\
<td>${status(s.status)}</td>${checks}</tr>`;
    })}</tbody>
  </table></div>
</section>`;
}

function topicsSection(view: OverviewView): Html {
  return html`<section class="wide" aria-labelledby="topics-title">
  <h2 id="topics-title">Topics</h2>
  ${view.kafkaAnswered ? '' : html`<p class="alert">Kafka did not answer the last sample; figures are unknown.</p>`}
  <div class="scroll"><table>
    <caption class="visually-hidden">Records per second written to and consumed from each project topic</caption>
    <thead><tr><th scope="col">Topic</th><th scope="col" class="num">In</th><th scope="col" class="num">Out</th>\
<th scope="col" class="num">Records kept</th><th scope="col">Consumed by</th><th scope="col">In, 15 min</th>\
<th scope="col">Out, 15 min</th></tr></thead>
    <tbody>${view.topics.map(
      (t) =>
        html`<tr data-topic="${t.topic}"><th scope="row">\
<a href="/kafka?topic=${encodeURIComponent(t.topic)}">${t.topic}</a></th>\
<td class="num" data-figure="in">${perSecond(t.inPerSec)}</td>\
<td class="num" data-figure="out">${perSecond(t.outPerSec)}</td>\
<td class="num" data-figure="records">${count(t.records)}</td><td>${t.consumers.join(', ') || 'none yet'}</td>\
<td>${spark(`${t.topic} records in per second`, t.inSeries, '/s')}</td>\
<td>${spark(`${t.topic} records out per second`, t.outSeries, '/s')}</td></tr>`,
    )}</tbody>
  </table></div>
</section>`;
}

function lagSection(view: OverviewView): Html {
  return html`<section class="wide" aria-labelledby="lag-title">
  <h2 id="lag-title">Consumer lag</h2>
  ${view.lag.length === 0 ? html`<p>No consumer group has committed an offset yet.</p>` : ''}
  <div class="scroll"><table>
    <caption class="visually-hidden">Records each consumer group has not processed yet, per topic and \
partition</caption>
    <thead><tr><th scope="col">Group</th><th scope="col">Topic</th><th scope="col" class="num">Lag</th>\
<th scope="col">Per partition</th><th scope="col" class="num">Consumed</th><th scope="col">Lag, 15 min</th></tr></thead>
    <tbody>${view.lag.map(
      (l) =>
        html`<tr data-group="${l.groupId}" data-topic="${l.topic}"><th scope="row">${l.groupId}</th>\
<td>${l.topic}</td><td class="num" data-figure="lag">${count(l.total)}</td><td>\
<ul class="partitions" aria-label="Lag per partition">${l.partitions.map(
          (p) => html`<li class="${p.lag > 0 ? 'behind' : ''}">p${p.partition}: ${count(p.lag)}</li>`,
        )}</ul></td><td class="num">${perSecond(l.outPerSec)}</td>\
<td>${spark(`${l.groupId} lag on ${l.topic}`, l.series)}</td></tr>`,
    )}</tbody>
  </table></div>
</section>`;
}

function outboxSection(view: OverviewView): Html {
  return html`<section aria-labelledby="outbox-title">
  <h2 id="outbox-title">Outbox</h2>
  <div class="scroll"><table>
    <caption class="visually-hidden">Events each service has committed but not yet published to Kafka</caption>
    <thead><tr><th scope="col">Service</th><th scope="col" class="num">Pending</th>\
<th scope="col" class="num">Oldest pending</th><th scope="col">Pending, 15 min</th></tr></thead>
    <tbody>${view.outbox.map((o) => {
      const oldest =
        o.oldestPendingAgeMs === null ? (o.pending === null ? UNKNOWN : 'none') : duration(o.oldestPendingAgeMs);
      return html`<tr data-outbox="${o.service}"><th scope="row">${o.service}</th>\
<td class="num" data-figure="pending">${count(o.pending)}</td>\
<td class="num">${oldest}</td><td>${spark(`${o.service} outbox backlog`, o.series)}</td></tr>`;
    })}</tbody>
  </table></div>
</section>`;
}

function queuesSection(view: OverviewView, now: number): Html {
  return html`<section class="wide" aria-labelledby="queues-title">
  <h2 id="queues-title">Queues</h2>
  ${view.queues ? '' : html`<p class="alert">Redis did not answer the last sample; queue depths are unknown.</p>`}
  <div class="scroll"><table>
    <caption class="visually-hidden">BullMQ jobs per queue and state, and when the next delayed job is due</caption>
    <thead><tr><th scope="col">Queue</th><th scope="col" class="num">Waiting</th>\
<th scope="col" class="num">Delayed</th><th scope="col" class="num">Active</th>\
<th scope="col" class="num">Failed</th><th scope="col">Next delayed job</th>\
<th scope="col">Jobs, 15 min</th></tr></thead>
    <tbody>${(view.queues ?? []).map(
      (q) =>
        html`<tr data-queue="${q.queue}"><th scope="row">${q.queue}</th><td class="num">${count(q.waiting)}</td>\
<td class="num" data-figure="delayed">${count(q.delayed)}</td><td class="num">${count(q.active)}</td>\
<td class="num">${count(q.failed)}</td><td>${dueIn(q.nextDelayedAt, now)}</td>\
<td>${spark(`${q.queue} jobs waiting, delayed or active`, q.series)}</td></tr>`,
    )}</tbody>
  </table></div>
</section>`;
}

function deadLettersSection(view: OverviewView): Html {
  return html`<section class="wide" aria-labelledby="dlq-title">
  <h2 id="dlq-title">Dead letters</h2>
  <div class="scroll"><table>
    <caption class="visually-hidden">Records kept on each dead-letter topic</caption>
    <thead><tr><th scope="col">Dead-letter topic</th><th scope="col" class="num">Dead letters</th>\
<th scope="col">15 min</th></tr></thead>
    <tbody>${view.deadLetters.map(
      (d) =>
        html`<tr data-dlq="${d.topic}" class="${d.count > 0 ? 'attention' : ''}"><th scope="row">\
<a href="/dead-letters?topic=${encodeURIComponent(d.topic)}">${d.topic}</a></th>\
<td class="num" data-figure="dead-letters">${count(d.count)}</td>\
<td>${spark(`${d.topic} dead letters`, d.series)}</td></tr>`,
    )}</tbody>
  </table></div>
</section>`;
}

/** The overview's figures: the fragment the stream replaces on every sample. */
export function overviewFragment(view: OverviewView, now = Date.now()): Html {
  if (view.sampledAt === null) return html`<p class="notice" role="status">Taking the first sample…</p>`;
  return html`<p class="sampled">Sampled at <time datetime="${new Date(view.sampledAt).toISOString()}" \
data-figure="sampled-at">${clockTime(view.sampledAt)}</time></p>
<div class="figures" data-times="${JSON.stringify(view.times)}">
${servicesSection(view)}
${outboxSection(view)}
${topicsSection(view)}
${lagSection(view)}
${queuesSection(view, now)}
${deadLettersSection(view)}
</div>`;
}

/** The overview page: the current figures, then live updates over SSE (htmx's sse extension swaps the fragment). */
export function overviewPage(view: OverviewView, chrome: Pick<PageOptions, 'operator' | 'csrfToken'>): string {
  return page({
    title: 'Overview',
    ...chrome,
    body: html`<h1>Overview</h1>
<p class="live" id="live-state" role="status">Live updates: connecting…</p>
<div hx-ext="sse" sse-connect="/overview/stream" id="overview-stream">
  <div sse-swap="signed-out" hx-swap="innerHTML"></div>
  <div id="overview" sse-swap="overview" hx-swap="innerHTML">${overviewFragment(view)}</div>
</div>`,
  });
}
