// The console's only script: draws the sparklines (uPlot) after each update the stream swaps in
// (htmx's SSE extension does the swapping), says whether live updates are flowing, and copies.
(function () {
  'use strict';

  function color(name, fallback) {
    return getComputedStyle(document.documentElement).getPropertyValue(name).trim() || fallback;
  }

  function drawSparklines(root) {
    var figures = root.querySelector('.figures');
    if (!figures || typeof uPlot === 'undefined') return;
    var times = JSON.parse(figures.getAttribute('data-times') || '[]');
    var stroke = color('--spark', '#1f5fa8');
    var fill = color('--spark-fill', 'rgba(31, 95, 168, 0.15)');
    figures.querySelectorAll('.spark').forEach(function (element) {
      var values = JSON.parse(element.getAttribute('data-values') || '[]');
      element.textContent = '';
      if (
        values.every(function (v) {
          return v === null;
        })
      )
        return;
      new uPlot(
        {
          width: element.clientWidth || 120,
          height: element.clientHeight || 28,
          pxAlign: false,
          cursor: { show: false },
          legend: { show: false },
          select: { show: false },
          scales: {
            x: { time: false },
            y: {
              range: function (_u, min, max) {
                return [Math.min(0, min), Math.max(1, max)];
              },
            },
          },
          axes: [{ show: false }, { show: false }],
          series: [{}, { stroke: stroke, fill: fill, width: 1.5, points: { show: false }, spanGaps: false }],
        },
        [times, values],
        element,
      );
    });
  }

  function setLiveState(text, state) {
    var element = document.getElementById('live-state');
    if (!element) return;
    element.textContent = text;
    element.setAttribute('data-state', state);
  }

  document.addEventListener('DOMContentLoaded', function () {
    drawSparklines(document);
  });
  // Copy buttons (e.g. `traceId=…` to grep the services' logs for).
  document.addEventListener('click', function (event) {
    var button = event.target && event.target.closest ? event.target.closest('button[data-copy]') : null;
    if (!button || !navigator.clipboard) return;
    navigator.clipboard.writeText(button.getAttribute('data-copy')).then(function () {
      button.textContent = 'Copied';
    });
  });
  document.addEventListener('htmx:sseOpen', function () {
    setLiveState('Live updates: connected', 'open');
  });
  document.addEventListener('htmx:sseError', function () {
    setLiveState('Live updates: interrupted, reconnecting… (if this persists, sign in again)', 'error');
  });
  document.addEventListener('htmx:sseMessage', function (event) {
    var target = event.target;
    if (target && target.id === 'overview') drawSparklines(target);
  });
})();
