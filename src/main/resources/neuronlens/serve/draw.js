// The drawing pad: a 28x28 canvas drawn with mouse or touch; predictions update as you draw.
// "Test image" puts the test set's images on it one after another, sent to the model unshifted.
// Undo (the button, Ctrl+Z or Cmd+Z) takes back the last stroke, test image or clearing.
// Knock-outs: with "knock out" ticked, a click on a unit of the hidden layer holds it at 0 (again:
// back on); the prediction is then the model's without those units, the whole model's beside it.
// "Turn it into" walks the image towards a class as vis.Counterfactual does: each step raises or
// lowers the 8 pixels whose change helps that class's logit most against the strongest other
// class, until the model reads it.
'use strict';
NL.draw = {
  pixels: new Float32Array(784),
  last: null,
  busy: false,
  dirty: false,
  weights: null,
  testNext: 0, // the test image the button loads next
  explain: null, // the class the Why panel explains (a bar clicked), null: the predicted one
  test: null, // the test image on the pad ({index, label}), null once cleared
  drawnOver: false,
  undos: [], // the pad before each change, newest last (at most UNDOS)
  UNDOS: 100,
  knocked: new Set(), // units of the first hidden layer held at 0
  MORPH_STEPS: 100, // steps a walk towards a class may take
  MORPH_PIXELS: 8, // pixels changed a step
  MORPH_BY: 64, // how much each changes (0-255)

  init() {
    const pad = document.getElementById('pad');
    const at = (x, y) => {
      const r = pad.getBoundingClientRect();
      return [(x - r.left) / r.width * 28, (y - r.top) / r.height * 28];
    };
    pad.addEventListener('mousedown', (e) => {
      e.preventDefault();
      this.remember();
      this.stroke(at(e.clientX, e.clientY), true);
    });
    pad.addEventListener('mousemove', (e) => { if (this.last) this.stroke(at(e.clientX, e.clientY), false); });
    window.addEventListener('mouseup', () => { this.last = null; });
    pad.addEventListener('touchstart', (e) => {
      e.preventDefault();
      this.remember();
      const t = e.touches[0];
      this.stroke(at(t.clientX, t.clientY), true);
    }, {passive: false});
    pad.addEventListener('touchmove', (e) => {
      e.preventDefault();
      const t = e.touches[0];
      if (this.last) this.stroke(at(t.clientX, t.clientY), false);
    }, {passive: false});
    pad.addEventListener('touchend', () => { this.last = null; });
    document.getElementById('clear').addEventListener('click', () => { this.remember(); this.clear(); });
    document.getElementById('undo').addEventListener('click', () => this.undo());
    window.addEventListener('keydown', (e) => {
      if ((e.ctrlKey || e.metaKey) && !e.shiftKey && e.key.toLowerCase() === 'z'
          && document.getElementById('view-draw').classList.contains('active')) {
        e.preventDefault();
        this.undo();
      }
    });
    document.getElementById('test-image').addEventListener('click', () => this.loadTest());
    document.getElementById('center').addEventListener('change', () => this.predict());
    document.getElementById('knock-mode').addEventListener('change', (e) => {
      document.getElementById('hidden').classList.toggle('knocking', e.target.checked);
    });
    document.getElementById('morph').addEventListener('click', () => {
      this.morph(Number(document.getElementById('morph-class').value));
    });
    document.getElementById('knock-restore').addEventListener('click', () => {
      this.knocked.clear();
      this.knockTools();
      if (this.hasInk()) this.predict();
    });
    this.clear();
    this.undos = [];
    this.undoButton();
  },

  /** Keeps the pad as it is, for undo, before a change. */
  remember() {
    document.getElementById('morph-status').textContent = '';
    this.undos.push({pixels: Float32Array.from(this.pixels), test: this.test, drawnOver: this.drawnOver,
      explain: this.explain, center: document.getElementById('center').checked});
    if (this.undos.length > this.UNDOS) this.undos.shift();
    this.undoButton();
  },

  /** Puts the pad back as it was before the last change, and predicts it (or clears the result). */
  undo() {
    document.getElementById('morph-status').textContent = '';
    const u = this.undos.pop();
    this.undoButton();
    if (!u) return;
    this.last = null;
    if (u.pixels.every((v) => v === 0)) { this.clear(); return; }
    this.pixels.set(u.pixels);
    this.test = u.test;
    this.drawnOver = u.drawnOver;
    this.explain = u.explain;
    document.getElementById('center').checked = u.center;
    this.caption();
    this.repaint();
    this.predict();
  },

  /** Knocks unit j out, or back on if it was out, and predicts again. */
  knock(j) {
    if (this.knocked.has(j)) this.knocked.delete(j); else this.knocked.add(j);
    this.knockTools();
    if (this.hasInk()) this.predict();
  },

  knockTools() {
    document.getElementById('knock-restore').hidden = this.knocked.size === 0;
  },

  /** Whether anything is on the pad (an empty pad has no prediction to redo). */
  hasInk() {
    return this.pixels.some((v) => v > 0);
  },

  undoButton() {
    document.getElementById('undo').disabled = this.undos.length === 0;
  },

  show() {
    NL.layer(0).then((d) => { this.weights = d; }).catch(NL.showError);
    NL.model().then((m) => {
      const select = document.getElementById('morph-class');
      if (!select.options.length) {
        const n = m.layers[m.layers.length - 1].units;
        for (let c = 0; c < n; c++) select.append(NL.el('option', {value: c, text: NL.className(c)}));
      }
    }).catch(NL.showError);
    NL.model().then((m) => { document.getElementById('test-image').hidden = !m.examples; }).catch(NL.showError);
  },

  /** Puts the next test image on the pad, exactly as the test set holds it, and predicts it. */
  async loadTest() {
    try {
      const d = await NL.api('test/' + this.testNext);
      this.remember();
      this.testNext = (d.index + 1) % d.count;
      this.pixels.set(d.pixels);
      this.test = {index: d.index, label: d.label};
      this.drawnOver = false;
      this.explain = null; // a new image: explain what the model reads in it
      this.last = null;
      this.caption();
      this.repaint();
      this.predict();
    } catch (e) {
      NL.showError(e);
    }
  },

  caption() {
    const t = this.test;
    document.getElementById('test-caption').textContent = t === null ? ''
      : 'test image ' + t.index + ' · true label ' + NL.className(t.label) + (this.drawnOver ? ' · drawn over' : '');
  },

  clear() {
    this.pixels.fill(0);
    this.last = null;
    this.test = null;
    this.drawnOver = false;
    this.explain = null;
    this.caption();
    this.repaint();
    document.getElementById('prediction').textContent = '–';
    document.getElementById('confidence').textContent = 'draw in the box';
    for (const id of ['probabilities', 'hidden', 'active']) document.getElementById(id).replaceChildren();
    document.getElementById('why').hidden = true;
  },

  /** Adds a soft round brush along the segment from the last point (28-grid units). */
  stroke(p, start) {
    const from = start || !this.last ? p : this.last;
    const n = Math.max(1, Math.ceil(Math.hypot(p[0] - from[0], p[1] - from[1]) / 0.25));
    for (let s = 0; s <= n; s++) {
      this.dab(from[0] + (p[0] - from[0]) * s / n, from[1] + (p[1] - from[1]) * s / n);
    }
    this.last = p;
    if (this.test !== null && !this.drawnOver) { this.drawnOver = true; this.caption(); }
    this.repaint();
    this.predict();
  },

  dab(x, y) {
    for (let r = Math.floor(y - 2); r <= Math.ceil(y + 2); r++) {
      for (let c = Math.floor(x - 2); c <= Math.ceil(x + 2); c++) {
        if (r < 0 || r > 27 || c < 0 || c > 27) continue;
        const d = Math.hypot(c + 0.5 - x, r + 0.5 - y);
        const v = 255 * Math.min(1, Math.max(0, 1.7 - d));
        if (v > this.pixels[r * 28 + c]) this.pixels[r * 28 + c] = v;
      }
    }
  },

  repaint() {
    NL.paint(document.getElementById('pad'), this.pixels, 0, 255, NL.gray);
    NL.paint(document.getElementById('pad-input'), this.input(), 0, 255, NL.gray);
  },

  /**
   * What the model sees: the drawing, shifted so its centre of mass is at the centre (as MNIST's
   * digits are); a test image as it is, until it is drawn over.
   */
  input() {
    if (!document.getElementById('center').checked || (this.test !== null && !this.drawnOver)) return this.pixels;
    let m = 0, sx = 0, sy = 0;
    for (let i = 0; i < 784; i++) { m += this.pixels[i]; sx += this.pixels[i] * (i % 28); sy += this.pixels[i] * Math.floor(i / 28); }
    if (m === 0) return this.pixels;
    const dx = Math.round(13.5 - sx / m), dy = Math.round(13.5 - sy / m);
    const out = new Float32Array(784);
    for (let r = 0; r < 28; r++) for (let c = 0; c < 28; c++) {
      const r0 = r - dy, c0 = c - dx;
      if (r0 >= 0 && r0 < 28 && c0 >= 0 && c0 < 28) out[r * 28 + c] = this.pixels[r0 * 28 + c0];
    }
    return out;
  },

  /**
   * Walks what the model sees towards class c, a step at a time, showing each step; one undo takes
   * it all back. It works on the model's input as it is: centring is switched off first.
   */
  async morph(c) {
    const status = document.getElementById('morph-status');
    if (!this.hasInk()) { status.textContent = 'draw something first'; return; }
    if (this.busy) return;
    this.busy = true;
    this.remember();
    this.pixels.set(this.input());
    document.getElementById('center').checked = false;
    if (this.test !== null) { this.drawnOver = true; this.caption(); }
    const start = Float32Array.from(this.pixels);
    let steps = 0;
    let res = null;
    try {
      for (; steps <= this.MORPH_STEPS; steps++) {
        const body = {pixels: Array.from(this.pixels, Math.round), towards: c};
        if (this.knocked.size) body.knock_out = [...this.knocked];
        res = await NL.api('predict', body);
        NL.drawResult.render(res, this.weights);
        if (res.prediction === c || steps === this.MORPH_STEPS) break;
        const g = res.towards.gradient;
        const useful = [...g.keys()]
          .filter((i) => (g[i] > 0 && this.pixels[i] < 255) || (g[i] < 0 && this.pixels[i] > 0))
          .sort((a, b) => Math.abs(g[b]) - Math.abs(g[a]))
          .slice(0, this.MORPH_PIXELS);
        if (!useful.length) break;
        for (const i of useful) {
          this.pixels[i] = Math.min(255, Math.max(0, this.pixels[i] + (g[i] > 0 ? this.MORPH_BY : -this.MORPH_BY)));
        }
        this.repaint();
      }
      const changed = this.pixels.filter((v, i) => v !== start[i]).length;
      status.textContent = res && res.prediction === c
        ? 'read as ' + NL.className(c) + ' after ' + steps + (steps === 1 ? ' step, ' : ' steps, ')
          + changed + ' pixels changed (Undo takes it back)'
        : 'still not ' + NL.className(c) + ' after ' + steps + ' steps';
      NL.showError(null);
    } catch (e) {
      NL.showError(e);
    } finally {
      this.busy = false;
    }
    this.explain = null;
    this.predict();
  },

  /** One request at a time; strokes made meanwhile are sent when it returns. */
  async predict() {
    if (this.busy) { this.dirty = true; return; }
    this.busy = true;
    try {
      const body = {pixels: Array.from(this.input(), Math.round), attribution: true};
      if (this.explain !== null) body.class = this.explain;
      if (this.knocked.size) body.knock_out = [...this.knocked];
      const res = await NL.api('predict', body);
      NL.showError(null);
      NL.drawResult.render(res, this.weights);
    } catch (e) {
      NL.showError(e);
    } finally {
      this.busy = false;
      if (this.dirty) { this.dirty = false; this.predict(); }
    }
  },
};
