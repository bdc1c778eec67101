// The render loop: frames are asked for any number of times; the requests of one task
// (an input event and what it changed) render once, by the worker, with the current
// design and day, as soon as the task ends (not at the next animation frame: the
// engine drops superseded renders itself, and waiting for the frame cost a phone up
// to 16 ms a frame). A frame the engine refuses takes the design back to the last one
// that rendered. Free of the DOM: what a frame shows is the `drawn` callback's.

export class FrameLoop {
  /**
   * @param {object} o
   * @param {object} o.editor the design editor (editor.js): the design rendered, its last good one
   * @param {() => object|null} o.engine the current engine (null once removed)
   * @param {() => boolean} o.ready whether there is a photo to render on
   * @param {() => number} o.day the day shown
   * @param {() => void} o.started a render starts (the status line says so)
   * @param {(r: object, frame: object) => void} o.drawn the engine's result `r` and the
   *   frame `{ day, ms, renderMs, impressions }`
   * @param {(e: Error) => void} o.refused the engine refused the design (it is reverted)
   */
  constructor({ editor, engine, ready, day, started, drawn, refused }) {
    Object.assign(this, { editor, engine, ready, day, started, drawn, refused });
    this.queued = false;
    /** Settles when the frame asked for last is drawn (or will never be). */
    this.done = Promise.resolve();
  }

  /** Renders when the current task ends (several requests in one task render once). */
  request() {
    if (!this.queued) {
      let resolve;
      this.done = new Promise((r) => { resolve = r; });
      this.resolve = resolve;
      this.queued = true;
      queueMicrotask(() => {
        if (!this.queued) return; // cancelled
        this.queued = false;
        this.now().then(resolve, resolve);
      });
    }
    return this.done;
  }

  /** Drops a frame not yet started and lets whoever waits for it go. */
  cancel() {
    this.queued = false;
    this.resolve?.();
  }

  /** Renders now. */
  async now() {
    const { editor } = this;
    if (!this.engine() || !this.ready()) return;
    const t0 = performance.now();
    const day = this.day();
    const json = JSON.stringify(editor.design);
    this.started();
    let r;
    try {
      r = await this.engine().render({ day, json });
    } catch (e) {
      // Removed, or the worker died (a fresh one is being started with this design).
      if (!this.engine() || e?.fatal) return;
      // The design was refused: go back to the last one that rendered.
      editor.revert();
      this.refused(e);
      return;
    }
    if (r.stale || !this.engine()) return;
    editor.accept(JSON.parse(json));
    this.drawn(r, { day, ms: performance.now() - t0, renderMs: r.ms, impressions: r.count });
  }
}
