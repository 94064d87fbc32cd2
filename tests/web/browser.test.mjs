// Browser tests: playwright-core drives Debian's chromium (headless) through the web UI of a
// real `baophu serve` (with_server.sh, web fixture). Screenshots of every screen go to
// $BAOPHU_SCREENSHOTS (build/screenshots).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
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

async function newPage() {
  const ctx = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: 'vi-VN', acceptDownloads: true });
  const page = await ctx.newPage();
  page.on('pageerror', (e) => { throw e; });
  return page;
}

async function login(page, user, password, shot) {
  await page.goto(URL + '/#/overview');
  await page.waitForSelector('#login');
  if (shot) await page.screenshot({ path: `${SHOTS}/01-dang-nhap.png` });
  await page.fill('input[name=username]', user);
  await page.fill('input[name=password]', password);
  await page.click('#login button[type=submit]');
}

const shot = (page, name) => page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: true });

// Cell texts of an xlsx (shared strings and inline values), read back with Python's zipfile.
function xlsxText(path) {
  return execFileSync('python3', ['-c', `
import sys, zipfile, re
z = zipfile.ZipFile(sys.argv[1])
out = []
for n in z.namelist():
    if n.startswith('xl/sharedStrings') or n.startswith('xl/worksheets/sheet1'):
        out += re.findall(r'<(?:t|v)[^>]*>([^<]*)</(?:t|v)>', z.read(n).decode('utf-8'))
print('\\n'.join(out))`, path]).toString('utf8');
}

test('province: overview 65,19 % vs 91 %, change the date, drill province → district → commune, export XLSX', async () => {
  const page = await newPage();
  await login(page, 'tinh', 'tinh-thu-1', true);
  await page.waitForSelector('#kpi-rate');
  await page.waitForSelector('#chart-groups svg');
  assert.equal(await page.textContent('#kpi-rate'), '65,19 %');
  assert.equal(await page.textContent('#kpi-target'), '91,00 %');
  assert.equal(await page.textContent('#kpi-insured'), '591.427');
  assert.equal(await page.textContent('#kpi-population'), '907.236');
  assert.match(await page.textContent('#title'), /10\/11\/2021 — Tỉnh Bạc Liêu/);
  await page.waitForSelector('#chart-trend svg');
  await shot(page, '02-tong-quan-tinh');

  // Export what the screen shows, and read it back: the same numbers.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#export-xlsx')]);
  const xlsx = `${SHOTS}/bao-cao-tinh.xlsx`;
  await download.saveAs(xlsx);
  const cells = xlsxText(xlsx);
  assert.match(cells, /Báo cáo bao phủ BHYT tính đến ngày 10\/11\/2021 — Tỉnh Bạc Liêu/);
  assert.match(cells, /^591427$/m);
  assert.match(cells, /^907236$/m);

  // The weekly trend and the week's flows export what they show, too.
  await page.waitForSelector('#flows-table tfoot tr');
  const [trendDl] = await Promise.all([page.waitForEvent('download'), page.click('#trend-xlsx')]);
  const trendXlsx = `${SHOTS}/dien-bien-tinh.xlsx`;
  await trendDl.saveAs(trendXlsx);
  const trendCells = xlsxText(trendXlsx);
  assert.match(trendCells, /Diễn biến bao phủ BHYT hằng tuần/);
  assert.match(trendCells, /Số người có thẻ/);
  const lastWeek = await page.evaluate(async () => {
    const href = document.querySelector('#trend-xlsx').getAttribute('href').replace('/export.xlsx', '');
    const r = await fetch(href, { credentials: 'same-origin' }).then((x) => x.json());
    return r.points.at(-1).insured;
  });
  assert.match(trendCells, new RegExp(`^${lastWeek}$`, 'm'));  // the chart's last point, in the file
  const flowsRoot = await page.$$eval('#flows-table tfoot td', (tds) => tds.map((td) => td.textContent));
  const [flowsDl] = await Promise.all([page.waitForEvent('download'), page.click('#flows-xlsx')]);
  const flowsXlsx = `${SHOTS}/bien-dong-tinh.xlsx`;
  await flowsDl.saveAs(flowsXlsx);
  const flowsCells = xlsxText(flowsXlsx);
  assert.match(flowsCells, /Biến động người tham gia BHYT từ 04\/11\/2021 đến 10\/11\/2021/);
  assert.match(flowsCells, new RegExp('^' + flowsRoot[1].replace(/\./g, '') + '$', 'm'));
  await page.$eval('#flows-card', (el) => el.scrollIntoView());
  await shot(page, '02b-bien-dong-tuan');

  // Another date.
  await page.fill('#as-of', '01/07/2021');
  await page.click('#date-form button');
  await page.waitForFunction(() => document.querySelector('#title')?.textContent.includes('01/07/2021'));
  assert.match(await page.textContent('#kpi-rate'), /^\d{1,3},\d\d %$/);
  await shot(page, '03-tong-quan-ngay-khac');
  await page.fill('#as-of', '10/11/2021');
  await page.click('#date-form button');
  await page.waitForFunction(() => document.querySelector('#title')?.textContent.includes('10/11/2021'));

  // Sort the districts by gap, then drill down to a district and a commune.
  await page.click('#drill-table th[data-key=gap]');
  await page.waitForSelector('#drill-table tr.lowest');
  await shot(page, '04-bang-xep-hang-huyen');
  const district = await page.textContent('#drill-table tbody tr:first-child a');
  await page.click('#drill-table tbody tr:first-child a');
  await page.waitForFunction((d) => document.querySelector('#unit-name')?.textContent === d, district);
  await page.click('#drill-table th[data-key=rate]');
  await shot(page, '05-huyen-cac-xa');
  const commune = await page.textContent('#drill-table tbody tr:first-child a');
  await page.click('#drill-table tbody tr:first-child a');
  await page.waitForFunction((c) => document.querySelector('#unit-name')?.textContent === c, commune);
  assert.match(await page.textContent('.crumbs'), /Tỉnh Bạc Liêu › .+ › .+/);
  await page.waitForSelector('#chart-groups svg');
  await shot(page, '06-xa');

  // English switch.
  await page.click('#lang');
  await page.waitForFunction(() => document.querySelector('.kpi span')?.textContent === 'Coverage rate');
  assert.match(await page.textContent('#kpi-rate'), /^\d{1,3}\.\d\d %$/);
  await shot(page, '07-english');
  await page.click('#lang');
  await page.context().close();
});

