// The time controller: the day shown, playing through the years, and the time
// panel (slider and its ticks, day label, visibility, aftercare advice, chart, top-up
// plan, its costs and the care factors' effects). It keeps the visibility curve,
// the plan and the factors' what-if plans the engine computed for the current design,
// and the clinic's price and currency; the element asks for frames through `render`.
import { drawChart, moveCursor, visibilityAt } from './chart.js';
import { horizonDays, dayToPos, posToDay, healedDay } from './timeline.js';
import { careText, chartTicks, dayText, planLines, visibilityText } from './plan.js';
import { careVariants, costLines, dueDesign, effectLines, parsePricing } from './costs.js';
import { h } from './dom.js';

/** Seconds the play button takes from day 0 to the horizon. */
export const PLAY_SECONDS = 15;
/** What-if plans remembered (six per care setting). */
const PLAN_CACHE = 60;
/** How long the care must stay the same before the what-if plans are asked for, ms. */
const PLAN_DELAY_MS = 1000;

export class TimeController {
  /**
   * @param {object} o
   * @param {() => Promise<void>} o.render asks for a frame of the current day
   * @param {() => object} o.design the current design
   * @param {() => object} o.engine the current engine (requests 'curve')
   */
  constructor({ render, design, engine }) {
    this.render = render;
    this.design = design;
    this.engine = engine;
    /** The day shown, 0 to the engine's horizon. */
    this.day = 70;
    /** The visibility curve (day, visibility, … triples) and the top-up plan. */
    this.curve = new Float64Array();
    this.plan = null;
    this.curveKey = null;
    this.playing = null;
    /** The care factors' effects: the plan of `dueDesign`, and `careVariants` with their plans. */
    this.due = null;
    this.variants = [];
    /** What-if plans by design JSON, the newest last. */
    this.plans = new Map();
    /** The clinic's price and currency (null: costs as fractions), and refused attribute values. */
    this.pricing = { price: null, currency: null };
    this.refused = [];
    /** Settles when the curve, plan and factors asked for last have arrived. */
    this.updating = Promise.resolve();
  }

  /**
   * Takes the `price` and `currency` attributes' texts. A refused value keeps the
   * last good one and is noted under the plan; returns the refused ones
   * (`{ key, value }`, see costs.js `parsePricing`).
   */
  setPricing(priceText, currencyText) {
    const { price, currency, errors } = parsePricing(priceText, currencyText);
    const refused = (key) => errors.some((e) => e.key === key);
    this.pricing = {
      price: refused('errors.price') ? this.pricing.price : price,
      currency: refused('errors.currency') ? this.pricing.currency : currency,
    };
    this.refused = errors;
    this.refresh();
    return errors;
  }

  /** Uses the panel's controls `c`, translator `t`, and shadow root (rebuilt UI). */
  attach({ controls, t, root }) {
    this.c = controls;
    this.t = t;
    this.root = root;
  }

  /** Shows `day` (clamped to the axis) and asks for its frame. */
  set(day) {
    this.day = Math.min(horizonDays(), Math.max(0, day));
    this.refresh();
    return this.render();
  }

  /** The slider (or the chart) moved to position `pos` (0…1). */
  seek(pos) {
    this.stop();
    return this.set(posToDay(pos));
  }

  toggle() {
    if (this.playing) this.stop();
    else this.play();
  }

  /** Plays from the current day to the horizon (from the start if at the end). */
  play() {
    if (this.day >= horizonDays() - 1) this.day = 0;
    this.playing = { start: performance.now(), from: dayToPos(this.day) };
    this.showPlaying(true);
    const step = (now) => {
      if (!this.playing) return;
      const pos = this.playing.from + (now - this.playing.start) / 1000 / PLAY_SECONDS;
      this.day = posToDay(Math.min(1, pos));
      this.refresh();
      this.render();
      if (pos >= 1) this.stop();
      else this.frame = requestAnimationFrame(step);
    };
    this.frame = requestAnimationFrame(step);
  }

  stop() {
    cancelAnimationFrame(this.frame);
    if (!this.playing) return;
    this.playing = null;
    this.showPlaying(false);
  }

  /** The play buttons (the panel's and the stage's) say whether the years are playing. */
  showPlaying(on) {
    const { c, t } = this;
    c.play.textContent = t(on ? 'pause' : 'play');
    for (const b of [c.play, c.stagePlay]) b?.setAttribute('aria-pressed', String(on));
    c.stagePlay?.setAttribute('aria-label', t(on ? 'pause' : 'play'));
    if (c.stagePlay) c.stagePlay.textContent = on ? '❚❚' : '▶';
  }

