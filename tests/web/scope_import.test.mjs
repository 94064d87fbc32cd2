// Issue 12, reproductions 1–3 through the real server, on a private copy of the web fixture
// (with_copy.sh: these tests write): scope is decided by the person a row names, not by the unit
// code written beside it. A commune account's list import naming people of another commune, the
// lists and matches after an administrator's import of such rows, assignments and outcomes of
// their entries, and a province account scoped to a district importing a persons row of another
// district. Every import is in the audit log.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Client, isError } from './client.mjs';

const E = process.env;
const A = E.COMMUNE_A, B = E.COMMUNE_B, D = '10/11/2021';
const UNKNOWN = '0000000001';  // a BHXH number nobody holds
const PUPILS = 'ma_truong,ten_truong,lop,ma_dvhc,ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,dien_thoai\n';

// Nothing in `text` about the person of commune B (`name`: also their name, where the file
// the user sent did not give it).
function saysNothingOfB(text, name = true) {
  for (const secret of [E.BHXH_B, E.CCCD_B, B, ...(name ? [E.NAME_B] : [])])
    assert.ok(!String(text).includes(secret), `${secret} in ${text}`);
}

test('a commune\'s list import naming people of another commune: rejected as unknown numbers', async () => {
  const x = await Client.as('xaa');
  const csv = PUPILS +
    `TH_PHAM_VI,Trường Thử Phạm Vi,1A,${A},${E.BHXH_A},,${E.NAME_A},01/01/2015,\n` +  // 2: a person of A
    `TH_PHAM_VI,Trường Thử Phạm Vi,1A,${A},${E.BHXH_B},,Tên Bất Kỳ,01/01/2015,\n` +   // 3: B's number
    `TH_PHAM_VI,Trường Thử Phạm Vi,1A,${A},,${E.CCCD_B},Tên Bất Kỳ,01/01/2015,\n` +   // 4: B's CCCD
    `TH_PHAM_VI,Trường Thử Phạm Vi,1A,${A},${UNKNOWN},,Tên Bất Kỳ,01/01/2015,\n`;     // 5: nobody's
  const up = await x.upload('pupils', 'pham_vi.csv', csv);
  assert.equal(up.status, 201, JSON.stringify(up.data));
  const imp = up.data.import;
  assert.deepEqual(imp.errors.map((e) => e.line), [3, 4, 5]);
  // B's number is answered exactly as the unknown number.
  assert.equal(imp.errors[0].reason, imp.errors[2].reason);
  assert.equal(imp.errors[0].column, imp.errors[2].column);
  for (const e of imp.errors) saysNothingOfB(e.reason);
  const c = await x.post(`/api/v1/imports/${imp.id}/commit`, { accept_valid: true });
  assert.equal(c.status, 200, JSON.stringify(c.data));
  assert.equal(c.data.import.inserted, 1);
  const list = (await x.get(`/api/v1/lists/pupils?unit=${A}&as_of=${D}`)).data;
  for (const e of list.entries) saysNothingOfB(JSON.stringify(e));
  // The import is in the audit log, validation and commit, with its counts.
  const log = (await (await Client.as('admin')).get('/api/v1/audit?user=xaa&limit=100')).data.entries;
  assert.ok(log.some((y) => y.action === 'import.validate' && y.subject === 'pupils pham_vi.csv read 4 rejected 3 written 0'),
    JSON.stringify(log.slice(0, 5)));
  assert.ok(log.some((y) => y.action === 'import.commit' && y.subject === 'pupils pham_vi.csv read 4 rejected 3 written 1'));
});

