import type { DeadLetter } from '@lib/messaging';
import { html, type Html } from '@lib/html';
import { page, type PageOptions } from '../pages/layout';
import { prettyPayload } from '../kafka-browser/record-view';
import type { ReplayAuditEntry } from './replay-audit.store';

type Chrome = Pick<PageOptions, 'operator' | 'csrfToken'>;

const IDEMPOTENT = html`A replay republishes the record to its origin topic as it was, with the same <code>ce_id</code>:
  consumers dedupe on <code>ce_id</code>, so a replayed record they had already applied is skipped, and replaying \
twice is harmless.
  The dead letter stays on its <code>.dlq</code> topic until its retention ends.`;

const firstLine = (text: string) => text.split('\n')[0];
const refQuery = (refs: string[]) => new URLSearchParams(refs.map((ref): [string, string] => ['ref', ref])).toString();

function originOf(letter: DeadLetter): string {
  const f = letter.facts;
  return f.topic ? `${f.topic}:${Number.isNaN(f.partition) ? '?' : f.partition}:${f.offset || '?'}` : '—';
}

interface DeadLettersPageOptions {
  letters: DeadLetter[];
  topics: string[];
  topic?: string;
  audit: ReplayAuditEntry[];
  notice?: { outcome: string; count: number };
}

function noticeOf(notice: DeadLettersPageOptions['notice']): Html | string {
  if (!notice) return '';
  if (notice.outcome === 'replayed') {
    return html`<p class="notice" role="status">Replayed \
${notice.count} dead letter(s) to their origin topics. Consumers that had already applied one skip it.</p>`;
  }
  if (notice.outcome === 'none')
    return html`<p class="notice" role="status">Nothing was replayed: those dead letters are no longer kept.</p>`;
  return html`<p class="alert" role="alert">The replay failed; the audit trail below says why. Nothing is lost: \
the dead letters are still kept.</p>`;
}

function auditSection(audit: ReplayAuditEntry[]): Html {
  return html`<section class="wide" aria-labelledby="audit-title">
  <h2 id="audit-title">Replay audit trail</h2>
  ${audit.length === 0 ? html`<p class="muted">No replays yet.</p>` : ''}
  <div class="scroll"><table class="audit">
    <caption class="visually-hidden">Who replayed which dead letters, when, and the outcome; newest first</caption>
    <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th>\
<th scope="col">Dead letters</th><th scope="col">Outcome</th></tr></thead>
    <tbody>${audit.map(
      (a) =>
        html`<tr data-audit-outcome="${a.outcome}"><th scope="row">\
<time datetime="${a.at.toISOString()}">${a.at.toISOString().replace('T', ' ').slice(0, 19)} UTC</time></th>\
<td>${a.tenantName} <span class="muted">(${a.keyId})</span></td><td>${a.action}</td><td>\
<ul class="refs">${a.refs.map((ref) => html`<li>${ref}</li>`)}</ul></td><td>\
<span class="status ${a.outcome === 'replayed' ? 'ok' : 'bad'}">${a.outcome}</span>\
${a.outcome === 'failed' ? html` <span class="muted">${a.detail}</span>` : ''}</td></tr>`,
    )}</tbody>
  </table></div>
</section>`;
}

export function deadLettersPage(
  { letters, topics, topic, audit, notice }: DeadLettersPageOptions,
  chrome: Chrome,
): string {
  const allQuery = new URLSearchParams({ all: '1', ...(topic ? { topic } : {}) }).toString();
  const replayAll = letters.length
    ? html` · <a href="/dead-letters/replay?${allQuery}">Replay all ${letters.length}…</a>`
    : '';
  return page({
    title: 'Dead letters',
    ...chrome,
    body: html`<h1>Dead letters</h1>
${noticeOf(notice)}
<section class="wide" aria-labelledby="letters-title">
  <h2 id="letters-title">Kept on the dead-letter topics</h2>
  <form class="filters" method="get" action="/dead-letters">
    <label>Topic <select name="topic"><option value="">every .dlq topic</option>\
${topics.map((t) => html`<option value="${t}"${t === topic ? html` selected` : ''}>${t}</option>`)}</select></label>
    <button type="submit">Show</button>
  </form>
  <p class="muted">${IDEMPOTENT}</p>
  <p>${letters.length} dead letter(s)${replayAll}</p>
  <div class="scroll"><table class="dead-letters">
    <caption class="visually-hidden">Dead letters: where each sits, what it was, which consumer gave up after how \
many attempts, and why</caption>
    <thead><tr><th scope="col">Dead letter</th><th scope="col">Replay</th><th scope="col">ce_type</th>\
<th scope="col">Subject</th><th scope="col">Origin</th><th scope="col">Consumer</th>\
<th scope="col" class="num">Attempts</th><th scope="col">Failed at</th><th scope="col">Error</th></tr></thead>
    <tbody>${letters.map(
      (l) =>
        html`<tr data-ref="${l.ref}"><th scope="row" class="ref">\
<a href="/dead-letters/letter?${refQuery([l.ref])}">${l.ref}</a></th><td>\
<a href="/dead-letters/replay?${refQuery([l.ref])}" aria-label="Replay ${l.ref}…">Replay…</a></td>\
<td>${l.eventType ?? '—'}</td><td>${l.subject ?? l.key ?? '—'}</td><td class="ref">${originOf(l)}</td>\
<td>${l.facts.consumer || '—'}</td><td class="num">${l.facts.attempts || '—'}</td>\
<td>${l.facts.failedAt ? l.facts.failedAt.replace('T', ' ').slice(0, 19) : '—'}</td>\
<td class="error">${firstLine(l.facts.error) || '—'}</td></tr>`,
    )}</tbody>
  </table></div>
</section>
${auditSection(audit)}`,
  });
}

