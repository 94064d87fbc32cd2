// Overview of a unit on a date: the figures, the rate against the target, the breakdown by
// reporting group, the weekly trend, the province map (national users) and the drill-down table.
import * as api from '../api.js';
import { t, lang } from '../i18n.js';
import { count, pct, dateVn, parseDate, esc } from '../format.js';
import { state, go, showError } from '../app.js';

let echartsModule = null;
async function echarts() {
  if (!echartsModule) echartsModule = await import('/vendor/echarts.esm.min.js');
  return echartsModule;
}

const charts = [];
function disposeCharts() { while (charts.length) charts.pop().dispose(); }
// SVG for the small charts (crisp, and tests can find their elements); canvas for the map,
// whose 34 provinces have about 100.000 points (an SVG DOM that size is slow to build).
async function chart(el, option, renderer = 'svg') {
  const ec = await echarts();
  if (!el || !el.isConnected) return null;  // the user went elsewhere meanwhile
  const c = ec.init(el, null, { renderer });
  c.setOption({ animation: false, textStyle: { fontFamily: 'inherit' }, ...option });
  charts.push(c);
  return c;
}

function sortState() {
  try { return JSON.parse(sessionStorage.getItem('baophu.sort')) || { key: 'rate', dir: 1 }; } catch { return { key: 'rate', dir: 1 }; }
}

