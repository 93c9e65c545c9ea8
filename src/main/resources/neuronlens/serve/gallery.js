// The gallery: every unit of a layer as a card with its weight and AM images.
'use strict';
NL.gallery = {
  async show(layer) {
    const model = await NL.model();
    const select = document.getElementById('gallery-layer');
    if (!select.options.length) {
      for (const l of model.layers) select.append(NL.el('option', {value: l.name, text: l.name + ' (' + l.units + ')'}));
      select.addEventListener('change', () => { location.hash = '#/gallery/' + select.value; });
    }
    layer = layer || model.layers[0].name;
    select.value = layer;
    const data = await NL.layer(layer);
    // the output layer's units are the classes: named ones (Fashion-MNIST) say which
    const output = model.layers[model.layers.length - 1].name === data.layer && NL.named();
    const grid = document.getElementById('gallery-grid');
    grid.replaceChildren();
    grid.classList.toggle('wide', data.units <= 16);
    const order = document.getElementById('gallery-order');
    order.disabled = !data.top_class;
    const cost = (d) => (d > 0 ? '+' : d < 0 ? '−' : '±') + Math.abs(100 * d).toFixed(2) + ' pp';
    if (!order.dataset.bound) {
      order.dataset.bound = '1';
      order.addEventListener('change', () => this.show(document.getElementById('gallery-layer').value));
    }
    const byClass = order.value === 'class' && data.top_class;
    const byCost = order.value === 'knock-out' && data.knock_out_loss;
    let units = [...Array(data.units).keys()];
    if (byCost) {
      // the units whose knock-out raises the test loss most first, the dead ones last
      const dead = (j) => (data.dead[j] ? 1 : 0);
      units.sort((a, b) => dead(a) - dead(b) || data.knock_out_loss[b] - data.knock_out_loss[a] || a - b);
    }
    if (byClass) {
      // grouped by the class each unit's mean activation is highest on, dead units last
      const key = (j) => (data.top_class[j] < 0 ? 1e9 : data.top_class[j]);
      units.sort((a, b) => key(a) - key(b) || data.correlation[b] - data.correlation[a]);
    }
    let group = null;
    for (const j of units) {
      if (byClass && data.top_class[j] !== group) {
        group = data.top_class[j];
        const n = units.filter((u) => data.top_class[u] === group).length;
        grid.append(NL.el('h3', {class: 'group', text: group < 0
          ? 'dead (' + n + ')' : 'answers most to ' + NL.className(group) + ' (' + n + ')'}));
      }
      const w = NL.el('canvas', {width: 28, height: 28, title: 'weights'});
      const a = NL.el('canvas', {width: 28, height: 28, title: 'activation maximization'});
      NL.paintWeights(w, data.weights[j], data.weight_scale);
      NL.paintAm(a, data.am[j]);
      const dead = data.dead && data.dead[j];
      const card = NL.el('a', {class: 'card' + (dead ? ' is-dead' : ''), href: '#/neuron/' + data.layer + '/' + j},
        NL.el('div', {class: 'card-head'}, NL.el('b', {text: '#' + j + (output ? ' ' + NL.className(j) : '')}),
          NL.el('span', {class: 'muted', text: byCost ? cost(data.knock_out_accuracy[j]) : 'r ' + NL.fmt(data.correlation[j], 2),
            title: byCost ? 'test accuracy without it, less with it; test loss '
              + (data.knock_out_loss[j] >= 0 ? '+' : '') + NL.fmt(data.knock_out_loss[j], 4) : 'weights vs AM'})),
        NL.el('div', {class: 'pair'}, w, a));
      if (dead) card.append(NL.el('span', {class: 'badge dead', text: 'dead'}));
      grid.append(card);
    }
  },
};
