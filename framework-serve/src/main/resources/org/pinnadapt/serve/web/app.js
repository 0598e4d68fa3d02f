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
      const link = r.kind === 'sweep' ? '' : `<a href="/run?id=${encodeURIComponent(r.id)}">open</a>`;
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
  $('figures').innerHTML = run.figures.map((f) => `<img alt="${esc(f)}" title="${esc(f)}" src="/api/runs/`
    + `${encodeURIComponent(id)}/files/${f.split('/').map(encodeURIComponent).join('/')}">`).join('');
  const chart = echarts.init($('curves'));
  const names = Object.keys(run.history);
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
      yAxis: {type: log ? 'log' : 'value', name: log ? 'log scale' : ''},
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
  const maps = {prediction: echarts.init($('map-prediction')), reference: echarts.init($('map-reference')),
    error: echarts.init($('map-error'))};
  const controls = $('controls');
  const values = {};
  info.parameters.forEach((p) => {
    values[p.name] = p.default;
    const step = (p.max - p.min) / 200 || 1;
    controls.insertAdjacentHTML('beforeend', `<label class="param">${esc(p.name)} <input type="range" id="p-${esc(p.name)}"`
      + ` min="${p.min}" max="${p.max}" step="${step}" value="${p.default}"><b id="v-${esc(p.name)}">${p.default}</b>`
      + `<span class="range">[${p.min}, ${p.max}]</span></label>`);
  });
  const time = info.inputs.find((i) => i.time);
  if (time) {
    controls.insertAdjacentHTML('beforeend', `<label class="param">${esc(time.name)} <input type="range" id="time"`
      + ` min="${time.min}" max="${time.max}" step="${(time.max - time.min) / 100}" value="${time.max}">`
      + `<b id="v-time">${time.max}</b></label>`);
  }
  $('field').innerHTML = info.fields.map((f) => `<option>${esc(f)}</option>`).join('');
  if (!info.predicts_new_tasks) {
    $('note').textContent = 'this strategy solves its trained tasks only: '
      + info.trained_tasks.map((t) => t.task).join('; ');
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
    const spatial = info.inputs.filter((i) => !i.time);
    const sizes = $('grid').value.split('x');
    q.set('grid', spatial.map((_, k) => sizes[Math.min(k, sizes.length - 1)]).join('x'));
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
  function heat(chart, title, axes, data, unit) {
    if (!data) {
      chart.clear();
      chart.setOption({title: {text: 'no reference for this PDE', left: 'center', top: 'middle', textStyle: {fontSize: 12}}});
      return;
    }
    const nx = axes[0].length;
    const ny = axes.length > 1 ? axes[1].length : 1;
    const points = new Array(data.length);
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < data.length; i++) {
      const v = data[i];
      points[i] = [Math.floor(i / ny), i % ny, v];
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    chart.setOption({
      animation: false, tooltip: {position: 'top'}, grid: {left: 50, right: 100, top: 10, bottom: 40},
      xAxis: {type: 'category', data: axes[0].map((v) => v.toFixed(2)), name: last.inputs[0], nameLocation: 'middle', nameGap: 24,
        axisLabel: {interval: Math.max(0, Math.floor(nx / 6) - 1)}},
      yAxis: {type: 'category', data: (axes[1] || [0]).map((v) => v.toFixed(2)), name: last.inputs[1] || '', nameLocation: 'middle', nameGap: 36,
        axisLabel: {interval: Math.max(0, Math.floor(ny / 6) - 1)}},
      visualMap: {min: lo, max: hi === lo ? lo + 1e-12 : hi, calculable: true, orient: 'vertical', right: 0, top: 'center',
        itemHeight: 220, formatter: (v) => sci(v), text: [unit, ''], inRange: {color: ['#313695', '#4575b4', '#74add1',
          '#abd9e9', '#ffffbf', '#fdae61', '#f46d43', '#d73027', '#a50026']}},
      series: [{type: 'heatmap', data: points, progressive: 0}],
    }, true);
    chart.getDom().dataset.rendered = String(Number(chart.getDom().dataset.rendered || 0) + 1);
    chart.getDom().dataset.nx = String(nx);
  }
  // the three maps, and the time from the request to the drawn maps (the server's share beside it)
  function draw(t0) {
    const f = last.fields[0];
    heat(maps.prediction, 'prediction', last.axes, last.prediction[f], f);
    heat(maps.reference, 'reference', last.axes, last.reference ? last.reference[f] : null, f);
    heat(maps.error, 'error', last.axes, last.abs_error ? last.abs_error[f] : null, '|' + f + ' - ref|');
    const clientMs = performance.now() - t0;
    $('latency').textContent = `${clientMs.toFixed(0)} ms (server ${last.ms.toFixed(1)} ms)`;
    $('latency').dataset.clientMs = String(clientMs);
    $('latency').dataset.serverMs = String(last.ms);
    $('relerr').textContent = last.rel_l2 == null ? 'n/a' : sci(last.rel_l2);
    $('relerr').dataset.value = last.rel_l2 == null ? '' : String(last.rel_l2);
    $('relerr').dataset.parameters = JSON.stringify(last.parameters);
  }
  info.parameters.forEach((p) => $('p-' + p.name).addEventListener('input', (e) => {
    values[p.name] = e.target.value;
    $('v-' + p.name).textContent = e.target.value;
    solve();
  }));
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
