// The page's modules as a whole (www/): every import resolves to a file, no module
// imports itself through others (no cycles) and every module is used. Every one of
// the repository's code files (the tracked *.rs, *.js, *.mjs, *.sh, *.py, *.css and
// *.html) is at most 400 lines and every line at most 110 characters, so files are
// not packed to meet the count. (The service worker precaches every file in www/, see
// scripts/precache.mjs, so a new module is cached without a list to update.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const www = fileURLToPath(new URL('../../www/', import.meta.url));
const MAX_LINES = 400;
const MAX_WIDTH = 110;
/** Where the page starts: the element, the app page's script and the two workers. */
const ENTRIES = ['smp-previewer.js', 'app.js', 'lib/worker.js', 'lib/face-worker.js'];
const GENERATED = new Set(['sw.js']);

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const modules = walk(www).filter((p) => p.endsWith('.js')).map((p) => relative(www, p))
  .filter((p) => !GENERATED.has(p)).sort();

/** The www modules a module loads: static and dynamic imports, and workers by URL. */
function dependencies(file) {
  const text = readFileSync(join(www, file), 'utf8');
  const specifiers = [
    ...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]/gm),
    ...text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
    ...text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g),
    ...text.matchAll(/new URL\(\s*['"]([^'"]+\.js)['"]\s*,\s*import\.meta\.url\s*\)/g),
  ].map((m) => m[1]);
  return specifiers
    .map((s) => relative(www, resolve(dirname(join(www, file)), s)))
    .filter((p) => !p.startsWith('pkg/')); // the wasm build, served beside www/
}

const graph = new Map(modules.map((m) => [m, dependencies(m)]));

test('every import of a www module resolves to a file in www/', () => {
  for (const [m, deps] of graph) {
    for (const d of deps) assert.ok(existsSync(join(www, d)), `${m} imports ${d}, which does not exist`);
  }
  assert.ok(graph.get('lib/inner.js').includes('lib/editor.js'));
});

test('no module cycles', () => {
  const state = new Map(); // 1: on the path, 2: done
  const cycles = [];
  const visit = (m, path) => {
    if (state.get(m) === 2) return;
    if (state.get(m) === 1) {
      cycles.push([...path.slice(path.indexOf(m)), m].join(' → '));
      return;
    }
    state.set(m, 1);
    for (const d of graph.get(m) ?? []) visit(d, [...path, m]);
    state.set(m, 2);
  };
  for (const m of modules) visit(m, []);
  assert.deepEqual(cycles, []);
});

test('every module is used by the element, the app page or a worker', () => {
  const seen = new Set();
  const visit = (m) => {
    if (seen.has(m)) return;
    seen.add(m);
    for (const d of graph.get(m) ?? []) visit(d);
  };
  ENTRIES.forEach(visit);
  assert.deepEqual(modules.filter((m) => !seen.has(m)), []);
});

/** The tracked code files (the repository's own: generated files, www/sw.js, www/pkg/,
 * target/, are not tracked, and data (JSON, lock files, models) has none of these
 * extensions), as [path from the root, text]. */
function codeFiles() {
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const files = execFileSync('git', ['ls-files', '-z', '--', '*.rs', '*.js', '*.mjs', '*.sh', '*.py',
    '*.css', '*.html'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  assert.ok(files.includes('www/lib/inner.js') && files.includes('src/lib.rs'));
  return files.filter((f) => existsSync(join(root, f))).map((f) => [f, readFileSync(join(root, f), 'utf8')]);
}

test(`no code file is over ${MAX_LINES} lines`, () => {
  const long = codeFiles().map(([f, text]) => [f, text.split('\n').length - 1])
    .filter(([, n]) => n > MAX_LINES);
  assert.deepEqual(long, []);
});

test(`no line of a code file is over ${MAX_WIDTH} characters`, () => {
  const wide = codeFiles().flatMap(([f, text]) =>
    text.split('\n').flatMap((line, i) => {
      const width = [...line.replace(/\r$/, '')].length; // characters (code points), not bytes
      return width > MAX_WIDTH ? [`${f}:${i + 1}: ${width} characters`] : [];
    }));
  assert.deepEqual(wide, []);
});

test('the pure modules load without a DOM (Node has none)', async () => {
  const pure = [
    'lib/editor.js', 'lib/frames.js', 'lib/samples.js', 'lib/units.js', 'lib/view.js', 'lib/plan.js',
    'lib/shade.js', 'lib/timeline.js', 'lib/history.js', 'lib/i18n.js', 'lib/share.js', 'lib/imagesize.js',
  ];
  for (const m of pure) {
    await import(new URL(`../../www/${m}`, import.meta.url));
  }
  assert.equal(typeof globalThis.document, 'undefined');
});

test('the app page preloads exactly the modules the element imports', () => {
  // Static imports only: what the element needs before it can start its worker.
  const staticDeps = (file) => {
    const text = readFileSync(join(www, file), 'utf8');
    return [
      ...text.matchAll(/^\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]/gm),
      ...text.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm),
    ].map((m) => relative(www, resolve(dirname(join(www, file)), m[1]))).filter((p) => !p.startsWith('pkg/'));
  };
  const closure = new Set();
  const visit = (m) => staticDeps(m).forEach((d) => { if (!closure.has(d)) { closure.add(d); visit(d); } });
  visit('smp-previewer.js');
  const html = readFileSync(join(www, 'index.html'), 'utf8');
  const preloaded = [...html.matchAll(/<link rel="modulepreload" href="([^"]+)">/g)].map((m) => m[1]);
  assert.deepEqual(preloaded, [...closure].sort(), 'index.html: the modulepreload links');
  assert.ok(preloaded.includes('lib/stage.js'));
});
