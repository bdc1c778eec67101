// The edit controller: what the user's gestures, buttons and keys do to the design.
// The design editor (editor.js) changes the design; this connects it to the stage
// (point drags, strokes, calibration), the toolbar (modes, brush, points, undo) and
// the panel's notes, and says when the result is to be shown and rendered. It reaches
// the interface only through `ui()` (interface.js), and nothing until it is built.
import { areaBox, twoPointScale } from './editor.js';
import { showMode } from './toolbar.js';
import { openCalibration } from './dialogs.js';
import { skinTypeName } from './shade.js';

/**
 * What a key press does: 'undo' (Ctrl/Cmd+Z), 'redo' (with Shift, or Ctrl/Cmd+Y) or
 * null (other keys, or typing in a field: `target` is the element the key went to).
 */
export function shortcutOf({ key, ctrlKey, metaKey, shiftKey }, target) {
  if (target?.tagName === 'INPUT' && target.type !== 'range' && target.type !== 'checkbox') return null;
  const k = ctrlKey || metaKey ? key.toLowerCase() : '';
  if (k === 'y' || (k === 'z' && shiftKey)) return 'redo';
  return k === 'z' ? 'undo' : null;
}

/**
 * Where to zoom about: the centre of the treated area's `box` (photo pixels) in client
 * pixels (`toClient`), when it lies within the viewport's `rect`; else null.
 */
export function zoomCentre(box, toClient, rect) {
  if (!box) return null;
  const [cx, cy] = toClient((box[0] + box[2]) / 2, (box[1] + box[3]) / 2);
  return cx >= rect.left && cx <= rect.right && cy >= rect.top && cy <= rect.bottom ? [cx, cy] : null;
}

export class EditController {
  /**
   * @param {object} o
   * @param {object} o.editor the design editor (editor.js)
   * @param {() => object|null} o.ui the interface built (interface.js: `stage`, `tools`,
   *   `controls`, `status`, `stageBox`, `signal`), null before
   * @param {() => object|null} o.photo the photo's size (`width`, `height`), null before
   * @param {() => object} o.engine the current engine (requests 'suggestShade')
   * @param {() => Function} o.t the translator
   * @param {() => void} o.changed the design changed: show it, update the curve, render
   * @param {() => void} o.refresh show the design as it is (nothing changed)
   * @param {() => void} o.render ask for a frame
   * @param {(name: string) => Promise<object>} o.templateDesign template `name` laid out on the photo
   */
  constructor({ editor, ui, photo, engine, t, changed, refresh, render, templateDesign }) {
    Object.assign(this, { editor, ui, photo, engine, t, changed, refresh, render, templateDesign });
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
    const { stage } = this.ui();
    const { editor } = this;
    const photo = this.photo();
    const box = editor.design && photo ? areaBox(editor.design, photo.width, photo.height, 0) : null;
    const centre = zoomCentre(box, (x, y) => stage.toClient(x, y), stage.viewport.getBoundingClientRect());
    return centre ? stage.zoomBy(factor, ...centre) : stage.zoomBy(factor);
  }

  /** Shows or hides the handles, lines and editing tools; leaving, the photo can only be moved. */
  setEditing(on) {
    this.editing = on;
    this.ui()?.stage?.setShowLines(on);
    if (!on && this.mode !== 'hairline') this.setMode('hairline');
  }

  /** The toolbar's callbacks (see toolbar.js `buildToolbar`). */
  toolbarActions() {
    const stage = () => this.ui().stage;
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
      split: (p) => { this.ui().tools.split.value = String(Math.round(p * 100)); },
    };
  }

  /** Applies `mutator` to a copy of the design; `live` edits are one undo step together. */
  edit(mutator, options) {
    if (this.editor.edit(mutator, options)) this.changed();
    else this.refresh();
  }

  /** Lays the template `name` out on the photo, keeping the person's settings. */
  async applyTemplate(name) {
    this.editor.template(name, await this.templateDesign(name));
    this.changed();
  }

  coverage(mode) {
    this.editor.coverage(mode);
    this.changed();
  }

  /** Applies the settings that produce a common mistake (undo brings the design back). */
  showMistake(kind) {
    if (!this.editor.mistake(kind)) return;
    this.changed();
    this.ui().controls.mistakeNote.textContent = this.t()(`mistake.${kind}.note`);
  }

  movePoint(kind, i, x, y, done) {
    if (!this.editor.movePoint(kind, i, x, y, done)) return;
    const { stage } = this.ui();
    stage.setHairline(stage.paths, this.editor.pointsPx());
    stage.setSelected(this.editor.selected);
    this.render();
  }

  select(sel) {
    this.editor.select(sel);
    this.ui().stage.setSelected(sel);
  }

  addPoint() {
    if (!this.editor.addPoint()) return;
    this.changed();
    this.ui().stage.setSelected(this.editor.selected);
  }

  removePoint(sel) {
    if (!this.editor.removePoint(sel)) return;
    this.changed();
    this.ui().stage.setSelected(null);
  }

  paint(points, done, cancelled) {
    this.editor.paint(points, { erase: this.mode === 'erase', radiusMm: this.brushMm, done, cancelled });
    this.render();
  }

  setMode(mode) {
    this.mode = mode;
    const { tools, stage } = this.ui();
    showMode(tools, mode);
    stage.setMode(mode);
    this.setBrush(this.brushMm);
  }

  setBrush(mm) {
    this.brushMm = mm;
    if (this.editor.design && this.photo()) this.ui().stage.setBrush(mm * this.editor.pxPerMm());
  }

  undo() {
    this.ui().controls.mistakeNote.textContent = '';
    if (this.editor.undo()) this.changed();
  }

  redo() {
    if (this.editor.redo()) this.changed();
  }

  /** Ctrl/Cmd+Z undoes, with Shift (or Ctrl/Cmd+Y) redoes; not while typing in a field. */
  shortcut(e) {
    const act = shortcutOf(e, e.composedPath()[0]);
    if (!act) return;
    e.preventDefault();
    this[act]();
  }

  /**
   * Sets the shade and skin type the engine suggests from the skin it samples (the
   * forehead below the hairline, where the skin mask samples it).
   */
  async suggestShade() {
    const { controls } = this.ui();
    const t = this.t();
    const json = JSON.stringify(this.editor.design);
    const { tone } = await this.engine().request('suggestShade', { json });
    if (!tone) {
      controls.shadeNote.textContent = t('shadeNoSkin');
      return;
    }
    this.edit((d) => {
      d.shade = tone.suggestedShade;
      d.aftercare.skin_type = tone.skinType;
    });
    const shade = `${Math.round(tone.suggestedShade * 100)}%`;
    controls.shadeNote.textContent = t('shadeSuggested', { type: skinTypeName(tone.skinType), shade });
  }

  /** Two clicks on the photo measure the scale (the stage then calls finishCalibration). */
  startCalibration() {
    this.setMode('calibrate');
    this.ui().status.textContent = this.t()('scale.instructions');
  }

  finishCalibration([[x1, y1], [x2, y2]]) {
    const ui = this.ui();
    const px = Math.hypot(x2 - x1, y2 - y1);
    openCalibration(ui.stageBox, {
      t: this.t(),
      signal: ui.signal,
      apply: (cm) => {
        const scale = twoPointScale(px, cm, this.photo().width);
        if (scale) this.edit((d) => { d.scale = scale; });
        return !!scale;
      },
      close: () => {
        this.setMode('hairline');
        ui.status.textContent = '';
      },
    });
  }
}
