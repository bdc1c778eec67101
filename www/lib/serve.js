// The two workers' message loop (lib/worker.js, lib/face-worker.js): requests
// `{ id, type, ...args }` in; replies `{ id, ok: true, ...result }` (the result's
// `transfer` list is transferred, not copied) or `{ id, ok: false, error: { code,
// message }, fatal }` out (lib/errors.js: `code` is null for an error without one).
// lib/engine.js is the page's side.

/**
 * Answers the page's requests with `handlers[type](args)`, after `start()` (loading
 * the wasm: once, before the first request). An error for which `fatal(e)` holds (a
 * trap in the wasm leaves its memory in an unknown state) is replied and then the
 * worker closes, so the page starts a fresh one.
 */
export function serve(handlers, { start = async () => {}, fatal = () => false } = {}) {
  let ready = null;
  self.onmessage = async (event) => {
    const { id, type, ...args } = event.data ?? {};
    try {
      ready ??= start();
      await ready;
      const handler = handlers[type];
      if (!handler) throw new Error(`unknown request ${type}`);
      const { transfer = [], ...result } = (await handler(args)) ?? {};
      self.postMessage({ id, ok: true, ...result }, transfer);
    } catch (e) {
      const dead = !!fatal(e);
      const error = { code: e?.code ?? null, message: e?.message ?? String(e) };
      self.postMessage({ id, ok: false, error, fatal: dead });
      if (dead) self.close();
    }
  };
}
