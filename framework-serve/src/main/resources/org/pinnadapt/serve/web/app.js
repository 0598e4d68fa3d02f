// pinnadapt explorer: the runs table, one run's page, and the explore page (live solutions from the JSON API).
'use strict';

const $ = (id) => document.getElementById(id);
const param = (name) => new URLSearchParams(location.search).get(name);
const sci = (v) => (v === null || v === undefined || Number.isNaN(v)) ? '' : Number(v).toExponential(3);
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));

async function getJson(url) {
  const r = await fetch(url);
  const body = await r.json();
  if (!r.ok) {
    throw new Error(body.error || ('HTTP ' + r.status));
  }
  return body;
}

// ---- runs table: sortable, filterable, refreshed every 5 s ----
async function runsPage() {
  let runs = [];
  let sortKey = 'date';
  let asc = false;
  const numeric = new Set(['rel_l2', 'mse', 'wall_s']);
  function render() {
    const f = $('filter').value.toLowerCase();
    const shown = runs.filter((r) => !f || [r.folder, r.pde, r.strategy, r.tasks, r.status, r.kind]
      .some((v) => String(v ?? '').toLowerCase().includes(f)));
    shown.sort((a, b) => {
      const x = a[sortKey];
      const y = b[sortKey];
      const c = numeric.has(sortKey) ? (x ?? Infinity) - (y ?? Infinity) : String(x ?? '').localeCompare(String(y ?? ''));
      return asc ? c : -c;
    });
    $('count').textContent = shown.length + ' of ' + runs.length;
    document.querySelector('#runs tbody').innerHTML = shown.map((r) => {
      const link = `<a href="/run?id=${encodeURIComponent(r.id)}">open</a>`;
      return `<tr class="${r.broken ? 'broken' : ''}" data-id="${esc(r.id)}"><td>${esc(r.folder)}</td><td>${esc(r.kind)}</td>`
        + `<td>${esc(r.pde)}</td><td>${esc(r.strategy)}</td><td>${esc((r.date || '').replace('T', ' ').slice(0, 19))}</td>`
        + `<td>${esc(r.tasks)}</td><td title="${esc(r.reason)}">${esc(r.status)}</td><td class="num">${sci(r.rel_l2)}</td>`
        + `<td class="num">${sci(r.mse)}</td><td class="num">${r.wall_s == null ? '' : r.wall_s.toFixed(1)}</td><td>${link}</td></tr>`;
    }).join('');
    document.querySelectorAll('#runs th').forEach((th) => {
      th.classList.toggle('asc', th.dataset.key === sortKey && asc);
      th.classList.toggle('desc', th.dataset.key === sortKey && !asc);
    });
  }
  async function load() {
    try {
      runs = (await getJson('/api/runs')).runs;
      $('updated').textContent = 'updated ' + new Date().toLocaleTimeString();
      render();
    } catch (e) {
      $('updated').textContent = 'cannot list the runs: ' + e.message;
    }
  }
  document.querySelectorAll('#runs th[data-key]').forEach((th) => th.addEventListener('click', () => {
    asc = sortKey === th.dataset.key ? !asc : true;
    sortKey = th.dataset.key;
    render();
  }));
  $('filter').addEventListener('input', render);
  load();
  setInterval(load, 5000);
}

