/**
 * The tracking page's stylesheet, served from /t/assets/tracking.css (the page's CSP allows styles
 * from this origin only, no inline ones). Logical properties (inline-start/end) so Urdu mirrors by
 * itself; the route runs across on a wide screen and down on a phone.
 */
export const TRACKING_CSS = `
:root { --ink: #1d2430; --muted: #5b6573; --line: #d5dae1; --accent: #0b6e4f; --warn: #b45309; --bad: #b91c1c;
  --bg: #f6f7f9; --card: #fff; font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans", "Noto Nastaliq Urdu",
  sans-serif; color: var(--ink); background: var(--bg); }
* { box-sizing: border-box; }
body { margin: 0; line-height: 1.5; }
/* Urdu readers expect Nastaliq; it needs room between lines. */
html[lang="ur"] { font-family: "Noto Nastaliq Urdu", "Jameel Noori Nastaleeq", "Noto Naskh Arabic", system-ui,
  sans-serif; }
html[lang="ur"] body { line-height: 2.1; }
header.top { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: center; justify-content: space-between;
  padding: .75rem 1rem; background: var(--ink); color: #fff; }
header.top .brand { margin: 0; font-weight: 700; }
nav.languages ul { display: flex; gap: .25rem; list-style: none; margin: 0; padding: 0; }
nav.languages a { color: #fff; padding: .25rem .5rem; border-radius: .25rem; text-decoration: none; }
nav.languages a[aria-current="page"] { background: #fff; color: var(--ink); }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; display: grid; gap: 1rem;
  grid-template-columns: minmax(0, 1fr) 14rem; }
main > .content { min-width: 0; }
h1 { font-size: 1.5rem; margin: .25rem 0; overflow-wrap: anywhere; }
h2 { font-size: 1.1rem; margin: 0 0 .5rem; }
.intro, .note, .live { color: var(--muted); margin: 0 0 .5rem; }
section { background: var(--card); border: 1px solid var(--line); border-radius: .5rem; padding: 1rem;
  margin-block-end: 1rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; }
.badge { display: inline-block; padding: .1rem .5rem; border-radius: 1rem; background: #e6f4ee; color: var(--accent);
  font-weight: 600; }
.badge.CANCELLED, .badge.REJECTED { background: #fdecec; color: var(--bad); }
.badge.HELD, .badge.AWAITING { background: #fff4e0; color: var(--warn); }
.badge.PENDING { background: #eef0f3; color: var(--muted); }
.eta-at { font-size: 1.25rem; font-weight: 700; margin: 0; }
ol.route { list-style: none; margin: 0; padding: 0; display: flex; align-items: stretch; overflow-x: auto; }
ol.route > li { flex: 1 1 0; min-width: 7rem; position: relative; }
li.stop { padding: .5rem; border: 2px solid var(--line); border-radius: .5rem; background: #fff; }
li.stop.here { border-color: var(--accent); box-shadow: 0 0 0 3px #bfe3d5; }
li.stop .name { font-weight: 700; display: block; }
li.stop .zone { color: var(--muted); font-size: .85rem; display: block; }
li.stop .crossing { margin-block-start: .25rem; font-size: .9rem; }
li.leg { display: flex; flex-direction: column; justify-content: center; align-items: center; text-align: center;
  padding: .5rem; font-size: .9rem; }
li.leg::before { content: ""; display: block; width: 100%; height: 4px; background: var(--line);
  margin-block-end: .35rem; }
li.leg.DEPARTED::before, li.leg.ARRIVED::before { background: var(--accent); }
li.leg.ROAD::before { background-image: repeating-linear-gradient(90deg, transparent 0 6px, #fff 6px 10px); }
li.leg .mode { font-weight: 600; }
li.leg .carrier { color: var(--muted); }
.here-marker { display: inline-block; margin-block-start: .25rem; padding: .1rem .5rem; border-radius: 1rem;
  background: var(--accent); color: #fff; font-size: .8rem; font-weight: 600; }
ol.timeline { list-style: none; margin: 0; padding: 0; }
ol.timeline li { display: grid; grid-template-columns: 14rem 1fr; gap: .25rem 1rem; padding: .5rem 0;
  border-block-end: 1px solid var(--line); }
ol.timeline li:last-child { border-block-end: 0; }
ol.timeline time { color: var(--muted); font-variant-numeric: tabular-nums; }
ol.timeline .expected { color: var(--warn); font-size: .85rem; }
aside.qr { align-self: start; background: var(--card); border: 1px solid var(--line); border-radius: .5rem;
  padding: 1rem; text-align: center; }
aside.qr svg { width: 100%; height: auto; max-width: 12rem; }
aside.qr p { color: var(--muted); font-size: .85rem; margin: .5rem 0 0; }
.gone { background: #fdecec; border-color: #f5c2c2; }
@media (max-width: 46rem) {
  main { grid-template-columns: minmax(0, 1fr); }
  ol.route { flex-direction: column; }
  ol.route > li { min-width: 0; }
  li.leg { flex-direction: row; flex-wrap: wrap; gap: .25rem .75rem; justify-content: flex-start;
    padding-inline-start: 1.5rem; text-align: start; }
  li.leg > span { white-space: nowrap; }
  li.leg::before { width: 4px; height: 2.5rem; margin: 0; background-image: none; }
  ol.timeline li { grid-template-columns: 1fr; }
  aside.qr svg { max-width: 9rem; }
}
`;
