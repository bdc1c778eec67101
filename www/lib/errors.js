// Errors the user is told about, as `{ code, message }`: `code` names the message in
// the phrase catalogue (`errors.<code>`, lib/lang/), `message` is plain English for
// logs and developers. They cross from the workers as they are (lib/serve.js,
// lib/engine.js; the engine's own codes are set in src/web.rs), and the page
// translates the code. An error without a code is shown by its message.

/** An error with `code` (a key of the catalogue under `errors.`) and a `message`. */
export function failure(code, message = code) {
  return Object.assign(new Error(message), { code });
}

/** What the user reads for `e` in the translator `t`'s language. */
export function userMessage(t, e) {
  return e?.code ? t(`errors.${e.code}`) : (e?.message ?? String(e));
}
