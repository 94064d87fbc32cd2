// The table of `make bench`: reads var/bench/<N>/{engine,sqlite,duckdb}.json, checks that the
// peers agree with the engine (as-of totals and every commune × group cell, and the series on
// every date a peer measured), and prints one Markdown table: measures × (baophu | SQLite |
// DuckDB | ratios) per N. Exits 1, loudly, when the figures disagree.
// Usage: node table.mjs var/bench 1000000 10000000
import { existsSync, readFileSync } from 'node:fs';

const [root, ...sizes] = process.argv.slice(2);
const read = (f) => JSON.parse(readFileSync(f, 'utf8'));
const lines = (f) => readFileSync(f, 'utf8').split('\n').filter(Boolean);
const fmtN = (n) => (n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : `${n}`);
let failed = false;

const cols = [];
for (const n of sizes) {
  const dir = `${root}/${n}`;
  // A peer that was not run at this size (the 100-million run builds from the CSV files: there
  // is no SQLite store to query) has no file; its columns show —.
  const readIf = (f) => (existsSync(f) ? read(f) : {});
  const e = { ...read(`${dir}/engine.json`), ...readIf(`${dir}/scan.json`) }, s = readIf(`${dir}/sqlite.json`), d = readIf(`${dir}/duckdb.json`);
  const prep = existsSync(`${dir}/prepare.times`)
    ? Object.fromEntries(lines(`${dir}/prepare.times`).map((l) => l.split('=')).map(([k, v]) => [k, Number(v)]))
    : {};
  // The independent check.
  for (const [name, p] of [['SQLite', 'sqlite'], ['DuckDB', 'duckdb']]) {
    const peer = p === 'sqlite' ? s : d;
    if (!existsSync(`${dir}/${p}.json`)) {
      console.log(`N=${n}: ${name}: not run at this size`);
      continue;
    }
    const sameTotal = peer.asof_total === e.asof_total;
    const sameCells = readFileSync(`${dir}/${p}.cells`, 'utf8') === readFileSync(`${dir}/engine.cells`, 'utf8');
    const engineSeries = new Map(lines(`${dir}/engine.series`).map((l) => l.split(',')));
    const peerSeries = lines(`${dir}/${p}.series`).map((l) => l.split(','));
    const badDates = peerSeries.filter(([date, v]) => engineSeries.get(date) !== v);
    if (sameTotal && sameCells && badDates.length === 0) {
      console.log(`N=${n}: ${name}: totals agree (${e.asof_total} insured on the as-of date; every commune × group ` +
                  `cell equal; series equal on the ${peerSeries.length} dates ${name} measured)`);
    } else {
      failed = true;
      console.log(`N=${n}: ${name}: MISMATCH: as-of total baophu ${e.asof_total} vs ${peer.asof_total}; cells ` +
                  `${sameCells ? 'equal' : 'differ'}; series differ on ${badDates.length} dates`);
    }
  }
  cols.push({ n, e, s, d, prep });
}

const ms = (v) => (v === undefined ? '—' : v >= 10000 ? `${(v / 1000).toFixed(1)} s` : v >= 100 ? `${v.toFixed(0)} ms`
  : v >= 1 ? `${v.toFixed(1)} ms` : v >= 0.01 ? `${v.toFixed(3)} ms` : `${(v * 1000).toFixed(2)} µs`);
const bytes = (v) => (v === undefined ? '—' : v >= 1e9 ? `${(v / 1e9).toFixed(2)} GB` : `${(v / 1e6).toFixed(0)} MB`);
const num = (v, unit = '') => (v === undefined ? '—' : `${v.toFixed(1)}${unit}`);
const ratio = (peer, base) => (peer === undefined || base === undefined || !base ? '—'
  : peer / base >= 1e5 ? `${(peer / base).toExponential(1).replace('e+', '·10^')}×`
  : peer / base >= 100 ? `${(peer / base).toFixed(0)}×` : `${(peer / base).toFixed(1)}×`);
const star = (v, extrapolated) => (extrapolated ? `${v}*` : v);

