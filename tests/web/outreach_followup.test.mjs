// The outreach follow-up through the API, on a private copy of the web fixture (with_copy.sh:
// these tests change outreach state that outreach.demo and web.outreach check on the shared
// database): a candidate of an uncertain match confirmed or rejected (only a candidate the
// matcher offered; viewers, schools and other communes refused), one entry assigned, an
// outcome with its date and note in the progress, and a school roster imported from the web
// (validated, rejected rows reported, committed, re-imported without change).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, isError } from './client.mjs';

const E = process.env;
const U = '31813', D = '10/11/2021';


// A commune of the province outside Phường 2 (the fixture's two busiest communes).
const OTHER = E.COMMUNE_A !== U ? E.COMMUNE_A : E.COMMUNE_B;
const otherAccount = E.COMMUNE_A !== U ? 'xaa' : 'xab';

test('confirm or reject a candidate: only one the matcher offered, by the commune or the province', async () => {
  const x = await Client.as('xap2');
  const matches = async () => (await x.get(`/api/v1/lists/matches?unit=${U}&as_of=${D}`)).data.entries;
  const before = await matches();
  // The planted uncertain rows: 3 pupils and 2 members, each with at least one candidate.
  const entries = [...new Set(before.map((e) => e.entry))];
  assert.equal(entries.length, 5, JSON.stringify(entries));
  const [first, second] = entries;
  const cand = (entry) => before.filter((e) => e.entry === entry).map((e) => e.bhxh);
  // Not a candidate of this row: another row's candidate, or someone else.
  const stranger = before.find((e) => !cand(first).includes(e.bhxh))?.bhxh ?? E.BHXH_A;
  isError(await x.post('/api/v1/outreach/confirm', { entry: first, bhxh: stranger }), 404, 'not_found');
  isError(await x.post('/api/v1/outreach/confirm', { entry: 'p:' + cand(first)[0], bhxh: cand(first)[0] }), 400, 'invalid_argument');
  isError(await x.post('/api/v1/outreach/confirm', { entry: first, bhxh: 'abc' }), 400, 'invalid_argument');
  // Refused: a viewer, a school, a request without the CSRF token; a commune elsewhere is told
  // what a number that is no candidate gets (issue 12: nothing about another unit's rows).
  for (const who of ['xem', 'gvlan']) {
    const r = await (await Client.as(who)).post('/api/v1/outreach/confirm', { entry: first, bhxh: cand(first)[0] });
    isError(r, 403, 'permission_denied');
  }
  const elsewhere = await (await Client.as(otherAccount)).post('/api/v1/outreach/confirm', { entry: first, bhxh: cand(first)[0] });
  isError(elsewhere, 404, 'not_found');
  assert.equal(elsewhere.data.message, (await x.post('/api/v1/outreach/confirm', { entry: first, bhxh: '0000000001' })).data.message.replace('0000000001', cand(first)[0]));
  isError(await x.req('POST', '/api/v1/outreach/confirm', { body: { entry: first, bhxh: cand(first)[0] } }), 403, 'csrf');
  // Confirmed: the row leaves the matches and is matched "đã xác nhận" on its own list.
  const ok = await x.post('/api/v1/outreach/confirm', { entry: first, bhxh: cand(first)[0] });
  assert.equal(ok.status, 200, JSON.stringify(ok.data));
  assert.deepEqual(ok.data, { entry: first, bhxh: cand(first)[0], decision: 'confirmed', decided_by: 'xap2' });
  const after = await matches();
  assert.ok(!after.some((e) => e.entry === first), 'the confirmed row is no longer to confirm');
  const kind = first.startsWith('r:1|') ? 'pupils' : 'members';
  const own = (await x.get(`/api/v1/lists/${kind}?unit=${U}&as_of=${D}`)).data.entries.find((e) => e.entry === first);
  if (own) {  // listed when the confirmed person has no valid card
    assert.equal(own.matched_by, 'xac_nhan');
    assert.equal(own.bhxh, cand(first)[0]);
  }
  // Rejected: that candidate is no longer offered for the row; twice is "not a candidate".
  const r = await x.post('/api/v1/outreach/confirm', { entry: second, bhxh: cand(second)[0], reject: true });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  assert.equal(r.data.decision, 'rejected');
  assert.ok(!(await matches()).some((e) => e.entry === second && e.bhxh === cand(second)[0]));
  isError(await x.post('/api/v1/outreach/confirm', { entry: second, bhxh: cand(second)[0], reject: true }), 404, 'not_found');
  // The province may decide too; every decision is in the audit log.
  const third = entries[2];
  assert.equal((await (await Client.as('tinh')).post('/api/v1/outreach/confirm', { entry: third, bhxh: cand(third)[0], reject: true })).status, 200);
  const log = (await (await Client.as('admin')).get('/api/v1/audit?user=xap2&limit=200')).data.entries;
  assert.ok(log.some((e) => e.action === 'outreach.confirm' && e.unit_code === U && e.subject === `${first} confirm ${cand(first)[0]}`));
  assert.ok(log.some((e) => e.action === 'outreach.confirm' && e.subject === `${second} reject ${cand(second)[0]}`));
});

