// Languages and the guide panel in Chromium: Arabic lays the element out right to
// left (mirrored bar, toolbar and panel; the photo, its before/after split and the time
// axis stay physical), Spanish, French and Turkish show their own words without
// overflowing, and the guide panel can be hidden, opened, or replaced by a clinic's
// own text through its slot. Screenshots go to test-results/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo, artifacts, launch, serveApp, open, waitForRender, renderAfter } from './harness.mjs';

let browser;
let server;
let hostDir;

before(async () => {
  hostDir = mkdtempSync(join(tmpdir(), 'smp-lang-'));
  server = await serveApp({ mounts: { '/host/': hostDir, '/pkg/': join(repo, 'pkg'),
    '/': join(repo, 'www') } });
  browser = await launch();
});

after(async () => {
  await browser?.close();
  await server?.close();
  rmSync(hostDir, { recursive: true, force: true });
});

/** Opens a host page holding `body` and waits for the first frame. */
async function host(name, body) {
  writeFileSync(join(hostDir, name), `<!doctype html><html lang="en"><head><meta charset="utf-8">\
<link rel="icon" href="data:,">
<style>smp-previewer { height: 760px; }</style><script type="module" src="/smp-previewer.js"></script>\
</head><body>${body}</body></html>`);
  const page = await open(browser.context, `${server.url}host/${name}`);
  await waitForRender(page, 1);
  return page;
}

const problems = (page) => [...page.smp.errors,
  ...page.smp.console.filter((m) => m.type === 'error' || m.type === 'warning').map((m) => m.text)];

test('lang="ar": right to left, Arabic words, the layout mirrored', async () => {
  const page = await host('ar.html', '<smp-previewer lang="ar"></smp-previewer>');
  const info = await page.evaluate(() => {
    const root = document.querySelector('smp-previewer').shadowRoot;
    const box = (q) => root.querySelector(q).getBoundingClientRect();
    const buttons = [...root.querySelectorAll('.tools button')].filter((b) => !b.hidden);
    const tools = box('.tools');
    return {
      dir: root.querySelector('.app').getAttribute('dir'),
      lang: root.querySelector('.app').getAttribute('lang'),
      upload: root.querySelector('[data-act=upload]').textContent,
      first: buttons[0].getBoundingClientRect().toJSON(),
      second: buttons[1].getBoundingClientRect().toJSON(),
      tools: tools.toJSON(),
      title: box('.bar h1').toJSON(),
      upl: box('[data-act=upload]').toJSON(),
      panel: box('.panel').toJSON(),
      stage: box('.stage').toJSON(),
      chartDir: getComputedStyle(root.querySelector('.chart')).direction,
      dayDir: getComputedStyle(root.querySelector('.time input[type=range]')).direction,
      overflow: document.documentElement.scrollWidth - window.innerWidth,
    };
  });
  assert.equal(info.dir, 'rtl');
  assert.equal(info.lang, 'ar');
  assert.equal(info.upload, 'تحميل صورة');
  // The toolbar starts at the right: its first button is right of its second, at the edge.
  assert.ok(info.first.left > info.second.left,
    `first button at ${info.first.left}, second at ${info.second.left}`);
  assert.ok(info.tools.right - info.first.right < 20, 'the first button sits at the right edge');
  // The title is at the right, the actions at the left; the panel left of the photo.
  assert.ok(info.title.left > info.upl.left, 'title right of the upload button');
  assert.ok(info.panel.right <= info.stage.left + 1,
    `panel ${info.panel.left}–${info.panel.right}, stage from ${info.stage.left}`);
  // The time axis is not mirrored: chart and slider run left to right.
  assert.equal(info.chartDir, 'ltr');
  assert.equal(info.dayDir, 'ltr');
  assert.ok(info.overflow <= 0, 'no horizontal overflow');
  await page.screenshot({ path: join(artifacts, 'languages-ar.png') });

  // The before/after split stays physical: "before" left of the divider, over the photo's left.
  const split = await page.evaluate(async () => {
    const root = document.querySelector('smp-previewer').shadowRoot;
    [...root.querySelectorAll('.tools button')].find((b) => b.textContent === 'مقارنة').click();
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    const x = (q) => root.querySelector(q).getBoundingClientRect();
    return { before: x('.split .tag.before').left, after: x('.split .tag.after').left, line: x('.split').left,
      text: root.querySelector('.split .tag.before').textContent };
  });
  assert.equal(split.text, 'قبل');
  assert.ok(split.before < split.line && split.after > split.line, JSON.stringify(split));
  await page.screenshot({ path: join(artifacts, 'languages-ar-compare.png') });
  assert.deepEqual(problems(page), []);
  await page.close();
});

