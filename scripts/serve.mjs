// A small static server for the app: www/ at /, the wasm build at /pkg/. Text and
// wasm go gzip-compressed to browsers that accept it, as any static host sends them
// (the first-visit benchmark measures the bytes a real visitor downloads).
// Run directly: `node scripts/serve.mjs [--port 8080] [--root www]`; or import
// `serve()` from tests (port 0 picks a free port).
import { createServer } from 'node:http';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(fileURLToPath(new URL('..', import.meta.url)));

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.md': 'text/markdown; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Types worth compressing (images are compressed already). */
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.webmanifest', '.wasm', '.svg', '.md',
  '.txt']);
/** Gzipped files by path, kept while their size and time are unchanged. */
const gzipped = new Map();

function gzipOf(file, stat) {
  const key = `${stat.size}:${stat.mtimeMs}`;
  const hit = gzipped.get(file);
  if (hit?.key === key) return hit.body;
  const body = gzipSync(readFileSync(file), { level: 6 });
  gzipped.set(file, { key, body });
  return body;
}

/**
 * Starts a static server.
 * @param {object} o
 * @param {number} [o.port] 0 for any free port
 * @param {Record<string,string>} [o.mounts] URL prefix -> folder ('/' must be present)
 * @param {Record<string,string>} [o.headers] extra headers on every response
 * @param {string} [o.host]
 * @returns {Promise<{url: string, close: () => Promise<void>, server: import('node:http').Server}>}
 */
export function serve({
  port = 8080,
  host = '127.0.0.1',
  mounts = { '/pkg/': join(repo, 'pkg'), '/': join(repo, 'www') },
  headers = {},
} = {}) {
  const prefixes = Object.keys(mounts).sort((a, b) => b.length - a.length);
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    let path;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      res.writeHead(400).end('bad path');
      return;
    }
    const prefix = prefixes.find((p) => path.startsWith(p));
    if (!prefix || (req.method !== 'GET' && req.method !== 'HEAD')) {
      res.writeHead(prefix ? 405 : 404).end();
      return;
    }
    const root = resolve(mounts[prefix]);
    let file = normalize(join(root, path.slice(prefix.length)));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, 'index.html');
      const stat = statSync(file);
      const ext = extname(file).toLowerCase();
      const gzip = COMPRESSIBLE.has(ext) && /\bgzip\b/.test(req.headers['accept-encoding'] ?? '');
      const body = gzip ? gzipOf(file, stat) : null;
      res.writeHead(200, {
        'Content-Type': MIME[ext] ?? 'application/octet-stream',
        'Content-Length': body ? body.length : stat.size,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        ...(COMPRESSIBLE.has(ext) ? { Vary: 'Accept-Encoding' } : {}),
        ...(body ? { 'Content-Encoding': 'gzip' } : {}),
        ...headers,
      });
      if (req.method === 'HEAD') res.end();
      else if (body) res.end(body);
      else createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      const { port: p } = server.address();
      ok({
        url: `http://${host}:${p}/`,
        server,
        close: () => new Promise((done) => { server.closeAllConnections?.(); server.close(() => done()); }),
      });
    });
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
  };
  const port = Number(opt('--port', process.env.PORT ?? 8080));
  const root = opt('--root', null);
  const mounts = root ? { '/': resolve(root) } : undefined;
  serve({ port, mounts }).then(
    ({ url }) => console.log(`smp-preview: serving on ${url} (Ctrl+C to stop)`),
    (e) => {
      console.error(`smp-preview: cannot serve on port ${port}: ${e.message}`);
      process.exit(1);
    },
  );
}
