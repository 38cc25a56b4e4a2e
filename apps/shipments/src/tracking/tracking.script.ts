/**
 * The tracking page's own script, served from /t/assets/tracking.js (the CSP allows same-origin
 * scripts only). A link revoked or expired before the page's live stream connects answers the stream
 * with 404, which EventSource reports as a bare error and htmx's sse extension retries for ever, so the
 * page would go on showing the shipment. On a stream error it asks the stream once itself: a 404
 * carries the "no longer valid" fragment, which replaces the live region (the extension stops
 * retrying once its element has left the page); anything else is aborted and left to the extension.
 */
export const TRACKING_SCRIPT = `'use strict';
document.addEventListener('htmx:sseError', async (event) => {
  const region = event.target instanceof Element ? event.target.closest('[sse-connect]') : null;
  if (!region || region.dataset.checking) return;
  region.dataset.checking = 'yes';
  const probe = new AbortController();
  try {
    const response = await fetch(region.getAttribute('sse-connect'), { signal: probe.signal, cache: 'no-store' });
    if (response.status !== 404) return;
    const gone = document.createElement('div');
    gone.innerHTML = await response.text();
    region.replaceWith(gone);
    document.querySelector('.live')?.remove();
  } catch {
    // Offline or aborted: the extension keeps retrying, and the next error asks again.
  } finally {
    probe.abort();
    delete region.dataset.checking;
  }
});
`;
