// API tests against a real `baophu serve` on loopback (started by with_server.sh on the web
// fixture: Bạc Liêu 2021, accounts admin / tinh / xaa / xab / xem).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, PASSWORDS, isError } from './client.mjs';

const E = process.env;



test('the session cookie is HttpOnly and SameSite=Strict; no session → 401', async () => {
  const c = new Client();
  const r = await c.req('POST', '/api/v1/auth/login', { body: { username: 'tinh', password: PASSWORDS.tinh } });
  assert.equal(r.status, 200);
  const cookie = r.headers.get('set-cookie');
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  assert.doesNotMatch(cookie, /Secure/);  // loopback: plain HTTP
  isError(await new Client().get('/api/v1/coverage'), 401, 'unauthenticated');
  isError(await new Client().get('/api/v1/people?q=' + E.BHXH_A), 401, 'unauthenticated');
});

test('wrong passwords → 401, then 429 for that username only', async () => {
  const c = new Client();
  for (let i = 0; i < 5; i++) isError(await c.req('POST', '/api/v1/auth/login', { body: { username: 'khoa', password: 'sai-mat-khau' } }), 401, 'bad_credentials');
  const r = await c.req('POST', '/api/v1/auth/login', { body: { username: 'khoa', password: PASSWORDS.khoa } });
  isError(r, 429, 'too_many_attempts');
  assert.ok(Number(r.headers.get('retry-after')) > 0);
  await Client.as('tinh');  // another user from the same address still logs in
  isError(await c.req('POST', '/api/v1/auth/login', { body: 'not json' }), 400, 'invalid_argument');
});

test('the coverage report has the figures of dispatch 5312/UBND-KGVX', async () => {
  const c = await Client.as('tinh');
  const r = await c.get('/api/v1/coverage?unit=95&as_of=10/11/2021&depth=0&by=group');
  assert.equal(r.status, 200);
  const all = r.data.rows.find((x) => x.group === 'ALL' && x.depth === 0);
  assert.equal(all.unit_name, 'Tỉnh Bạc Liêu');
  assert.equal(all.insured, 591427);
  assert.equal(all.denominator, 907236);
  assert.equal(all.rate_hundredths, 6519);   // 591427 / 907236 = 65,19 %
  assert.equal(all.target_hundredths, 9100);
  assert.equal(all.gap_people, 234158);      // ceil(0,91 × 907236) − 591427 = 825585 − 591427
  const rate = (g) => r.data.rows.find((x) => x.group === g && x.depth === 0).rate_hundredths;
  assert.equal(rate('HSSV'), 7009);
  assert.equal(rate('HGD'), 4628);
  const d1 = await c.get('/api/v1/coverage?unit=95&as_of=2021-11-10');
  assert.ok(d1.data.rows.filter((x) => x.depth === 1 && x.group === 'ALL').length >= 7);  // the districts
  isError(await c.get('/api/v1/coverage?unit=95&as_of=31/02/2021'), 400, 'invalid_argument');
  isError(await c.get('/api/v1/coverage?unit=95&depth=abc'), 400, 'invalid_argument');
  isError(await c.get('/api/v1/coverage?unit=01&as_of=2021-11-10'), 403, 'permission_denied');
  isError(await c.get('/api/v1/coverage?unit=XX999&as_of=2021-11-10'), 404, 'not_found');
  isError(await c.get('/api/v1/no-such-route'), 404, 'not_found');
});

test('the series ends on the report\'s figure; flows per district', async () => {
  const c = await Client.as('tinh');
  const s = await c.get('/api/v1/coverage/series?unit=95&from=04/11/2021&to=10/11/2021&every=day');
  assert.equal(s.status, 200, JSON.stringify(s.data));
  assert.equal(s.data.points.length, 7);
  const last = s.data.points.at(-1);
  assert.equal(last.date, '2021-11-10');
  assert.equal(last.insured, 591427);
  assert.equal(last.rate_hundredths, 6519);
  const w = await c.get('/api/v1/coverage/series?unit=95&to=2021-11-10&group=HSSV');
  assert.ok(w.data.points.length >= 26);
  assert.equal(w.data.group, 'HSSV');
  isError(await c.get('/api/v1/coverage/series?unit=95&every=hour'), 400, 'invalid_argument');
  isError(await (await Client.as('xaa')).get('/api/v1/coverage/series?unit=95&to=2021-11-10'), 403, 'permission_denied');
  const f = await c.get('/api/v1/coverage/flows?unit=95&from=01/10/2021&to=31/10/2021');
  assert.equal(f.status, 200);
  assert.ok(f.data.rows.some((r) => r.depth === 1));
});

