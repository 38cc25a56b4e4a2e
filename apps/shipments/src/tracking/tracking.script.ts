/** Set on the live stream's 404, so the page tells this server's "gone" from any other 404 (a proxy's). */
export const LINK_GONE_HEADER = 'x-tracking-link';

/**
 * The tracking page's own script, served from /t/assets/tracking.js (the CSP allows same-origin
 * scripts only). A link revoked or expired before the page's live stream connects answers the stream
 * with 404, which EventSource reports as a bare error and htmx's sse extension retries for ever, so the
 * page would go on showing the shipment. When a stream has failed for good (CLOSED: an answer other
 * than a stream, not a dropped connection the browser retries itself), the script asks it once: this
 * server's 404 says the link is gone and carries the fragment that says so, which replaces the live
 * region (the extension stops retrying once its element has left the page). Anything else (a stream
 * after all, another 404, no answer within 10 s) is let go and left to the extension.
 */
export const TRACKING_SCRIPT = `'use strict';
document.addEventListener('htmx:sseError', async (event) => {
  const source = event.detail && event.detail.source;
  if (!source || source.readyState !== EventSource.CLOSED) return;
  const region = event.target instanceof Element ? event.target.closest('[sse-connect]') : null;
  if (!region || region.dataset.checking) return;
  region.dataset.checking = 'yes';
  const probe = new AbortController();
  const timeout = setTimeout(() => probe.abort(), 10000);
  try {
    const response = await fetch(region.getAttribute('sse-connect'), { signal: probe.signal, cache: 'no-store' });
    if (response.status !== 404 || response.headers.get('${LINK_GONE_HEADER}') !== 'gone') return;
    const gone = document.createElement('div');
    gone.innerHTML = await response.text();
    region.replaceWith(gone);
    document.querySelector('.live')?.remove();
  } catch {
    // Offline or timed out: the extension keeps retrying, and its next failure asks again.
  } finally {
    clearTimeout(timeout);
    probe.abort();
    delete region.dataset.checking;
  }
});
`;
