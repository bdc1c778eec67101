// Writes pkg/package.json in the shape wasm-pack gives it, so pkg/ can be published
// or installed as an npm package (`npm install ./pkg`).
import { readFileSync, writeFileSync } from 'node:fs';

const cargo = readFileSync(new URL('../Cargo.toml', import.meta.url), 'utf8');
const field = (name) => cargo.match(new RegExp(`^${name} = "(.*)"$`, 'm'))?.[1];
const manifest = {
  name: field('name'),
  description: field('description'),
  version: field('version'),
  license: field('license'),
  type: 'module',
  files: ['smp_preview_bg.wasm', 'smp_preview.js', 'smp_preview.d.ts', 'smp_preview_bg.wasm.d.ts'],
  main: 'smp_preview.js',
  module: 'smp_preview.js',
  types: 'smp_preview.d.ts',
  sideEffects: ['./snippets/*'],
};
writeFileSync(new URL('../pkg/package.json', import.meta.url), JSON.stringify(manifest, null, 2) + '\n');