test('exports: CSV and XLSX of the same report', async () => {
  const c = await Client.as('tinh');
  const csv = await c.get('/api/v1/coverage/export.csv?unit=95&as_of=10/11/2021&depth=0');
  assert.equal(csv.status, 200);
  const text = csv.data.toString('utf8');
  assert.match(text, /^\uFEFFunit_code,unit_name/);
  assert.match(text, /95,Tỉnh Bạc Liêu,province,ALL,591427,907236,65\.19,91\.00,234158/);
  const x = await c.get('/api/v1/coverage/export.xlsx?unit=95&as_of=10/11/2021&depth=1');
  assert.equal(x.status, 200);
  assert.equal(x.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(x.data.subarray(0, 2).toString(), 'PK');
});

test('series and flows exports: XLSX and CSV with the same numbers as the JSON', async () => {
  const c = await Client.as('tinh');
  const q = 'unit=95&from=04/11/2021&to=10/11/2021&every=day';
  const x = await c.get('/api/v1/coverage/series/export.xlsx?' + q);
  assert.equal(x.status, 200);
  assert.equal(x.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  assert.equal(x.data.subarray(0, 2).toString(), 'PK');
  const fq = 'unit=95&from=01/10/2021&to=31/10/2021&depth=1';
  const f = await c.get('/api/v1/coverage/flows?' + fq);
  const csv = (await c.get('/api/v1/coverage/flows/export.csv?' + fq)).data.toString('utf8').replace(/^\uFEFF/, '');
  const lines = csv.trim().split('\n');
  assert.equal(lines[0], 'unit_code,unit_name,group,new,renewed,lapsed');
  assert.equal(lines.length - 1, f.data.rows.length);
  const root = f.data.rows.find((r) => r.depth === 0 && r.group === 'ALL');
  assert.ok(lines.includes(`95,Tỉnh Bạc Liêu,ALL,${root.new},${root.renewed},${root.lapsed}`), lines.slice(0, 3).join(' | '));
  const fx = await c.get('/api/v1/coverage/flows/export.xlsx?' + fq);
  assert.equal(fx.status, 200);
  assert.equal(fx.data.subarray(0, 2).toString(), 'PK');
  isError(await (await Client.as('xaa')).get('/api/v1/coverage/flows/export.xlsx?' + fq), 403, 'permission_denied');
});

test('the contribution calculator: the law\'s worked figures, card dates, errors', async () => {
  const c = await Client.as('xem');
  // A pupil (HS) at base 1.800.000 pays 56.700 a month; at 2.340.000 (from 01/07/2024), 73.710.
  const p1 = await c.get('/api/v1/fee?kind=person&object=HS&date=15/05/2024&months=3');
  assert.equal(p1.status, 200, JSON.stringify(p1.data));
  assert.deepEqual(p1.data.members[0].monthly, [56700, 56700, 73710]);
  const p2 = await c.get('/api/v1/fee?kind=person&object=HS&date=2024-08-15&months=3');
  assert.deepEqual(p2.data.members[0].monthly, [73710, 73710, 73710]);
  // A household of five at base 2.340.000: 105.300 + 73.710 + 63.180 + 52.650 + 42.120 a month.
  const h = await c.get('/api/v1/fee?kind=household&members=5&date=15/08/2024&months=12');
  assert.equal(h.status, 200, JSON.stringify(h.data));
  assert.deepEqual(h.data.members.map((m) => m.monthly[0]), [105300, 73710, 63180, 52650, 42120]);
  assert.equal(h.data.totals.payable, 12 * (105300 + 73710 + 63180 + 52650 + 42120));
  // 12 months bought on 15/05/2024: May and June at 1.800.000, July on at 2.340.000.
  const y = await c.get('/api/v1/fee?kind=household&members=1&date=15/05/2024&months=12');
  assert.deepEqual(y.data.month_prices.map((m) => m.base_salary), [1800000, 1800000, ...Array(10).fill(2340000)]);
  assert.equal(y.data.totals.payable, 2 * 81000 + 10 * 105300);
  // A first-time household card paid on 01/03/2024 starts 30 days later.
  const first = await c.get('/api/v1/fee?kind=household&members=1&date=01/03/2024&months=12');
  assert.equal(first.data.card.from, '2024-03-31');
  const x = await c.get('/api/v1/fee/export.xlsx?kind=household&members=5&date=15/08/2024&months=12');
  assert.equal(x.status, 200);
  assert.equal(x.data.subarray(0, 2).toString(), 'PK');
  isError(await c.get('/api/v1/fee?kind=household&members=2&date=15/08/2024&months=5'), 400, 'invalid_argument');
  isError(await c.get('/api/v1/fee?kind=person&object=ZZ&date=15/08/2024'), 404, 'not_found');
  isError(await c.get('/api/v1/fee?kind=family&date=15/08/2024'), 400, 'invalid_argument');
  isError(await new Client().get('/api/v1/fee?date=15/08/2024'), 401, 'unauthenticated');
});

test('units: tree and diacritics-insensitive search', async () => {
  const c = await Client.as('tinh');
  const s = await c.get('/api/v1/units/search?q=phan%20ri%20cua');
  assert.equal(s.status, 200);
  assert.ok(s.data.units.some((u) => u.name.includes('Phan Rí Cửa')), JSON.stringify(s.data));
  const u = await c.get('/api/v1/units/95?on=10/11/2021');
  assert.equal(u.data.unit.name, 'Tỉnh Bạc Liêu');
  assert.equal(u.data.ancestors[0].code, 'VN');
  assert.ok(u.data.children.length >= 7);
  isError(await c.get('/api/v1/units/search'), 400, 'invalid_argument');
});

test('people: by BHXH number, CCCD and name without diacritics, with card history', async () => {
  const c = await Client.as('xaa');
  const byBhxh = await c.get('/api/v1/people/' + E.BHXH_A + '?as_of=10/11/2021');
  assert.equal(byBhxh.status, 200);
  assert.equal(byBhxh.data.person.full_name, E.NAME_A);
  assert.ok(byBhxh.data.person.cards.length >= 1);
  const byCccd = await c.get('/api/v1/people?q=' + E.CCCD_A);
  assert.equal(byCccd.data.kind, 'citizen_id');
  assert.equal(byCccd.data.people[0].bhxh, E.BHXH_A);
  const folded = E.NAME_A.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();
  const byName = await c.get('/api/v1/people?q=' + encodeURIComponent(folded));
  assert.equal(byName.status, 200);
  assert.ok(byName.data.people.some((p) => p.bhxh === E.BHXH_A), folded);
  assert.ok(byName.data.people.every((p) => p.commune_code === E.COMMUNE_A), 'a name search shows only the own commune');
  const cards = await c.get('/api/v1/people/' + E.BHXH_A + '/cards');
  assert.equal(cards.status, 200);
  isError(await c.get('/api/v1/people/0000000001'), 404, 'not_found');
  isError(await c.get('/api/v1/people?q=12'), 400, 'invalid_argument');
  isError(await (await Client.as('xem')).get('/api/v1/people/' + E.BHXH_A), 403, 'permission_denied');
});

test('a commune user gets 403 for another commune, and for its people the answer about unknown numbers', async () => {
  const a = await Client.as('xaa');
  const B = E.BHXH_B, U = E.COMMUNE_B, name = encodeURIComponent(E.NAME_B);
  // A number outside the scope answers as a number nobody holds (issue 12: a 403 told it exists).
  for (const r of [`/api/v1/people/${B}`, `/api/v1/people/${B}/cards`, `/api/v1/people/${B}/export.xlsx`]) isError(await a.get(r), 404, 'not_found');
  for (const q of [B, E.CCCD_B]) {
    const r = await a.get(`/api/v1/people?q=${q}`);
    assert.equal(r.status, 200);
    assert.deepEqual(r.data.people, []);
  }
  for (const q of [B, E.CCCD_B]) assert.equal((await a.get(`/api/v1/people/export.xlsx?q=${q}`)).status, 200);
  const routes = [
    `/api/v1/people?q=${name}&unit=${U}`,
    `/api/v1/people?q=${B}&unit=${U}`,
    `/api/v1/people/export.xlsx?q=${name}&unit=${U}`,
    `/api/v1/coverage?unit=${U}&as_of=10/11/2021`,
    `/api/v1/coverage/export.csv?unit=${U}&as_of=10/11/2021`,
    `/api/v1/coverage/export.xlsx?unit=${U}&as_of=10/11/2021`,
  ];
  for (const r of routes) isError(await a.get(r), 403, 'permission_denied');
  // Every personal-data route of docs/api.md is walked above.
  const doc = (await import('node:fs')).readFileSync(new globalThis.URL('../../docs/api.md', import.meta.url), 'utf8');
  const personal = [...doc.matchAll(/^### GET (\/api\/v1\/people\S*)$/gm)].map((m) => m[1].replace('{bhxh}', B));
  for (const p of personal) assert.ok(routes.some((r) => r.split('?')[0] === p) || p.includes(B), 'not walked: ' + p);
  // A name search without a unit leaves the other commune's people out.
  const n = await a.get(`/api/v1/people?q=${name}`);
  assert.equal(n.status, 200);
  assert.ok(n.data.people.every((p) => p.commune_code === E.COMMUNE_A));
  // The other commune's own user does see them.
  assert.equal((await (await Client.as('xab')).get(`/api/v1/people/${B}`)).status, 200);
});

test('the audit log records each personal-data view; administrators only', async () => {
  const a = await Client.as('xaa');
  assert.equal((await a.get('/api/v1/people/' + E.BHXH_A)).status, 200);
  assert.equal((await a.get('/api/v1/people/' + E.BHXH_A + '/export.xlsx')).status, 200);
  isError(await a.get('/api/v1/audit'), 403, 'permission_denied');
  isError(await a.get('/api/v1/users'), 403, 'permission_denied');
  const admin = await Client.as('admin');
  const log = await admin.get('/api/v1/audit?user=xaa&limit=50');
  assert.equal(log.status, 200);
  const e = log.data.entries;
  assert.ok(e.some((x) => x.action === 'person.view' && x.subject === E.BHXH_A && x.unit_code === E.COMMUNE_A && x.username === 'xaa'));
  assert.ok(e.some((x) => x.action === 'people.export.xlsx' && x.subject === E.BHXH_A));
  assert.ok(e.every((x) => x.at.endsWith('Z') && x.client_ip === '127.0.0.1'));
  // Another commune's person is never recorded as viewed (the searches for the number are
  // recorded as searches, as for any number, and the out-of-scope hit as refused.out_of_scope).
  assert.ok(!e.some((x) => x.subject === E.BHXH_B && x.action.startsWith('person.')), 'refused views are not recorded as views');
  const users = await admin.get('/api/v1/users');
  assert.deepEqual(users.data.users.map((u) => u.username).sort(), ['admin', 'camau', 'gvlan', 'hnd', 'huyen954', 'khoa', 'tinh', 'xaa', 'xab', 'xap2', 'xem']);
});

test('CSRF: a change without the token is refused; logout ends the session', async () => {
  const c = await Client.as('tinh');
  isError(await c.req('POST', '/api/v1/auth/logout'), 403, 'csrf');
  isError(await c.post('/api/v1/auth/logout', undefined, { headers: { 'X-CSRF-Token': 'wrong' } }), 403, 'csrf');
  assert.equal((await c.post('/api/v1/auth/logout')).status, 204);
  isError(await c.get('/api/v1/auth/me'), 401, 'unauthenticated');
});

test('imports: validate, rejected rows, 422 / 409 / 413, commit', async () => {
  const t = await Client.as('tinh');
  const up = (name, content, kind = 'persons', who = t) => {
    const form = new FormData();
    form.append('file', new Blob([content]), name);
    return who.req('POST', `/api/v1/imports?kind=${kind}`, { raw: form, headers: { 'X-CSRF-Token': who.csrf } });
  };
  const header = 'ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,gioi_tinh,ma_xa\n';
  const fresh = () => '96' + String(Math.floor(Math.random() * 1e8)).padStart(8, '0');  // new on every run
  const good = fresh();
  const bad = await up('nguoi_loi.csv', header + fresh() + ',,Trần Thị Lỗi,31/02/1990,Nữ,' + E.COMMUNE_A + '\n' + good + ',,Lê Văn Đúng,01/02/1990,Nam,' + E.COMMUNE_A + '\n');
  assert.equal(bad.status, 201, JSON.stringify(bad.data));
  assert.equal(bad.data.import.read, 2);
  assert.equal(bad.data.import.rejected, 1);
  assert.equal(bad.data.import.errors[0].line, 2);
  assert.equal(bad.data.import.errors[0].value, '31/02/1990');
  const errs = await t.get(`/api/v1/imports/${bad.data.import.id}/errors.csv`);
  assert.equal(errs.status, 200, JSON.stringify(errs.data));
  assert.match(errs.data.toString('utf8'), /^\uFEFFtep,dong,cot,gia_tri,ly_do/);
  isError(await t.post(`/api/v1/imports/${bad.data.import.id}/commit`, { accept_valid: false }), 422, 'rows_rejected');
  const ok = await t.post(`/api/v1/imports/${bad.data.import.id}/commit`, { accept_valid: true });
  assert.equal(ok.status, 200, JSON.stringify(ok.data));
  assert.equal(ok.data.import.committed, true);
  assert.equal(ok.data.import.inserted, 1);
  isError(await t.post(`/api/v1/imports/${bad.data.import.id}/commit`, { accept_valid: true }), 409, 'already_committed');
  // A card for the new person: in the index at once (no reload), on the very next report. In
  // 2024 (the commune still exists; the other tests of this fixture check 2021 figures).
  const asked = `/api/v1/coverage?unit=${E.COMMUNE_A}&as_of=01/06/2024&depth=0`;
  const insured = async () => (await t.get(asked)).data.rows.find((r) => r.depth === 0 && r.group === 'ALL').insured;
  const before = await insured();
  const card = await up('the.csv', `ma_so_bhxh,ma_the,tu_ngay,den_ngay,ma_kcb_bd\n${good},GD495${good},01/01/2024,31/12/2024,95001\n`, 'cards');
  assert.equal(card.status, 201, JSON.stringify(card.data));
  const committed = await t.post(`/api/v1/imports/${card.data.import.id}/commit`, {});
  assert.equal(committed.status, 200, JSON.stringify(committed.data));
  assert.equal(committed.data.import.inserted, 1);
  assert.equal(await insured(), before + 1);
  isError(await up('x.csv', 'khong,co,cot\n1,2,3\n'), 422, 'invalid_file');
  isError(await up('lon.csv', header + 'x'.repeat(1100 * 1024)), 413, 'too_large');
  isError(await up('x.csv', header, 'nothing'), 400, 'invalid_argument');
  isError(await up('x.csv', header, 'persons', await Client.as('xaa')), 403, 'permission_denied');
  // A province account writes only inside its province; the units list is the administrators'.
  const outside = await up('ngoai_tinh.csv', header + fresh() + ',,Ngô Văn Ngoài,01/02/1990,Nam,00004\n');
  assert.equal(outside.status, 201, JSON.stringify(outside.data));
  assert.equal(outside.data.import.rejected, 1);
  assert.match(outside.data.import.errors[0].reason, /'00004' nằm ngoài địa bàn được giao/);
  isError(await up('don_vi.csv', 'ma_dvhc,ten\n', 'units'), 403, 'permission_denied');
  isError(await t.req('POST', '/api/v1/imports?kind=persons&filename=a.csv', { raw: header }), 403, 'csrf');
  isError(await t.get('/api/v1/imports/abcdef'), 404, 'not_found');
});

test('the weekly report: the dispatch\'s paragraph as JSON, and PDF, DOCX, XLSX, HTML downloads', async () => {
  const c = await Client.as('tinh');
  const r = await c.get('/api/v1/reports/weekly?unit=95&as_of=2021-11-10');
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.first_paragraph, 'Tính đến ngày 10/11/2021, tỷ lệ bao phủ BHYT trên địa bàn tỉnh đạt 65,19 %, '
    + 'trong đó nhóm người lao động và người sử dụng lao động đạt 66,58 %, nhóm học sinh, sinh viên đạt 70,09 %, '
    + 'nhóm hộ gia đình đạt 46,28 %; so với chỉ tiêu 91 % còn thiếu 234.158 người.');
  assert.equal(r.data.insured, 591427);
  assert.equal(r.data.gap_people, 234158);
  assert.ok(r.data.units.length >= 7);                       // the districts
  assert.deepEqual(r.data.units.map((u) => u.rank).sort((a, b) => a - b).slice(0, 3), [1, 2, 3]);
  assert.equal(r.data.trend.at(-1).insured, 591427);          // the series ends on the report's figure
  const types = { pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', html: 'text/html; charset=utf-8' };
  for (const [f, type] of Object.entries(types)) {
    const d = await c.get(`/api/v1/reports/weekly?unit=95&as_of=10/11/2021&format=${f}`);
    assert.equal(d.status, 200);
    assert.equal(d.headers.get('content-type'), type);
    assert.equal(d.data.subarray(0, 2).toString(), { pdf: '%P', docx: 'PK', xlsx: 'PK', html: '<!' }[f]);
  }
  isError(await c.get('/api/v1/reports/weekly?unit=95&format=odt'), 400, 'invalid_argument');
  isError(await (await Client.as('xaa')).get('/api/v1/reports/weekly?unit=95&as_of=2021-11-10'), 403, 'permission_denied');
});

test('agencies: completeness and the late list; a weekly form sent by the agency\'s users only', async () => {
  const c = await Client.as('tinh');
  const a = await c.get('/api/v1/steering/agencies?as_of=2021-11-10');
  assert.equal(a.status, 200, JSON.stringify(a.data));
  const dhbl = a.data.agencies.find((x) => x.code === 'DHBL');
  assert.deepEqual([dhbl.expected, dhbl.received, dhbl.on_time, dhbl.late], [4, 4, 3, false]);  // one form a day late
  const cdyt = a.data.agencies.find((x) => x.code === 'CDYT');
  assert.deepEqual([cdyt.received, cdyt.late, cdyt.last_week_end], [2, true, '2021-11-07']);
  const sent = await c.post('/api/v1/steering/agency-reports', { agency: 'CDYT', week_end: '2021-11-07', rows: [{ group: 'HSSV', insured: 1530, population: 1880 }] });
  assert.equal(sent.status, 200, JSON.stringify(sent.data));
  assert.equal(sent.data.rows, 1);
  // Sent today: not counted on 10/11/2021, counted on a later date (weeks 17/10, 24/10 and 07/11).
  const before = await c.get('/api/v1/steering/agencies?as_of=2021-11-10');
  assert.equal(before.data.agencies.find((x) => x.code === 'CDYT').received, 2);
  const after = await c.get('/api/v1/steering/agencies?as_of=2099-12-31');
  assert.equal(after.data.agencies.find((x) => x.code === 'CDYT').received, 3);
  isError(await c.post('/api/v1/steering/agency-reports', { agency: 'NOPE', week_end: '2021-11-07', rows: [] }), 404, 'not_found');
  isError(await c.post('/api/v1/steering/agency-reports', { agency: 'CDYT', week_end: '2021-11-07', rows: [{ insured: -1 }] }), 400, 'invalid_argument');
  isError(await (await Client.as('xem')).post('/api/v1/steering/agency-reports', { agency: 'CDYT', week_end: '2021-11-07', rows: [] }), 403, 'permission_denied');
  isError(await (await Client.as('xaa')).post('/api/v1/steering/agency-reports', { agency: 'SGD', week_end: '2021-11-07', rows: [{ insured: 1 }] }), 403, 'permission_denied');
});

test('exchange: a DHIS2 data value set with the report\'s figure; a FHIR Bundle of the commune\'s insured, personal data refused to viewers and other communes', async () => {
  const c = await Client.as('tinh');
  const d = await c.get('/api/v1/exchange/dhis2?unit=95&from=2021-11-08&to=2021-11-10&depth=0');
  assert.equal(d.status, 200);
  const insured = d.data.dataValues.find((v) => v.dataElement === 'BHYT_INSURED' && v.orgUnit === '95' &&
    v.period === '2021W45' && v.categoryOptionCombo === 'default');
  assert.equal(insured.value, '591427');  // as of 10/11/2021, the last (partial) week
  // FHIR: the people of Phường 2 holding a card that day = the report's insured of the commune.
  const cov = await c.get('/api/v1/coverage?unit=31813&as_of=2021-11-10&depth=0');
  const commune = cov.data.rows.find((x) => x.group === 'ALL' && x.depth === 0);
  const f = await c.get('/api/v1/exchange/fhir?unit=31813&as_of=2021-11-10&valid_only=1');
  assert.equal(f.status, 200);
  assert.match(f.headers.get('content-type'), /^application\/fhir\+json/);
  const bundle = f.data;  // the client parses any JSON type
  assert.equal(bundle.resourceType, 'Bundle');
  const patients = bundle.entry.filter((e) => e.resource.resourceType === 'Patient');
  assert.equal(patients.length, commune.insured);
  assert.ok(bundle.entry.every((e) => e.resource.resourceType !== 'Coverage' || e.resource.period.start <= '2021-11-10'));
  isError(await (await Client.as('xem')).get('/api/v1/exchange/fhir?unit=31813&as_of=2021-11-10'), 403, 'permission_denied');
  const other = E.COMMUNE_A !== '31813' ? 'xaa' : 'xab';
  isError(await (await Client.as(other)).get('/api/v1/exchange/fhir?unit=31813&as_of=2021-11-10'), 403, 'permission_denied');
  const log = await (await Client.as('admin')).get('/api/v1/audit?user=tinh&limit=50');
  assert.ok(log.data.entries.some((e) => e.action === 'fhir.export' && e.unit_code === '31813'));
});