export function deadLetterPage(letter: DeadLetter, chrome: Chrome): string {
  const f = letter.facts;
  return page({
    title: `Dead letter ${letter.ref}`,
    ...chrome,
    body: html`<h1>Dead letter</h1>
<p><a href="/dead-letters">Back to the dead letters</a></p>
<section class="wide" aria-labelledby="letter-title">
  <h2 id="letter-title">${letter.ref}</h2>
  <dl class="facts">
    <dt>ce_type</dt><dd>${letter.eventType ?? '—'}</dd>
    <dt>ce_id</dt><dd>${letter.eventId ?? '—'}</dd>
    <dt>Subject</dt><dd>${letter.subject ?? '—'}</dd>
    <dt>Origin</dt><dd>${originOf(letter)}</dd>
    <dt>Consumer</dt><dd>${f.consumer || '—'}</dd>
    <dt>Attempts</dt><dd>${f.attempts || '—'}</dd>
    <dt>Failed at</dt><dd>${f.failedAt || '—'}</dd>
    <dt>Error type</dt><dd>${f.errorType || '—'}</dd>
  </dl>
  <h3>Error</h3>
  <pre class="payload error">${f.error || '—'}</pre>
  <h3>Headers</h3>
  <dl class="headers">${Object.entries(letter.headers).map(
    ([name, value]) => html`<dt>${name}</dt>\
<dd>${value}</dd>`,
  )}</dl>
  <h3>Payload</h3>
  <pre class="payload">${prettyPayload(letter.value)}</pre>
  <p><a class="button" href="/dead-letters/replay?${refQuery([letter.ref])}">Replay…</a></p>
</section>`,
  });
}

/** The confirmation step: what will be replayed, and the form (with its CSRF token) that does it. */
export function confirmReplayPage(
  letters: DeadLetter[],
  request: { all: boolean; topic?: string },
  chrome: Required<Chrome>,
): string {
  return page({
    title: 'Replay dead letters?',
    ...chrome,
    body: html`<h1>Replay ${letters.length} dead letter(s)?</h1>
<section class="wide" aria-labelledby="confirm-title">
  <h2 id="confirm-title">${
    request.all ? `Every dead letter on ${request.topic || 'every .dlq topic'}` : 'These dead letters'
  }</h2>
  ${
    request.all
      ? html`<p class="muted">All means all when you confirm: any dead letter that arrives before then \
is replayed too, and the audit trail lists exactly which were.</p>`
      : ''
  }
  <ul class="refs">${letters.map((l) => html`<li>${l.ref} · ${l.eventType ?? '?'} → ${l.facts.topic || '?'}</li>`)}</ul>
  <p class="muted">${IDEMPOTENT}</p>
  ${
    letters.length === 0
      ? html`<p class="notice" role="status">Nothing to replay.</p>`
      : html`<form method="post" action="/dead-letters/replay" class="confirm">
    <input type="hidden" name="_csrf" value="${chrome.csrfToken}">
    ${
      request.all
        ? html`<input type="hidden" name="all" value="1">\
${request.topic ? html`<input type="hidden" name="topic" value="${request.topic}">` : ''}`
        : letters.map((l) => html`<input type="hidden" name="ref" value="${l.ref}">`)
    }
    <button type="submit">Replay ${letters.length} dead letter(s)</button>
    <a href="/dead-letters">Cancel</a>
  </form>`
  }
</section>`,
  });
}
