// The edit controller: what the user's gestures, buttons and keys do to the design.
// The design editor (editor.js) changes the design; this connects it to the stage
// (point drags, strokes, calibration), the toolbar (modes, brush, points, undo) and
// the panel's notes, and asks the element to show and render the result.
//
// The host (the <smp-previewer> element) provides: `editor`, `stage`, `tools`,
// `controls`, `status`, `stageBox`, `photo`, `engine`, `t`, `ui` (the AbortController
// of the interface built), `afterEdit()`, `refresh()` and `requestRender()`.
import { areaBox, twoPointScale } from './editor.js';
import { showMode } from './toolbar.js';
import { openCalibration } from './dialogs.js';
import { foreheadBox, skinColour, skinTypeName } from './shade.js';

export class EditController {
  constructor(host) {
    this.host = host;
    /** The stage's mode: 'hairline', 'brush', 'erase' or 'calibrate'. */
    this.mode = 'hairline';
    /** The brush radius in millimetres. */
    this.brushMm = 12;
    /** Whether the hairline's handles, lines and editing tools show (null: not yet set). */
    this.editing = null;
  }

  /**
   * Zooms by `factor` about the treated area's centre while it is in view (the scalp
   * stays in view), else about the view's centre.
   */
  zoomAboutArea(factor) {
    const { stage, editor, photo } = this.host;
    const box = editor.design && photo ? areaBox(editor.design, photo.width, photo.height, 0) : null;
    const r = stage.viewport.getBoundingClientRect();
    if (box) {
      const [cx, cy] = stage.toClient((box[0] + box[2]) / 2, (box[1] + box[3]) / 2);
      if (cx >= r.left && cx <= r.right && cy >= r.top && cy <= r.bottom) return stage.zoomBy(factor, cx, cy);
    }
    return stage.zoomBy(factor);
  }

  /** Shows or hides the handles, lines and editing tools; leaving, the photo can only be moved. */
  setEditing(on) {
    this.editing = on;
    this.host.stage?.setShowLines(on);
    if (!on && this.mode !== 'hairline') this.setMode('hairline');
  }

  get editor() {
    return this.host.editor;
  }

  /** The toolbar's callbacks (see toolbar.js `buildToolbar`). */
  toolbarActions() {
    const stage = () => this.host.stage;
    return {
      mode: (m) => this.setMode(m),
      brush: (mm) => this.setBrush(mm),
      addPoint: () => this.addPoint(),
      removePoint: () => this.removePoint(),
      undo: () => this.undo(),
      redo: () => this.redo(),
      zoom: (f) => this.zoomAboutArea(f),
      fit: () => stage().fit(),
      compare: (on) => stage().setCompare(on),
      split: (p) => stage().setSplit(p),
      edit: (on) => this.setEditing(on),
    };
  }

  /** The stage's editing callbacks (see stage.js). */
  stageActions() {
    return {
      pointMove: (kind, i, x, y, done) => this.movePoint(kind, i, x, y, done),
      pointSelect: (kind, i) => this.select({ kind, i }),
      pointRemove: (kind, i) => this.removePoint({ kind, i }),
      stroke: (points, done, cancelled) => this.paint(points, done, cancelled),
      calibrate: (points) => this.finishCalibration(points),
      split: (p) => { this.host.tools.split.value = String(Math.round(p * 100)); },
    };
  }

  /** Applies `mutator` to a copy of the design; `live` edits are one undo step together. */
  edit(mutator, options) {
    if (this.editor.edit(mutator, options)) this.host.afterEdit();
    else this.host.refresh();
  }

  /** Lays the template `name` out on the photo, keeping the person's settings. */
  async applyTemplate(name) {
    this.editor.template(name, await this.host.photos.templateDesign(name));
    this.host.afterEdit();
  }

  coverage(mode) {
    this.editor.coverage(mode);
    this.host.afterEdit();
  }