test('one entry assigned by name, an outcome with its date and note, seen in the progress', async () => {
  const x = await Client.as('xap2');
  const list = (await x.get(`/api/v1/lists/expired?unit=${U}&as_of=${D}`)).data;
  const entry = list.entries.find((e) => e.assignee === '').entry;
  const body = { list: 'expired', unit: U, as_of: D, entry, to: '  Anh Trần Văn Tư ' };
  isError(await (await Client.as('gvlan')).post('/api/v1/outreach/assign', body), 403, 'permission_denied');
  isError(await (await Client.as('xem')).post('/api/v1/outreach/assign', body), 403, 'permission_denied');
  isError(await x.post('/api/v1/outreach/assign', { ...body, to: '' }), 400, 'invalid_argument');
  isError(await x.post('/api/v1/outreach/assign', { ...body, entry: 'p:0000000001' }), 404, 'not_found');
  // Not yet assigned: no outcome.
  isError(await x.post('/api/v1/outreach/outcome', { list: 'expired', entry, outcome: 'contacted', date: '12/11/2021' }), 404, 'not_found');
  const a = await x.post('/api/v1/outreach/assign', body);
  assert.equal(a.status, 200, JSON.stringify(a.data));
  assert.deepEqual(a.data, { assigned: 1, already: 0, without_responsible: 0 });
  const listed = (await x.get(`/api/v1/lists/expired?unit=${U}&as_of=${D}`)).data.entries.find((e) => e.entry === entry);
  assert.equal(listed.assignee, 'Anh Trần Văn Tư');
  // Two outcomes: the progress shows the last, with its date and note.
  for (const [outcome, date, note] of [['contacted', '12/11/2021', 'Gọi lần đầu'], ['promised', '2021-11-15', 'Hẹn đóng tiền thứ Hai']]) {
    const o = await x.post('/api/v1/outreach/outcome', { list: 'expired', entry, outcome, date, note });
    assert.equal(o.status, 200, JSON.stringify(o.data));
  }
  isError(await x.post('/api/v1/outreach/outcome', { list: 'expired', entry, outcome: 'maybe', date: D }), 400, 'invalid_argument');
  // A commune elsewhere records nothing on Phường 2's entries, and is answered as for an entry
  // that is not assigned (issue 12).
  isError(await (await Client.as(otherAccount)).post('/api/v1/outreach/outcome', { list: 'expired', entry, outcome: 'refused', date: D }), 404, 'not_found');
  const p = (await x.get(`/api/v1/outreach/progress?unit=${U}&as_of=16/11/2021`)).data;
  const e = p.entries.find((y) => y.entry === entry);
  assert.ok(e, 'the entry is in the progress');
  assert.equal(e.assignee, 'Anh Trần Văn Tư');
  assert.equal(e.last_outcome, 'promised');
  assert.equal(e.last_outcome_name, 'Hứa tham gia');
  assert.equal(e.last_date, '2021-11-15');
  assert.equal(e.note, 'Hẹn đóng tiền thứ Hai');
  const tu = p.by_assignee.find((c) => c.key === 'Anh Trần Văn Tư');
  assert.equal(tu.assigned, 1);
  assert.equal(tu.open, 1);
  const log = (await (await Client.as('admin')).get('/api/v1/audit?user=xap2&limit=200')).data.entries;
  assert.ok(log.some((y) => y.action === 'outreach.assign' && y.unit_code === U && y.subject === `expired ${entry} → Anh Trần Văn Tư`));
  assert.ok(log.some((y) => y.action === 'outreach.outcome' && y.unit_code === U && y.subject === `expired ${entry} promised 2021-11-15`));
});

