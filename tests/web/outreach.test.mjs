// The outreach API against a real `baophu serve` on the web fixture (Bạc Liêu 2021 with the
// demo's outreach lists of Phường 2, 31813): every list returns exactly the entries the generator
// planted (gen/outreach_expected.csv); a teacher sees her class only, a viewer nothing; CCCD and
// phones are masked by role; assignments by rule, outcomes and the audit log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client } from './client.mjs';
import { readFileSync } from 'node:fs';

const FIX = process.env.BAOPHU_FIXTURE;
const U = '31813', D = '10/11/2021';


// list → Set of "entry|status" the generator planted.
function expected() {
  const out = {};
  for (const line of readFileSync(FIX + '/gen/outreach_expected.csv', 'utf8').trim().split('\n').slice(1)) {
    const [list, entry, status] = line.split(',');
    (out[list] ??= new Set()).add(entry + '|' + status);
  }
  return out;
}
const STATUS = { 1: 'no_card', 2: 'other_group', 4: 'not_found', 5: 'uncertain', 6: 'expiring', 7: 'expired' };
const FIXED = { households: 'no_card' };

test('every list of Phường 2 returns exactly the planted entries', async () => {
  const want = expected();
  const a = await Client.as('tinh');
  for (const kind of ['expired', 'expiring', 'households', 'pupils', 'beneficiaries', 'members']) {
    const r = await a.get(`/api/v1/lists/${kind}?unit=${U}&as_of=${D}`);
    assert.equal(r.status, 200, JSON.stringify(r.data));
    const got = new Set(r.data.entries.map((e) => e.entry + '|' + (FIXED[kind] ?? STATUS[e.status])));
    assert.deepEqual([...got].sort(), [...(want[kind] ?? [])].sort(), kind);
  }
  const p = await a.get(`/api/v1/lists/pupils?unit=${U}&as_of=${D}`);
  const school = p.data.sections.find((s) => s.class === '');
  assert.equal(school.listed, p.data.sections.filter((s) => s.class !== '').reduce((n, s) => n + s.listed, 0));
  assert.ok(school.other_group > 0, 'pupils insured through other groups are counted');
  // Province: CCCD shown, phones masked.
  const m = await a.get(`/api/v1/lists/members?unit=${U}&as_of=${D}`);
  assert.ok(m.data.entries.some((e) => /^\d{12}$/.test(e.citizen_id)));
  assert.ok(m.data.entries.every((e) => e.phone === '' || /^\d{3}\*+\d{3}$/.test(e.phone)));
});

test('a teacher sees her class only, phones but not CCCD; a viewer sees nothing', async () => {
  const g = await Client.as('gvlan');
  const r = await g.get(`/api/v1/lists/pupils?unit=${U}&as_of=${D}`);
  assert.equal(r.status, 200);
  assert.ok(r.data.entries.length > 0);
  assert.ok(r.data.entries.every((e) => e.group_code === 'THCS_P2' && e.class === '6A'), 'class 6A only');
  assert.deepEqual(r.data.sections.map((s) => s.class), ['6A']);
  assert.ok(r.data.entries.some((e) => /^09\d{8}$/.test(e.phone)));
  assert.equal((await g.get(`/api/v1/lists/members?unit=${U}&as_of=${D}`)).status, 403);
  assert.equal((await g.get(`/api/v1/lists/pupils?unit=95&as_of=${D}`)).status, 403);
  assert.equal((await (await Client.as('xem')).get(`/api/v1/lists/pupils?unit=${U}&as_of=${D}`)).status, 403);
});

test('assign by class, record an outcome, follow the conversion; exports are audited', async () => {
  const x = await Client.as('xap2');
  const g = await Client.as('gvlan');
  assert.equal((await g.post('/api/v1/outreach/assign', { list: 'pupils', unit: U, as_of: D, rule: 'class' })).status, 403);
  const r = await x.post('/api/v1/outreach/assign', { list: 'pupils', unit: U, as_of: D, rule: 'class' });
  assert.equal(r.status, 200, JSON.stringify(r.data));
  const list = (await x.get(`/api/v1/lists/pupils?unit=${U}&as_of=${D}`)).data;
  const reach = list.entries.filter((e) => e.status !== 2);
  assert.equal(r.data.assigned + r.data.already, reach.length);
  assert.ok(reach.every((e) => e.assignee !== ''));
  const mine = reach.find((e) => e.class === '6A' && e.assignee === 'Cô Nguyễn Thị Lan');
  const other = reach.find((e) => e.class !== '6A');
  const o = await g.post('/api/v1/outreach/outcome', { list: 'pupils', entry: mine.entry, outcome: 'contacted', date: '12/11/2021', note: 'Gọi phụ huynh' });
  assert.equal(o.status, 200, JSON.stringify(o.data));
  assert.equal((await g.post('/api/v1/outreach/outcome', { list: 'pupils', entry: other.entry, outcome: 'refused', date: '12/11/2021' })).status, 403);
  const p = (await x.get(`/api/v1/outreach/progress?unit=${U}&as_of=12/11/2021`)).data;
  const lan = p.by_assignee.find((c) => c.key === 'Cô Nguyễn Thị Lan');
  assert.equal(lan.assigned, reach.filter((e) => e.assignee === 'Cô Nguyễn Thị Lan').length);
  assert.ok(p.entries.some((e) => e.entry === mine.entry && e.last_outcome === 'contacted'));
  const xlsx = await x.get(`/api/v1/lists/pupils/export.xlsx?unit=${U}&as_of=${D}`);
  assert.equal(xlsx.status, 200);
  assert.equal(xlsx.data.subarray(0, 2).toString(), 'PK');
  const log = (await (await Client.as('admin')).get('/api/v1/audit?user=xap2&limit=100')).data.entries;
  assert.ok(log.some((e) => e.action === 'outreach.export.xlsx' && e.unit_code === U));
  assert.ok(log.some((e) => e.action === 'outreach.list' && e.subject === 'list pupils'));
});