export async function renderOverview(main, params) {
  disposeCharts();
  const me = state.me;
  const unit = params.unit || me.home_unit;
  const asOf = params.as_of || state.config.default_as_of;
  const q = { unit, as_of: asOf, depth: 1, by: 'group', lang: lang() };
  main.innerHTML = `<p class="muted">…</p>`;
  const [report, info] = await Promise.all([api.get('/coverage', q), api.get('/units/' + encodeURIComponent(unit), { on: asOf }).catch(() => null)]);
  const rows = report.rows;
  const root = rows.find((r) => r.depth === 0 && r.group === 'ALL');
  const groups = rows.filter((r) => r.depth === 0 && r.group !== 'ALL' && !r.unplaced && (r.insured > 0 || r.denominator));
  const children = rows.filter((r) => r.depth === 1 && r.group === 'ALL');
  const crumbs = (info?.ancestors || []).map((a) => `<a href="#/overview?unit=${esc(a.code)}&as_of=${asOf}">${esc(a.name)}</a>`).join(' › ');
  const exportParams = { ...q };
  main.innerHTML = `
    <section class="toolbar">
      <div class="crumbs">${crumbs}${crumbs ? ' › ' : ''}<b id="unit-name">${esc(root?.unit_name || unit)}</b></div>
      <form id="date-form" class="inline">
        <label>${esc(t('as_of'))} <input id="as-of" name="as_of" value="${dateVn(asOf)}" placeholder="dd/mm/yyyy" size="10" pattern="\\d{1,2}/\\d{1,2}/\\d{4}"></label>
        <button type="submit">${esc(t('show'))}</button>
      </form>
      <form id="unit-form" class="inline"><input id="unit-search" placeholder="${esc(t('find_unit'))}" size="28"><ul id="unit-hits" class="hits"></ul></form>
    </section>
    <h1 id="title">${esc(report.title)}</h1>
    <section class="kpis">
      <div class="kpi main"><span>${esc(t('rate'))}</span><b id="kpi-rate">${pct(root?.rate_hundredths)}</b></div>
      <div class="kpi"><span>${esc(t('insured'))}</span><b id="kpi-insured">${count(root?.insured)}</b></div>
      <div class="kpi"><span>${esc(t('population'))}</span><b id="kpi-population">${count(root?.denominator)}</b></div>
      <div class="kpi"><span>${esc(t('target'))}</span><b id="kpi-target">${pct(root?.target_hundredths)}</b></div>
      <div class="kpi"><span>${esc(t('gap'))}</span><b id="kpi-gap">${count(root?.gap_people)}</b></div>
    </section>
    <section class="grid2">
      <div class="card"><h2>${esc(t('rate_vs_target'))}</h2><div id="chart-target" class="chart small"></div></div>
      <div class="card"><h2>${esc(t('by_group'))}</h2><div id="chart-groups" class="chart"></div>
        <table class="data compact" id="groups-table"><thead><tr><th>${esc(t('group'))}</th><th class="num">${esc(t('insured'))}</th><th class="num">${esc(t('population'))}</th><th class="num">${esc(t('rate'))}</th><th class="num">${esc(t('gap'))}</th></tr></thead>
        <tbody>${groups.map((g) => `<tr><td>${esc(g.group_name)}</td><td class="num">${count(g.insured)}</td><td class="num">${count(g.denominator)}</td><td class="num">${pct(g.rate_hundredths)}</td><td class="num">${count(g.gap_people)}</td></tr>`).join('')}</tbody></table>
      </div>
    </section>
    <section class="card" id="trend-card"><div class="card-head"><h2>${esc(t('trend'))}</h2>
      <div><a class="button" id="trend-xlsx" download>${esc(t('export_xlsx'))}</a>
      <a class="button secondary" id="trend-csv" download>${esc(t('export_csv'))}</a></div></div><div id="chart-trend" class="chart"></div></section>
    <section class="card" id="flows-card"><div class="card-head"><h2 id="flows-title">${esc(t('flows'))}</h2>
      <div><a class="button" id="flows-xlsx" download>${esc(t('export_xlsx'))}</a>
      <a class="button secondary" id="flows-csv" download>${esc(t('export_csv'))}</a></div></div>
      <p class="muted small">${esc(t('flows_note'))}</p><div id="flows"></div></section>
    <section class="card" id="map-card" hidden><h2>${esc(t('map'))}</h2><div id="chart-map" class="chart map"></div></section>
    <section class="card">
      <div class="card-head"><h2>${esc(t('subunits'))}</h2>
        <div><a class="button" id="export-xlsx" href="${api.href('/coverage/export.xlsx', exportParams)}" download>${esc(t('export_xlsx'))}</a>
        <a class="button secondary" href="${api.href('/coverage/export.csv', exportParams)}" download>${esc(t('export_csv'))}</a></div></div>
      <p class="muted small">${esc(t('priority_note'))}</p>
      <div id="drill"></div>
    </section>
    ${report.notes.length ? `<section class="card"><h2>${esc(t('notes'))}</h2><ul>${report.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul></section>` : ''}`;

  main.querySelector('#date-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const d = parseDate(main.querySelector('#as-of').value);
    if (!d) { main.querySelector('#as-of').setCustomValidity('dd/mm/yyyy'); main.querySelector('#as-of').reportValidity(); return; }
    go(`#/overview?unit=${encodeURIComponent(unit)}&as_of=${d}`);
  });
  setupUnitSearch(main, asOf);
  renderDrill(main.querySelector('#drill'), children, asOf, root);

  const target = root?.target_hundredths ?? null;
  await chart(main.querySelector('#chart-target'), {
    grid: { left: 10, right: 30, top: 20, bottom: 30, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
    yAxis: { type: 'category', data: [root?.unit_name || unit] },
    series: [{ type: 'bar', data: [(root?.rate_hundredths ?? 0) / 100], barWidth: 36,
      label: { show: true, position: 'right', formatter: () => pct(root?.rate_hundredths) },
      itemStyle: { color: '#2b6cb0' },
      markLine: target === null ? undefined : { symbol: 'none', lineStyle: { color: '#c53030', width: 2, type: 'solid' },
        label: { formatter: () => t('target') + ' ' + pct(target) }, data: [{ xAxis: target / 100 }] } }],
  });
  await chart(main.querySelector('#chart-groups'), {
    grid: { left: 10, right: 40, top: 10, bottom: 20, containLabel: true },
    xAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value} %' } },
    yAxis: { type: 'category', data: groups.map((g) => g.group_name), inverse: true },
    series: [{ type: 'bar', data: groups.map((g) => (g.rate_hundredths ?? 0) / 100), itemStyle: { color: '#3182ce' },
      label: { show: true, position: 'right', formatter: (p) => pct(groups[p.dataIndex].rate_hundredths) },
      markLine: target === null ? undefined : { symbol: 'none', lineStyle: { color: '#c53030' }, label: { show: false }, data: [{ xAxis: target / 100 }] } }],
  });
  await renderTrend(main, unit, asOf, target);
  // Flows read every card of the unit (about a second for 10 million people): they fill in
  // after the rest of the screen, without holding it up.
  const flows = renderFlows(main, unit, asOf);
  if (unit === 'VN' && me.home_unit === 'VN') await renderMap(main, asOf);
  await flows;
}

function setupUnitSearch(main, asOf) {
  const input = main.querySelector('#unit-search');
  const hits = main.querySelector('#unit-hits');
  let timer = null;
  input.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (input.value.trim().length < 2) { hits.innerHTML = ''; return; }
      const r = await api.get('/units/search', { q: input.value, on: asOf, limit: 10 }).catch(() => ({ units: [] }));
      hits.innerHTML = r.units.map((u) => `<li><a href="#/overview?unit=${esc(u.code)}&as_of=${asOf}">${esc(u.name)}</a> <span class="muted">${esc(u.parent_name)}</span></li>`).join('');
    }, 200);
  });
  main.querySelector('#unit-form').addEventListener('submit', (ev) => ev.preventDefault());
}

