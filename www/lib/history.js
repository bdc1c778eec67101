// Undo/redo of designs: snapshots as JSON text, so no later edit can change them.

export class History {
  constructor(limit = 200) {
    this.limit = limit;
    this.undoStack = [];
    this.redoStack = [];
  }

  /** Records `previous` (the state before an edit) so the edit can be undone. */
  push(previous) {
    const text = JSON.stringify(previous);
    if (this.undoStack.at(-1) === text) return;
    this.undoStack.push(text);
    if (this.undoStack.length > this.limit) this.undoStack.shift();
    this.redoStack.length = 0;
  }

  /** The state to go back to from `current`, or null. */
  undo(current) {
    const text = this.undoStack.pop();
    if (text === undefined) return null;
    this.redoStack.push(JSON.stringify(current));
    return JSON.parse(text);
  }

  /** The state to go forward to from `current`, or null. */
  redo(current) {
    const text = this.redoStack.pop();
    if (text === undefined) return null;
    this.undoStack.push(JSON.stringify(current));
    return JSON.parse(text);
  }

  get canUndo() {
    return this.undoStack.length > 0;
  }

  get canRedo() {
    return this.redoStack.length > 0;
  }

  clear() {
    this.undoStack.length = 0;
    this.redoStack.length = 0;
  }
}