test('commune: open a person with their card history; refused another commune', async () => {
  const page = await newPage();
  await login(page, 'xaa', 'xa-a-thu-1');
  await page.waitForSelector('#kpi-rate');
  await page.click('a[href="#/people"]');
  await page.fill('#people-q', E.NAME_A.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[đĐ]/g, 'd').toLowerCase());
  await page.click('#people-form button');
  await page.waitForSelector('#people-table');
  await shot(page, '08-tra-cuu-nguoi');
  await page.click(`#people-table a[href^="#/person/${E.BHXH_A}"]`);
  await page.waitForSelector('#cards-table');
  assert.equal(await page.textContent('#person-name'), E.NAME_A);
  assert.ok((await page.$$('#cards-table tbody tr')).length >= 1);
  await shot(page, '09-nguoi-va-lich-su-the');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#person-export')]);
  const xlsx = `${SHOTS}/nguoi.xlsx`;
  await download.saveAs(xlsx);
  const cells = xlsxText(xlsx);
  assert.ok(cells.includes(E.BHXH_A) && cells.includes(E.NAME_A));

  await page.goto(`${URL}/#/person/${E.BHXH_B}`);
  await page.waitForSelector('.error');
  assert.match(await page.textContent('.error'), /404/);  // as for a number nobody holds (issue 12)
  assert.equal(await page.$('#cards-table'), null);
  await shot(page, '10-tu-choi-xa-khac');
  await page.goto(`${URL}/#/overview?unit=${E.COMMUNE_B}&as_of=2021-11-10`);
  await page.waitForSelector('.error');
  assert.match(await page.textContent('.error'), /403/);
  await page.context().close();
});

