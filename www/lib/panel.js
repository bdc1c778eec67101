// The controls panel: builds the form controls and reports changes through
// callbacks. It knows the design's shape but holds no state of its own beyond the
// controls; `update(design, …)` sets the controls from the current state.
import { h, uid } from './dom.js';
import { createChart } from './chart.js';
import { templateGroups } from './templates.js';
import { facts } from './facts.js';
import { inches, perSquareInch } from './units.js';

/**
 * The visitor's choices of the look, as factors of the treatment's preset: density,
 * dot size and shade each lighter / natural / stronger. The technician sets the
 * numbers themselves.
 */
export const LOOKS = {
  density: { field: 'density', steps: [['lighter', 0.75], ['natural', 1], ['denser', 1.25]] },
  dots: { field: 'dot_size_mm', steps: [['finer', 0.8], ['natural', 1], ['bolder', 1.25]] },
  shade: { field: 'shade', steps: [['paler', 0.8], ['natural', 1], ['darker', 1.15]] },
};

/** Which step of `look` the design is closest to (by ratio to the preset). */
export function lookStep(design, look) {
  const { field, steps } = LOOKS[look];
  const ratio = design[field] / facts().presets[design.coverage][field];
  const off = (s) => Math.abs(Math.log(s[1] / ratio));
  return steps.reduce((best, s) => (off(s) < off(best) ? s : best))[0];
}

const SESSION_GAP_DAYS = 14;

function field(label, control, output, attrs = {}) {
  const id = control.id || (control.id = uid('f'));
  return h('div', { class: 'field', ...attrs },
    h('label', { for: id }, h('span', {}, label), output ?? ''), control);
}

/** A field only the technician's view shows. */
const tech = (label, control, output) => field(label, control, output, { dataset: { tech: '' } });

function range(min, max, step, signal, oninput, onchange) {
  return h('input', { type: 'range', min, max, step, oninput, onchange, signal });
}

function select(options, signal, onchange) {
  return h('select', { onchange, signal }, options.map(([value, text]) => h('option', { value }, text)));
}

function check(label, signal, onchange) {
  const input = h('input', { type: 'checkbox', onchange, signal });
  return [h('label', { class: 'check' }, input, label), input];
}

/**
 * Builds the panel.
 * @param {object} o
 * @param {(k: string, v?: object) => string} o.t
 * @param {AbortSignal} o.signal
 * @param {{name: string, label: string, application: string, description: string}[]} o.templates
 *   the engine's templates in display order (grouped by lib/templates.js)
 * @param {object} o.on callbacks: edit(mutator, {live}), template(name), coverage(mode),
 *   suggestShade(), mistake(kind), fit(), day(pos), play(), calibrate(), save(kind), load(file),
 *   chartDay(event), technician(on)
 */
