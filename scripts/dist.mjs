// Builds dist/: the widget and the app, self-contained, with relative paths only, so
// the folder can be copied anywhere and served from any path (or another origin):
//   smp-previewer.js, lib/, pkg/ (wasm), demo/, icons/, index.html (the app, with its
//   service worker and manifest), example.html (a host page), EMBEDDING.md, CREDITS.md
//   (the demo photos' attribution).
// Prints every file's size, raw and gzip. Run after scripts/build.sh (npm run dist).
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync,
  writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const repo = fileURLToPath(new URL('..', import.meta.url));
const dist = join(repo, 'dist');
for (const need of ['pkg/smp_preview_bg.wasm', 'pkg/smp_face_bg.wasm', 'www/sw.js']) {
  if (!existsSync(join(repo, need))) {
    console.error(`dist: ${need} is missing; run scripts/build.sh first (npm run dist does)`);
    process.exit(1);
  }
}
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist);
cpSync(join(repo, 'www'), dist, { recursive: true });
mkdirSync(join(dist, 'pkg'));
const pkgFiles = [
  'smp_preview.js', 'smp_preview_bg.wasm', 'smp_preview.d.ts', 'package.json',
  'smp_face.js', 'smp_face_bg.wasm',
];
for (const f of pkgFiles) {
  cpSync(join(repo, 'pkg', f), join(dist, 'pkg', f));
}
cpSync(join(repo, 'docs/EMBEDDING.md'), join(dist, 'EMBEDDING.md'));
// The demo photos' credits, where whoever copies dist/ sees them (CC BY asks for it).
const samples = JSON.parse(readFileSync(join(repo, 'www/demo/samples.json'), 'utf8')).samples;
const credits = [...new Set(samples.map((x) => x.credit))].map((c) => `> ${c}`).join('\n\n');
writeFileSync(join(dist, 'CREDITS.md'), '# Credits\n\n'
  + 'The demo photos in `demo/` are not under the project\'s MIT licence '
  + '(see\n`demo/LICENSE.md`). They are neutral demo models, never clients or treatment results.\n\n'
  + `${credits}\n`);
cpSync(join(repo, 'docs/example.html'), join(dist, 'example.html'));
cpSync(join(repo, 'docs/example.css'), join(dist, 'example.css'));

function walk(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
const rows = walk(dist).map((p) => {
  const bytes = readFileSync(p);
  return { file: relative(dist, p), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
}).sort((a, b) => b.raw - a.raw);
const kb = (n) => `${(n / 1024).toFixed(1)} KiB`;
const sum = (list, k) => list.reduce((s, r) => s + r[k], 0);
console.log('dist/ contents:');
for (const r of rows) {
  console.log(`  ${r.file.padEnd(34)} ${kb(r.raw).padStart(11)} ${kb(r.gzip).padStart(11)} gzip`);
}
const widget = rows
  .filter((r) => /^(smp-previewer\.js|lib\/.*\.js|pkg\/smp_preview(\.js|_bg\.wasm))$/.test(r.file));
const face = rows.filter((r) => /^pkg\/smp_face(\.js|_bg\.wasm)$/.test(r.file));
console.log(`total:  ${kb(sum(rows, 'raw'))} raw, ${kb(sum(rows, 'gzip'))} gzip (${rows.length} files)`);
console.log(`widget (script, modules, worker, wasm; no demo photo): ${kb(sum(widget, 'raw'))} raw, `
  + `${kb(sum(widget, 'gzip'))} gzip`);
console.log(`face module (loaded only when a fit is asked for): ${kb(sum(face, 'raw'))} raw, `
  + `${kb(sum(face, 'gzip'))} gzip`);
writeFileSync(join(dist, 'SIZES.json'),
  JSON.stringify({ files: rows, widget: { raw: sum(widget, 'raw'), gzip: sum(widget, 'gzip') } }, null, 2));
