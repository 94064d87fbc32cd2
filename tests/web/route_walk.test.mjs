// The route walk of issue 12 (acceptance point 1): every route of docs/api.md, as a commune, a
// province account scoped to one district, a school, an organisation, a viewer and a post-2025
// province (Cà Mau, 96), with parameters and bodies naming other units (reused codes included)
// and other people. No response may carry a BHXH number, a CCCD or a name of a person outside
// the account's scope (beyond what the request itself sent), a write naming such a person must be
// refused, and every refusal (401, 403) must be in the audit log. Runs on a private copy of the
// fixture (with_copy.sh): the POST routes are tried too, and a write that a bug let through must
// not change the other tests' data.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client as BaseClient } from './client.mjs';

// The walk's client retries a request once when the connection fails: the server closes an idle
// keep-alive connection after 5 s, and a long export leaves the pool's other sockets idle that long.
class Client extends BaseClient {
  async req(...args) {
    try {
      return await super.req(...args);
    } catch (e) {
      if (!(e instanceof TypeError)) throw e;
      return await super.req(...args);
    }
  }
}

const FIX = process.env.BAOPHU_FIXTURE;
const DB = join(FIX, 'baophu.db');
const E = process.env;
const AS_OF = '2021-11-10';
const sql = (q) => execFileSync('sqlite3', ['-separator', '|', DB, q], { maxBuffer: 1 << 28 }).toString().trim();
const days = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86400000;
const D = days(AS_OF);

