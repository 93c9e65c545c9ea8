// The router: #/gallery[/layer], #/neuron/layer/unit, #/draw, #/maximize[/layer/unit].
'use strict';
(function () {
  const views = ['gallery', 'neuron', 'draw', 'maximize'];

  async function route() {
    const parts = (location.hash || '#/gallery').slice(2).split('/').map(decodeURIComponent);
    const view = views.includes(parts[0]) ? parts[0] : 'gallery';
    for (const v of views) document.getElementById('view-' + v).classList.toggle('active', v === view);
    for (const a of document.querySelectorAll('nav a')) {
      a.classList.toggle('active', a.dataset.view === view || (view === 'neuron' && a.dataset.view === 'gallery'));
    }
    NL.showError(null);
    try {
      if (view === 'gallery') await NL.gallery.show(parts[1]);
      if (view === 'neuron') await NL.neuron.show(parts[1], parts[2]);
      if (view === 'draw') NL.draw.show();
      if (view === 'maximize') await NL.maximize.show(parts[1], parts[2]);
      document.body.dataset.ready = view;
    } catch (e) {
      NL.showError(e);
    }
  }

  NL.draw.init();
  NL.maximize.init();
  NL.model().then((m) => {
    NL.names = m.class_names || null;
    if (m.class_noun && m.class_noun !== 'digit') {
      document.getElementById('draw-title').textContent = 'Draw an image';
    }
    document.getElementById('model-info').textContent =
      m.model + ' · ' + m.parameters.toLocaleString('en') + ' parameters · ' + m.source;
  }).catch(NL.showError);
  window.addEventListener('hashchange', route);
  route();
})();
