// Browser test of the outreach screen (playwright-core + Debian's chromium) on the web fixture:
// a teacher opens her class's pupils, a commune officer the members' list, assigns by rule and
// records an outcome; screenshots to $BAOPHU_SCREENSHOTS.
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
