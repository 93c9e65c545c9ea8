// Shared helpers: the API, DOM building and painting 28x28 images on canvases.
'use strict';
const NL = {};

/** GET (or POST with a JSON body) an API path; rejects with the server's error message. */
NL.api = async function (path, body) {
  const opts = body === undefined ? {} : {
    method: 'POST', headers: {'Content-Type': 'application/json'}, body: JSON.stringify(body)};
  const res = await fetch('/api/' + path, opts);
  const data = await res.json().catch(() => ({error: res.statusText}));
  if (!res.ok) throw new Error(data.error || ('HTTP ' + res.status));
  return data;
};

/** What class k is called: its name from the model summary once that has come, else k. */
NL.names = null;
NL.className = (k) => (NL.names && NL.names[k] !== undefined ? NL.names[k] : String(k));
/** Whether the classes have names other than their numbers (Fashion-MNIST). */
NL.named = () => !!NL.names && NL.names.some((n, k) => n !== String(k));

/** The model summary, fetched once. */
NL.model = (function () {
  let p = null;
  return () => (p = p || NL.api('model'));
})();

/** A layer's gallery data, fetched once per layer. */
NL.layer = (function () {
  const cache = {};
  return (l) => (cache[l] = cache[l] || NL.api('layers/' + l));
})();

NL.el = function (tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === 'class') e.className = v; else if (k === 'text') e.textContent = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
};

/** Blue - white - red (ColorBrewer RdBu ends, as the PNGs): t in [0, 1], 0.5 is white. */
NL.diverging = function (t) {
  t = Math.min(1, Math.max(0, t));
  const end = t < 0.5 ? [33, 102, 172] : [178, 24, 43];
  const f = Math.abs(t - 0.5) * 2;
  return end.map((c) => Math.round(255 + (c - 255) * f));
};

NL.gray = (t) => { const g = Math.round(255 * Math.min(1, Math.max(0, t))); return [g, g, g]; };

/** Paints 784 values on a 28x28 canvas; CSS scales it up with crisp pixels. */
NL.paint = function (canvas, values, lo, hi, cmap) {
  const ctx = canvas.getContext('2d');
  const img = ctx.createImageData(28, 28);
  const span = hi - lo || 1;
  for (let i = 0; i < 784; i++) {
    const [r, g, b] = cmap((values[i] - lo) / span);
    img.data[4 * i] = r; img.data[4 * i + 1] = g; img.data[4 * i + 2] = b; img.data[4 * i + 3] = 255;
  }
  ctx.putImageData(img, 0, 0);
};

/** Weights on a symmetric diverging scale +-scale (white = 0). */
NL.paintWeights = (canvas, w, scale) => NL.paint(canvas, w, -scale, scale, NL.diverging);

/** Pixels 0..255 in gray; values outside (the seed preset's images) use their own range. */
NL.paintPixels = function (canvas, px) {
  let lo = 0, hi = 255;
  for (const v of px) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  NL.paint(canvas, px, lo, hi, NL.gray);
};

/**
 * An activation-maximization image: black at 0, white at its brightest pixel, as the report draws
 * them (the regularized images rarely reach 255 and would look black on the pixels' own scale);
 * images that leave 0..255 (the seed preset's) span their own range.
 */
NL.paintAm = function (canvas, px) {
  let lo = 0, hi = 0;
  for (const v of px) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  if (lo < 0 || hi > 255) NL.paintPixels(canvas, px); else NL.paint(canvas, px, 0, hi || 255, NL.gray);
};

NL.maxAbs = (v) => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);

NL.fmt = (x, d) => (x === null || x === undefined ? '–' : Number(x).toFixed(d === undefined ? 3 : d));

NL.showError = function (err) {
  const e = document.getElementById('error');
  e.textContent = err ? String(err.message || err) : '';
  e.hidden = !err;
};
