// The API tests' client: a session cookie, the CSRF token from the login, JSON in and out.
// `req` sends exactly what it is given (tests of a missing CSRF token use it); `post` adds the
// token; `as(user)` logs in one of the fixture's accounts (tests/web/setup_fixture.sh).
import assert from 'node:assert/strict';

export const PASSWORDS = {
  admin: 'quantri-thu-1', tinh: 'tinh-thu-1', xaa: 'xa-a-thu-1', xab: 'xa-b-thu-1', xem: 'xem-thu-1',
  khoa: 'khoa-thu-1', xap2: 'xa-p2-thu-1', gvlan: 'gv-lan-thu-1',
  huyen954: 'huyen-954-thu-1', hnd: 'hnd-thu-1', camau: 'ca-mau-thu-1',
};

export class Client {
  constructor(url = process.env.BAOPHU_URL) { this.url = url; this.cookie = ''; this.csrf = ''; }
  async req(method, path, { body, headers = {}, raw } = {}) {
    const h = { ...headers };
    if (this.cookie) h.Cookie = this.cookie;
    if (body !== undefined && !raw) h['Content-Type'] = 'application/json';
    const res = await fetch(this.url + path, { method, headers: h, body: raw ?? (body === undefined ? undefined : JSON.stringify(body)) });
    const set = res.headers.get('set-cookie');
    if (set) this.cookie = set.split(';')[0];
    const type = res.headers.get('content-type') || '';
    const data = type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer());
    return { status: res.status, data, headers: res.headers };
  }
  get(path) { return this.req('GET', path); }
  post(path, body, opts = {}) {
    return this.req('POST', path, { body, headers: { 'X-CSRF-Token': this.csrf, ...(opts.headers || {}) }, raw: opts.raw });
  }
  // A file to /api/v1/imports (multipart), validated and staged.
  upload(kind, name, content) {
    const form = new FormData();
    form.append('file', new Blob([content]), name);
    return this.post(`/api/v1/imports?kind=${kind}`, undefined, { raw: form });
  }
  static async as(user) {
    const c = new this();  // a subclass (the route walk's retrying client) gets its own kind
    const r = await c.req('POST', '/api/v1/auth/login', { body: { username: user, password: PASSWORDS[user] } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    c.csrf = r.data.csrf_token;
    return c;
  }
}

// An error answer: the status, a Vietnamese message, and the code when given.
export function isError(r, status, code) {
  assert.equal(r.status, status, JSON.stringify(r.data));
  assert.ok(typeof r.data.message === 'string' && r.data.message.length > 0, JSON.stringify(r.data));
  if (code) assert.equal(r.data.code, code, JSON.stringify(r.data));
}