function median(xs) {
  const s = xs.filter((x) => x !== null && x !== undefined).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : null;
}

function renderDrill(el, children, asOf, root) {
  if (!children.length) { el.innerHTML = `<p class="muted">${esc(t('no_children'))}</p>`; return; }
  const sort = sortState();
  const rated = children.filter((c) => c.rate_hundredths !== null && !c.unplaced);
  const lowest = new Set([...rated].sort((a, b) => a.rate_hundredths - b.rate_hundredths).slice(0, Math.min(3, Math.max(1, Math.floor(rated.length / 4)))).map((c) => c.unit_code));
  const mRate = median(rated.map((c) => c.rate_hundredths));
  const mGap = median(rated.map((c) => c.gap_people));
  const key = (c) => (sort.key === 'gap' ? c.gap_people : c.rate_hundredths) ?? (sort.dir > 0 ? Infinity : -Infinity);
  const sorted = [...children].sort((a, b) => (key(a) - key(b)) * sort.dir || a.unit_name.localeCompare(b.unit_name, 'vi'));
  const arrow = (k) => (sort.key === k ? (sort.dir > 0 ? ' ▲' : ' ▼') : '');
  el.innerHTML = `<table class="data" id="drill-table"><thead><tr>
      <th>${esc(t('unit'))}</th><th class="num">${esc(t('insured'))}</th><th class="num">${esc(t('population'))}</th>
      <th class="num sortable" data-key="rate">${esc(t('rate'))}${arrow('rate')}</th><th class="num">${esc(t('target'))}</th>
      <th class="num sortable" data-key="gap">${esc(t('gap'))}${arrow('gap')}</th><th></th></tr></thead><tbody>
    ${sorted.map((c) => {
      const low = lowest.has(c.unit_code);
      const prio = !c.unplaced && c.rate_hundredths !== null && mRate !== null && c.rate_hundredths < mRate && c.gap_people > mGap;
      const name = c.unplaced || !c.unit_code ? esc(c.unit_name) : `<a href="#/overview?unit=${esc(c.unit_code)}&as_of=${asOf}" data-unit="${esc(c.unit_code)}">${esc(c.unit_name)}</a>`;
      return `<tr class="${low ? 'lowest' : ''} ${prio ? 'priority' : ''}"><td>${name}</td><td class="num">${count(c.insured)}</td><td class="num">${count(c.denominator)}</td>
        <td class="num rate">${pct(c.rate_hundredths)}</td><td class="num">${pct(c.target_hundredths)}</td><td class="num">${count(c.gap_people)}</td>
        <td>${low ? `<span class="badge low">${esc(t('lowest'))}</span>` : ''}${prio ? `<span class="badge prio">${esc(t('priority'))}</span>` : ''}</td></tr>`;
    }).join('')}
    </tbody><tfoot><tr><td><b>${esc(root?.unit_name || '')}</b></td><td class="num">${count(root?.insured)}</td><td class="num">${count(root?.denominator)}</td><td class="num">${pct(root?.rate_hundredths)}</td><td class="num">${pct(root?.target_hundredths)}</td><td class="num">${count(root?.gap_people)}</td><td></td></tr></tfoot></table>`;
  el.querySelectorAll('th.sortable').forEach((th) => th.addEventListener('click', () => {
    const k = th.dataset.key;
    const s = sortState();
    const next = s.key === k ? { key: k, dir: -s.dir } : { key: k, dir: k === 'gap' ? -1 : 1 };
    sessionStorage.setItem('baophu.sort', JSON.stringify(next));
    renderDrill(el, children, asOf, root);
  }));
}

async function renderTrend(main, unit, asOf, target) {
  const el = main.querySelector('#chart-trend');
  if (!el) return;
  if (!state.config.has_series) { el.outerHTML = `<p class="muted">${esc(t('no_series'))}</p>`; return; }
  let s;
  const from = new Date(Date.parse(asOf + 'T00:00:00Z') - 26 * 7 * 86400000).toISOString().slice(0, 10);
  try { s = await api.get('/coverage/series', { unit, from, to: asOf, every: 'week' }); } catch (e) { showError(el, e); return; }
  const seriesParams = { unit, from, to: asOf, every: 'week', lang: lang() };
  const link = main.querySelector('#trend-csv');
  if (link) link.href = api.href('/coverage/series/export.csv', seriesParams);
  const xlsx = main.querySelector('#trend-xlsx');
  if (xlsx) xlsx.href = api.href('/coverage/series/export.xlsx', seriesParams);
  await chart(el, {
    grid: { left: 10, right: 30, top: 30, bottom: 30, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: (v) => pct(Math.round(v * 100)) },
    xAxis: { type: 'category', data: s.points.map((p) => dateVn(p.date)) },
    yAxis: { type: 'value', axisLabel: { formatter: '{value} %' }, scale: true },
    series: [{ type: 'line', name: t('rate'), data: s.points.map((p) => (p.rate_hundredths ?? 0) / 100), itemStyle: { color: '#2b6cb0' } },
      ...(target === null ? [] : [{ type: 'line', name: t('target'), data: s.points.map(() => target / 100), lineStyle: { type: 'dashed', color: '#c53030' }, symbol: 'none' }])],
  });
}

