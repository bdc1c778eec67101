// The engine's facts for the unit tests: read from the built engine (pkg/, built by
// scripts/build.sh before the tests run), so the tests use the one home of each
// number rather than copies, and handed to www/lib/facts.js as the page does.
import { readFileSync } from 'node:fs';
import { initSync, Previewer } from '../../pkg/smp_preview.js';
import { setFacts } from '../../www/lib/facts.js';

initSync({ module: readFileSync(new URL('../../pkg/smp_preview_bg.wasm', import.meta.url)) });

/** `Previewer.facts()` of the built engine. */
export const engineFacts = Previewer.facts();
setFacts(engineFacts);

/** The engine's plan (as seen on day 0) of `design`, as the render worker gives it. */
export function enginePlan(design) {
  const p = new Previewer();
  try {
    p.setDesignJson(JSON.stringify(design));
    return p.plan(0);
  } finally {
    p.free();
  }
}
