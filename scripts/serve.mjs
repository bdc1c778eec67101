// A small static server for the app: www/ at /, the wasm build at /pkg/.
// Run directly: `node scripts/serve.mjs [--port 8080] [--root www]`; or import
// `serve()` from tests (port 0 picks a free port).
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
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
      const size = statSync(file).size;
      res.writeHead(200, {
        'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': size,
        'Cache-Control': 'no-cache',
        'X-Content-Type-Options': 'nosniff',
        ...headers,
      });
      if (req.method === 'HEAD') res.end();
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
