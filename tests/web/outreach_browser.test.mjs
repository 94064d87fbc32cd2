// Browser test of the outreach screen (playwright-core + Debian's chromium) on a private copy of
// the web fixture (with_copy.sh: it changes outreach state): a teacher opens her class's pupils,
// a commune officer the members' list, assigns by rule and records an outcome, assigns one entry
// by name, records an outcome with its date and note and finds them in the progress, and
// confirms an uncertain match with its button; screenshots to $BAOPHU_SCREENSHOTS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const URL = process.env.BAOPHU_URL;
const E = process.env;
const SHOTS = E.BAOPHU_SCREENSHOTS || 'build/screenshots';
mkdirSync(SHOTS, { recursive: true });

let browser;
before(async () => {
  browser = await chromium.launch({ executablePath: E.CHROMIUM || '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--lang=vi-VN'] });
});
after(async () => { await browser?.close(); });

async function loggedIn(user, password) {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN' });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => { throw e; });
  await page.goto(URL + '/#/overview');
  await page.waitForSelector('#login');
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', password);
  await page.click('#login button[type=submit]');
  await page.waitForSelector('#nav a[href="#/outreach"]');
  return page;
}

test('a teacher sees the pupils of her class, with the school-rate line of her class', async () => {
  const page = await loggedIn('gvlan', 'gv-lan-thu-1');
  await page.click('#nav a[href="#/outreach"]');
  await page.waitForSelector('#outreach-headline');
  assert.match(await page.textContent('#outreach-headline'), /^Học sinh theo trường, lớp — Phường 2, ngày 10\/11\/2021: \d+ người cần vận động/);
  const classes = await page.$$eval('#outreach-sections tbody tr td:nth-child(3)', (tds) => tds.map((t) => t.textContent));
  assert.deepEqual(classes, ['6A']);
  const rows = await page.$$eval('#outreach-entries tbody tr td:nth-child(2)', (tds) => tds.map((t) => t.textContent));
  assert.ok(rows.length > 0 && rows.every((c) => c === '6A'));
  await page.screenshot({ path: `${SHOTS}/20-van-dong-giao-vien.png`, fullPage: true });
});

test('a commune officer opens the members list, assigns by organisation, records an outcome', async () => {
  const page = await loggedIn('xap2', 'xa-p2-thu-1');
  await page.goto(URL + '/#/outreach?kind=members&unit=31813&as_of=2021-11-10');
  await page.waitForSelector('#outreach-headline');
  assert.match(await page.textContent('#outreach-headline'), /^Hội viên, đoàn viên chưa có thẻ — Phường 2/);
  await page.selectOption('#outreach-rule', 'organisation');
  await page.click('#outreach-assign button[type=submit]');
  await page.waitForSelector('#outreach-assigned');
  assert.match(await page.textContent('#outreach-assigned'), /^Đã giao \d+ mục/);
  await page.waitForSelector('#outreach-entries button.record');
  await page.click('#outreach-entries button.record >> nth=0');
  await page.waitForSelector('#outreach-recorded');
  await page.waitForSelector('#outreach-progress tbody tr');
  await page.screenshot({ path: `${SHOTS}/21-van-dong-hoi-vien.png`, fullPage: true });
  // English on the switch.
  await page.click('#lang');
  await page.waitForFunction(() => /^Members without a card/.test(document.querySelector('#outreach-headline')?.textContent || ''));
});

