// Saving and opening: the full-resolution image, the time strip, the design file and
// the share link; opening a design file or the design a share link carries.
//
// The host (the <smp-previewer> element) provides: `design`, `day`, `stageBox`,
// `t`, `ui` (the AbortController of the interface built), `exportPng()`, `setDesign()` and `fail()`.
import { download } from './dom.js';
import { openShare } from './dialogs.js';
import { fragmentToDesign } from './share.js';

/** Saves `kind` ('image', 'strip', 'design' or 'share'); a failure is shown, not thrown. */
export async function save(host, kind) {
  try {
    if (kind === 'image') download(await host.exportPng(), `smp-preview-${Math.round(host.day)}d.png`);
    else if (kind === 'strip') download(await host.exportPng({ kind: 'strip' }), 'smp-preview-strip.png');
    else if (kind === 'design') download(new Blob([JSON.stringify(host.design, null, 2)], { type: 'application/json' }), 'smp-design.json');
    else if (kind === 'share') await openShare(host.stageBox, { t: host.t, signal: host.ui.signal, design: host.design, pageUrl: location.href });
  } catch (e) {
    host.fail(e, true);
  }
}

/** Opens the design in the page's fragment, if there is one (a damaged one is reported). */
export async function openSharedDesign(host, fragment) {
  const design = await fragmentToDesign(fragment).catch(() => undefined);
  if (design === null) return;
  try {
    if (design === undefined) throw new Error(host.t('errors.designFile'));
    await host.setDesign(design);
  } catch (e) {
    host.fail(e, true);
  }
}

/** Opens a design file saved by the previewer (anything else is reported). */
export async function openDesignFile(host, file) {
  try {
    const design = await file.text().then(JSON.parse).catch(() => { throw new Error(host.t('errors.designFile')); });
    await host.setDesign(design);
  } catch (e) {
    host.fail(e, true);
  }
}
