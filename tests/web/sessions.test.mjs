// Sessions end when the account changes under them (issue 12, item 6): a password changed or an
// account deactivated by the CLI in another process ends the open sessions within about a second
// (the server reads the account again at most once a second per session, http_util.h); the
// refusals are audited. On a private copy of the fixture (with_copy.sh): it changes accounts.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, isError } from './client.mjs';

const B = process.env.BAOPHU_BIN;
const DB = join(process.env.BAOPHU_FIXTURE, 'baophu.db');
const cli = (args, input) => execFileSync(B, ['--db', DB, ...args], { input }).toString();

// Polls GET /api/v1/auth/me until it answers 401; the seconds it took (at most `limit`).
async function secondsUntilRefused(c, limit = 5) {
  const t0 = Date.now();
  while (Date.now() - t0 < limit * 1000) {
    const r = await c.get('/api/v1/auth/me');
    if (r.status === 401) return (Date.now() - t0) / 1000;
    assert.equal(r.status, 200);
    await sleep(100);
  }
  return Infinity;
}

test('a password changed by the CLI ends the open sessions', async () => {
  const c = await Client.as('xab');
  assert.equal((await c.get('/api/v1/auth/me')).status, 200);
  cli(['user', 'passwd', 'xab', '--password-stdin'], 'mat-khau-moi-1\n');
  const s = await secondsUntilRefused(c);
  console.log(`session ended ${s.toFixed(1)} s after the password change`);
  assert.ok(s <= 3, `still open after ${s} s`);
  isError(await c.get(`/api/v1/people?q=${process.env.BHXH_B}`), 401, 'unauthenticated');
  // The new password logs in; the old one no longer does.
  const old = await new Client().req('POST', '/api/v1/auth/login', { body: { username: 'xab', password: 'xa-b-thu-1' } });
  isError(old, 401, 'bad_credentials');
  const fresh = await new Client().req('POST', '/api/v1/auth/login', { body: { username: 'xab', password: 'mat-khau-moi-1' } });
  assert.equal(fresh.status, 200);
});

test('a deactivated account is logged out and cannot log in again', async () => {
  const c = await Client.as('xap2');
  assert.equal((await c.get('/api/v1/lists/expired')).status, 200);
  cli(['user', 'deactivate', 'xap2']);
  const s = await secondsUntilRefused(c);
  console.log(`session ended ${s.toFixed(1)} s after the deactivation`);
  assert.ok(s <= 3, `still open after ${s} s`);
  const again = await new Client().req('POST', '/api/v1/auth/login', { body: { username: 'xap2', password: 'xa-p2-thu-1' } });
  isError(again, 401, 'bad_credentials');
  cli(['user', 'activate', 'xap2']);
  assert.equal((await Client.as('xap2')).csrf.length > 0, true);
});

test('an unknown username and a wrong password get the same answer', async () => {
  const admin = await Client.as('admin');
  const top = await admin.get('/api/v1/audit?limit=1');
  const since = top.data.entries.length ? top.data.entries[0].id : 0;
  const a = await new Client().req('POST', '/api/v1/auth/login', { body: { username: 'khong-ai-ca', password: 'sai-mat-khau' } });
  const b = await new Client().req('POST', '/api/v1/auth/login', { body: { username: 'xaa', password: 'sai-mat-khau' } });
  assert.equal(a.status, 401);
  assert.deepEqual(a.data, b.data);
  // Both refusals are audited (no session: user "-").
  const log = await admin.get('/api/v1/audit?user=-&limit=50');
  const mine = log.data.entries.filter((e) => e.id > since && e.action === 'refused.bad_credentials');
  assert.equal(mine.length, 2, JSON.stringify(log.data.entries.slice(0, 5)));
});