  /** Forgets the curve, so the next `updateCurve` asks the engine again. */
  invalidate() {
    this.curveKey = null;
  }

  /**
   * Asks the engine for the visibility curve and plan, and for the plans of the care
   * factors' what-if designs, if what they depend on changed. Returns (and keeps as
   * `updating`) a promise that settles when they have arrived.
   */
  updateCurve() {
    const design = this.design();
    const key = JSON.stringify([design.aftercare, design.topups, design.sessions, design.seed]);
    if (key === this.curveKey) return this.updating;
    this.curveKey = key;
    this.updating = this.fetchCurve(design, key);
    return this.updating;
  }

  async fetchCurve(design, key) {
    try {
      const engine = this.engine();
      const { curve, plan } = await engine.request('curve', {
        until: horizonDays(), step: 7, json: JSON.stringify(design),
      });
      if (key !== this.curveKey) return;
      this.curve = curve;
      this.plan = plan;
      this.refresh(true);
      // What-if plans on a scratch previewer in the worker (the scene shown stays laid
      // out), each a second of work or so: asked for once the care has stayed the same
      // for a moment, one request each so frames are drawn in between, remembered (a
      // toggle back and forth asks nothing), and given up when the design changes.
      await new Promise((resolve) => setTimeout(resolve, PLAN_DELAY_MS));
      if (key !== this.curveKey) return;
      const variants = careVariants(design);
      const plans = [];
      for (const d of [dueDesign(design), ...variants.map((v) => v.design)]) {
        const json = JSON.stringify(d);
        if (!this.plans.has(json)) {
          const { plans: [p] } = await engine.request('plans', { jsons: [json] });
          if (key !== this.curveKey) return;
          if (this.plans.size >= PLAN_CACHE) this.plans.delete(this.plans.keys().next().value);
          this.plans.set(json, p);
        }
        plans.push(this.plans.get(json));
      }
      this.due = plans[0];
      this.variants = variants.map((v, i) => ({ ...v, plan: plans[i + 1] }));
      this.refresh();
    } catch {
      if (key === this.curveKey) this.curveKey = null; // an invalid design is reported by the render
    }
  }

  /** Shows the day in the panel; `redrawChart` draws the chart anew (new curve). */
  refresh(redrawChart = false) {
    const c = this.c;
    const design = this.design();
    if (!c || !design) return;
    const t = this.t;
    const topups = this.plan?.topups ?? [];
    const label = dayText(t, this.day, healedDay(design));
    // The panel's slider and the stage's compact one (shown on narrow screens).
    for (const [slider, out] of [[c.day, c.dayOut], [c.stageDay, c.stageDayOut]]) {
      if (!slider) continue;
      if (this.root.activeElement !== slider) slider.value = String(Math.round(dayToPos(this.day) * 1000));
      out.textContent = label;
      slider.setAttribute('aria-valuetext', label);
    }
    c.visOut.textContent = visibilityText(t, visibilityAt(this.curve, this.day), this.curve.length > 0);
    c.care.textContent = careText(t, this.day, design.sessions.days, topups);
    if (redrawChart || !c.chart.firstChild) {
      // Sessions and top-ups as tick marks on the slider.
      c.dayTicks.replaceChildren(...[...design.sessions.days, ...topups]
        .map((d) => h('option', { value: Math.round(dayToPos(d) * 1000) })));
      drawChart(c.chart, {
        curve: this.curve, sessions: design.sessions.days, topups, day: this.day,
        ticks: chartTicks(t, horizonDays()), topupLabel: t('topups'),
      });
    } else {
      moveCursor(c.chart, this.day);
    }
    const notes = this.refused.map((e) => t(e.key, e));
    const money = this.pricing.price != null && this.pricing.currency != null;
    const lines = this.plan
      ? [...planLines(t, this.plan, this.day, { share: !money }), ...costLines(t, this.plan, this.pricing)]
      : [];
    // Lists are rebuilt only when their text changes (most slider steps change none).
    const planKey = JSON.stringify([lines, notes]);
    if (c.plan.dataset.key !== planKey) {
      c.plan.dataset.key = planKey;
      c.plan.replaceChildren(...lines.map((line) => h('li', {}, line)),
        ...notes.map((n) => h('li', { class: 'refused' }, n)));
    }
    const [heading, ...effects] = effectLines(t, design, this.due, this.variants);
    c.factorsTitle.textContent = heading ?? '';
    const effectsKey = JSON.stringify(effects);
    if (c.factors.dataset.key !== effectsKey) {
      c.factors.dataset.key = effectsKey;
      c.factors.replaceChildren(...effects.map((line) => h('li', {}, line)));
    }
  }
}