// ---- one run: results, loss curves (zoom, log scale, one line per term), figures, configuration ----
async function runPage() {
  const id = param('id');
  $('title').textContent = id;
  $('explore-link').href = '/explore?id=' + encodeURIComponent(id);
  const run = await getJson('/api/runs/' + encodeURIComponent(id));
  const tasks = (run.metrics && run.metrics.tasks) || [];
  $('results').innerHTML = '<tr><th>task</th><th class="num">rel L2</th><th class="num">MSE</th><th class="num">epochs</th>'
    + '<th class="num">adapt s</th><th>stop</th></tr>' + tasks.map((t) => `<tr><td>${esc(t.task)}</td>`
    + `<td class="num">${sci(t.rel_l2)}</td><td class="num">${sci(t.mse)}</td><td class="num">${t.epochs ?? ''}</td>`
    + `<td class="num">${t.adapt_s == null ? '' : t.adapt_s.toFixed(2)}</td><td>${esc(t.stop_reason)}</td></tr>`).join('');
  $('config').textContent = JSON.stringify(run.config, null, 2);
  if (run.cells) { // a sweep: its cells, each a link to its run
    const keys = run.cells.length ? Object.keys(run.cells[0]) : [];
    $('results').innerHTML = '<tr>' + keys.map((k) => `<th>${esc(k)}</th>`).join('') + '</tr>' + run.cells.map((c) => '<tr>'
      + keys.map((k) => k === 'cell' ? `<td><a href="/run?id=${encodeURIComponent(id + ':cells:' + c.cell)}">${esc(c.cell)}`
        + '</a></td>' : `<td>${esc(c[k])}</td>`).join('') + '</tr>').join('');
    $('explore-link').hidden = true;
  }
  $('figures').innerHTML = run.figures.map((f) => `<img alt="${esc(f)}" title="${esc(f)}" src="/api/runs/`
    + `${encodeURIComponent(id)}/files/${f.split('/').map(encodeURIComponent).join('/')}">`).join('');
  const names = Object.keys(run.history);
  if (!names.length) { // a sweep, or a strategy without per-task trainings: no curves here
    $('curves').closest('section').hidden = true;
    return;
  }
  const chart = echarts.init($('curves'));
  $('task').innerHTML = names.map((n) => `<option>${esc(n)}</option>`).join('');
  function draw() {
    const rows = run.history[$('task').value] || [];
    const series = [{name: 'loss', key: (r) => r.loss}];
    if (rows.length) {
      Object.keys(rows[0].terms).forEach((t) => series.push({name: t, key: (r) => r.terms[t]}));
    }
    series.push({name: 'validation', key: (r) => r.validation}, {name: 'error', key: (r) => r.error});
    const log = $('log').checked;
    chart.setOption({
      tooltip: {trigger: 'axis'}, legend: {type: 'scroll'}, grid: {left: 70, right: 20},
      xAxis: {type: 'value', name: 'epoch'},
      yAxis: {type: log ? 'log' : 'value', name: log ? 'log scale' : '',
        axisLabel: {formatter: (v) => (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4) || v === 0 ? String(v) : v.toExponential(0)}},
      dataZoom: [{type: 'inside'}, {type: 'slider'}],
      series: series.map((s) => ({name: s.name, type: 'line', showSymbol: false,
        data: rows.map((r) => [r.epoch, s.key(r)]).filter((p) => p[1] !== null && (!log || p[1] > 0))}))
        .filter((s) => s.data.length > 0),
    }, true);
  }
  $('task').addEventListener('change', draw);
  $('log').addEventListener('change', draw);
  draw();
}

