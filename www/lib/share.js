// Designs in URL fragments: JSON, deflated, base64url. A fragment is never sent to
// the server, and it never holds the photo.

const PREFIX = 'design=';
/** Largest design a link may carry once inflated, in bytes: designs drawn in the app
 * are a few KiB (a thousand brush points about 40 KiB); a deflate bomb stops here,
 * before any JSON is parsed. */
export const MAX_DESIGN_BYTES = 1 << 20;
/** Longest fragment accepted, in characters (browsers cap URLs near 2 MB). */
export const MAX_FRAGMENT_CHARS = 400_000;

async function pipe(bytes, stream) {
  const out = new Blob([bytes]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

function toBase64Url(bytes) {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text) {
  const b = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(b, (c) => c.charCodeAt(0));
}

/** The fragment (without '#') carrying `design`. */
export async function designToFragment(design) {
  const json = new TextEncoder().encode(JSON.stringify(design));
  return PREFIX + toBase64Url(await pipe(json, new CompressionStream('deflate-raw')));
}

/** Inflates `bytes`, refusing (and stopping) once more than `limit` bytes come out. */
async function inflateAtMost(bytes, limit) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const parts = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > limit) {
      await reader.cancel();
      throw new RangeError(`the shared design is larger than ${limit} bytes`);
    }
    parts.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * The design in a fragment (with or without '#'), or null if it carries none. Throws
 * for a damaged fragment, or one longer than MAX_FRAGMENT_CHARS or inflating to more
 * than MAX_DESIGN_BYTES (checked while inflating, before any parsing).
 */
export async function fragmentToDesign(fragment) {
  const text = String(fragment ?? '').replace(/^#/, '');
  if (!text.startsWith(PREFIX)) return null;
  if (text.length > MAX_FRAGMENT_CHARS) throw new RangeError('the shared link is too long');
  const bytes = await inflateAtMost(fromBase64Url(text.slice(PREFIX.length)), MAX_DESIGN_BYTES);
  return JSON.parse(new TextDecoder().decode(bytes));
}
