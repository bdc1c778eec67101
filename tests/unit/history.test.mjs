// Undo and redo of designs (www/lib/history.js): snapshots, the limit, the redo
// branch cleared by a new edit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { History } from '../../www/lib/history.js';

test('undo and redo walk back and forth through the states', () => {
  const h = new History();
  assert.equal(h.canUndo, false);
  assert.equal(h.undo({ v: 0 }), null, 'nothing to undo');
  assert.equal(h.redo({ v: 0 }), null, 'nothing to redo');
  h.push({ v: 1 });
  h.push({ v: 2 });
  assert.equal(h.canUndo, true);
  assert.deepEqual(h.undo({ v: 3 }), { v: 2 });
  assert.deepEqual(h.undo({ v: 2 }), { v: 1 });
  assert.equal(h.canUndo, false);
  assert.equal(h.canRedo, true);
  assert.deepEqual(h.redo({ v: 1 }), { v: 2 });
  assert.deepEqual(h.redo({ v: 2 }), { v: 3 });
  assert.equal(h.canRedo, false);
});

test('snapshots are copies: later changes to the object do not reach them', () => {
  const h = new History();
  const design = { density: 50, list: [1, 2] };
  h.push(design);
  design.density = 99;
  design.list.push(3);
  assert.deepEqual(h.undo(design), { density: 50, list: [1, 2] });
});

test('a new edit clears what could be redone; the same state twice is one step', () => {
  const h = new History();
  h.push({ v: 1 });
  h.undo({ v: 2 });
  assert.equal(h.canRedo, true);
  h.push({ v: 1 });
  assert.equal(h.canRedo, false);
  h.push({ v: 1 });
  assert.equal(h.undoStack.length, 1, 'a repeated state is not recorded twice');
});

test('only the newest steps up to the limit are kept', () => {
  const h = new History(3);
  for (let v = 1; v <= 5; v++) h.push({ v });
  const seen = [];
  let current = { v: 6 };
  for (let d = h.undo(current); d; d = h.undo(current)) {
    seen.push(d.v);
    current = d;
  }
  assert.deepEqual(seen, [5, 4, 3]);
  h.clear();
  assert.equal(h.canUndo || h.canRedo, false);
});