// ---- explore: one slider per parameter, three heat maps, latency and error ----
async function explorePage() {
  const id = param('id');
  $('title').textContent = 'explore ' + id;
  $('run-link').href = '/run?id=' + encodeURIComponent(id);
  const info = await getJson('/api/runs/' + encodeURIComponent(id) + '/parameters');
  const maps = {prediction: $('map-prediction'), reference: $('map-reference'), error: $('map-error')};
  const controls = $('controls');
  const values = {};
  const trained = !info.predicts_new_tasks;
  if (trained) { // a strategy that trains per task: its trained tasks only
    controls.insertAdjacentHTML('beforeend', '<label class="param">task <select id="task">' + info.trained_tasks
      .map((t, k) => `<option value="${k}">${esc(t.task)}</option>`).join('') + '</select></label>');
    Object.assign(values, info.trained_tasks[0].parameters);
  } else {
    info.parameters.forEach((p) => {
      values[p.name] = p.default;
      const step = (p.max - p.min) / 200 || 1;
      controls.insertAdjacentHTML('beforeend', `<label class="param">${esc(p.name)} <input type="range" id="p-${esc(p.name)}"`
        + ` min="${p.min}" max="${p.max}" step="${step}" value="${p.default}"><b id="v-${esc(p.name)}">${p.default}</b>`
        + `<span class="range">[${p.min}, ${p.max}]</span></label>`);
    });
  }
  // time: a slider over time slices with two or more space inputs; one space input is drawn against time
  const spatial = info.inputs.filter((i) => !i.time);
  const time = spatial.length > 1 ? info.inputs.find((i) => i.time) : undefined;
  if (time) {
    controls.insertAdjacentHTML('beforeend', `<label class="param">${esc(time.name)} <input type="range" id="time"`
      + ` min="${time.min}" max="${time.max}" step="${(time.max - time.min) / 100}" value="${time.max}">`
      + `<b id="v-time">${time.max}</b></label>`);
  }
  $('field').innerHTML = info.fields.map((f) => `<option>${esc(f)}</option>`).join('');
  if (trained) {
    $('note').textContent = 'this strategy solves the tasks it was trained on only';
  }
  let last = null;
  let pending = false;
  let busy = false;
  async function solve() {
    if (busy) {
      pending = true;
      return;
    }
    busy = true;
    const q = new URLSearchParams(values);
    const gridded = time ? spatial : info.inputs;
    const sizes = $('grid').value.split('x');
    q.set('grid', gridded.map((_, k) => sizes[Math.min(k, sizes.length - 1)]).join('x'));
    if (time) {
      q.set('t', $('time').value);
    }
    q.set('fields', $('field').value);
    const t0 = performance.now();
    try {
      last = await getJson('/api/runs/' + encodeURIComponent(id) + '/solve?' + q);
      $('message').hidden = true;
      draw(t0);
    } catch (e) {
      $('message').hidden = false;
      $('message').textContent = e.message;
    } finally {
      busy = false;
      if (pending) {
        pending = false;
        solve();
      }
    }
  }
  // a heat map drawn straight into a canvas (one pixel per grid point, scaled): 101 x 101 points in about a
  // millisecond, where a chart library's per-cell rectangles take tens; axes with ticks and a color bar with units
  function heat(canvas, axes, data, unit) {
    const ctx = canvas.getContext('2d');
    const w = canvas.clientWidth;
    const h = canvas.clientHeight;
    if (canvas.width !== w || canvas.height !== h) {
      canvas.width = w;
      canvas.height = h;
    }
    ctx.clearRect(0, 0, w, h);
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = '#555';
    if (!data) {
      ctx.fillText('no reference for this PDE', 20, h / 2);
      return;
    }
    const nx = axes[0].length;
    const ny = axes.length > 1 ? axes[1].length : 1;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < data.length; i++) {
      lo = Math.min(lo, data[i]);
      hi = Math.max(hi, data[i]);
    }
    const span = hi > lo ? hi - lo : 1;
    const image = new ImageData(nx, ny);
    for (let i = 0; i < data.length; i++) {
      const x = Math.floor(i / ny);
      const y = ny - 1 - (i % ny); // the second input upwards
      const c = color((data[i] - lo) / span);
      const k = 4 * (y * nx + x);
      image.data[k] = c[0];
      image.data[k + 1] = c[1];
      image.data[k + 2] = c[2];
      image.data[k + 3] = 255;
    }
    const off = document.createElement('canvas');
    off.width = nx;
    off.height = ny;
    off.getContext('2d').putImageData(image, 0, 0);
    const box = {left: 46, top: 8, right: w - 96, bottom: h - 34};
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(off, box.left, box.top, box.right - box.left, box.bottom - box.top);
    ctx.strokeStyle = '#999';
    ctx.strokeRect(box.left, box.top, box.right - box.left, box.bottom - box.top);
    ctx.textAlign = 'center';
    for (let t = 0; t <= 4; t++) {
      const fx = box.left + (box.right - box.left) * t / 4;
      ctx.fillText(axes[0][Math.round((nx - 1) * t / 4)].toFixed(2), fx, box.bottom + 13);
    }
    ctx.fillText(last.inputs[0], (box.left + box.right) / 2, box.bottom + 27);
    ctx.textAlign = 'right';
    if (axes.length > 1) {
      for (let t = 0; t <= 4; t++) {
        const fy = box.bottom - (box.bottom - box.top) * t / 4;
        ctx.fillText(axes[1][Math.round((ny - 1) * t / 4)].toFixed(2), box.left - 4, fy + 4);
      }
      ctx.save();
      ctx.translate(10, (box.top + box.bottom) / 2);
      ctx.rotate(-Math.PI / 2);
      ctx.textAlign = 'center';
      ctx.fillText(last.inputs[1], 0, 0);
      ctx.restore();
    }
    const bar = {left: box.right + 14, right: box.right + 28};
    for (let r = box.top; r < box.bottom; r++) {
      const c = color(1 - (r - box.top) / (box.bottom - box.top));
      ctx.fillStyle = `rgb(${c[0]},${c[1]},${c[2]})`;
      ctx.fillRect(bar.left, r, bar.right - bar.left, 1);
    }
    ctx.fillStyle = '#333';
    ctx.textAlign = 'left';
    ctx.fillText(sci(hi), bar.right + 4, box.top + 8);
    ctx.fillText(sci(lo), bar.right + 4, box.bottom);
    ctx.fillText(unit, bar.right + 4, (box.top + box.bottom) / 2);
    canvas.dataset.rendered = String(Number(canvas.dataset.rendered || 0) + 1);
  }
  const STOPS = [[49, 54, 149], [69, 117, 180], [116, 173, 209], [171, 217, 233], [255, 255, 191], [253, 174, 97],
    [244, 109, 67], [215, 48, 39], [165, 0, 38]];
  function color(v) {
    const x = Math.max(0, Math.min(1, v)) * (STOPS.length - 1);
    const i = Math.min(STOPS.length - 2, Math.floor(x));
    const f = x - i;
    return [0, 1, 2].map((k) => Math.round(STOPS[i][k] + f * (STOPS[i + 1][k] - STOPS[i][k])));
  }
  // the three maps, and the time from the request to the drawn maps (the server's share beside it)
  function draw(t0) {
    const f = last.fields[0];
    heat(maps.prediction, last.axes, last.prediction[f], f);
    heat(maps.reference, last.axes, last.reference ? last.reference[f] : null, f);
    heat(maps.error, last.axes, last.abs_error ? last.abs_error[f] : null, '|' + f + ' - ref|');
    const clientMs = performance.now() - t0;
    $('latency').textContent = `${clientMs.toFixed(0)} ms (server ${last.ms.toFixed(1)} ms)`;
    $('latency').dataset.clientMs = String(clientMs);
    $('latency').dataset.serverMs = String(last.ms);
    $('relerr').textContent = last.rel_l2 == null ? 'n/a' : sci(last.rel_l2);
    $('relerr').dataset.value = last.rel_l2 == null ? '' : String(last.rel_l2);
    $('relerr').dataset.parameters = JSON.stringify(last.parameters);
  }
  if (trained) {
    $('task').addEventListener('change', (e) => {
      Object.assign(values, info.trained_tasks[Number(e.target.value)].parameters);
      solve();
    });
  } else {
    info.parameters.forEach((p) => $('p-' + p.name).addEventListener('input', (e) => {
      values[p.name] = e.target.value;
      $('v-' + p.name).textContent = e.target.value;
      solve();
    }));
  }
  if (time) {
    $('time').addEventListener('input', (e) => {
      $('v-time').textContent = e.target.value;
      solve();
    });
  }
  $('field').addEventListener('change', solve);
  $('grid').addEventListener('change', solve);
  solve();
}

const pages = {runs: runsPage, run: runPage, explore: explorePage};
pages[document.body.dataset.page]().catch((e) => {
  document.querySelector('main').insertAdjacentHTML('afterbegin', `<div class="error">${esc(e.message)}</div>`);
});