test('province: import page with the rejected-rows report, then commit the valid rows', async () => {
  const page = await newPage();
  await login(page, 'tinh', 'tinh-thu-1');
  await page.waitForSelector('#kpi-rate');
  await page.click('a[href="#/import"]');
  await page.waitForSelector('#upload-form');
  const id = () => '97' + String(Math.floor(Math.random() * 1e8)).padStart(8, '0');
  const csv = 'ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,gioi_tinh,ma_xa\n' +
    `${id()},,Nguyễn Văn Đúng,01/02/1990,Nam,${E.COMMUNE_A}\n` +
    `12345,,Trần Thị Sai Mã,01/02/1990,Nữ,${E.COMMUNE_A}\n` +
    `${id()},,Lê Văn Sai Ngày,31/02/1990,Nam,${E.COMMUNE_A}\n`;
  await page.selectOption('#import-kind', 'persons');
  await page.setInputFiles('#import-file', { name: 'nguoi_tham_gia.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.click('#upload-form button');
  await page.waitForSelector('#errors-table');
  assert.equal(await page.textContent('#imp-read'), '3');
  assert.equal(await page.textContent('#imp-rejected'), '2');
  await shot(page, '11-nhap-du-lieu-dong-loi');
  await page.check('#accept-valid');
  await page.click('#commit-form button');
  await page.waitForSelector('#imp-state.ok');
  await shot(page, '12-nhap-du-lieu-da-ghi');
  await page.context().close();
});

test('administrator: national overview with the province map, and the audit log', async () => {
  const page = await newPage();
  await login(page, 'admin', 'quantri-thu-1');
  await page.waitForSelector('#kpi-rate');
  await page.waitForSelector('#chart-map[data-rendered="1"] canvas, #chart-map .muted', { timeout: 180000 });
  assert.equal(await page.$('#chart-map .muted'), null, 'the map did not load');
  await page.waitForTimeout(1000);  // the map's first frame
  await shot(page, '13-toan-quoc-ban-do');
  await page.click('a[href="#/audit"]');
  await page.waitForSelector('#audit-table');
  const text = await page.textContent('#audit-table');
  assert.match(text, /person\.view/);
  assert.ok(text.includes(E.BHXH_A));
  await shot(page, '14-nhat-ky-truy-cap');
  await page.context().close();
});

test('the contribution calculator: a household of five at base 2.340.000, exported to XLSX', async () => {
  const page = await newPage();
  await login(page, 'xem', 'xem-thu-1');
  await page.waitForSelector('#kpi-rate');
  await page.click('a[href="#/fee"]');
  await page.waitForSelector('#fee-form');
  await page.selectOption('#fee-kind', 'household');
  await page.fill('#fee-date', '15/08/2024');
  await page.selectOption('#fee-months', '12');
  await page.fill('#fee-members', '5');
  await page.click('#fee-compute');
  await page.waitForSelector('#fee-table');
  const monthly = await page.$$eval('#fee-table tbody tr td:nth-child(4)', (tds) => tds.map((td) => td.textContent));
  assert.deepEqual(monthly, ['105.300 đ', '73.710 đ', '63.180 đ', '52.650 đ', '42.120 đ']);
  assert.equal(await page.textContent('#fee-total'), '4.043.520 đ');
  assert.match(await page.textContent('#fee-card'), /14\/09\/2024 – 13\/09\/2025/);
  await shot(page, '15-tinh-muc-dong');
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click('#fee-xlsx')]);
  const path = `${SHOTS}/muc-dong.xlsx`;
  await dl.saveAs(path);
  const cells = xlsxText(path);
  assert.match(cells, /^105300$/m);
  assert.match(cells, /^42120$/m);
  await page.context().close();
});

test('province: the weekly report screen shows the dispatch\'s paragraph; the PDF button downloads the report', async () => {
  const page = await newPage();
  await login(page, 'tinh', 'tinh-thu-1');
  await page.waitForSelector('#kpi-rate');
  await page.click('#nav a[href="#/weekly"]');
  await page.fill('#weekly-form input[name=as_of]', '10/11/2021');
  await page.click('#weekly-form button[type=submit]');
  await page.waitForSelector('#weekly-first');
  assert.match(await page.textContent('#weekly-first'),
    /^Tính đến ngày 10\/11\/2021, tỷ lệ bao phủ BHYT trên địa bàn tỉnh đạt 65,19 %.*so với chỉ tiêu 91 % còn thiếu 234\.158 người\.$/);
  assert.ok((await page.$$('#weekly-units tbody tr')).length >= 7);
  // The steering demo data of the fixture: the household campaign and the agency that is late.
  assert.match(await page.textContent('#weekly-campaigns'), /Vận động hộ gia đình tham gia BHYT/);
  assert.match(await page.textContent('#weekly-agencies'), /Trường Cao đẳng Y tế Bạc Liêu\s*4\s*2\s*1\s*Chưa nộp/);
  await shot(page, '15-bao-cao-tuan');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#weekly-pdf')]);
  assert.equal(download.suggestedFilename(), 'bao-cao-tuan-95-2021-11-10.pdf');
  const path = `${SHOTS}/bao-cao-tuan-95-2021-11-10.pdf`;
  await download.saveAs(path);
  const text = execFileSync('pdftotext', ['-raw', path, '-']).toString('utf8').replace(/[\s\u00a0]+/g, ' ');
  assert.ok(text.includes('nhóm hộ gia đình đạt 46,28 %; so với chỉ tiêu 91 % còn thiếu 234.158 người.'), text.slice(0, 800));
});
