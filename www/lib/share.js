// Designs in URL fragments: JSON, deflated, base64url. A fragment is never sent to
// the server, and it never holds the photo.

const PREFIX = 'design=';

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

/** The design in a fragment (with or without '#'), or null if it carries none. */
export async function fragmentToDesign(fragment) {
  const text = String(fragment ?? '').replace(/^#/, '');
  if (!text.startsWith(PREFIX)) return null;
  const bytes = await pipe(fromBase64Url(text.slice(PREFIX.length)), new DecompressionStream('deflate-raw'));
  return JSON.parse(new TextDecoder().decode(bytes));
}