test('a commune officer assigns one entry, records an outcome with a date and a note, confirms a match', async () => {
  const page = await loggedIn('xap2', 'xa-p2-thu-1');
  await page.goto(URL + '/#/outreach?kind=expired&unit=31813&as_of=2021-11-10');
  await page.waitForSelector('#outreach-entries');
  const entry = await page.$$eval('#outreach-entries tbody tr', (trs) => trs.find((tr) => tr.querySelector('td.assignee').textContent === '').dataset.entry);
  const row = `#outreach-entries tr[data-entry="${entry}"]`;
  await page.fill(`${row} input.assign-to`, 'Chị Lê Thị Thu');
  await page.click(`${row} button.assign-one`);
  await page.waitForSelector('#outreach-assigned');
  assert.equal(await page.textContent('#outreach-assigned'), `Đã giao ${entry} cho Chị Lê Thị Thu.`);
  assert.equal(await page.textContent(`${row} td.assignee`), 'Chị Lê Thị Thu');
  // The date defaults to the list's day; the outcome is dated later, with a note.
  assert.equal(await page.inputValue(`${row} input.outcome-date`), '10/11/2021');
  await page.selectOption(`${row} select.outcome`, 'promised');
  await page.fill(`${row} input.outcome-date`, '12/11/2021');
  await page.fill(`${row} input.outcome-note`, 'Hẹn thứ Hai nộp tiền ở UBND phường');
  await page.click(`${row} button.record`);
  await page.waitForSelector('#outreach-recorded');
  // The progress card is drawn again after the message: wait for the entry's new line.
  const done = `#outreach-progress-entries tr[data-entry="${entry}"]`;
  await page.waitForFunction((sel) => document.querySelector(sel + ' td.last-note')?.textContent !== '', done);
  assert.equal(await page.textContent(`${done} td.last-outcome`), 'Hứa tham gia');
  assert.equal(await page.textContent(`${done} td.last-date`), '12/11/2021');
  assert.equal(await page.textContent(`${done} td.last-note`), 'Hẹn thứ Hai nộp tiền ở UBND phường');
  assert.match(await page.textContent('#outreach-progress-title'), /ngày 12\/11\/2021$/);
  // The expired list of Phường 2 is a thousand lines: the row, then the progress card.
  await page.locator(row).scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${SHOTS}/22-van-dong-giao-ghi-ket-qua.png` });
  await page.locator('#outreach-progress-card').screenshot({ path: `${SHOTS}/23-van-dong-ket-qua-ghi-chu.png` });

  // A bad date is refused in the page.
  await page.fill(`${row} input.outcome-date`, '31/13/2021');
  await page.click(`${row} button.record`);
  await page.waitForSelector('#outreach-bad-date');

  // The matches: one line per candidate, with its buttons.
  await page.goto(URL + '/#/outreach?kind=matches&unit=31813&as_of=2021-11-10');
  await page.waitForSelector('#outreach-entries button.confirm');
  const before = await page.$$eval('#outreach-entries tbody tr', (trs) => trs.map((tr) => tr.dataset.entry));
  assert.equal(await page.textContent('#outreach-entries tbody tr >> nth=0 >> button.confirm'), 'Đúng người này');
  assert.equal(await page.textContent('#outreach-entries tbody tr >> nth=0 >> button.reject'), 'Không phải');
  await page.screenshot({ path: `${SHOTS}/24-van-dong-xac-nhan.png`, fullPage: true });
  await page.click('#outreach-entries tbody tr >> nth=0 >> button.confirm');
  await page.waitForSelector('#outreach-decided');
  assert.match(await page.textContent('#outreach-decided'), /^Đã xác nhận người \d{10}\.$/);
  const after = await page.$$eval('#outreach-entries tbody tr', (trs) => trs.map((tr) => tr.dataset.entry));
  assert.ok(!after.includes(before[0]), 'the confirmed row is no longer to confirm');
  assert.equal(after.length, before.filter((e) => e !== before[0]).length);
  await page.click('#lang');
  await page.waitForSelector('#outreach-entries button.reject');
  assert.equal(await page.textContent('#outreach-entries tbody tr >> nth=0 >> button.reject'), 'Not this person');
});

test('a commune officer imports an organisation\'s member list from the import screen', async () => {
  const page = await loggedIn('xap2', 'xa-p2-thu-1');
  await page.click('#nav a[href="#/import"]');
  await page.waitForSelector('#upload-form');
  // A commune imports the outreach lists only.
  const kinds = await page.$$eval('#import-kind option', (os) => os.map((o) => o.value));
  assert.deepEqual(kinds, ['pupils', 'beneficiaries', 'members', 'responsibles']);
  const csv = 'ma_to_chuc,ten_to_chuc,ma_dvhc,ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,dien_thoai\n' +
    'CCB_THU,Chi hội Cựu chiến binh thử,31813,,,Trịnh Văn Thử,02/09/1955,0913000002\n' +
    'CCB_THU,Chi hội Cựu chiến binh thử,31813,,,Thiếu Ngày Sinh,,\n';
  await page.selectOption('#import-kind', 'members');
  await page.setInputFiles('#import-file', { name: 'hoi_vien_thu.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.click('#upload-form button');
  await page.waitForSelector('#errors-table');
  assert.equal(await page.textContent('#imp-read'), '2');
  assert.equal(await page.textContent('#imp-rejected'), '1');
  assert.match(await page.textContent('#import-report h2'), /Danh sách hội viên, đoàn viên/);
  await page.check('#accept-valid');
  await page.click('#commit-form button');
  await page.waitForSelector('#imp-state.ok');
  await page.screenshot({ path: `${SHOTS}/25-nhap-danh-sach-hoi-vien.png`, fullPage: true });
  await page.goto(URL + '/#/outreach?kind=members&unit=31813&as_of=2021-11-10');
  await page.waitForSelector('#outreach-sections');
  assert.ok((await page.textContent('#outreach-sections')).includes('CCB_THU'));
});

test('a class in the pupils\' summary opens the list of that class alone, and its export', async () => {
  const page = await loggedIn('xap2', 'xa-p2-thu-1');
  await page.goto(URL + '/#/outreach?kind=pupils&unit=31813&as_of=2021-11-10');
  await page.waitForSelector('#outreach-sections a.only');
  const all = await page.$$eval('#outreach-entries tbody tr td:nth-child(2)', (tds) => new Set(tds.map((t) => t.textContent)).size);
  assert.ok(all > 1, 'the commune\'s pupils come from several classes');
  const link = page.locator('#outreach-sections tbody td:nth-child(3) a.only').first();
  const cls = await link.textContent();
  await link.click();
  await page.waitForFunction((c) => document.querySelector('#outreach-class')?.value === c, cls);
  await page.waitForSelector('#outreach-entries');
  const classes = await page.$$eval('#outreach-entries tbody tr td:nth-child(2)', (tds) => tds.map((t) => t.textContent));
  assert.ok(classes.length > 0 && classes.every((c) => c === cls), `only ${cls}: ${classes}`);
  // The summary: the class and its school's total over the class alone.
  const rows = await page.$$eval('#outreach-sections tbody tr td:nth-child(3)', (tds) => tds.map((t) => t.textContent));
  assert.deepEqual(rows.sort(), [cls, '∑'].sort());
  assert.match(await page.getAttribute('#outreach-export', 'href'), new RegExp(`class=${encodeURIComponent(cls)}`));
  await page.screenshot({ path: `${SHOTS}/26-van-dong-mot-lop.png`, fullPage: true });
});
