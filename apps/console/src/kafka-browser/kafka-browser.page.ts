import { html, type Html } from '@lib/html';
import { page, type PageOptions } from '../pages/layout';
import { formatCursor, type RecordFilter, type RecordView } from './record-view';
import { FOLLOW_WINDOW, type RecentRecords } from './kafka-browser.service';

type Chrome = Pick<PageOptions, 'operator' | 'csrfToken'>;

const timeOf = (r: RecordView) => new Date(r.timestamp).toISOString().replace('T', ' ').slice(0, 23) + ' UTC';

/** The trace id as text to grep the services' logs for (they log `traceId`), with a copy button. */
function traceHint(traceId: string | undefined): Html {
  if (!traceId) return html`<span class="muted">none</span>`;
  return html`<code class="grep">traceId=${traceId}</code> \
<button type="button" class="copy" data-copy="traceId=${traceId}" aria-label="Copy traceId=${traceId}">Copy</button>`;
}

function followLink(subject: string | undefined): Html | string {
  return subject ? html`<a href="/kafka/shipment?id=${encodeURIComponent(subject)}">${subject}</a>` : '—';
}

/** Headers and payload, folded in a row of their own under the record; the payload is text (escaped), JSON indented. */
function detail(r: RecordView): Html {
  return html`<details><summary>Headers and payload</summary>
  <dl class="headers">${Object.entries(r.headers).map(([name, value]) => html`<dt>${name}</dt><dd>${value}</dd>`)}</dl>
  <pre class="payload">${r.payload}</pre>
</details>`;
}

export function recordsTable(records: RecordView[], caption: string, withTopic: boolean): Html {
  return html`<div class="scroll"><table class="records">
  <caption class="visually-hidden">${caption}</caption>
  <thead><tr>${withTopic ? html`<th scope="col">Topic</th>` : ''}<th scope="col">Partition:offset</th>\
<th scope="col">Written</th><th scope="col">ce_type</th><th scope="col">Subject</th><th scope="col">ce_source</th>\
<th scope="col">Trace</th></tr></thead>
  <tbody>${records.map(
    (r) => html`<tr data-record="${r.topic}:${r.partition}:${r.offset}" data-event-id="${r.eventId ?? ''}">\
${withTopic ? html`<td>${r.topic}</td>` : ''}<th scope="row">${r.partition}:${r.offset}</th><td>\
<time datetime="${new Date(r.timestamp).toISOString()}">${timeOf(r)}</time></td><td>${r.eventType ?? '—'}</td>\
<td>${followLink(r.subject ?? r.key ?? undefined)}</td><td>${r.source ?? '—'}</td><td>${traceHint(r.traceId)}</td></tr>
<tr class="record-detail"><td colspan="${withTopic ? 7 : 6}">${detail(r)}</td></tr>`,
  )}</tbody>
</table></div>`;
}

function filterForm(topics: string[], topic: string, filter: RecordFilter): Html {
  return html`<form class="filters" method="get" action="/kafka">
  <label>Topic <select name="topic">\
${topics.map((t) => html`<option value="${t}"${t === topic ? html` selected` : ''}>${t}</option>`)}</select></label>
  <label>ce_type <input name="type" value="${filter.type ?? ''}" placeholder="shipment.booked" \
spellcheck="false"></label>
  <label>Subject (shipment id) <input name="subject" value="${filter.subject ?? ''}" spellcheck="false"></label>
  <label>Trace id <input name="trace" value="${filter.traceId ?? ''}" spellcheck="false" \
pattern="[0-9a-fA-F]{32}"></label>
  <button type="submit">Show</button>
</form>`;
}

function olderLink(result: RecentRecords, filter: RecordFilter): Html | string {
  if (!result.older) return html`<p class="muted">Nothing older is kept on this topic.</p>`;
  const query = new URLSearchParams({ topic: result.topic, before: formatCursor(result.older) });
  if (filter.type) query.set('type', filter.type);
  if (filter.subject) query.set('subject', filter.subject);
  if (filter.traceId) query.set('trace', filter.traceId);
  return html`<p><a href="/kafka?${query.toString()}" rel="next">Older records</a></p>`;
}

export function kafkaBrowserPage(
  topics: string[],
  result: RecentRecords,
  filter: RecordFilter,
  paged: boolean,
  chrome: Chrome,
): string {
  const searched = html`searched the last ${result.window} records of each \
partition${paged ? ' before this page' : ''}`;
  return page({
    title: 'Kafka',
    ...chrome,
    body: html`<h1>Kafka records</h1>
<section class="wide" aria-labelledby="browse-title">
  <h2 id="browse-title">Recent records</h2>
  ${filterForm(topics, result.topic, filter)}
  <p class="muted">${result.records.length === 0 ? 'No records' : `${result.records.length} record(s)`} on \
<strong>${result.topic}</strong>, newest first (${searched}).
    Each trace id is what the services log as <code>traceId</code>: grep their logs for the \
<code>traceId=…</code> text.</p>
  ${recordsTable(result.records, `Recent records of ${result.topic}, newest first`, false)}
  ${olderLink(result, filter)}
</section>
<section class="wide" aria-labelledby="follow-title">
  <h2 id="follow-title">Follow a shipment</h2>
  <form class="filters" method="get" action="/kafka/shipment">
    <label>Shipment id <input name="id" required spellcheck="false"></label>
    <button type="submit">Follow</button>
  </form>
</section>`,
  });
}

export function shipmentFactsPage(shipmentId: string, records: RecordView[], chrome: Chrome): string {
  const traces = [...new Set(records.map((r) => r.traceId).filter((t): t is string => !!t))];
  return page({
    title: `Shipment ${shipmentId}`,
    ...chrome,
    body: html`<h1>Shipment ${shipmentId}</h1>
<p><a href="/kafka">Back to the Kafka records</a> · \
<a href="/shipments/${encodeURIComponent(shipmentId)}">Its shipment view</a> (state, customs, timeline, \
notifications)</p>
<section class="wide" aria-labelledby="facts-title">
  <h2 id="facts-title">Its facts on every topic, in time order</h2>
  <p class="muted">${records.length} record(s) with this shipment as subject or key among the last \
${FOLLOW_WINDOW.toLocaleString('en-GB')} records of each partition of every project topic and dead-letter topic.</p>
  ${
    traces.length
      ? html`<p>Traces to grep the logs for: \
${traces.map((t) => html`<span class="trace">${traceHint(t)}</span> `)}</p>`
      : ''
  }
  ${recordsTable(records, `Facts of shipment ${shipmentId} in time order`, true)}
</section>`,
  });
}