  /** Applies the settings that produce a common mistake (undo brings the design back). */
  showMistake(kind) {
    if (!this.editor.mistake(kind)) return;
    this.host.afterEdit();
    this.host.controls.mistakeNote.textContent = this.host.t(`mistake.${kind}.note`);
  }

  movePoint(kind, i, x, y, done) {
    if (!this.editor.movePoint(kind, i, x, y, done)) return;
    const stage = this.host.stage;
    stage.setHairline(stage.paths, this.editor.pointsPx());
    stage.setSelected(this.editor.selected);
    this.host.requestRender();
  }

  select(sel) {
    this.editor.select(sel);
    this.host.stage.setSelected(sel);
  }

  addPoint() {
    if (!this.editor.addPoint()) return;
    this.host.afterEdit();
    this.host.stage.setSelected(this.editor.selected);
  }

  removePoint(sel) {
    if (!this.editor.removePoint(sel)) return;
    this.host.afterEdit();
    this.host.stage.setSelected(null);
  }

  paint(points, done, cancelled) {
    this.editor.paint(points, { erase: this.mode === 'erase', radiusMm: this.brushMm, done, cancelled });
    this.host.requestRender();
  }

  setMode(mode) {
    this.mode = mode;
    showMode(this.host.tools, mode);
    this.host.stage.setMode(mode);
    this.setBrush(this.brushMm);
  }

  setBrush(mm) {
    this.brushMm = mm;
    if (this.editor.design && this.host.photo) this.host.stage.setBrush(mm * this.editor.pxPerMm());
  }

  undo() {
    this.host.controls.mistakeNote.textContent = '';
    if (this.editor.undo()) this.host.afterEdit();
  }

  redo() {
    if (this.editor.redo()) this.host.afterEdit();
  }

  /** Ctrl/Cmd+Z undoes, with Shift (or Ctrl/Cmd+Y) redoes; not while typing in a field. */
  shortcut(e) {
    const target = e.composedPath()[0];
    if (target?.tagName === 'INPUT' && target.type !== 'range' && target.type !== 'checkbox') return;
    const key = e.ctrlKey || e.metaKey ? e.key.toLowerCase() : '';
    if (key !== 'z' && key !== 'y') return;
    e.preventDefault();
    if (key === 'y' || e.shiftKey) this.redo();
    else this.undo();
  }

  /** Samples the forehead's skin and sets the shade and skin type the engine suggests. */
  async suggestShade() {
    const { photo, stage, engine, controls, t } = this.host;
    const box = foreheadBox(this.editor.design.hairline.front, photo.width, photo.height, this.editor.pxPerMm());
    const { tone } = box ? await engine.request('skinTone', { rgb: skinColour(stage.sample(...box).data) }) : {};
    if (!tone) {
      controls.shadeNote.textContent = t('shadeNoSkin');
      return;
    }
    this.edit((d) => {
      d.shade = tone.suggestedShade;
      d.aftercare.skin_type = tone.skinType;
    });
    controls.shadeNote.textContent = t('shadeSuggested', { type: skinTypeName(tone.skinType), shade: `${Math.round(tone.suggestedShade * 100)}%` });
  }

  /** Two clicks on the photo measure the scale (the stage then calls finishCalibration). */
  startCalibration() {
    this.setMode('calibrate');
    this.host.status.textContent = this.host.t('scale.instructions');
  }

  finishCalibration([[x1, y1], [x2, y2]]) {
    const host = this.host;
    const px = Math.hypot(x2 - x1, y2 - y1);
    openCalibration(host.stageBox, {
      t: host.t,
      signal: host.ui.signal,
      apply: (cm) => {
        const scale = twoPointScale(px, cm, host.photo.width);
        if (scale) this.edit((d) => { d.scale = scale; });
        return !!scale;
      },
      close: () => {
        this.setMode('hairline');
        host.status.textContent = '';
      },
    });
  }
}