test('rows of commune A naming people of B, imported by an administrator: A\'s lists, matches and follow-up show nothing of B', async () => {
  const admin = await Client.as('admin');
  const b = (await admin.get(`/api/v1/people/${E.BHXH_B}?as_of=${D}`)).data.person;
  const birth = b.birth_date.split('-').reverse().join('/');
  // Unscoped: the administrator's file is taken as written (the rows a commune made before the fix).
  const csv = PUPILS +
    `TH_PHAM_VI_CU,Trường Thử Cũ,2A,${A},${E.BHXH_B},,,,\n` +
    `TH_PHAM_VI_CU,Trường Thử Cũ,2A,${A},,,${E.NAME_B},${birth},\n`;  // B's name and birth date: a candidate
  const up = await admin.upload('pupils', 'pham_vi_cu.csv', csv);
  assert.equal(up.status, 201, JSON.stringify(up.data));
  assert.equal(up.data.import.rejected, 0, JSON.stringify(up.data.import.errors));
  const c = await admin.post(`/api/v1/imports/${up.data.import.id}/commit`, {});
  assert.equal(c.status, 200, JSON.stringify(c.data));

  const x = await Client.as('xaa');
  const pupils = (await x.get(`/api/v1/lists/pupils?unit=${A}&as_of=${D}&group=TH_PHAM_VI_CU`)).data;
  // The name-only row keeps the name its file gave; it is not matched to B's person.
  for (const e of pupils.entries) saysNothingOfB(JSON.stringify(e), false);
  // B's person is not counted in A's school either (insured or not would tell B's card status):
  // the school lists the name-only row alone, not found in A's registry.
  const school = pupils.sections.find((s) => s.group_code === 'TH_PHAM_VI_CU' && s.class === '');
  assert.deepEqual([school.listed, school.insured, school.missing, school.uncertain], [1, 0, 1, 0], JSON.stringify(pupils.sections));
  const matches = (await x.get(`/api/v1/lists/matches?unit=${A}&as_of=${D}`)).data.entries;
  for (const e of matches) saysNothingOfB(JSON.stringify(e), false);

  // Assign and outcome for the entry naming B: answered as an unknown entry, nothing written.
  const entry = `r:1|TH_PHAM_VI_CU|b:${E.BHXH_B}`, unknown = `r:1|TH_PHAM_VI_CU|b:${UNKNOWN}`;
  const assign = (key) => x.post('/api/v1/outreach/assign', { list: 'pupils', unit: A, as_of: D, entry: key, to: 'Cô Thử' });
  const [ra, ru] = [await assign(entry), await assign(unknown)];
  isError(ra, ru.status, ru.data.code);
  assert.equal(ra.data.message, ru.data.message.replace(unknown, entry));
  const outcome = (key) => x.post('/api/v1/outreach/outcome', { list: 'pupils', entry: key, outcome: 'deceased', date: D });
  const [oa, ou] = [await outcome(entry), await outcome(unknown)];
  isError(oa, ou.status, ou.data.code);
  assert.equal(oa.data.message, ou.data.message.replace(unknown, entry));
  const progress = (await x.get(`/api/v1/outreach/progress?unit=${A}&as_of=${D}`)).data;
  assert.ok(!progress.entries.some((y) => y.entry === entry));
  // B's commune still lists its person as before (the refused "deceased" changed nothing).
  const xb = await Client.as('xab');
  const people = (await xb.get(`/api/v1/people/${E.BHXH_B}?as_of=${D}`));
  assert.equal(people.status, 200);
});

test('a province account scoped to a district: a persons row of another district is rejected, nothing moves', async () => {
  const admin = await Client.as('admin');
  // Someone of district 956 (Hồng Dân), with a CCCD.
  const expired = (await admin.get(`/api/v1/lists/expired?unit=956&as_of=${D}`)).data.entries;
  let p;
  for (const e of expired) {
    const r = (await admin.get(`/api/v1/people/${e.bhxh}?as_of=${D}`)).data.person;
    if (r.citizen_id && r.household_code) { p = r; break; }
  }
  assert.ok(p, 'a person of 956 with a CCCD and a household');
  const h = await Client.as('huyen954');
  const birth = p.birth_date.split('-').reverse().join('/');
  const sex = p.sex === 'F' || p.sex === 'female' || p.sex === 'Nữ' ? 'Nữ' : 'Nam';
  const csv = 'ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,gioi_tinh,ma_xa,ma_thon,ma_ho_gd\n' +
    `${p.bhxh},,${p.full_name},${birth},${sex},31813,,HGD_THU_PHAM_VI\n` +         // 2: moves them into 954
    `9599999998,${p.citizen_id},Người Mới Thử,01/01/1990,Nam,31813,,\n`;            // 3: their CCCD on a new number
  const up = await h.upload('persons', 'nguoi.csv', csv);
  assert.equal(up.status, 201, JSON.stringify(up.data));
  const imp = up.data.import;
  assert.deepEqual(imp.errors.map((e) => e.line), [2, 3], JSON.stringify(imp.errors));
  for (const e of imp.errors) {
    for (const secret of [p.commune_code, p.household_code, p.full_name]) assert.ok(!e.reason.includes(secret), e.reason);
  }
  assert.ok(!imp.errors[1].reason.includes(p.bhxh), imp.errors[1].reason);
  const c = await h.post(`/api/v1/imports/${imp.id}/commit`, { accept_valid: true });
  assert.equal(c.status, 200, JSON.stringify(c.data));
  assert.equal(c.data.import.inserted + c.data.import.updated, 0);
  const after = (await admin.get(`/api/v1/people/${p.bhxh}?as_of=${D}`)).data.person;
  assert.equal(after.commune_code, p.commune_code);
  assert.equal(after.household_code, p.household_code);
  assert.notEqual((await h.get(`/api/v1/people/${p.bhxh}?as_of=${D}`)).status, 200);
  const log = (await admin.get('/api/v1/audit?user=huyen954&limit=50')).data.entries;
  assert.ok(log.some((y) => y.action === 'import.validate' && y.subject === 'persons nguoi.csv read 2 rejected 2 written 0'));
  assert.ok(log.some((y) => y.action === 'import.commit' && y.subject.startsWith('persons nguoi.csv')));
});
