// The element's styles, adopted into its shadow root as a constructed stylesheet
// (allowed under a strict Content-Security-Policy, unlike inline <style>).
// Logical properties (inline/block) keep the layout right for right-to-left text.

export const css = `
:host {
  display: block !important;
  position: relative;
  overflow: auto;
  --smp-accent: #0f766e;
  --smp-accent-ink: #ffffff;
  --smp-bg: #f8fafc;
  --smp-panel: #ffffff;
  --smp-ink: #111827;
  --smp-muted: #4b5563;
  --smp-line: #d1d5db;
  --smp-stage: #1f2937;
  --smp-danger: #b91c1c;
  --smp-focus: #2563eb;
}
:host([hidden]) { display: none !important; }

.app {
  all: initial;
  box-sizing: border-box;
  block-size: 100%;
  min-block-size: inherit;
  display: grid;
  grid-template-rows: auto 1fr;
  background: var(--smp-bg);
  color: var(--smp-ink);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  text-align: start;
  -webkit-text-size-adjust: 100%;
}
.app *, .app *::before, .app *::after { box-sizing: border-box; }
[hidden] { display: none !important; }

.bar {
  display: flex; flex-wrap: wrap; align-items: center; gap: 8px 12px;
  padding: 8px 12px;
  background: var(--smp-panel);
  border-block-end: 1px solid var(--smp-line);
}
/* The title and its line take what the actions leave (one row on a desktop). */
.bar .brand {
  display: flex; align-items: center; gap: 8px; margin-inline-end: auto; min-inline-size: 0; flex: 1 1 18em;
}
.bar .logo { block-size: 32px; inline-size: auto; max-inline-size: 140px; object-fit: contain; }
.bar h1 {
  font-size: 17px; margin: 0; font-weight: 650; white-space: nowrap; overflow: hidden;
  text-overflow: ellipsis;
}
.bar .titles { min-inline-size: 0; }
.bar .intro { margin: 2px 0 0; font-size: 13px; color: var(--smp-muted); max-inline-size: 62ch; }
button.link {
  border-color: transparent; background: none; color: var(--smp-accent); text-decoration: underline;
  padding-inline: 4px;
}
.photo-note {
  display: flex; align-items: flex-start; gap: 8px; padding: 8px 10px;
  background: #0b1220; color: #f9fafb; font-size: 13px; line-height: 1.35;
  border-block-start: 1px solid #374151;
}
.photo-note .note-text { flex: 1; }
.photo-note .note-actions { display: flex; gap: 6px; }
.photo-note button {
  min-block-size: 28px; padding: 2px 8px; font-size: 13px; background: transparent; color: inherit;
  border-color: rgba(255,255,255,.5);
}
.photo-note.busy .note-text::before {
  content: ""; display: inline-block; inline-size: .8em; block-size: .8em; margin-inline-end: 6px;
  border-radius: 50%; border: 2px solid currentColor; border-inline-end-color: transparent;
  animation: smp-spin .8s linear infinite; vertical-align: -1px;
}
@keyframes smp-spin { to { transform: rotate(360deg); } }
.bar .actions { display: flex; flex-wrap: wrap; align-items: center; gap: 8px; flex: 0 1 auto; }
.bar .sample { display: inline-flex; align-items: center; gap: 6px; font-size: 14px; }
.bar .sample select {
  min-block-size: 36px; padding: 4px 8px; border: 1px solid var(--smp-line); border-radius: 8px;
  background: var(--smp-panel); max-inline-size: 19em;
}
.credits p { margin: 0 0 8px; font-size: 13px; }
.credits .credit { color: var(--smp-muted); overflow-wrap: anywhere; }

button, .button, select, input, a.cta {
  font: inherit; color: inherit; margin: 0;
}
button, .button {
  display: inline-flex; align-items: center; justify-content: center; gap: 6px;
  min-block-size: 36px; padding: 6px 12px;
  border: 1px solid var(--smp-line); border-radius: 8px;
  background: var(--smp-panel); color: var(--smp-ink);
  cursor: pointer; font-size: 14px; line-height: 1.2; text-decoration: none;
}
button:hover { border-color: var(--smp-muted); }
button[aria-pressed="true"], button.primary {
  background: var(--smp-accent); color: var(--smp-accent-ink); border-color: var(--smp-accent);
}
button:disabled { opacity: .45; cursor: default; }
.tools button:disabled { opacity: .6; color: #9ca3af; }
a.cta {
  display: inline-flex; align-items: center; min-block-size: 36px; padding: 6px 14px;
  border-radius: 8px; background: var(--smp-accent); color: var(--smp-accent-ink);
  text-decoration: none; font-weight: 600; font-size: 14px;
}
:focus-visible { outline: 3px solid var(--smp-focus); outline-offset: 2px; }
.handle:focus-visible { outline: none; }

.main {
  display: grid; grid-template-columns: minmax(0, 1fr) 340px;
  min-block-size: 0;
}
@media (max-width: 760px) {
  .main { grid-template-columns: minmax(0, 1fr); }
}
:host([layout="narrow"]) .main { grid-template-columns: minmax(0, 1fr); }

.stage {
  position: relative; display: grid; grid-template-rows: minmax(0, 1fr) auto;
  min-block-size: min(70vh, 600px); background: var(--smp-stage);
}
.viewport {
  position: relative; overflow: hidden; min-block-size: 280px; block-size: 100%;
  touch-action: none; user-select: none; -webkit-user-select: none; cursor: grab;
}
.app:not(.technician) [data-tech], .app.technician [data-visitor] { display: none !important; }
.looks { display: grid; gap: 10px; margin-block: 4px 10px; }
.look > span { display: block; font-size: 14px; margin-block-end: 4px; }
.look .steps { display: flex; gap: 6px; }
.look .steps button { flex: 1; }
.tools-main, .tools-more { display: contents; }
.tools .more { display: none; }
.tools:not(.editing) .edit-only { display: none; }
.stage-time {
  display: none; align-items: center; gap: 8px; padding: 6px 10px;
  background: #111827; color: #f9fafb; font-size: 13px;
}
.stage-time input[type=range] {
  flex: 1; min-inline-size: 0; direction: ltr; accent-color: var(--smp-accent);
}
.stage-time strong { min-inline-size: 5.5em; text-align: end; font-weight: 600; }
.stage-time .play { min-inline-size: 40px; background: #374151; color: #f9fafb; border-color: #4b5563; }
@media (max-width: 760px) {
  /* One column that scrolls: photo and tools first, then the controls; the photo,
     the time and the toolbar stay in view (sticky) while the controls scroll, so
     the element must not be a scroll container of its own here. */
  :host { overflow: visible; }
  .app { block-size: auto; min-block-size: 100%; grid-template-rows: auto auto; }
  .main { grid-template-rows: auto auto; }
  .stage { min-block-size: 0; position: sticky; inset-block-start: 0; z-index: 5; }
  .panel { overflow: visible; }
  .viewport { block-size: min(48vh, 440px); min-block-size: 220px; }
  .stage-time { display: flex; }
  .tools { gap: 4px; padding: 6px; flex-wrap: nowrap; flex-direction: column; align-items: stretch; }
  .tools-main { display: flex; gap: 4px; align-items: center; overflow-x: auto; }
  .tools-more { display: none; }
  .tools.open .tools-more { display: flex; flex-wrap: wrap; gap: 4px; align-items: center; }
  .tools .more { display: inline-flex; margin-inline-start: auto; }
  .tools button { padding: 4px 8px; min-block-size: 34px; white-space: nowrap; }
  .bar { padding: 6px 10px; gap: 6px; }
  .bar h1 { font-size: 16px; }
  .bar .intro { font-size: 12px; line-height: 1.3; }
  .bar .actions { gap: 6px; }
  .bar .actions button, .bar .sample select { min-block-size: 34px; padding: 4px 10px; font-size: 14px; }
  .bar .sample > span { display: none; }
  .bar .sample select { max-inline-size: 9.5em; }
  .photo-note { font-size: 12px; }
}
.viewport.painting { cursor: crosshair; }
.viewport.drop { outline: 4px dashed var(--smp-accent); outline-offset: -8px; }
.content { position: absolute; inset-block-start: 0; inset-inline-start: 0; transform-origin: 0 0; }
.content canvas, .content svg {
  position: absolute; inset: 0; display: block; inline-size: 100%; block-size: 100%;
}
.content svg { overflow: visible; }
.content canvas.after { z-index: 1; }
.content svg { z-index: 2; }
[dir="rtl"] .content { inset-inline-start: auto; left: 0; }

/* The overlay is scaled with the photo; --inv (1 / scale) keeps lines and points
   the same size on screen at any zoom. */
.overlay .front { fill: none; stroke: #fbbf24; stroke-width: calc(2px * var(--inv, 1)); }
.overlay .outline {
  fill: none; stroke: #e5e7eb; stroke-width: calc(1.5px * var(--inv, 1));
  stroke-dasharray: calc(5px * var(--inv, 1)) calc(5px * var(--inv, 1));
}
.overlay .stroke-preview { fill: none; stroke-linecap: round; stroke-linejoin: round; opacity: .35; }
.overlay .stroke-preview.add { stroke: #fbbf24; }
.overlay .stroke-preview.erase { stroke: #f87171; }
.overlay .brush-cursor {
  fill: none; stroke: #fff; stroke-width: calc(1.5px * var(--inv, 1)); pointer-events: none;
}
.overlay .calib { fill: #22d3ee; stroke: #083344; stroke-width: calc(1px * var(--inv, 1)); }
.overlay .calib-line { stroke: #22d3ee; stroke-width: calc(2px * var(--inv, 1)); }
.overlay .handle { cursor: move; }
.overlay .handle .ring { fill: rgba(0,0,0,.25); stroke: #fff; stroke-width: calc(2px * var(--inv, 1)); }
.overlay .handle.front-pt .ring { stroke: #fbbf24; }
.overlay .handle .hit { fill: transparent; }
.overlay .handle[aria-selected="true"] .ring, .overlay .handle:focus .ring { fill: #fbbf24; stroke: #111827; }
.overlay.hide-edit .handle, .overlay.hide-edit .front, .overlay.hide-edit .outline { display: none; }

.split {
  position: absolute; inset-block: 0; z-index: 3; inline-size: 0;
  border-inline-start: 2px solid #fff; box-shadow: 0 0 0 1px rgba(0,0,0,.4); pointer-events: none;
}
.split .grip {
  position: absolute; inset-block-start: 50%; transform: translate(-50%, -50%);
  pointer-events: auto; cursor: ew-resize; touch-action: none;
  inline-size: 34px; block-size: 34px; border-radius: 50%;
  background: #fff; color: #111827; display: grid; place-items: center; font-size: 14px;
}
.split .tag {
  position: absolute; inset-block-start: 8px; padding: 2px 8px; border-radius: 6px;
  background: rgba(0,0,0,.6); color: #fff; font-size: 12px; white-space: nowrap;
}
/* The photo is never mirrored, so the split is physical in every language: before
   on the left of the divider, after on its right (and its slider runs left to right). */
.split .tag.before { right: 8px; }
.split .tag.after { left: 8px; }

.tools {
  display: flex; flex-wrap: wrap; gap: 6px; align-items: center;
  padding: 8px; background: #111827; color: #f9fafb;
}
.tools button { background: #374151; color: #f9fafb; border-color: #4b5563; min-inline-size: 36px; }
.tools button[aria-pressed="true"] { background: var(--smp-accent); border-color: var(--smp-accent); }
.tools .sep { inline-size: 1px; block-size: 24px; background: #4b5563; margin-inline: 2px; }
.tools label { display: inline-flex; align-items: center; gap: 6px; font-size: 13px; }
.tools input[type=range] { inline-size: 110px; }
.tools input.split-range { direction: ltr; }
[dir="rtl"] .tools .mirror { transform: scaleX(-1); }

.status {
  position: absolute; inset-block-start: 8px; inset-inline-start: 8px; z-index: 4;
  padding: 3px 8px; border-radius: 6px; background: rgba(17,24,39,.75); color: #fff; font-size: 12px;
  pointer-events: none;
}
.status:empty { display: none; }
.error {
  position: absolute; inset-inline: 12px; inset-block-start: 44px; z-index: 5;
  padding: 10px 12px; border-radius: 8px; background: #fef2f2; color: var(--smp-danger);
  border: 1px solid #fecaca; display: flex; gap: 10px; align-items: start; font-size: 14px;
}
.error p { margin: 0; flex: 1; }
.error button { min-block-size: 28px; padding: 2px 8px; }

.panel {
  background: var(--smp-panel); border-inline-start: 1px solid var(--smp-line);
  overflow: auto; min-block-size: 0; padding: 4px 0 16px;
}
@media (max-width: 760px) {
  .panel { border-inline-start: 0; border-block-start: 1px solid var(--smp-line); }
}
details { border-block-end: 1px solid var(--smp-line); }
summary {
  list-style: none; cursor: pointer; padding: 12px 14px; font-weight: 650; font-size: 15px;
  display: flex; justify-content: space-between; align-items: center;
}
summary::-webkit-details-marker { display: none; }
summary::after { content: "+"; color: var(--smp-muted); font-weight: 400; }
details[open] > summary::after { content: "−"; }
.group { padding: 0 14px 14px; display: grid; gap: 12px; }
.field { display: grid; gap: 4px; }
.field > label, .field > .label {
  display: flex; justify-content: space-between; gap: 8px; font-size: 13px; color: var(--smp-muted);
}
.field output { color: var(--smp-ink); font-variant-numeric: tabular-nums; }
/* A value's own words set its direction: "80 per cm²", "0.20 mm", and in Arabic
   "80 لكل سم²" (number first when read right to left); likewise the chart's labels. */
.field output { unicode-bidi: plaintext; }
.field select, .field input[type=number], .field input[type=text] {
  min-block-size: 36px; padding: 4px 8px; border: 1px solid var(--smp-line); border-radius: 8px;
  background: var(--smp-panel);
  inline-size: 100%;
}
.row { display: flex; flex-wrap: wrap; gap: 8px; align-items: center; }
.check { display: flex; gap: 8px; align-items: center; font-size: 14px; }
fieldset.checks { border: 0; padding: 0; margin: 0; display: grid; gap: 6px; }
fieldset.checks legend { padding: 0; margin-block-end: 4px; }
.check input { inline-size: 18px; block-size: 18px; accent-color: var(--smp-accent); }
input[type=range] { inline-size: 100%; accent-color: var(--smp-accent); min-block-size: 28px; }
.hint { margin: 0; font-size: 12.5px; color: var(--smp-muted); }
.note {
  margin: 0; font-size: 12.5px; color: var(--smp-muted); background: var(--smp-bg); padding: 8px 10px;
  border-radius: 8px;
}

.time { display: grid; gap: 6px; }
.time .now { display: flex; justify-content: space-between; align-items: baseline; gap: 8px; }
.time .now strong { font-size: 16px; }
.time .care { font-size: 13px; color: var(--smp-accent); min-block-size: 1.4em; }
/* The time axis runs left to right in every language, like the chart below it and a
   media player's progress bar (not mirrored in right-to-left layouts). */
.time input[type=range] { direction: ltr; }
.chart {
  inline-size: 100%; block-size: auto; display: block; cursor: pointer; touch-action: none; direction: ltr;
}
.chart .grid { stroke: var(--smp-line); stroke-width: 1; }
.chart .curve { fill: none; stroke: var(--smp-accent); stroke-width: 2; }
.chart .area { fill: var(--smp-accent); opacity: .08; }
.chart .topup { stroke: #d97706; stroke-width: 1; stroke-dasharray: 3 2; }
.chart .session { stroke: var(--smp-muted); stroke-width: 1; }
.chart .cursor { stroke: var(--smp-ink); stroke-width: 2; }
.chart text { font-size: 9px; fill: var(--smp-muted); font-family: inherit; unicode-bidi: plaintext; }
.chart .topup-label { fill: #b45309; }
.plan { font-size: 13px; margin: 0; padding: 0; list-style: none; display: grid; gap: 2px; }
.plan .refused { color: var(--smp-danger); }
.factors-title { margin: 6px 0 2px; }
.factors-title:empty { display: none; }
.plan.factors li { padding-inline-start: 10px; text-indent: -10px; }

/* The guide panel (lib/guide.js); a clinic's own text comes in through its slot. */
.guide .guide-text { display: grid; gap: 12px; font-size: 13.5px; }
.guide h3 { margin: 0 0 4px; font-size: 14px; font-weight: 650; }
.guide section p { margin: 0 0 4px; }
.guide ul { margin: 0; padding-inline-start: 18px; display: grid; gap: 4px; }
.guide ::slotted(*) { font-size: 13.5px; }

.dialog {
  position: absolute; inset: 0; z-index: 10; display: grid; place-items: center;
  background: rgba(0,0,0,.45); padding: 16px;
}
.dialog > div {
  background: var(--smp-panel); border-radius: 12px; padding: 16px; max-inline-size: 420px; inline-size: 100%;
  display: grid; gap: 10px;
}
.dialog h2 { margin: 0; font-size: 16px; }
.dialog textarea, .dialog input {
  inline-size: 100%; font: inherit; padding: 6px 8px; border: 1px solid var(--smp-line); border-radius: 8px;
}
.sr-only {
  position: absolute !important; inline-size: 1px; block-size: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap;
}
`;

let sheet = null;

/** The shared constructed stylesheet (one per page, adopted by every instance). */
export function styleSheet() {
  if (!sheet) {
    sheet = new CSSStyleSheet();
    sheet.replaceSync(css);
  }
  return sheet;
}
