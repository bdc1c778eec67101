// A tiny helper to build DOM without innerHTML (no inline styles or scripts, so it
// stays within a strict Content-Security-Policy).

/**
 * h('button', { class: 'x', onclick: fn, 'aria-label': 'y' }, 'text', child, …)
 * Attributes starting with "on" become listeners (bound to `signal` if given as
 * the `signal` attribute); `false`/`null` attributes are skipped.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  const { signal, ...rest } = attrs;
  for (const [k, v] of Object.entries(rest)) {
    if (v === false || v == null) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v, { signal });
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k in el && typeof v !== 'string' && k !== 'list') el[k] = v;
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

/** A unique id for label/for pairs inside one shadow root. */
let counter = 0;
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

/** Triggers a download of `blob` as `name`. */
export function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
