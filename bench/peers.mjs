// The DuckDB peer of `make bench` (scripts/bench.sh), through @duckdb/node-api: loads the
// generated CSVs with read_csv (no extensions: this machine cannot download them), then runs the
// same as-of report (commune × group) and country series as the engine and the SQLite peer, and
// "insert a card, count its commune" as the update. Writes its figures as JSON.
// Usage: node peers.mjs --data DIR --rules DIR --out JSON [--cells F] [--series F]
//                       [--as-of 2025-12-31] [--runs 20] [--updates 1000] [--budget-s 60]
import { readFileSync, writeFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const args = { asOf: '2025-12-31', firstMonday: '2021-01-04', weeks: 261, runs: 20, updates: 1000, budgetS: 60 };
for (let i = 2; i + 1 < process.argv.length; i += 2) {
  const k = process.argv[i].replace(/^--/, '').replace(/-(.)/g, (_, c) => c.toUpperCase());
  args[k] = process.argv[i + 1];
}
for (const k of ['weeks', 'runs', 'updates', 'budgetS']) args[k] = Number(args[k]);
if (!args.data || !args.rules || !args.out) {
  console.error('usage: node peers.mjs --data DIR --rules DIR --out JSON [--cells F] [--series F]');
  process.exit(2);
}
const budgetMs = 1000 * args.budgetS;
const now = () => performance.now();
const quantile = (v, q) => {
  if (!v.length) return 0;
  const s = [...v].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
};
const peakRss = () => {
  const m = readFileSync('/proc/self/status', 'utf8').match(/VmHWM:\s+(\d+) kB/);
  return m ? Number(m[1]) * 1024 : 0;
};
const res = {};
const log = (...a) => console.error('duckdb:', ...a);

const db = await DuckDBInstance.create(':memory:');
const con = await db.connect();
const rows = async (sql) => (await con.runAndReadAll(sql)).getRows();
const MAX = "DATE '9999-12-31'";

// 1. Build: the CSVs into tables (the columns the queries need).
let t0 = now();
const csv = (f) => `read_csv('${f}', header = true, all_varchar = true)`;
await con.run(`CREATE TABLE rg AS SELECT id::INTEGER AS id, priority::INTEGER AS priority
               FROM ${csv(args.rules + '/reporting_groups.csv')}`);
await con.run(`CREATE TABLE oc AS SELECT object_code AS code, reporting_group::INTEGER AS grp,
                 COALESCE(TRY_CAST(valid_from AS DATE), DATE '0001-01-01') AS vf,
                 COALESCE(TRY_CAST(valid_to AS DATE), ${MAX}) AS vt
               FROM ${csv(args.rules + '/object_codes.csv')}`);
await con.run(`CREATE TABLE person AS SELECT ma_so_bhxh::BIGINT AS bhxh, NULLIF(ma_xa, '') AS commune
               FROM ${csv(args.data + '/persons.csv')}`);
await con.run(`CREATE TABLE card AS SELECT ma_so_bhxh::BIGINT AS bhxh,
                 CASE WHEN length(ma_the) = 15 THEN substr(ma_the, 1, 2) END AS obj,
                 strptime(tu_ngay, '%d/%m/%Y')::DATE AS vf,
                 COALESCE(strptime(NULLIF(den_ngay, ''), '%d/%m/%Y')::DATE, ${MAX}) AS vt
               FROM ${csv(args.data + '/cards.csv')}`);
res.build_ms = now() - t0;
const persons = Number((await rows('SELECT COUNT(*) FROM person'))[0][0]);
const cards = Number((await rows('SELECT COUNT(*) FROM card'))[0][0]);
const memBytes = Number((await rows('SELECT SUM(memory_usage_bytes) FROM duckdb_memory()'))[0][0]);
Object.assign(res, { persons, cards, memory_bytes: memBytes, memory_bytes_per_person: memBytes / persons,
                     threads: Number((await rows("SELECT current_setting('threads')"))[0][0]) });
log(`loaded ${persons} people, ${cards} cards from CSV in ${res.build_ms.toFixed(0)} ms; ` +
    `${(memBytes / persons).toFixed(1)} B/person held (duckdb_memory)`);

// A card's group: its object code's rule in force on its first day; 9 when the code is unknown.
const best = `SELECT c.bhxh, MIN(rg.priority) AS pr FROM card c
  LEFT JOIN oc ON oc.code = c.obj AND c.vf BETWEEN oc.vf AND oc.vt
  JOIN rg ON rg.id = COALESCE(oc.grp, 9)`;

// 2. As-of report: commune × group.
const asofSql = `WITH best AS (${best} WHERE c.vf <= DATE '${args.asOf}' AND c.vt >= DATE '${args.asOf}' GROUP BY c.bhxh)
  SELECT COALESCE(p.commune, '') AS commune, rg.id AS grp, COUNT(*) AS n
  FROM best JOIN person p ON p.bhxh = best.bhxh JOIN rg ON rg.priority = best.pr GROUP BY ALL`;
const asofMs = [];
let cells = [];
let spent = 0;
for (let r = 0; r < args.runs; ++r) {
  const s0 = now();
  cells = await rows(asofSql);
  asofMs.push(now() - s0);
  spent += asofMs.at(-1);
  if (spent > budgetMs && r + 1 >= 3) break;
}
cells = cells.map(([c, g, n]) => [c, Number(g), Number(n)])
  .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
const total = cells.reduce((s, c) => s + c[2], 0);
Object.assign(res, { asof_runs: asofMs.length, asof_median_ms: quantile(asofMs, 0.5),
                     asof_p90_ms: quantile(asofMs, 0.9), asof_total: total });
if (args.cells) writeFileSync(args.cells, cells.map((c) => c.join(',')).join('\n') + '\n');
log(`as-of report median ${res.asof_median_ms.toFixed(0)} ms over ${asofMs.length} runs; total ${total}`);

// 3. Country series: one COUNT(DISTINCT) per Monday; a spread subset when over budget.
const mondays = [];
for (let i = 0; i < args.weeks; ++i) {
  const d = new Date(args.firstMonday + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + 7 * i);
  mondays.push(d.toISOString().slice(0, 10));
}
const spread = [...mondays.keys()].map((i) => {
  let r = 0;
  for (let b = 0; b < 16; ++b) r |= ((i >> b) & 1) << (15 - b);
  return [r, i];
}).sort((a, b) => a[0] - b[0]).map((x) => x[1]);
const measured = new Map();
spent = 0;
for (const i of spread) {
  const s0 = now();
  const d = mondays[i];
  const n = (await rows(`SELECT COUNT(DISTINCT bhxh) FROM card WHERE vf <= DATE '${d}' AND vt >= DATE '${d}'`))[0][0];
  spent += now() - s0;
  measured.set(i, Number(n));
  if (spent > budgetMs && measured.size >= 3) break;
}
res.series_dates_measured = measured.size;
res.series_country_ms = (spent / measured.size) * args.weeks;
res.series_extrapolated = measured.size < args.weeks ? 1 : 0;
if (args.series) {
  const lines = [...measured.keys()].sort((a, b) => a - b).map((i) => `${mondays[i]},${measured.get(i)}`);
  writeFileSync(args.series, lines.join('\n') + '\n');
}
log(`series: ${measured.size} of ${args.weeks} dates in ${spent.toFixed(0)} ms -> ${res.series_country_ms.toFixed(0)} ms` +
    (res.series_extrapolated ? ' (extrapolated)' : ''));

// 4. Update: insert a card for an existing person, then count their commune × group 1 on its
// first day. In a transaction rolled back at the end.
const people = (await rows(`SELECT bhxh, commune FROM person WHERE commune IS NOT NULL ORDER BY bhxh LIMIT ${args.updates}`));
const count = async (commune, d) => Number((await rows(`SELECT COUNT(*) FROM (${best}
  JOIN person p ON p.bhxh = c.bhxh WHERE p.commune = '${commune}' AND c.vf <= DATE '${d}' AND c.vt >= DATE '${d}'
  GROUP BY c.bhxh) WHERE pr = (SELECT priority FROM rg WHERE id = 1)`))[0][0]);
await con.run('BEGIN TRANSACTION');
const updMs = [];
let missed = 0;
spent = 0;
for (let i = 0; i < people.length; ++i) {
  const [bhxh, commune] = people[i];
  const d = new Date(Date.UTC(2040, 0, 1 + i)).toISOString().slice(0, 10);
  const before = await count(commune, d);
  const s0 = now();
  await con.run(`INSERT INTO card VALUES (${bhxh}, 'DN', DATE '${d}', DATE '${d}' + INTERVAL 364 DAY)`);
  const after = await count(commune, d);
  updMs.push(now() - s0);
  spent += updMs.at(-1);
  if (after !== before + 1) ++missed;
  if (spent > budgetMs) break;
}
await con.run('ROLLBACK');
if (missed) {
  console.error(`duckdb: FAILED: ${missed} inserted cards not counted`);
  process.exit(1);
}
Object.assign(res, { updates: updMs.length, update_median_ms: quantile(updMs, 0.5), update_p99_ms: quantile(updMs, 0.99),
                     update_max_ms: quantile(updMs, 1), peak_rss: peakRss() });
log(`update median ${res.update_median_ms.toFixed(2)} ms, p99 ${res.update_p99_ms.toFixed(2)} ms over ${updMs.length}`);
writeFileSync(args.out, JSON.stringify(res, null, 2) + '\n');