// The documented routes.
const API = readFileSync(new URL('../../docs/api.md', import.meta.url), 'utf8');
const ROUTES = [...API.matchAll(/^### (GET|POST) (\/\S+)\s*$/gm)].map((m) => ({ method: m[1], path: m[2] }));

// The units the walk names: the other commune, districts, provinces, the country, codes the 2025
// reform reused for Cà Mau's communes (31825; 31957 is commune A's), Phường 2.
const REUSED = sql(`SELECT DISTINCT u1.code FROM unit u1 JOIN unit u2 ON u1.code = u2.code AND u2.valid_from > u1.valid_from
  WHERE u2.parent_code = '96' AND u1.parent_code IN (SELECT code FROM unit WHERE parent_code = '95') ORDER BY 1`).split('\n');
const UNITS = [E.COMMUNE_A, E.COMMUNE_B, '31813', REUSED[0], '954', '956', '95', '96', 'VN'];
// People: A and B of fixture.env, one of a reused commune, one of Phường 2 on no list.
const personOf = (where) => sql(`SELECT printf('%010d', bhxh), citizen_id, full_name FROM person WHERE ${where} AND citizen_id IS NOT NULL ORDER BY bhxh LIMIT 1`).split('|');
const P_REUSED = personOf(`commune_code = '${REUSED[0]}'`);
const P_P2 = personOf(`commune_code = '31813' AND bhxh NOT IN (SELECT bhxh FROM outreach_match WHERE bhxh IS NOT NULL)`);
const BHXHS = [E.BHXH_A, E.BHXH_B, P_REUSED[0], P_P2[0]];
const QUERIES = [E.BHXH_B, E.CCCD_B, E.NAME_B, E.BHXH_A, E.CCCD_A, P_REUSED[0], P_REUSED[1], P_P2[0], P_REUSED[2]];
const KINDS = ['expired', 'expiring', 'households', 'pupils', 'beneficiaries', 'members', 'matches'];

// Each account: who it is and which people it may see (a set of BHXH numbers, or a commune test).
const communesUnder = (code) => sql(`WITH RECURSIVE t(c) AS (SELECT '${code}' UNION SELECT u.code FROM unit u JOIN t ON u.parent_code = t.c
  WHERE u.valid_from <= ${D} AND u.valid_to >= ${D}) SELECT c FROM t`).split('\n');
const ACCOUNTS = {
  xaa: { communes: new Set([E.COMMUNE_A]) },
  huyen954: { communes: new Set(communesUnder('954')) },
  gvlan: { list: 'pupils', masked: true },
  hnd: { list: 'members', masked: true },
  xem: { communes: new Set() },
  camau: { communes: new Set() },  // Cà Mau after 2025: none of Bạc Liêu's people of 2021
};

// The URLs of a GET route: its placeholders filled with other people and units, and the
// parameters unit / q / as_of naming them.
function getUrls(path) {
  let bases = [path];
  const fill = (name, values) => {
    if (!bases.some((b) => b.includes(`{${name}}`))) return;
    bases = bases.flatMap((b) => values.map((v) => b.replace(`{${name}}`, encodeURIComponent(v))));
  };
  fill('bhxh', BHXHS);
  fill('code', UNITS);
  fill('kind', KINDS);
  fill('id', ['0123456789abcdef']);
  const urls = [];
  for (const b of bases) {
    const heavy = b.includes('/exchange/fhir');  // a district's FHIR bundle is 150.000 patients
    if (!heavy) urls.push(b);
    for (const u of UNITS) if (!heavy || u.length === 5) urls.push(`${b}?unit=${u}&as_of=${AS_OF}`);
    if (b.startsWith('/api/v1/people') && !b.includes('/people/9')) {
      for (const q of QUERIES) urls.push(`${b}?q=${encodeURIComponent(q)}`);
      urls.push(`${b}?q=${encodeURIComponent(E.NAME_B)}&unit=${E.COMMUNE_B}`);
    }
    if (b.includes('/people/9')) urls.push(`${b}?as_of=2021-01-01`);
  }
  return urls;
}

// The bodies of a POST route, naming other people and units.
function postBodies(path) {
  const entries = BHXHS.map((b) => `p:${b}`).concat([`r:3|HND_P2|b:${E.BHXH_B}`]);
  switch (path) {
    case '/api/v1/outreach/assign':
      return UNITS.flatMap((u) => [
        { list: 'expired', unit: u, as_of: AS_OF, rule: 'hamlet' },
        ...entries.map((e) => ({ list: 'expired', unit: u, as_of: AS_OF, entry: e, to: 'Người lạ' })),
      ]);
    case '/api/v1/outreach/outcome':
      return entries.map((e) => ({ list: 'expired', entry: e, outcome: 'contacted', date: AS_OF, note: 'walk' }));
    case '/api/v1/outreach/confirm':
      return entries.map((e) => ({ entry: e, bhxh: E.BHXH_B, reject: true }));
    case '/api/v1/steering/agency-reports':
      return sql('SELECT code FROM agency ORDER BY code LIMIT 3').split('\n').map((a) => ({ agency: a, rows: [] }));
    default:
      return [];
  }
}

// Files uploaded to POST /api/v1/imports naming people outside (staged, never committed).
const UPLOADS = [
  ['persons', 'nguoi.csv', `ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,gioi_tinh,ma_xa\n${E.BHXH_B},,Tên Giả,01/01/1990,Nam,${E.COMMUNE_A}\n9599999998,${E.CCCD_B},Tên Giả,01/01/1990,Nam,${E.COMMUNE_A}\n`],
  ['pupils', 'hoc_sinh.csv', `ma_truong,ten_truong,ma_dvhc,lop,ma_so_bhxh,so_cccd,ho_ten,ngay_sinh\nTHCS_P2,Trường THCS Phường 2,31813,6A,${E.BHXH_B},,Tên Giả,01/01/2010\nTHCS_P2,Trường THCS Phường 2,31813,6A,,${E.CCCD_B},Tên Giả,01/01/2010\n`],
];

// The text of a response: JSON / CSV as is, an XLSX's sheets and shared strings unzipped.
function bodyText(r) {
  if (!Buffer.isBuffer(r.data)) return JSON.stringify(r.data);
  if (r.data.subarray(0, 2).toString() !== 'PK') return r.data.toString('utf8');
  const dir = mkdtempSync(join(tmpdir(), 'walk-'));
  try {
    writeFileSync(join(dir, 'x.xlsx'), r.data);
    return execFileSync('unzip', ['-p', join(dir, 'x.xlsx')], { maxBuffer: 1 << 28 }).toString('utf8');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// The people a text names by number (10-digit BHXH, 12-digit CCCD): [bhxh, cccd, name, commune, how].
function peopleNamedIn(text) {
  const bhxh = new Set(text.match(/(?<!\d)\d{10}(?!\d)/g) || []);
  const cccd = new Set(text.match(/(?<!\d)\d{12}(?!\d)/g) || []);
  const out = [];
  const chunk = (arr, n) => Array.from({ length: Math.ceil(arr.length / n) }, (_, i) => arr.slice(i * n, i * n + n));
  for (const part of chunk([...bhxh], 500))
    for (const line of sql(`SELECT printf('%010d', bhxh), citizen_id, full_name, commune_code FROM person WHERE bhxh IN (${part.map((b) => +b).join(',')})`).split('\n'))
      if (line) out.push([...line.split('|'), 'bhxh']);
  for (const part of chunk([...cccd], 500))
    for (const line of sql(`SELECT printf('%010d', bhxh), citizen_id, full_name, commune_code FROM person WHERE citizen_id IN (${part.map((c) => `'${c}'`).join(',')})`).split('\n'))
      if (line) out.push([...line.split('|'), 'cccd']);
  return out;
}

for (const [user, acc] of Object.entries(ACCOUNTS)) {
  test(`route walk as ${user}: nothing of people outside its scope, every refusal audited`, { timeout: 1_200_000 }, async () => {
    // Only the audit entries written from now on count (the log may hold earlier runs').
    const admin = await Client.as('admin');
    const top = await admin.get('/api/v1/audit?limit=1');
    const since = top.data.entries.length ? top.data.entries[0].id : 0;
    const c = await Client.as(user);
    if (acc.list) {  // a school's pupils, an organisation's members: as its own list shows them
      const l = await c.get(`/api/v1/lists/${acc.list}?as_of=${AS_OF}`);
      assert.equal(l.status, 200, JSON.stringify(l.data));
      acc.people = new Set(l.data.entries.map((e) => e.bhxh).filter(Boolean));
      assert.ok(acc.people.size > 0, `${user}'s list is empty`);
    }
    const maySee = ([bhxh, , , commune]) => (acc.people ? acc.people.has(bhxh) : acc.communes.has(commune));
    // Names of the people the walk names, outside the scope and not worn by anyone inside it.
    const named = [...new Set(peopleNamedIn([...BHXHS, E.CCCD_B, E.CCCD_A, P_REUSED[1]].join(' ')).map((p) => p.join('|')))].map((s) => s.split('|'));
    const q = (x) => `'${x.replaceAll("'", "''")}'`;
    const outsideNames = named.filter((p) => !maySee(p)).map((p) => p[2]);
    const insideNames = acc.people
      ? new Set(peopleNamedIn([...acc.people].join(' ')).map((p) => p[2]))
      : new Set(acc.communes.size && outsideNames.length
        ? sql(`SELECT DISTINCT full_name FROM person WHERE full_name IN (${outsideNames.map(q).join(',')})
               AND commune_code IN (${[...acc.communes].map(q).join(',')})`).split('\n') : []);
    // A whole name: "Võ Thị Thu" is not in "Võ Thị Thuỳ".
    const wholeName = (n) => new RegExp(`(?<![\\p{L}\\p{M}])${n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{M}])`, 'u');
    const forbiddenNames = named.filter((p) => !maySee(p) && !insideNames.has(p[2])).map((p) => [p[2], wholeName(p[2])]);
    const leaks = [], accepted = [], refused = new Map();
    let requests = 0, people = 0;
    const check = (method, url, sent, r) => {
      requests++;
      if (r.status === 401 || r.status === 403) {
        const key = `${method} ${url.split('?')[0]}`;
        refused.set(key, (refused.get(key) || 0) + 1);
      }
      const text = bodyText(r);
      for (const p of peopleNamedIn(text)) {
        people++;
        const [bhxh, cccd, name] = p;
        if (p[4] === 'cccd' && acc.masked && !sent.includes(cccd)) {
          // Entry keys included: a roster row keyed by its CCCD shows it masked ("…|c:095******268").
          const inKeyOnly = !text.replace(/\|c:\d{12}/g, '|c:').includes(cccd);
          leaks.push(`${method} ${url}: CCCD ${cccd} unmasked for a ${user} account${inKeyOnly ? ' (in an entry key)' : ''}`);
        }
        if (maySee(p)) continue;
        if (!sent.includes(p[4] === 'bhxh' ? bhxh : cccd)) leaks.push(`${method} ${url}: ${p[4]} of ${bhxh} (${p[3]})`);
        else if (p[4] === 'bhxh' && cccd && text.includes(cccd) && !sent.includes(cccd)) leaks.push(`${method} ${url}: the CCCD behind ${bhxh}`);
        else if (p[4] === 'cccd' && text.includes(bhxh) && !sent.includes(bhxh)) leaks.push(`${method} ${url}: the BHXH behind ${cccd}`);
      }
      for (const [n, re] of forbiddenNames) if (re.test(text) && !sent.includes(n)) leaks.push(`${method} ${url}: the name ${n}`);
    };
    const get = async (url) => {
      try {
        return await c.get(url);
      } catch (e) {
        throw new Error(`GET ${url}: ${e.cause?.message || e.message}`);
      }
    };
    for (const { method, path } of ROUTES) {
      if (method === 'GET') {
        for (const url of getUrls(path)) check('GET', url, decodeURIComponent(url), await get(url));
      } else if (path === '/api/v1/imports') {
        for (const [kind, name, content] of UPLOADS) {
          const url = `${path}?kind=${kind}`;
          const r = await c.upload(kind, name, content);
          check('POST', url, content, r);
          if (r.status === 200) {
            const id = r.data.id;
            for (const sub of [`/api/v1/imports/${id}`, `/api/v1/imports/${id}/errors.csv`]) check('GET', sub, content, await c.get(sub));
          }
        }
      } else {
        for (const body of postBodies(path)) {
          const sent = JSON.stringify(body);
          const r = await c.post(path, body);
          check('POST', path, sent, r);
          // A change naming a person outside the scope must be refused (or not found).
          const outside = BHXHS.filter((b) => sent.includes(b)).map((b) => peopleNamedIn(b)[0]).filter((p) => p && !maySee(p));
          if (r.status < 300 && outside.length) accepted.push(`POST ${path} ${sent} → ${r.status}`);
        }
      }
    }
    // Every refusal in the audit log: entries "refused.<code>" with the method and path.
    const audited = new Map();
    let before = 0;
    for (;;) {
      const a = await admin.get(`/api/v1/audit?user=${user}&limit=1000${before ? `&before=${before}` : ''}`);
      assert.equal(a.status, 200);
      for (const e of a.data.entries)
        if (e.id > since && e.action.startsWith('refused.')) audited.set(e.subject, (audited.get(e.subject) || 0) + 1);
      if (a.data.entries.length < 1000 || a.data.entries[a.data.entries.length - 1].id <= since) break;
      before = a.data.entries[a.data.entries.length - 1].id;
    }
    const unaudited = [...refused].filter(([k, n]) => (audited.get(k) || 0) < n).map(([k, n]) => `${k} ×${n} (audited ${audited.get(k) || 0})`);
    const refusals = [...refused.values()].reduce((s, n) => s + n, 0);
    console.log(`${user}: ${requests} requests over ${ROUTES.length} routes, ${people} people named in answers, ` +
                `${refusals} refusals, ${leaks.length} leaks, ${accepted.length} writes accepted, ${unaudited.length} refusals unaudited`);
    assert.deepEqual(leaks.slice(0, 20), [], 'personal data outside the scope');
    assert.deepEqual(accepted.slice(0, 20), [], 'writes naming people outside the scope');
    assert.deepEqual(unaudited, [], 'refusals not in the audit log');
  });
}


// A number outside one's scope gets the answer an unknown number gets (issue 12, item 6).
test('out of scope answers as unknown: same status, code and message', async () => {
  const admin = await Client.as('admin');
  const top = await admin.get('/api/v1/audit?limit=1');
  const since = top.data.entries.length ? top.data.entries[0].id : 0;
  const c = await Client.as('xaa');
  const unknownBhxh = '9599999999', unknownCccd = '095999999999';
  assert.equal(sql(`SELECT COUNT(*) FROM person WHERE bhxh = ${+unknownBhxh} OR citizen_id = '${unknownCccd}'`), '0');
  const pairs = [
    [`/api/v1/people?q=${E.BHXH_B}`, `/api/v1/people?q=${unknownBhxh}`, E.BHXH_B, unknownBhxh],
    [`/api/v1/people?q=${E.CCCD_B}`, `/api/v1/people?q=${unknownCccd}`, E.CCCD_B, unknownCccd],
    [`/api/v1/people/${E.BHXH_B}`, `/api/v1/people/${unknownBhxh}`, E.BHXH_B, unknownBhxh],
    [`/api/v1/people/${E.BHXH_B}/cards`, `/api/v1/people/${unknownBhxh}/cards`, E.BHXH_B, unknownBhxh],
    [`/api/v1/people/${E.BHXH_B}/export.xlsx`, `/api/v1/people/${unknownBhxh}/export.xlsx`, E.BHXH_B, unknownBhxh],
  ];
  for (const [outside, unknown, a, b] of pairs) {
    const r1 = await c.get(outside), r2 = await c.get(unknown);
    assert.equal(r1.status, r2.status, outside);
    assert.notEqual(r1.status, 403, outside);
    if (Buffer.isBuffer(r1.data)) continue;  // an XLSX of no one: dates of making differ
    assert.equal(JSON.stringify(r1.data).replaceAll(a, 'N'), JSON.stringify(r2.data).replaceAll(b, 'N'), outside);
  }
  // …and the administrator sees the try in the audit log.
  const a = await admin.get('/api/v1/audit?user=xaa&limit=200');
  assert.ok(a.data.entries.some((e) => e.id > since && e.action === 'refused.out_of_scope' && e.subject === E.BHXH_B),
            'out-of-scope lookup audited');
});
