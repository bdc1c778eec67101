// The note over the photo: what the page is doing while a photo is read and fitted
// ("Looking for your head and face…"), and what the fit found (no face, the scale
// estimated, a side view), where the visitor looks — on the photo, not below the
// chart. A note can offer actions (buttons) and is closed with its × button. Notes
// are given as functions that say them in the current language, so that a rebuilt
// interface (another language) says the same note again (`adopt`).
import { h } from './dom.js';

export class PhotoNote {
  /** @param {{t: Function, signal: AbortSignal}} o */
  constructor({ t, signal }) {
    this.text = h('span', { class: 'note-text' });
    this.actions = h('span', { class: 'note-actions' });
    this.close = h('button', {
      type: 'button', class: 'note-close', 'aria-label': t('dismiss'), title: t('dismiss'),
      onclick: () => this.clear(), signal,
    }, '×');
    this.el = h('div', { class: 'photo-note', role: 'status', 'aria-live': 'polite', hidden: true },
      this.text, this.actions, this.close);
    this.signal = signal;
    /** What the note says now: `{ busy, say, actions }`, or null. */
    this.state = null;
  }

  /** A line saying what is happening now (no close button: it goes by itself); `say()` gives its text. */
  progress(say) {
    this.state = { busy: true, say, actions: () => [] };
    this.draw();
  }

  /**
   * A note that stays until closed: `say()` gives its text, `actions()` its buttons
   * (`[{ label, run }]`).
   */
  show(say, actions = () => []) {
    this.state = { busy: false, say, actions };
    this.draw();
  }

  /** Hides the note. */
  clear() {
    this.state = null;
    this.draw();
  }

  /** Says what `old` (the note of the interface this one replaces) was saying. */
  adopt(old) {
    this.state = old?.state ?? null;
    this.draw();
  }

  draw() {
    const { state } = this;
    const text = state ? state.say() : '';
    this.el.hidden = !text;
    this.el.classList.toggle('busy', Boolean(state?.busy));
    this.text.textContent = text;
    this.actions.replaceChildren(...(state && !state.busy ? state.actions() : []).map(({ label, run }) =>
      h('button', { type: 'button', onclick: () => { this.clear(); run(); }, signal: this.signal }, label)));
    this.close.hidden = !state || state.busy;
  }

  /** What the note says now ('' when hidden). */
  get message() {
    return this.el.hidden ? '' : this.text.textContent;
  }
}