test('Spanish, French and Turkish show their own words and do not overflow', async () => {
  const expected = { es: ['Subir foto', 'Guía: ¿es la SMP para usted?'],
    fr: ['Importer une photo', 'Guide\u00a0: la SMP est-elle faite pour vous\u202f?'],
    tr: ['Fotoğraf yükle', 'Rehber: SMP size uygun mu?'] };
  const page = await host('ltr.html', '<smp-previewer lang="en"></smp-previewer>');
  for (const [lang, [upload, guide]] of Object.entries(expected)) {
    await renderAfter(page,
      () => page.evaluate((l) => document.querySelector('smp-previewer').setAttribute('lang', l), lang));
    const info = await page.evaluate(() => {
      const root = document.querySelector('smp-previewer').shadowRoot;
      return {
        dir: root.querySelector('.app').getAttribute('dir'),
        upload: root.querySelector('[data-act=upload]').textContent,
        guide: root.querySelector('details.guide summary').textContent,
        overflow: document.documentElement.scrollWidth - window.innerWidth,
      };
    });
    assert.equal(info.dir, 'ltr', lang);
    assert.equal(info.upload, upload, lang);
    assert.equal(info.guide, guide, lang);
    assert.ok(info.overflow <= 0, `${lang} overflows`);
  }
  await page.screenshot({ path: join(artifacts, 'languages-tr.png') });
  assert.deepEqual(problems(page), []);
  await page.close();
});

test('the guide panel: shown by default, guide="open" opens it, guide="off" hides it', async () => {
  const page = await host('guide.html', '<smp-previewer lang="en" guide="open"></smp-previewer>');
  const state = () => page.evaluate(() => {
    const d = document.querySelector('smp-previewer').shadowRoot.querySelector('details.guide');
    return d ? { shown: d.getBoundingClientRect().height > 0, open: d.open,
      text: d.querySelector('.guide-text')?.textContent ?? '' } : null;
  });
  const open = await state();
  assert.equal(open.shown, true);
  assert.equal(open.open, true);
  for (const words of ['Who SMP can suit', 'Norwood', 'Female pattern thinning', 'Alopecia areata',
    'medication', 'transplant', 'two or three sessions', 'red for a few days', 'about a month', 'From day 4',
    'From day 7', 'sunscreen and moisturiser', 'every few years', 'before-and-after', 'reviews', 'licensed',
    'rather than the same one for everyone', 'experience', 'listen']) {
    assert.ok(open.text.includes(words), `the guide says "${words}"`);
  }
  await page.evaluate(() => document.querySelector('smp-previewer').shadowRoot
    .querySelector('details.guide').scrollIntoView());
  await page.screenshot({ path: join(artifacts, 'languages-guide-en.png') });
  await page.evaluate(() => document.querySelector('smp-previewer').setAttribute('guide', 'off'));
  assert.equal((await state()).shown, false, 'guide="off" hides the panel');
  await page.evaluate(() => document.querySelector('smp-previewer').removeAttribute('guide'));
  const plain = await state();
  assert.equal(plain.shown, true, 'without the attribute the panel is there');
  assert.equal(plain.open, false, '… collapsed');
  assert.deepEqual(problems(page), []);
  await page.close();
});

test('a clinic\'s own guidance in the slot replaces the built-in text', async () => {
  const page = await host('slot.html', '<smp-previewer lang="de" guide="open"><div slot="guide" id="own">'
    + '<h3>Unser Ablauf</h3><p>Drei Sitzungen im Abstand von zehn Tagen.</p></div></smp-previewer>');
  const info = await page.evaluate(() => {
    const el = document.querySelector('smp-previewer');
    const root = el.shadowRoot;
    const slot = root.querySelector('details.guide slot[name=guide]');
    return {
      assigned: slot.assignedElements().map((e) => e.id),
      own: document.getElementById('own').getBoundingClientRect().height,
      builtIn: root.querySelector('.guide-text').getBoundingClientRect().height,
      summary: root.querySelector('details.guide summary').textContent,
      font: getComputedStyle(document.getElementById('own')).fontFamily,
    };
  });
  assert.deepEqual(info.assigned, ['own']);
  assert.ok(info.own > 20, 'the clinic\'s text is shown');
  assert.equal(info.builtIn, 0, 'the built-in text is not');
  assert.equal(info.summary, 'Ratgeber: Ist SMP etwas für Sie?');
  assert.match(info.font, /system-ui/, 'the slotted text inherits the element\'s font');
  await page.evaluate(() => document.querySelector('smp-previewer').shadowRoot
    .querySelector('details.guide').scrollIntoView());
  await page.screenshot({ path: join(artifacts, 'languages-guide-slot.png') });
  assert.deepEqual(problems(page), []);
  await page.close();
});