export function buildPanel({ t, signal, templates, on }) {
  const c = {}; // the controls, by name
  const live = (fn) => (e) => on.edit(fn(e), { live: e.type === 'input' });
  // A slider, a switch and a choice that set a design's field (`set(design, value)`).
  const slider = (min, max, step, set) =>
    range(min, max, step, signal, live((e) => (d) => set(d, Number(e.target.value))), live(() => null));
  const toggle = (label, set) => check(label, signal, (e) => on.edit((d) => set(d, e.target.checked)));
  const choose = (options, set) => select(options, signal, (e) => on.edit((d) => set(d, e.target.value)));

  // Hairline and pigment.
  // The style picker: one group per application, each template's description as its
  // tooltip and, for the chosen one, in the hint below.
  c.template = h('select',
    { onchange: (e) => on.template(e.target.value), signal, dataset: { control: 'template' } },
    templateGroups(templates, t).map((g) =>
      h('optgroup', { label: g.label, dataset: { application: g.application } },
        g.templates.map((x) => h('option', { value: x.name, title: x.description }, x.label)))));
  c.templateInfo = new Map([...c.template.options].map((o) => [o.value, o.title]));
  c.templateNote = h('p', { class: 'hint template-note' });
  c.coverage = select(['shaved', 'behind_hair', 'scar'].map((m) => [m, t(`coverage.${m}`)]), signal,
    (e) => on.coverage(e.target.value));
  c.density = slider(10, 160, 5, (d, v) => { d.density = v; });
  c.densityOut = h('output', { dir: 'ltr' });
  c.dot = slider(0.1, 0.5, 0.01, (d, v) => { d.dot_size_mm = v; });
  c.dotOut = h('output', { dir: 'ltr' });
  c.shade = slider(0.1, 1, 0.05, (d, v) => { d.shade = v; });
  c.shadeOut = h('output');
  c.suggest = h('button', { type: 'button', onclick: () => on.suggestShade(), signal }, t('suggestShade'));
  c.shadeNote = h('p', { class: 'hint shade-note', role: 'status' });
  c.sessions = select([1, 2, 3, 4].map((n) => [n, String(n)]), signal, (e) =>
    on.edit((d) => {
      const n = Number(e.target.value);
      d.sessions.days = Array.from({ length: n }, (_, i) => i * SESSION_GAP_DAYS);
    }),
  );
  c.softness = slider(0, 25, 0.5, (d, v) => { d.hairline.softness_mm = v; });
  c.softOut = h('output', { dir: 'ltr' });
  c.irregularity = slider(0, 1, 0.05, (d, v) => { d.hairline.irregularity = v; });
  c.irrOut = h('output');
  const [blowLabel, blow] = toggle(t('effects.blowout'), (d, yes) => { d.effects.blowout = yes ? 0.8 : 0; });
  const [shiftLabel, shift] = toggle(t('effects.colorShift'),
    (d, yes) => { d.effects.color_shift = yes ? 0.8 : 0; });
  c.blowout = blow;
  c.colorShift = shift;
  const [maskLabel, mask] = toggle(t('skinMask'), (d, yes) => { d.skin_mask = yes; });
  c.skinMask = mask;
  c.skinNote = h('p', { class: 'hint', role: 'status' });
  c.mistakeNote = h('p', { class: 'hint', role: 'status' });
  const mistake = (kind) => h('button',
    { type: 'button', onclick: () => on.mistake(kind), signal, dataset: { mistake: kind } },
    t(`mistake.${kind}`));
  c.credits = h('div', { class: 'credits' });
  c.fit = h('button', { type: 'button', onclick: () => on.fit(), signal, dataset: { act: 'fit' } }, t('fit'));
  c.fitNote = h('p', { class: 'hint', role: 'status' });
  // The visitor's look: three steps each, in plain words.
  c.looks = {};
  const lookGroups = Object.entries(LOOKS).map(([look, o]) => {
    const { field: key, steps } = o;
    const scaled = (d, factor) => Math.round(facts().presets[d.coverage][key] * factor * 1000) / 1000;
    c.looks[look] = steps.map(([step, factor]) => h('button', {
      type: 'button', 'aria-pressed': 'false', dataset: { look, step }, signal,
      onclick: () => on.edit((d) => { d[key] = scaled(d, factor); }),
    }, t(`look.${step}`)));
    return h('div', { class: 'look', role: 'group', 'aria-label': t(`look.${look}`) },
      h('span', {}, t(`look.${look}`)), h('div', { class: 'steps' }, c.looks[look]));
  });
  const looks = h('div', { class: 'looks', dataset: { visitor: '' } }, lookGroups);
  const [techLabel, techSwitch] = check(t('technician'), signal, (e) => on.technician(e.target.checked));
  c.technician = techSwitch;
  techSwitch.dataset.act = 'technician';

  // Time.
  c.dayTicks = h('datalist', { id: uid('ticks') });
  c.day = h('input', {
    type: 'range', min: 0, max: 1000, step: 1, list: c.dayTicks.id, 'aria-label': t('day'),
    oninput: (e) => on.day(Number(e.target.value) / 1000), signal,
  });
  c.dayOut = h('strong');
  c.visOut = h('span', { class: 'hint' });
  c.care = h('div', { class: 'care', role: 'status', 'aria-live': 'polite' });
  c.play = h('button', { type: 'button', 'aria-pressed': 'false', onclick: () => on.play(), signal },
    t('play'));
  c.chart = createChart(t('chart'));
  c.chart.addEventListener('pointerdown', (e) => {
    c.chart.setPointerCapture(e.pointerId);
    on.chartDay(e);
  }, { signal });
  c.chart.addEventListener('pointermove', (e) => { if (e.buttons) on.chartDay(e); }, { signal });
  c.plan = h('ul', { class: 'plan' });
  // The care factors that bring a top-up forward, each with its effect (lib/costs.js).
  c.factorsTitle = h('p', { class: 'hint factors-title' });
  c.factors = h('ul', { class: 'plan factors' });
  c.sun = slider(0, 2, 0.1, (d, v) => { d.aftercare.sun = v; });
  c.sunOut = h('output');
  const [sunscreenLabel, sunscreen] = toggle(t('sunscreen'), (d, yes) => { d.aftercare.sunscreen = yes; });
  const [moistLabel, moist] = toggle(t('moisturiser'), (d, yes) => { d.aftercare.moisturiser = yes; });
  c.sunscreen = sunscreen;
  c.moisturiser = moist;
  c.sweating = choose(['low', 'moderate', 'high'].map((l) => [l, t(`level.${l}`)]),
    (d, v) => { d.aftercare.sweating = v; });
  c.skin = choose([1, 2, 3, 4, 5, 6].map((n) => [n, t(`skinType.${n}`)]),
    (d, v) => { d.aftercare.skin_type = Number(v); });
  c.scalp = choose(['dry', 'normal', 'oily'].map((s) => [s, t(`scalp.${s}`)]),
    (d, v) => { d.aftercare.scalp = v; });
  c.topups = select(
    [
      ...[12, 18, 24, 36, 48].map((n) => [`every:${n}`, t('topups.every', { n })]),
      ['below:0.7', t('topups.below', { n: 70 })], ['none', t('topups.none')],
    ],
    signal,
    (e) => on.edit((d) => {
      const [kind, v] = e.target.value.split(':');
      d.topups.every_months = kind === 'every' ? Number(v) : null;
      d.topups.when_below = kind === 'below' ? Number(v) : null;
    }),
  );

  // Scale.
  c.scaleOut = h('p', { class: 'hint' });
  c.calibrate = h('button', { type: 'button', onclick: () => on.calibrate(), signal }, t('scale.calibrate'));

  // Save.
  const opened = (e) => {
    const f = e.target.files?.[0];
    e.target.value = '';
    if (f) on.load(f);
  };
  const file = h('input',
    { type: 'file', accept: 'application/json,.json', hidden: true, onchange: opened, signal });
  const save = (kind, label) =>
    h('button', { type: 'button', onclick: () => on.save(kind), signal, dataset: { save: kind } }, label);

  const panel = h('aside', { class: 'panel', 'aria-label': t('section.style') },
    h('details', { open: true },
      h('summary', {}, t('section.time')),
      h('div', { class: 'group' },
        h('div', { class: 'time' },
          h('div', { class: 'now' }, c.dayOut, c.visOut),
          c.day,
          c.dayTicks,
          c.care,
          h('div', { class: 'row' }, c.play),
          c.chart,
          h('p', { class: 'hint' }, t('chart.note')),
          c.plan,
          c.factorsTitle,
          c.factors,
        ),
        h('p', { class: 'note' }, t('illustrative')),
      ),
    ),
    h('details', { open: true },
      h('summary', {}, t('section.style')),
      h('div', { class: 'group' },
        h('div', { class: 'row' }, c.fit),
        c.fitNote,
        field(t('template'), c.template),
        c.templateNote,
        field(t('coverage'), c.coverage),
        looks,
        tech(t('density'), c.density, c.densityOut),
        tech(t('dotSize'), c.dot, c.dotOut),
        tech(t('shade'), c.shade, c.shadeOut),
        h('div', { class: 'row' }, c.suggest),
        c.shadeNote,
        tech(t('sessions'), c.sessions),
        tech(t('softness'), c.softness, c.softOut),
        tech(t('irregularity'), c.irregularity, c.irrOut),
        h('div', { dataset: { tech: '' } }, maskLabel, c.skinNote),
        h('fieldset', { class: 'checks' }, h('legend', { class: 'hint' }, t('effects.title')),
          h('div', { dataset: { tech: '' } }, blowLabel, shiftLabel),
          h('div', { class: 'row' }, mistake('helmet'), mistake('harsh')), c.mistakeNote),
        techLabel,
      ),
    ),
    h('details', { open: true },
      h('summary', {}, t('section.care')),
      h('div', { class: 'group' },
        field(t('sun'), c.sun, c.sunOut),
        sunscreenLabel,
        moistLabel,
        field(t('sweating'), c.sweating),
        field(t('skinType'), c.skin),
        field(t('scalp'), c.scalp),
        field(t('topups'), c.topups),
      ),
    ),
    h('details', { dataset: { tech: '' } },
      h('summary', {}, t('section.scale')),
      h('div', { class: 'group' }, c.scaleOut, h('div', { class: 'row' }, c.calibrate),
        h('p', { class: 'hint' }, t('scale.instructions'))),
    ),
    h('details', { open: true },
      h('summary', {}, t('section.save')),
      h('div', { class: 'group' },
        h('div', { class: 'row' }, save('image', t('save.image')), save('strip', t('save.strip'))),
        h('div', { class: 'row' }, save('design', t('save.design')),
          h('button', { type: 'button', onclick: () => file.click(), signal, dataset: { save: 'load' } },
            t('save.load')), file),
        h('div', { class: 'row' }, save('share', t('save.share'))),
      ),
    ),
    h('details', {},
      h('summary', {}, t('section.about')),
      h('div', { class: 'group' }, c.credits),
    ),
  );
  return { panel, c, file };
}

