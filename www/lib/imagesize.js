// The pixel size of a JPEG, PNG or WebP file read from its header, so that a photo
// too large to hold is refused before the browser tries to decode it. Returns null
// for other formats or damaged headers (the decoder then decides).

const u16be = (b, i) => (b[i] << 8) | b[i + 1];
const u32be = (b, i) => ((b[i] << 24) >>> 0) + (b[i + 1] << 16) + (b[i + 2] << 8) + b[i + 3];
const u24le = (b, i) => b[i] | (b[i + 1] << 8) | (b[i + 2] << 16);

function png(b) {
  const sig = [137, 80, 78, 71, 13, 10, 26, 10];
  if (b.length < 24 || !sig.every((v, i) => b[i] === v)) return null;
  return { width: u32be(b, 16), height: u32be(b, 20) };
}

function jpeg(b) {
  if (b.length < 4 || b[0] !== 0xff || b[1] !== 0xd8) return null;
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return null;
    const marker = b[i + 1];
    if (marker === 0xff) { i += 1; continue; }
    const length = u16be(b, i + 2);
    // Start-of-frame markers (not DHT C4, JPG C8, DAC CC) carry the size.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { width: u16be(b, i + 7), height: u16be(b, i + 5) };
    }
    i += 2 + length;
  }
  return null;
}

function webp(b) {
  const tag = (i) => String.fromCharCode(b[i], b[i + 1], b[i + 2], b[i + 3]);
  if (b.length < 30 || tag(0) !== 'RIFF' || tag(8) !== 'WEBP') return null;
  const chunk = tag(12);
  if (chunk === 'VP8X') return { width: u24le(b, 24) + 1, height: u24le(b, 27) + 1 };
  if (chunk === 'VP8 ') {
    return { width: (b[26] | (b[27] << 8)) & 0x3fff, height: (b[28] | (b[29] << 8)) & 0x3fff };
  }
  if (chunk === 'VP8L') {
    const bits = b[21] | (b[22] << 8) | (b[23] << 16) | (b[24] << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >> 14) & 0x3fff) + 1 };
  }
  return null;
}

/**
 * `{ width, height, type }` from the file's header (`type` its MIME type, from the
 * bytes, not the file's name), or null. JPEG sizes are as stored (before any EXIF
 * rotation).
 */
export async function imageSize(blob) {
  const head = new Uint8Array(await blob.slice(0, 256 * 1024).arrayBuffer());
  for (const [read, type] of [[png, 'image/png'], [jpeg, 'image/jpeg'], [webp, 'image/webp']]) {
    const size = read(head);
    if (size) return { ...size, type };
  }
  return null;
}
