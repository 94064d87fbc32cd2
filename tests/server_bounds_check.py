#!/usr/bin/env python3
"""Hostile input against `baophu serve` (issue 12, items 9, 10, 13, 14): a server of its own on
the web fixture, started with small limits, and

  1. files are owner-only: the upload folder 0700, an uploaded file 0600, the index snapshot and
     a store the CLI creates 0600; the upload folder's leftovers
     of an earlier run are deleted at start-up and the folder at a clean exit;
  2. a chunked upload past --max-upload-mb 1 gets 413, and so does a chunked JSON body; the
     server's peak memory (VmHWM) grows by less than 64 MB for a 128 MB chunked body, and by
     less than 300 MB for the FHIR export of district 954 (~290 MB of JSON, 2,4 GB before);
  3. 40 slow clients (a header line every second, from 127.0.0.2 and 127.0.0.3) do not stop a
     normal request from 127.0.0.1 from answering within 5 s, and the header deadline cuts them;
  4. every POST route answers a wrong-typed JSON field with 400 naming it, never 500.

usage: server_bounds_check.py BAOPHU FIXTURE_DIR
Bounds, not timings: the 5 s is a socket timeout of a functional check.
"""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request

B, FIX = sys.argv[1], sys.argv[2]
ENV = dict(l.strip().split('=', 1) for l in open(os.path.join(FIX, 'fixture.env')) if '=' in l)
VN_ADMIN = ENV['VN_ADMIN'].strip('"')
failures = []


def check(cond, what):
    print(('ok   ' if cond else 'FAIL ') + what)
    if not cond:
        failures.append(what)


def vm(pid, field):
    for line in open(f'/proc/{pid}/status'):
        if line.startswith(field + ':'):
            return int(line.split()[1]) // 1024  # MB
    return -1


def start(tmp, *flags):
    log = open(os.path.join(tmp, 'serve.log'), 'w+')
    p = subprocess.Popen([B, '--db', os.path.join(FIX, 'baophu.db'), '--snapshot', os.path.join(tmp, 'index.snap'), 'serve', '--listen',
                          '127.0.0.1:0', '--as-of', '10/11/2021', '--vn-admin', VN_ADMIN, '--max-upload-mb', '1',
                          '--quiet', '--upload-dir', tmp, *flags], stdout=log, stderr=subprocess.STDOUT)
    for _ in range(600):
        log.seek(0)
        m = re.search(r'http://127\.0\.0\.1:(\d+)', log.read())
        if m:
            return p, int(m.group(1))
        if p.poll() is not None:
            break
        time.sleep(0.1)
    log.seek(0)
    sys.exit('the server did not start:\n' + log.read())


def request(port, method, path, body=None, headers=None, cookie='', timeout=30):
    h = dict(headers or {})
    if cookie:
        h['Cookie'] = cookie
    req = urllib.request.Request(f'http://127.0.0.1:{port}{path}', data=body, method=method, headers=h)
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            return r.status, r.read(), r.headers
    except urllib.error.HTTPError as e:
        return e.code, e.read(), e.headers


def login(port, user='tinh', password='tinh-thu-1'):
    st, body, hdr = request(port, 'POST', '/api/v1/auth/login',
                            json.dumps({'username': user, 'password': password}).encode(),
                            {'Content-Type': 'application/json'})
    assert st == 200, body
    return hdr['Set-Cookie'].split(';')[0], json.loads(body)['csrf_token']