/** Sets every control from the state (`photoWidth`: the preview's width, for the scale). */
export function updatePanel(c, { design, templateName, units, fmt, lang = 'en', photoWidth }) {
  const num = (v, digits) =>
    v.toLocaleString(lang, { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const set = (el, v) => { if (document.activeElement !== el || el.type !== 'range') el.value = String(v); };
  if (templateName) c.template.value = templateName;
  c.templateNote.textContent = c.templateInfo.get(c.template.value) ?? '';
  c.coverage.value = design.coverage;
  const s = design.scale;
  const pxPerCm = (s.px_per_cm * photoWidth) / s.at_width;
  c.scaleOut.textContent = fmt('scale.now', { v: num(pxPerCm, 1), method: fmt(`scale.${s.method}`) });
  set(c.density, design.density);
  c.densityOut.value = units === 'in'
    ? fmt('densityUnitIn', { v: num(Math.round(perSquareInch(design.density)), 0) })
    : fmt('densityUnit', { v: num(Math.round(design.density), 0) });
  set(c.dot, design.dot_size_mm);
  const dot = design.dot_size_mm;
  c.dotOut.value = units === 'in' ? `${num(inches(dot), 3)} in` : `${num(dot, 2)} mm`;
  set(c.shade, design.shade);
  c.shadeOut.value = `${Math.round(design.shade * 100)}%`;
  c.sessions.value = String(design.sessions.days.length);
  set(c.softness, design.hairline.softness_mm);
  const soft = design.hairline.softness_mm;
  c.softOut.value = units === 'in' ? `${num(inches(soft), 2)} in` : `${num(soft, 1)} mm`;
  set(c.irregularity, design.hairline.irregularity);
  for (const [look, buttons] of Object.entries(c.looks)) {
    const step = lookStep(design, look);
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.step === step));
  }
  c.irrOut.value = `${Math.round(design.hairline.irregularity * 100)}%`;
  c.skinMask.checked = design.skin_mask !== false;
  c.blowout.checked = design.effects.blowout > 0;
  c.colorShift.checked = design.effects.color_shift > 0;
  const a = design.aftercare;
  set(c.sun, a.sun);
  c.sunOut.value = fmt(a.sun < 0.5 ? 'sun.0' : a.sun < 1.5 ? 'sun.1' : 'sun.2');
  c.sunscreen.checked = a.sunscreen;
  c.moisturiser.checked = a.moisturiser;
  c.sweating.value = a.sweating;
  c.skin.value = String(a.skin_type);
  c.scalp.value = a.scalp;
  const tp = design.topups;
  const every = [12, 18, 24, 36, 48].includes(tp.every_months) ? `every:${tp.every_months}` : null;
  c.topups.value = tp.when_below ? 'below:0.7' : every ?? (tp.every_months ? 'every:24' : 'none');
}