// Each measure: label, and for one N: [baophu, SQLite, DuckDB] raw values and a formatter.
const measures = [
  ['build (baophu: store → index, or CSV → index where marked; DuckDB: read_csv into tables)', (c) => [c.e.build_ms, undefined, c.d.build_ms], ms],
  ['of which reading the store (Store::ScanIndexInputs: two connections, no-op callbacks)', (c) => [c.e.scan_index_inputs_ms, undefined, undefined], ms],
  ['(the store read through Store::ScanPersons + ScanCards, one connection, full rows)', (c) => [c.e.scan_persons_ms === undefined ? undefined : c.e.scan_persons_ms + c.e.scan_cards_ms, undefined, undefined], ms],
  ['load from the snapshot file (engine: LoadSnapshot, checksums verified)', (c) => [c.e.snapshot_load_ms, undefined, undefined], ms],
  ['(write the snapshot file)', (c) => [c.e.snapshot_write_ms, undefined, undefined], ms],
  ['(for scale: `baophu import` of the CSVs into the SQLite store)', (c) => [undefined, c.prep.import_s ? c.prep.import_s * 1000 : undefined, undefined], ms],
  ['as-of report, commune × group, median', (c) => [c.e.asof_median_ms, c.s.asof_median_ms, c.d.asof_median_ms], ms],
  ['as-of report, p90', (c) => [c.e.asof_p90_ms, c.s.asof_p90_ms, c.d.asof_p90_ms], ms],
  ['series, 261 Mondays, country (baophu: BuildCoverageSeries with rate and gap; peers: counts)', (c) => [c.e.report_series_country_ms, c.s.series_country_ms, c.d.series_country_ms], ms,
    (c) => [false, c.s.series_extrapolated, c.d.series_extrapolated]],
  ['series, 261 Mondays, one province (BuildCoverageSeries)', (c) => [c.e.report_series_province_ms, undefined, undefined], ms],
  ['(engine alone: CoverageIndex::SeriesOver, country / province)', (c) => [c.e.series_country_ms, undefined, undefined], ms],
  ['(engine alone: SeriesOver, one province, its slots found inside the timing)', (c) => [c.e.series_province_ms, undefined, undefined], ms],
  ['(baophu country series without the Series API: Σ ForEachCount)', (c) => [c.e.series_country_foreach_ms, undefined, undefined], ms],
  ['update: new card → count sees it, median', (c) => [c.e.update_median_ms, c.s.update_median_ms, c.d.update_median_ms], ms],
  ['update, p99', (c) => [c.e.update_p99_ms, c.s.update_p99_ms, c.d.update_p99_ms], ms],
  ['update, max', (c) => [c.e.update_max_ms, c.s.update_max_ms, c.d.update_max_ms], ms],
  ['memory, B/person (engine: MemoryBytes; SQLite: db file; DuckDB: duckdb_memory)', (c) => [c.e.memory_bytes_per_person, c.s.file_bytes_per_person, c.d.memory_bytes_per_person], (v) => num(v)],
  ['engine person columns, B/person', (c) => [c.e.person_bytes_per_person, undefined, undefined], (v) => num(v)],
  ['engine card column, B/card', (c) => [c.e.card_bytes_per_card, undefined, undefined], (v) => num(v)],
  ['peak RSS (VmHWM)', (c) => [c.e.peak_rss, c.s.peak_rss, c.d.peak_rss], bytes],
];
const head = ['measure'];
for (const c of cols) head.push(`${fmtN(c.n)} baophu${c.e.build_source === 'csv' ? ' (built from CSV)' : ''}`, `${fmtN(c.n)} SQLite`, `${fmtN(c.n)} DuckDB`, `${fmtN(c.n)} SQLite ÷ baophu`, `${fmtN(c.n)} DuckDB ÷ baophu`);
const out = [`| ${head.join(' | ')} |`, `|${head.map((_, i) => (i ? '---:' : '---')).join('|')}|`];
for (const [label, get, f, extra] of measures) {
  const row = [label];
  for (const c of cols) {
    const [b, s, d] = get(c);
    const x = extra ? extra(c) : [false, false, false];
    row.push(f(b), star(f(s), x[1]), star(f(d), x[2]), ratio(s, b), ratio(d, b));
  }
  out.push(`| ${row.join(' | ')} |`);
}
console.log('');
console.log(out.join('\n'));
console.log('');
for (const c of cols) {
  console.log(`N=${fmtN(c.n)}: ${c.e.persons} people, ${c.e.cards} cards; engine series: ${c.e.series_method}; ` +
    `as-of runs: baophu ${c.e.asof_runs}, SQLite ${c.s.asof_runs}, DuckDB ${c.d.asof_runs}; updates: baophu ${c.e.updates}, ` +
    `SQLite ${c.s.updates}, DuckDB ${c.d.updates}; series dates measured: SQLite ${c.s.series_dates_measured}, DuckDB ` +
    `${c.d.series_dates_measured} of 261 (* = extrapolated from those); DuckDB threads ${c.d.threads}.`);
}
if (failed) {
  console.log('\nFAILED: the peers do not agree with baophu (see above).');
  process.exit(1);
}
