// Shared by the widget's end-to-end tests (widget-*.test.mjs): host pages written to a
// scratch folder and served with the app under /host/, a browser for the file's tests,
// and the console's errors and warnings.
import { before, after } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo, launch, serveApp } from './harness.mjs';

export let browser;
export let hostDir;
export const servers = [];

/** Serves www/ and pkg/ plus the host pages written to `hostDir` under /host/. */
export async function serveWithHosts(headers = {}) {
  const s = await serveApp({
    mounts: { '/host/': hostDir, '/pkg/': join(repo, 'pkg'), '/': join(repo, 'www') },
    headers,
  });
  servers.push(s);
  return s;
}

export function hostPage(name, body, head = '') {
  writeFileSync(join(hostDir, name), `<!doctype html><html lang="en"><head><meta charset="utf-8">
<link rel="icon" href="data:,">${head}</head><body>${body}</body></html>`);
  return `host/${name}`;
}

/**
 * Writes the host pages' style sheets and launches Chromium before the calling file's
 * tests; closes it, every server and the folder after them.
 */
export function startHosts() {
  before(async () => {
    hostDir = mkdtempSync(join(tmpdir(), 'smp-hosts-'));
    writeFileSync(join(hostDir, 'hostile.css'), `
* { all: revert !important; }
canvas { display: none !important; }
button { font-size: 40px !important; }
div { padding: 30px !important; border: 5px solid red !important; }
smp-previewer { height: 700px; }`);
    writeFileSync(join(hostDir, 'plain.css'), 'smp-previewer { height: 640px; display: block; }');
    browser = await launch();
  });

  after(async () => {
    await browser?.close();
    for (const s of servers) await s.close();
    rmSync(hostDir, { recursive: true, force: true });
  });
}

/** The page's console errors and warnings. */
export const consoleProblems = (page) =>
  page.smp.console.filter((m) => m.type === 'error' || m.type === 'warning');
