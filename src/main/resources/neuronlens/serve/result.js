// The drawing pad's results: class probabilities, hidden activations, most active neurons.
'use strict';
NL.drawResult = {
  render(res, weights) {
    const k = res.prediction;
    const prediction = document.getElementById('prediction');
    prediction.textContent = NL.className(k);
    prediction.classList.toggle('named', NL.named());
    document.getElementById('confidence').textContent = (100 * res.probabilities[k]).toFixed(1) + '%';
    const bars = document.getElementById('probabilities');
    bars.classList.toggle('named', NL.named());
    bars.replaceChildren(...res.probabilities.map((p, c) => {
      const fill = NL.el('span', {class: 'fill' + (c === k ? ' win' : '')});
      fill.style.width = (100 * p) + '%';
      const explained = res.attribution && res.attribution.class === c;
      const row = NL.el('div', {class: 'bar' + (explained ? ' explained' : ''),
        title: 'explain ' + NL.className(c) + ' below the pad'}, NL.el('b', {text: NL.className(c)}),
        NL.el('span', {class: 'track'}, fill), NL.el('span', {class: 'muted', text: (100 * p).toFixed(1) + '%'}));
      // a click explains that class (again on the explained one: back to the predicted class)
      row.addEventListener('click', () => {
        NL.draw.explain = c === k || explained ? null : c;
        NL.draw.predict();
      });
      return row;
    }));
    this.intact(res);
    this.why(res.attribution, res);
    if (!res.hidden) return;
    this.heat(res.hidden);
    this.active(res, weights);
  },

  /** With units knocked out, what the whole model says of the same image. */
  intact(res) {
    const p = document.getElementById('intact');
    p.hidden = !res.intact;
    if (!res.intact) return;
    const k = res.intact.prediction;
    const n = res.knocked_out.length;
    p.replaceChildren(n + (n === 1 ? ' unit' : ' units') + ' knocked out; the whole model says ',
      NL.el('b', {text: NL.className(k)}), ' (' + (100 * res.intact.probabilities[k]).toFixed(1) + '%)'
        + (k === res.prediction ? '' : ': the knock-outs changed the answer'));
  },

  /** The integrated gradients of the winning class: which pixels raised its logit, which lowered it. */
  why(a, res) {
    const fig = document.getElementById('why');
    fig.hidden = !a;
    if (!a) return;
    NL.paintWeights(document.getElementById('why-map'), a.values, NL.maxAbs(a.values) || 1);
    const name = NL.className(a.class);
    const predicted = a.class === res.prediction;
    document.getElementById('why-caption').replaceChildren(
      NL.el('b', {text: (predicted ? 'Why ' : 'What speaks for ') + name + ': '}),
      'integrated gradients from a black image. Red pixels raise the logit of ' + name
        + ', blue ones lower it; together they add ' + NL.fmt(a.sum, 2) + ': the logit, '
        + NL.fmt(a.logit, 2) + ', less its value for a black image, ' + NL.fmt(a.baseline_logit, 2) + '.'
        + ' Click a class above to see what speaks for it.');
  },

  heat(h) {
    const box = document.getElementById('hidden');
    const max = Math.max(...h) || 1;
    document.getElementById('hidden-caption').textContent =
      '(' + h.filter((v) => v > 0).length + ' of ' + h.length + ' on, max ' + NL.fmt(max, 2) + ')';
    const knocked = NL.draw.knocked;
    if (knocked.size) document.getElementById('hidden-caption').textContent += ' · ' + knocked.size + ' knocked out';
    box.replaceChildren(...h.map((v, j) => {
      const off = knocked.has(j);
      const cell = NL.el('a', {href: '#/neuron/dense/' + j, class: off ? 'off' : '',
        title: 'neuron ' + j + ': ' + NL.fmt(v, 3) + (off ? ' (knocked out: the layers after it see 0)' : '')});
      const t = v / max;
      cell.style.background = v > 0 ? 'rgba(234, 88, 12,' + (0.12 + 0.88 * t) + ')' : '';
      // in knock-out mode a click silences the unit (or brings it back) instead of opening it
      cell.addEventListener('click', (e) => {
        if (!document.getElementById('knock-mode').checked) return;
        e.preventDefault();
        NL.draw.knock(j);
      });
      return cell;
    }));
  },

  active(res, weights) {
    const k = res.prediction;
    const order = res.hidden.map((v, j) => j).filter((j) => res.hidden[j] > 0)
      .sort((a, b) => res.hidden[b] - res.hidden[a]).slice(0, 8);
    const maxC = Math.max(...order.map((j) => Math.abs(res.contributions[j])), 1e-6);
    document.getElementById('active').replaceChildren(...order.map((j) => {
      const c = NL.el('canvas', {width: 28, height: 28});
      if (weights) NL.paintWeights(c, weights.weights[j], weights.weight_scale);
      const v = res.contributions[j];
      const bar = NL.el('span', {class: 'cbar ' + (v >= 0 ? 'pos' : 'neg')});
      bar.style.width = (100 * Math.abs(v) / maxC) + '%';
      const off = NL.draw.knocked.has(j);
      return NL.el('a', {class: 'neuron-card' + (off ? ' off' : ''), href: '#/neuron/dense/' + j}, c,
        NL.el('div', {}, NL.el('b', {text: '#' + j}),
          NL.el('div', {class: 'muted', text: 'a = ' + NL.fmt(res.hidden[j], 2)}),
          NL.el('div', {class: off ? 'muted' : v >= 0 ? 'pos-text' : 'neg-text',
            text: off ? 'knocked out' : (v >= 0 ? '+' : '') + NL.fmt(v, 2) + ' to ' + NL.className(k)}),
          NL.el('span', {class: 'ctrack'}, bar)));
    }));
  },
};
