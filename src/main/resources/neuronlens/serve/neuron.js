// One neuron's page: weights, AM image, facts, outgoing weights and top test images.
'use strict';
NL.neuron = {
  async show(layer, unit) {
    const d = await NL.api('neurons/' + encodeURIComponent(layer) + '/' + unit);
    const model = await NL.model();
    const output = model.layers[model.layers.length - 1].name === d.layer && NL.named();
    document.getElementById('neuron-title').textContent =
      d.layer + ' · neuron ' + d.unit + (output ? ' (' + NL.className(d.unit) + ')' : '');
    const prev = (d.unit + d.units - 1) % d.units, next = (d.unit + 1) % d.units;
    document.getElementById('neuron-prev').href = '#/neuron/' + d.layer + '/' + prev;
    document.getElementById('neuron-next').href = '#/neuron/' + d.layer + '/' + next;
    document.getElementById('neuron-maximize').href = '#/maximize/' + d.layer + '/' + d.unit;
    document.getElementById('neuron-dead').hidden = !d.dead;
    // a unit of the first hidden layer can be knocked out on the Draw page
    const knock = document.getElementById('neuron-knock');
    knock.hidden = !(d.layer === model.layers[0].name && model.layers.length > 1);
    knock.onclick = () => {
      NL.draw.knocked.add(d.unit);
      NL.draw.knockTools();
      location.hash = '#/draw';
      if (NL.draw.hasInk()) NL.draw.predict();
    };
    NL.paintWeights(document.getElementById('neuron-weights'), d.weights, d.weight_scale);
    document.getElementById('neuron-weights-caption').textContent =
      d.weights_kind + ' (±' + NL.fmt(d.weight_scale, 3) + ')';
    NL.paintAm(document.getElementById('neuron-am'), d.am);
    document.getElementById('neuron-am-caption').textContent =
      'activation maximization (natural preset; white = its brightest pixel, ' + NL.fmt(Math.max(...d.am), 0) + ')';
    const facts = document.getElementById('neuron-facts');
    facts.replaceChildren(
      fact('correlation r (weights vs AM)', NL.fmt(d.correlation, 2)),
      fact('bias', NL.fmt(d.bias, 4)),
      fact('AM objective reached', NL.fmt(d.am_objective, 2)),
      fact('the model reads the AM image as', NL.className(d.am_predicted)),
      fact('dead on the test set', d.dead === null ? 'unknown (no test set)' : d.dead ? 'yes' : 'no'));
    if (d.knock_out) facts.append(...knockOut(d.knock_out));
    // the weights into the output layer go to the classes, which may have names
    const layerIndex = model.layers.findIndex((l) => l.name === d.layer);
    if (d.outgoing) facts.append(outgoing(d.outgoing, layerIndex === model.layers.length - 2 && NL.named()));
    if (d.class_means) facts.append(byClass(d.class_means));
    const top = document.getElementById('neuron-top');
    top.replaceChildren();
    if (!d.top.length) top.append(NL.el('p', {class: 'muted', text: 'No test set loaded.'}));
    for (const ex of d.top) {
      const c = NL.el('canvas', {width: 28, height: 28});
      NL.paintPixels(c, ex.pixels);
      top.append(NL.el('figure', {class: 'example'}, c,
        NL.el('figcaption', {text: 'label ' + NL.className(ex.label) + ' · a ' + NL.fmt(ex.activation, 2)})));
    }
  },
};

function fact(name, value) {
  return NL.el('div', {class: 'fact'}, NL.el('span', {class: 'muted', text: name}), NL.el('b', {text: value}));
}

/** What knocking the unit out does on the test set, and how selective it is. */
function knockOut(k) {
  const pp = (v) => (v > 0 ? '+' : v < 0 ? '−' : '±') + Math.abs(100 * v).toFixed(2) + ' pp';
  const hurt = k.most_hurt_class === null ? ''
    : ', ' + NL.className(k.most_hurt_class) + ' hurt most (' + pp(k.most_hurt_change) + ')';
  return [
    fact('knocked out, on ' + k.images.toLocaleString('en') + ' test images',
      'accuracy ' + pp(k.accuracy_change) + ', ' + k.changed + (k.changed === 1 ? ' prediction' : ' predictions')
        + ' change' + hurt),
    fact('class selectivity (0 alike, 1 one class)', k.selectivity === null ? 'n/a (dead)' : NL.fmt(k.selectivity, 2)),
  ];
}

/** Bars of the unit's mean activation on the test images of each class: what it answers to. */
function byClass(means) {
  const m = Math.max(...means) || 1;
  const box = NL.el('div', {class: 'outgoing by-class' + (NL.named() ? ' named' : '')},
    NL.el('span', {class: 'muted', text: 'mean activation on the test images of each class'}));
  means.forEach((v, c) => {
    const bar = NL.el('span', {class: 'obar pos'});
    bar.style.width = (100 * v / m) + '%';
    box.append(NL.el('div', {class: 'orow'}, NL.el('span', {text: NL.className(c)}),
      NL.el('span', {class: 'otrack'}, bar), NL.el('span', {class: 'muted', text: NL.fmt(v, 2)})));
  });
  return box;
}

/** Bars of the weights from this unit to each unit of the next layer. */
function outgoing(w, named) {
  const m = NL.maxAbs(w) || 1;
  const box = NL.el('div', {class: 'outgoing' + (named ? ' named' : '')},
    NL.el('span', {class: 'muted', text: named ? 'weights to the classes' : 'weights to the next layer'}));
  w.forEach((v, k) => {
    const bar = NL.el('span', {class: 'obar ' + (v >= 0 ? 'pos' : 'neg')});
    bar.style.width = (50 * Math.abs(v) / m) + '%';
    bar.style.marginLeft = v >= 0 ? '50%' : (50 - 50 * Math.abs(v) / m) + '%';
    box.append(NL.el('div', {class: 'orow'}, NL.el('span', {text: named ? NL.className(k) : String(k)}),
      NL.el('span', {class: 'otrack'}, bar), NL.el('span', {class: 'muted', text: NL.fmt(v, 2)})));
  });
  return box;
}
