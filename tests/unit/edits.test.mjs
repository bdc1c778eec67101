// The edit controller (www/lib/edits.js) without a browser: keys to undo and redo,
// where zooming centres, and what the controller does with the editor and a fake
// stage and panel (an edit is shown and rendered, a point drag renders only, a
// template comes from its `templateDesign` input, the brush in photo pixels).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DesignEditor } from '../../www/lib/editor.js';
import { EditController, shortcutOf, zoomCentre } from '../../www/lib/edits.js';
import { design } from './design.mjs';
import './engine-facts.mjs';

test('Ctrl/Cmd+Z undoes, with Shift or Ctrl/Cmd+Y redoes; not while typing in a field', () => {
  const key = (k, o = {}) => ({ key: k, ctrlKey: false, metaKey: false, shiftKey: false, ...o });
  assert.equal(shortcutOf(key('z', { ctrlKey: true })), 'undo');
  assert.equal(shortcutOf(key('Z', { metaKey: true })), 'undo');
  assert.equal(shortcutOf(key('z', { ctrlKey: true, shiftKey: true })), 'redo');
  assert.equal(shortcutOf(key('y', { metaKey: true })), 'redo');
  assert.equal(shortcutOf(key('z')), null, 'no modifier');
  assert.equal(shortcutOf(key('x', { ctrlKey: true })), null);
  const ctrlZ = key('z', { ctrlKey: true });
  assert.equal(shortcutOf(ctrlZ, { tagName: 'INPUT', type: 'number' }), null, 'typing in a field');
  assert.equal(shortcutOf(ctrlZ, { tagName: 'INPUT', type: 'range' }), 'undo', 'a slider is no field');
  assert.equal(shortcutOf(ctrlZ, { tagName: 'INPUT', type: 'checkbox' }), 'undo');
});

test('zooming centres on the treated area while it is in view, else nowhere in particular', () => {
  const rect = { left: 0, top: 0, right: 500, bottom: 400 };
  const toClient = (x, y) => [x / 2, y / 2];
  assert.deepEqual(zoomCentre([100, 100, 300, 200], toClient, rect), [100, 75]);
  assert.equal(zoomCentre([1200, 100, 1400, 200], toClient, rect), null, 'out of view');
  assert.equal(zoomCentre(null, toClient, rect), null, 'no area');
});

/** A controller on the real editor with a fake stage, toolbar and panel; `log` lists what it asked for. */
function controller() {
  const editor = new DesignEditor();
  editor.setSize(1000, 800);
  editor.replace(design());
  editor.accept(editor.design);
  const log = [];
  const stage = {
    paths: null,
    setHairline: () => log.push('hairline'),
    setSelected: (sel) => log.push(['selected', sel]),
    setMode: (m) => log.push(['mode', m]),
    setBrush: (px) => log.push(['brush', px]),
  };
  const mode = () => ({ dataset: {}, setAttribute() {} });
  const tools = { brushLabel: {}, addPoint: {}, removePoint: {}, hairline: mode(), split: { value: '50' } };
  const controls = { mistakeNote: { textContent: '' }, shadeNote: { textContent: '' } };
  const ui = { stage, tools, controls, status: { textContent: '' } };
  const edits = new EditController({
    editor,
    ui: () => ui,
    photo: () => ({ width: 1000, height: 800 }),
    engine: () => null,
    t: () => (key) => `«${key}»`,
    changed: () => log.push('changed'),
    refresh: () => log.push('refresh'),
    render: () => log.push('render'),
    templateDesign: async (name) => design({ density: name === 'defined' ? 95 : 80, seed: 99 }),
  });
  return { edits, editor, log, ui };
}

test('an edit is shown and rendered; the end of a live edit (nothing applied) only refreshes', () => {
  const { edits, editor, log } = controller();
  edits.edit((d) => { d.density = 100; }, { live: true });
  assert.equal(editor.design.density, 100);
  edits.edit(null);
  assert.deepEqual(log, ['changed', 'refresh']);
});

test('undo clears the mistake note; a mistake says what it shows', () => {
  const { edits, editor, log, ui } = controller();
  edits.showMistake('helmet');
  assert.equal(ui.controls.mistakeNote.textContent, '«mistake.helmet.note»');
  assert.notEqual(editor.design.density, 80);
  edits.undo();
  assert.equal(ui.controls.mistakeNote.textContent, '');
  assert.equal(editor.design.density, 80);
  assert.deepEqual(log, ['changed', 'changed']);
  edits.showMistake('no-such-mistake');
  assert.deepEqual(log, ['changed', 'changed'], 'an unknown mistake changes nothing');
});

test('a template comes from the templateDesign input, keeping the person settings', async () => {
  const { edits, editor, log } = controller();
  await edits.applyTemplate('defined');
  assert.equal(editor.templateName, 'defined');
  assert.equal(editor.design.density, 95);
  assert.equal(editor.design.seed, 7, 'the seed is the person’s');
  assert.deepEqual(log, ['changed']);
});

test('a point drag moves the handle and renders, without a full refresh', () => {
  const { edits, editor, log } = controller();
  edits.movePoint('front', 1, 500, 150, false);
  assert.equal(editor.design.hairline.front[1].y, 150 / 800);
  assert.deepEqual(log.map((l) => (Array.isArray(l) ? l[0] : l)), ['hairline', 'selected', 'render']);
});

test('the brush is sized in photo pixels; painting in the erase mode erases', () => {
  const { edits, editor, log } = controller();
  edits.setMode('erase');
  assert.deepEqual(log.slice(0, 1), [['mode', 'erase']]);
  const [, px] = log.find((l) => l[0] === 'brush');
  assert.ok(Math.abs(px - 12 * editor.pxPerMm()) < 1e-9, `${px} px`);
  edits.paint([[500, 100], [520, 110]], true, false);
  assert.equal(editor.design.strokes.at(-1).mode, 'erase');
  assert.equal(log.at(-1), 'render');
});
