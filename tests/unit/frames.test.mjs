// The render loop (www/lib/frames.js) without a browser: the requests of one task
// render once, with the current design and day; a refused design goes back to the
// last one that rendered; a stale or cancelled frame draws nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DesignEditor } from '../../www/lib/editor.js';
import { FrameLoop } from '../../www/lib/frames.js';
import { design } from './design.mjs';

/** A loop on a fake engine whose `render` answers with `answer(args)`; `log` lists what happened. */
function loop(answer = () => ({ count: 3, ms: 1 })) {
  const editor = new DesignEditor();
  editor.setSize(1000, 800);
  editor.replace(design());
  editor.accept(editor.design);
  const log = [];
  const state = { engine: null, day: 70, photo: true };
  state.engine = {
    render: async (args) => {
      log.push(['render', args.day, JSON.parse(args.json).density]);
      return answer(args);
    },
  };
  const frames = new FrameLoop({
    editor,
    engine: () => state.engine,
    ready: () => state.photo,
    day: () => state.day,
    started: () => log.push(['started']),
    drawn: (r, frame) => log.push(['drawn', frame.day, frame.impressions]),
    refused: (e) => log.push(['refused', e.message]),
  });
  return { frames, editor, log, state };
}

test('the requests of one task render once, with the design and day when the task ends', async () => {
  const { frames, editor, log, state } = loop();
  const a = frames.request();
  editor.edit((d) => { d.density = 99; });
  state.day = 400;
  const b = frames.request();
  assert.equal(a, b, 'one frame for both');
  assert.deepEqual(log, [], 'nothing before the task ends');
  await b;
  assert.deepEqual(log, [['started'], ['render', 400, 99], ['drawn', 400, 3]]);
});

test('a refused design goes back to the last one that rendered', async () => {
  const { frames, editor, log } = loop(({ json }) => {
    if (JSON.parse(json).density > 150) throw new Error('density too high');
    return { count: 1 };
  });
  editor.edit((d) => { d.density = 120; });
  await frames.request();
  editor.edit((d) => { d.density = 500; });
  await frames.request();
  assert.equal(editor.design.density, 120, 'reverted to the last good one');
  assert.deepEqual(log.at(-1), ['refused', 'density too high']);
});

test('a fatal error, a stale frame or a removed element draws nothing and reports nothing', async () => {
  const fatal = loop(() => { throw Object.assign(new Error('crashed'), { fatal: true }); });
  await fatal.frames.request();
  assert.deepEqual(fatal.log.map((l) => l[0]), ['started', 'render']);
  const stale = loop(() => ({ stale: true }));
  await stale.frames.request();
  assert.deepEqual(stale.log.map((l) => l[0]), ['started', 'render']);
  const removed = loop();
  removed.state.engine = null;
  await removed.frames.request();
  assert.deepEqual(removed.log, []);
  const noPhoto = loop();
  noPhoto.state.photo = false;
  await noPhoto.frames.request();
  assert.deepEqual(noPhoto.log, []);
});

test('a cancelled frame is not rendered, and whoever waits for it is let go', async () => {
  const { frames, log } = loop();
  const done = frames.request();
  frames.cancel();
  await done;
  await new Promise((r) => setTimeout(r, 0));
  assert.deepEqual(log, []);
});