// The week up to the date: people who joined, renewed and lapsed, per sub-unit ("how many joined
// this week").
async function renderFlows(main, unit, asOf) {
  const el = main.querySelector('#flows');
  if (!el) return;
  const from = new Date(Date.parse(asOf + 'T00:00:00Z') - 6 * 86400000).toISOString().slice(0, 10);
  const params = { unit, from, to: asOf, depth: 1, lang: lang() };
  let f;
  try { f = await api.get('/coverage/flows', params); } catch (e) { showError(el, e); return; }
  main.querySelector('#flows-title').textContent = `${t('flows')} ${dateVn(from)} – ${dateVn(asOf)}`;
  main.querySelector('#flows-xlsx').href = api.href('/coverage/flows/export.xlsx', params);
  main.querySelector('#flows-csv').href = api.href('/coverage/flows/export.csv', params);
  const rows = f.rows.filter((r) => r.group === 'ALL');
  const row = (r, tag = 'td') => `<tr><${tag}>${r.depth === 0 ? `<b>${esc(r.unit_name)}</b>` : esc(r.unit_name)}</${tag}><td class="num">${count(r.new)}</td><td class="num">${count(r.renewed)}</td><td class="num">${count(r.lapsed)}</td><td class="num">${count(r.new + r.renewed - r.lapsed)}</td></tr>`;
  el.innerHTML = `<table class="data compact" id="flows-table"><thead><tr><th>${esc(t('unit'))}</th><th class="num">${esc(t('flow_new'))}</th>
    <th class="num">${esc(t('flow_renewed'))}</th><th class="num">${esc(t('flow_lapsed'))}</th><th class="num">${esc(t('flow_net'))}</th></tr></thead>
    <tbody>${rows.filter((r) => r.depth > 0).map((r) => row(r)).join('')}</tbody>
    <tfoot>${rows.filter((r) => r.depth === 0).map((r) => row(r)).join('')}</tfoot></table>`;
}

async function renderMap(main, asOf) {
  const card = main.querySelector('#map-card');
  if (!card) return;
  card.hidden = false;
  const el = main.querySelector('#chart-map');
  let geo, cov;
  try {
    [geo, cov] = await Promise.all([fetch('/api/v1/geo/provinces').then((r) => { if (!r.ok) throw new Error(t('no_map')); return r.json(); }),
      api.get('/coverage', { unit: 'VN', as_of: asOf, depth: 1, units_of: '2025-07-01', lang: lang() })]);
  } catch (e) { el.innerHTML = `<p class="muted">${esc(e.message)}</p>`; return; }
  const ec = await echarts();
  for (const f of geo.features) f.properties = { ...(f.properties || {}), name: String(f.id) };
  ec.registerMap('vn-provinces', geo);
  const byCode = new Map(cov.rows.filter((r) => r.depth === 1 && r.group === 'ALL').map((r) => [r.unit_code, r]));
  const data = geo.features.map((f) => { const r = byCode.get(String(f.id)); return { name: String(f.id), value: r?.rate_hundredths == null ? null : r.rate_hundredths / 100, label: r?.unit_name || f.id }; });
  const map = await chart(el, {
    tooltip: { formatter: (p) => `${esc(p.data?.label || p.name)}: ${p.data?.value == null ? '—' : pct(Math.round(p.data.value * 100))}` },
    visualMap: { min: 50, max: 100, text: ['100 %', '50 %'], calculable: true, inRange: { color: ['#c53030', '#f6e05e', '#2f855a'] }, left: 10, bottom: 10 },
    series: [{ type: 'map', map: 'vn-provinces', roam: true, data, emphasis: { label: { show: false } } }],
  }, 'canvas');
  if (map) el.setAttribute('data-rendered', '1');
  map?.on('click', (p) => { if (p.name) go(`#/overview?unit=${encodeURIComponent(p.name)}&as_of=${asOf}`); });
}
