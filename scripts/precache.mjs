// Writes www/sw.js: the service worker with the list of files to cache and a version
// that is the hash of their contents, so any change gives a new cache and old
// caches are deleted. Paths are relative, so the same file works in dist/ and under
// any sub-path.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));
const www = join(repo, 'www');
const pkg = join(repo, 'pkg');

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const skip = new Set(['sw.js', 'LICENSE.md']);
const slash = ([url, path]) => [url.split(sep).join('/'), path];
const files = [
  ...walk(www).filter((p) => !skip.has(p.split(sep).pop())).map((p) => [relative(www, p), p]),
  ...['smp_preview.js', 'smp_preview_bg.wasm'].map((f) => [`pkg/${f}`, join(pkg, f)]),
].map(slash).sort();
// The face module (about 2.4 MB gzip) is not fetched on a first visit, which most
// visitors end before any fit: the service worker caches it when a fit first loads
// it, so from then on fitting works offline too.
const lazy = ['smp_face.js', 'smp_face_bg.wasm'].map((f) => [`pkg/${f}`, join(pkg, f)]).map(slash);

const hash = createHash('sha256');
for (const [url, path] of [...files, ...lazy]) hash.update(url).update(readFileSync(path));
const version = hash.digest('hex').slice(0, 12);
const urls = ['./', ...files.map(([url]) => url)];
const template = readFileSync(join(repo, 'scripts/sw.template.js'), 'utf8');
writeFileSync(join(www, 'sw.js'), template
  .replace('__VERSION__', version)
  .replace('__FILES__', JSON.stringify(urls, null, 2))
  .replace('__LAZY__', JSON.stringify(lazy.map(([url]) => url), null, 2)));
console.log(`precache: ${urls.length} files (and ${lazy.length} cached on first use), version ${version}`);