def raw_chunked(port, path, headers, total, chunk=1 << 16):
    """Sends `total` bytes as a chunked body; returns the status line's code (or 0)."""
    s = socket.create_connection(('127.0.0.1', port), timeout=30)
    head = f'POST {path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n'
    head += ''.join(f'{k}: {v}\r\n' for k, v in headers.items()) + '\r\n'
    s.sendall(head.encode())
    data = b'a,b,c\n' * (chunk // 6)
    sent = 0
    try:
        while sent < total:
            s.sendall(b'%x\r\n' % len(data) + data + b'\r\n')
            sent += len(data)
        s.sendall(b'0\r\n\r\n')
    except (BrokenPipeError, ConnectionResetError):
        pass  # the server answered and closed: read its answer
    try:
        reply = s.recv(4096).decode('latin-1')
    except (ConnectionResetError, socket.timeout):
        reply = ''
    s.close()
    m = re.match(r'HTTP/1\.1 (\d+)', reply)
    return int(m.group(1)) if m else 0


def main():
    tmp = tempfile.mkdtemp(prefix='bounds-')
    os.chmod(tmp, 0o755)
    stale = os.path.join(tmp, 'baophu-uploads', 'old-import')
    os.makedirs(stale)
    open(os.path.join(stale, 'persons.csv'), 'w').write('left by a killed server\n')
    p, port = start(tmp, '--threads', '16', '--max-connections-per-client', '4', '--header-timeout', '3')
    up = os.path.join(tmp, 'baophu-uploads')
    try:
        # 1. owner-only files, leftovers gone
        check(not os.path.exists(stale), 'the upload folder\'s leftovers are deleted at start-up')
        check(oct(os.stat(up).st_mode & 0o777) == '0o700', f'upload folder mode {oct(os.stat(up).st_mode & 0o777)} is 0700')
        cookie, csrf = login(port)
        auth = {'X-CSRF-Token': csrf}
        csv = ('ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,gioi_tinh,ma_xa\n9612345678,,Lê Văn Thử,01/02/1990,Nam,'
               + ENV['COMMUNE_A'] + '\n').encode()
        st, body, _ = request(port, 'POST', '/api/v1/imports?kind=persons&filename=p.csv', csv,
                              {**auth, 'Content-Type': 'text/csv'}, cookie)
        check(st == 201, f'a small upload is staged ({st})')
        files = [os.path.join(d, f) for d, _, fs in os.walk(up) for f in fs]
        modes = sorted({oct(os.stat(f).st_mode & 0o777) for f in files})
        check(files and modes == ['0o600'], f'uploaded files {len(files)} are 0600 ({modes})')
        imp = json.loads(body).get('import', {}).get('id') if st == 201 else None

        # 2. chunked bodies are counted
        hwm0 = vm(p.pid, 'VmHWM')
        code = raw_chunked(port, '/api/v1/imports?kind=persons&filename=big.csv',
                           {**auth, 'Cookie': cookie, 'Content-Type': 'text/csv'}, 128 << 20)
        check(code == 413, f'a chunked upload of 128 MB past --max-upload-mb 1 gets {code} (413)')
        code = raw_chunked(port, '/api/v1/auth/login', {'Content-Type': 'application/json'}, 128 << 20)
        check(code == 413, f'a chunked JSON body of 128 MB gets {code} (413)')
        hwm1 = vm(p.pid, 'VmHWM')
        print(f'     VmHWM {hwm0} MB before, {hwm1} MB after the chunked bodies (+{hwm1 - hwm0} MB)')
        check(hwm1 - hwm0 < 64, 'the server\'s peak memory grew by less than 64 MB')

        # 2b. the FHIR export of a district is streamed: bounded memory, a whole Bundle
        hwm0 = vm(p.pid, 'VmHWM')
        req = urllib.request.Request(f'http://127.0.0.1:{port}/api/v1/exchange/fhir?unit=954&as_of=10/11/2021',
                                     headers={'Cookie': cookie})
        size, tail = 0, b''
        with urllib.request.urlopen(req, timeout=120) as r:
            while True:
                piece = r.read(1 << 20)
                if not piece:
                    break
                size += len(piece)
                tail = (tail + piece)[-64:]
        hwm1 = vm(p.pid, 'VmHWM')
        print(f'     FHIR of district 954: {size} bytes; VmHWM {hwm0} MB before, {hwm1} MB after (+{hwm1 - hwm0} MB)')
        check(size > 100 << 20 and tail.endswith(b']}'), 'the FHIR Bundle of district 954 arrived whole')
        check(hwm1 - hwm0 < 300, 'the FHIR export of a district grew the server\'s peak memory by less than 300 MB')

        # 4. wrong JSON types → 400 naming the field
        bad = [('/api/v1/auth/login', {'username': 5, 'password': 'x'}, 'username'),
               ('/api/v1/outreach/assign', {'list': 5}, 'list'),
               ('/api/v1/outreach/outcome', {'list': 'expired', 'note': ['x']}, 'note'),
               ('/api/v1/outreach/confirm', {'entry': 'x', 'bhxh': '9500005698', 'reject': 'yes'}, 'reject'),
               ('/api/v1/steering/agency-reports', {'agency': 'X', 'week_end': '2021-11-10', 'rows': {}}, 'rows'),
               ('/api/v1/steering/agency-reports',
                {'agency': 'X', 'week_end': '2021-11-10', 'rows': [{'insured': 'many'}]}, 'insured')]
        if imp:
            bad.append((f'/api/v1/imports/{imp}/commit', {'accept_valid': 'yes'}, 'accept_valid'))
        else:
            check(False, 'the small upload was staged (needed for the commit check)')
        for path, payload, field in bad:
            st, body, _ = request(port, 'POST', path, json.dumps(payload).encode(),
                                  {**auth, 'Content-Type': 'application/json'}, cookie)
            msg = json.loads(body).get('message', '') if body.startswith(b'{') else body[:80]
            check(st == 400 and f'"{field}"' in msg, f'{path} {json.dumps(payload)} → {st}: {msg}')

        # 3. slow clients
        slow = []
        for i in range(40):
            s = socket.socket()
            s.bind((f'127.0.0.{2 + i % 2}', 0))
            s.settimeout(10)
            try:
                s.connect(('127.0.0.1', port))
                s.sendall(b'GET /api/v1/config HTTP/1.1\r\n')
                slow.append(s)
            except OSError:
                s.close()
        print(f'     {len(slow)} slow connections open')
        for _ in range(2):  # two header lines, a second apart
            time.sleep(1)
            for s in slow:
                try:
                    s.sendall(b'X-Slow: 1\r\n')
                except OSError:
                    pass
        try:
            st, _, _ = request(port, 'GET', '/api/v1/config', timeout=5)
        except Exception as e:  # noqa: BLE001 — the failure is the finding
            st = repr(e)
        check(st == 200, f'a normal request beside 40 slow clients answers within 5 s ({st})')
        time.sleep(3.5)  # past --header-timeout 3 since they connected
        cut = 0
        for s in slow:
            s.settimeout(2)
            try:
                data = s.recv(4096)
                cut += data == b'' or data.startswith(b'HTTP/1.1 ')  # closed, or answered (503, 400)
            except socket.timeout:
                pass  # still held open by the server
            except OSError:
                cut += 1  # reset
            s.close()
        check(cut == len(slow), f'{cut} of {len(slow)} slow connections were answered or cut by the header deadline')
    finally:
        p.send_signal(signal.SIGTERM)
        p.wait(timeout=60)
    check(not os.path.exists(up), 'the upload folder is removed at a clean exit')
    snap = os.path.join(tmp, 'index.snap')
    mode = oct(os.stat(snap).st_mode & 0o777) if os.path.exists(snap) else 'missing'
    check(mode == '0o600', f'the index snapshot the server wrote is 0600 ({mode})')
    # The store and its companions, created by the CLI: owner-only whatever the umask.
    db = os.path.join(tmp, 'new.db')
    subprocess.run([B, '--db', db, 'user', 'add', 'quantri', '--role', 'administrator', '--password-stdin'],
                   input=b'mat-khau-dai-1\n', stdout=subprocess.DEVNULL, check=False)
    made = [f for f in os.listdir(tmp) if f.startswith('new.')]
    modes = {f: oct(os.stat(os.path.join(tmp, f)).st_mode & 0o777) for f in made}
    check(made and all(m == '0o600' for m in modes.values()), f'the store\'s files are 0600: {modes}')
    shutil.rmtree(tmp, ignore_errors=True)
    print(f'{len(failures)} failure(s)')
    sys.exit(1 if failures else 0)


main()