test('a school roster imported from the web: validated, rejected rows reported, committed, re-imported unchanged', async () => {
  const x = await Client.as('xap2');
  const header = 'ma_truong,ten_truong,lop,ma_dvhc,ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,dien_thoai\n';
  const csv = header +
    `TH_THU_WEB,Trường Tiểu học Thử Web,1A,${U},,,Lâm Thị Thử,03/04/2016,0912000001\n` +
    `TH_THU_WEB,Trường Tiểu học Thử Web,1A,${U},,,Quách Văn Nghiệm,31/02/2016,\n` +        // no such day
    `TH_THU_WEB,Trường Tiểu học Thử Web,1B,${OTHER},,,Đỗ Văn Ngoài,05/06/2016,\n` +       // outside Phường 2
    `TH_THU_WEB,Trường Tiểu học Thử Web,1B,${U},,,Hồ Thị Được,07/08/2016,\n`;
  const up = await x.upload('pupils', 'hoc_sinh_thu.csv', csv);
  assert.equal(up.status, 201, JSON.stringify(up.data));
  const imp = up.data.import;
  assert.equal(imp.kind, 'pupils');
  assert.equal(imp.read, 4);
  assert.equal(imp.rejected, 2);
  assert.deepEqual(imp.errors.map((e) => e.line), [3, 4]);
  assert.equal(imp.errors[0].value, '31/02/2016');
  assert.equal(imp.errors[1].value, OTHER);
  assert.match(imp.errors[1].reason, /nằm ngoài địa bàn được giao/);
  const errs = await x.get(`/api/v1/imports/${imp.id}/errors.csv`);
  assert.equal(errs.status, 200);
  assert.match(errs.data.toString('utf8'), /^\uFEFFtep,dong,cot,gia_tri,ly_do\r?\n/);
  isError(await x.post(`/api/v1/imports/${imp.id}/commit`, { accept_valid: false }), 422, 'rows_rejected');
  // Nothing written yet.
  const sections = async () => (await x.get(`/api/v1/lists/pupils?unit=${U}&as_of=${D}`)).data.sections.filter((s) => s.group_code === 'TH_THU_WEB');
  assert.deepEqual(await sections(), []);
  const c = await x.post(`/api/v1/imports/${imp.id}/commit`, { accept_valid: true });
  assert.equal(c.status, 200, JSON.stringify(c.data));
  assert.equal(c.data.import.committed, true);
  assert.equal(c.data.import.inserted, 2);
  // On the pupils list at once: two pupils not in the registry, classes 1A and 1B.
  const s = await sections();
  assert.deepEqual(s.map((y) => [y.class, y.listed, y.missing]), [['', 2, 2], ['1A', 1, 1], ['1B', 1, 1]]);
  // The same file again: nothing changes.
  const again = await x.upload('pupils', 'hoc_sinh_thu.csv', csv);
  assert.equal(again.status, 201, JSON.stringify(again.data));
  const c2 = await x.post(`/api/v1/imports/${again.data.import.id}/commit`, { accept_valid: true });
  assert.equal(c2.status, 200, JSON.stringify(c2.data));
  assert.deepEqual([c2.data.import.inserted, c2.data.import.updated, c2.data.import.unchanged], [0, 0, 2]);
  assert.deepEqual((await sections()).map((y) => [y.class, y.listed]), [['', 2], ['1A', 1], ['1B', 1]]);
  // Responsibles: a commune sets the teacher of its own school's class, not another's.
  const resp = 'pham_vi,ma_truong,lop,ma_thon,ma_to_chuc,nguoi_phu_trach\n' +
    'lớp,TH_THU_WEB,1A,,,Cô Thử Một\n' +
    'lớp,KHONG_CO,1A,,,Cô Không Có\n';
  const r = await x.upload('responsibles', 'phu_trach.csv', resp);
  assert.equal(r.status, 201, JSON.stringify(r.data));
  assert.equal(r.data.import.rejected, 1);
  assert.equal(r.data.import.errors[0].value, 'KHONG_CO');
  // Who may import the lists: administrator, province, commune; not a school or a viewer, and
  // a commune not the registry's files.
  for (const who of ['gvlan', 'xem']) isError(await (await Client.as(who)).upload('pupils', 'a.csv', csv), 403, 'permission_denied');
  isError(await x.upload('persons', 'a.csv', 'ma_so_bhxh\n'), 403, 'permission_denied');
  isError(await x.upload('nothing', 'a.csv', csv), 400, 'invalid_argument');
  const me = (await x.get('/api/v1/auth/me')).data;
  assert.equal(me.may_import, false);
  assert.equal(me.may_import_lists, true);
});
