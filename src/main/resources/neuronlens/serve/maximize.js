// Activation maximization: run it on the server and watch the image evolve (Server-Sent Events).
'use strict';
NL.maximize = {
  source: null,
  curve: [],

  init() {
    const form = document.getElementById('am-form');
    form.addEventListener('submit', (e) => { e.preventDefault(); this.run(); });
    document.getElementById('am-preset').addEventListener('change', (e) => {
      const seed = e.target.value === 'seed';
      document.getElementById('am-steps').value = seed ? 4000 : 500;
      document.getElementById('am-lr').value = seed ? 0.001 : 0.05;
    });
    document.getElementById('am-layer').addEventListener('change', () => this.limits());
  },

  async show(layer, unit) {
    const model = await NL.model();
    const select = document.getElementById('am-layer');
    if (!select.options.length) {
      for (const l of model.layers) select.append(NL.el('option', {value: l.name, text: l.name}));
    }
    if (layer) select.value = layer;
    if (unit !== undefined) document.getElementById('am-neuron').value = unit;
    this.limits();
  },

  async limits() {
    const model = await NL.model();
    const l = model.layers.find((x) => x.name === document.getElementById('am-layer').value);
    document.getElementById('am-neuron').max = l.units - 1;
  },

  run() {
    if (this.source) this.source.close();
    const q = new URLSearchParams({
      layer: document.getElementById('am-layer').value,
      neuron: document.getElementById('am-neuron').value,
      preset: document.getElementById('am-preset').value,
      steps: document.getElementById('am-steps').value,
      lr: document.getElementById('am-lr').value,
      frames: 50,
    });
    const url = '/api/maximize/stream?' + q;
    const status = document.getElementById('am-status');
    status.textContent = 'running…';
    NL.showError(null);
    this.curve = [];
    this.weights(q.get('layer'), q.get('neuron'));
    let frames = 0;
    const src = this.source = new EventSource(url);
    src.addEventListener('frame', (e) => {
      const f = JSON.parse(e.data);
      frames++;
      NL.paintPixels(document.getElementById('am-image'), f.image);
      document.getElementById('am-step').textContent =
        'step ' + f.step + ' / ' + q.get('steps') + ' · objective ' + NL.fmt(f.objective, 2);
      this.curve.push([f.step, f.objective]);
      this.plot(Number(q.get('steps')));
    });
    src.addEventListener('done', (e) => {
      const d = JSON.parse(e.data);
      src.close();
      this.curve = d.objective.map((v, t) => [t, v]);
      this.plot(d.steps);
      status.textContent = 'done: ' + d.layer + ' #' + d.unit + ', ' + d.steps + ' steps of ' + d.preset +
        ', objective (' + d.objective_kind + ') ' + NL.fmt(d.final_objective, 2) + '; the model reads the image as ' + NL.className(d.predicted);
    });
    src.addEventListener('error', () => {
      src.close();
      if (frames === 0) {   // the stream was refused: ask again to read the JSON error
        fetch(url).then((r) => r.json()).then((j) => { status.textContent = ''; NL.showError(new Error(j.error)); })
          .catch(() => NL.showError(new Error('the server did not answer')));
      }
    });
  },

  async weights(layer, unit) {
    try {
      const d = await NL.layer(layer);
      if (d.weights[unit]) NL.paintWeights(document.getElementById('am-weights'), d.weights[unit], d.weight_scale);
    } catch (e) { /* the stream reports bad input */ }
  },

  /** A line plot of the objective against the step. */
  plot(steps) {
    const c = document.getElementById('am-curve');
    const g = c.getContext('2d');
    g.clearRect(0, 0, c.width, c.height);
    if (!this.curve.length) return;
    const ys = this.curve.map((p) => p[1]);
    const lo = Math.min(...ys, 0), hi = Math.max(...ys, 1e-6);
    const pad = 28, w = c.width - pad - 8, h = c.height - 2 * 14;
    const X = (s) => pad + w * s / Math.max(1, steps), Y = (v) => 14 + h * (1 - (v - lo) / (hi - lo || 1));
    g.strokeStyle = '#d1d5db'; g.beginPath(); g.moveTo(pad, Y(0)); g.lineTo(pad + w, Y(0)); g.stroke();
    g.fillStyle = '#6b7280'; g.font = '11px sans-serif';
    g.fillText(NL.fmt(hi, 1), 2, 18); g.fillText(NL.fmt(lo, 1), 2, c.height - 4);
    g.strokeStyle = '#ea580c'; g.lineWidth = 2; g.beginPath();
    this.curve.forEach(([s, v], i) => (i ? g.lineTo(X(s), Y(v)) : g.moveTo(X(s), Y(v))));
    g.stroke();
  },
};
