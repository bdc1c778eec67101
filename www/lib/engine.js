// The page's side of the render worker: promise-based requests, and renders where
// only the newest request matters (stale frames are dropped, never queued).

/**
 * Starts the module worker at `url`. A worker script must be same-origin, so when the
 * widget is served from another origin (a CDN) the worker is a tiny same-origin blob
 * that imports the real one (which then needs CORS, like the widget script itself).
 */
function startWorker(url) {
  const options = { type: 'module', name: 'smp-render' };
  if (new URL(url, location.href).origin === location.origin) return new Worker(url, options);
  const source = `import ${JSON.stringify(String(url))};`;
  const blobUrl = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
  try {
    return new Worker(blobUrl, options);
  } finally {
    setTimeout(() => URL.revokeObjectURL(blobUrl), 60_000);
  }
}

export class Engine {
  /** Workers running now, over all engines (for leak checks). */
  static live = 0;

  /** @param {URL} workerUrl */
  constructor(workerUrl) {
    this.worker = startWorker(workerUrl);
    Engine.live += 1;
    this.nextId = 1;
    this.pending = new Map();
    this.renderBusy = false;
    this.renderNext = null; // { args, resolvers[] } waiting for the busy render
    /** Set once the worker has failed for good: every request then fails at once. */
    this.dead = null;
    /** Called once when the worker dies (a crash, or a trap in its wasm). */
    this.onfatal = null;
    this.onmessage = (event) => {
      const { id, ok, error, fatal, ...result } = event.data;
      const p = this.pending.get(id);
      if (p) {
        this.pending.delete(id);
        if (ok) p.resolve(result);
        else {
          // `{ code, message }` (lib/errors.js): the page translates the code.
          const e = Object.assign(new Error(error.message), { code: error.code, fatal: !!fatal });
          p.reject(e);
        }
      }
      // The wasm trapped: its memory can no longer be trusted, the worker has closed.
      if (fatal) this.die(new Error(`render worker failed: ${error.message}`));
    };
    this.onerror = (event) => {
      event.preventDefault?.();
      this.die(new Error(`render worker failed: ${event.message ?? 'unknown error'}`));
    };
    this.worker.addEventListener('message', this.onmessage);
    this.worker.addEventListener('error', this.onerror);
  }

  /**
   * Marks the worker dead: pending and later requests fail with `error` (flagged
   * `fatal`), the worker is stopped, and `onfatal` is told once.
   */
  die(error) {
    if (this.dead || !this.worker) return;
    error.fatal = true;
    this.dead = error;
    for (const p of this.pending.values()) p.reject(error);
    this.pending.clear();
    if (this.renderNext) this.renderNext.resolvers.forEach((r) => r.reject(error));
    this.renderNext = null;
    this.worker.removeEventListener('message', this.onmessage);
    this.worker.removeEventListener('error', this.onerror);
    this.worker.terminate();
    this.worker = null;
    Engine.live -= 1;
    const tell = this.onfatal;
    this.onfatal = null;
    tell?.(error);
  }

  /** Sends one request; resolves with the worker's reply. */
  request(type, args = {}, transfer = []) {
    if (this.dead) return Promise.reject(this.dead);
    if (!this.worker) return Promise.reject(new Error('the previewer was removed'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, type, ...args }, transfer);
    });
  }

  /**
   * Renders the newest state. While a render runs, later calls wait; when it ends
   * only the latest of them is rendered, and the superseded ones resolve with
   * `{ stale: true }`.
   */
  render(args) {
    return new Promise((resolve, reject) => {
      if (this.renderBusy) {
        if (this.renderNext) this.renderNext.resolvers.forEach((r) => r.resolve({ stale: true }));
        this.renderNext = { args, resolvers: [{ resolve, reject }] };
        return;
      }
      this.startRender(args, [{ resolve, reject }]);
    });
  }

  startRender(args, resolvers) {
    this.renderBusy = true;
    this.request('render', args).then(
      (r) => resolvers.forEach((x) => x.resolve(r)),
      (e) => resolvers.forEach((x) => x.reject(e)),
    ).finally(() => {
      this.renderBusy = false;
      const next = this.renderNext;
      this.renderNext = null;
      if (next) this.startRender(next.args, next.resolvers);
    });
  }

  /** Stops the worker and frees its memory. */
  terminate() {
    this.onfatal = null;
    if (!this.worker) return;
    this.worker.removeEventListener('message', this.onmessage);
    this.worker.removeEventListener('error', this.onerror);
    this.worker.terminate();
    this.worker = null;
    Engine.live -= 1;
    const e = new Error('the previewer was removed');
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
    if (this.renderNext) this.renderNext.resolvers.forEach((r) => r.resolve({ stale: true }));
    this.renderNext = null;
  }
}
