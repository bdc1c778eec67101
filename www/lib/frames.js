// The render loop: frames are asked for any number of times; the requests of one task
// (an input event and what it changed) render once, by the worker, with the current
// design and day, as soon as the task ends (not at the next animation frame: the
// engine drops superseded renders itself, and waiting for the frame cost a phone up
// to 16 ms a frame). A frame the engine refuses takes the design back to the last one
// that rendered.
//
// The host (the <smp-previewer> element) provides: `engine`, `photo`, `day`,
// `editor`, `stage`, `controls`, `tools`, `status`, `t`, `fail()`, `refresh()` and
// `rendered(frame)` (told about each frame drawn).
import { showHistory } from './toolbar.js';

export class FrameLoop {
  constructor(host) {
    this.host = host;
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
    const host = this.host;
    if (!host.engine || !host.photo) return;
    const { editor, t } = host;
    const t0 = performance.now();
    const day = host.day;
    const json = JSON.stringify(editor.design);
    host.status.textContent = t('rendering');
    let r;
    try {
      r = await host.engine.render({ day, json });
    } catch (e) {
      // Removed, or the worker died (a fresh one is being started with this design).
      if (!host.engine || e?.fatal) return;
      // The design was refused: go back to the last one that rendered.
      editor.revert();
      host.fail(new Error(t('errors.design', { message: e.message })), true);
      host.refresh();
      return;
    }
    if (r.stale || !host.engine) return;
    editor.accept(JSON.parse(json));
    if (r.pixels) host.stage.draw(new ImageData(new Uint8ClampedArray(r.pixels), r.width, r.height), r.x, r.y);
    host.stage.setHairline(r.paths, editor.pointsPx());
    host.stage.setSelected(editor.selected);
    host.status.textContent = '';
    host.controls.skinNote.textContent = r.skin === false ? t('skinMask.none')
      : r.skin && editor.design.coverage === 'behind_hair' ? t('skinMask.hair') : '';
    showHistory(host.tools, editor);
    host.rendered({ day, ms: performance.now() - t0, renderMs: r.ms, impressions: r.count });
  }
}
