#!/usr/bin/env python3
"""kill -9 trials: an import killed at a random moment leaves the store whole and the import
either wholly there or wholly absent; the same import then completes.

usage: kill9.py BAOPHU VN_ADMIN TRIALS [--seed N] [--keep DIR]

The trials rotate over four ways of writing: CLI imports of persons, of cards and of an outreach
list (pupils), and a web commit (`baophu serve`, an upload of persons through the API, then its
commit; the server is killed). Each trial starts from a copy of one base store (the Tuy Phong
2019 units, 10.000 of its people and an administrator), runs the writer, sends SIGKILL after a
random delay between 0 and 1,2 times the writer's measured duration, then checks:
  - PRAGMA integrity_check is "ok" and `baophu engine info` opens the store;
  - the written table holds exactly the rows of before, or exactly those of a complete run;
  - the same import (CLI) then completes and gives the complete run's count.
Prints one line a trial and a summary; exits 1 on any failure (the trial's store is kept).
"""
import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request

AS_OF = "31/12/2019"


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)


def must(cmd, what):
    r = run(cmd)
    if r.returncode != 0:
        sys.exit(f"setup failed ({what}): {' '.join(cmd)}\n{r.stdout}")
    return r.stdout


def count(db, table):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
    finally:
        con.close()


def integrity(db):
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return con.execute("PRAGMA integrity_check").fetchone()[0]
    finally:
        con.close()


def split_csv(src, dst_a, dst_b, limit):
    with open(src, encoding="utf-8") as f:
        lines = f.readlines()
    header, rows = lines[0], lines[1:limit + 1]
    half = len(rows) // 2
    for dst, part in ((dst_a, rows[:half]), (dst_b, rows[half:])):
        with open(dst, "w", encoding="utf-8") as f:
            f.write(header)
            f.writelines(part)
    return [r.split(",")[0] for r in rows[:half]]


class Server:
    """`baophu serve` on a free loopback port, logged in as the administrator."""

    def __init__(self, baophu, db, log):
        self.log = open(log, "w")
        self.proc = subprocess.Popen([baophu, "--db", db, "serve", "--listen", "127.0.0.1:0", "--as-of", AS_OF],
                                     stdout=self.log, stderr=subprocess.STDOUT)
        self.url = None
        for _ in range(600):
            with open(log) as f:
                text = f.read()
            i = text.find("http://127.0.0.1:")
            if i >= 0:
                end = i + len("http://127.0.0.1:")
                while end < len(text) and text[end].isdigit():
                    end += 1
                self.url = text[i:end]
                break
            if self.proc.poll() is not None:
                raise RuntimeError("the server did not start:\n" + text)
            time.sleep(0.05)
        if not self.url:
            raise RuntimeError("the server did not start")
        body = self.call("POST", "/api/v1/auth/login", json.dumps({"username": "admin", "password": "kill9-admin-1"}),
                         "application/json", login=True)
        self.csrf = body["csrf_token"]

    def call(self, method, path, data, ctype, login=False):
        req = urllib.request.Request(self.url + path, data=data.encode() if isinstance(data, str) else data,
                                     method=method)
        req.add_header("Content-Type", ctype)
        if not login:
            req.add_header("Cookie", self.cookie)
            req.add_header("X-CSRF-Token", self.csrf)
        with urllib.request.urlopen(req, timeout=120) as r:
            if login:
                self.cookie = r.headers["Set-Cookie"].split(";")[0]
            return json.loads(r.read() or b"{}")

    def stage(self, kind, path):
        with open(path, "rb") as f:
            data = f.read()
        name = os.path.basename(path)
        return self.call("POST", f"/api/v1/imports?kind={kind}&filename={name}", data, "text/csv")["import"]["id"]

    def commit(self, import_id):
        return self.call("POST", f"/api/v1/imports/{import_id}/commit", '{"accept_valid": false}', "application/json")

    def kill(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
        self.proc.wait()
        self.log.close()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("baophu")
    ap.add_argument("vn_admin")
    ap.add_argument("trials", type=int)
    ap.add_argument("--seed", type=int, default=int(time.time()))
    ap.add_argument("--people", type=int, default=20000, help="people of the scenario used (half in the base)")
    ap.add_argument("--keep", help="work folder (kept); default a temporary one, removed on success")
    a = ap.parse_args()
    rng = random.Random(a.seed)
    B = os.path.abspath(a.baophu)
    work = a.keep or tempfile.mkdtemp(prefix="baophu-kill9-")
    os.makedirs(work, exist_ok=True)
    print(f"kill9: {a.trials} trials, seed {a.seed}, work {work}", flush=True)

    # The data: the Tuy Phong 2019 scenario (its first --people people); half of them in the base store, the other half
    # imported by the persons trials; the cards of the base's half by the cards trials; a pupils
    # list naming the base's people by the outreach trials.
    gen = os.path.join(work, "gen")
    must([B, "demo", "generate", "--scenario", "tuy-phong-2019", "--out", gen, "--vn-admin", a.vn_admin], "generate")
    persons_a, persons_b = os.path.join(work, "persons_a.csv"), os.path.join(work, "persons_b.csv")
    split_csv(os.path.join(gen, "persons.csv"), persons_a, persons_b, a.people)
    with open(persons_a, encoding="utf-8") as f:
        head = f.readline().rstrip("\n").split(",")
        people = [dict(zip(head, line.rstrip("\n").split(","))) for line in f]
    ids = {p["ma_so_bhxh"] for p in people}
    cards_a = os.path.join(work, "cards_a.csv")
    with open(os.path.join(gen, "cards.csv"), encoding="utf-8") as f, open(cards_a, "w", encoding="utf-8") as out:
        out.write(f.readline())
        out.writelines(line for line in f if line.split(",")[0] in ids)
    pupils = os.path.join(work, "pupils.csv")
    with open(pupils, "w", encoding="utf-8") as out:
        out.write("ma_truong,ten_truong,ma_dvhc,lop,ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,dien_thoai\n")
        for i, p in enumerate(people[:3000]):
            out.write(f"T{p['ma_xa']},Trường {p['ma_xa']},{p['ma_xa']},{1 + i % 9}A,{p['ma_so_bhxh']},,"
                      f"{p['ho_ten']},{p['ngay_sinh']},\n")

    base = os.path.join(work, "base.db")
    for f in (base, base + "-wal", base + "-shm"):
        if os.path.exists(f):
            os.remove(f)
    must([B, "--db", base, "units", "load-vn", a.vn_admin], "units load-vn")
    must([B, "--db", base, "import", "units", os.path.join(gen, "units.csv")], "units")
    must([B, "--db", base, "import", "persons", persons_a], "persons a")
    subprocess.run([B, "--db", base, "user", "add", "admin", "--role", "administrator", "--name", "kill9",
                    "--password-stdin"], input="kill9-admin-1\n", text=True, check=True, stdout=subprocess.DEVNULL)
    sqlite3.connect(base).execute("PRAGMA wal_checkpoint(TRUNCATE)").close()

    # Each writer: (name, table, command or None for the web commit, file, kind).
    writers = [
        ("cli-persons", "person", ["import", "persons", persons_b], persons_b, "persons"),
        ("cli-cards", "card", ["import", "cards", cards_a], cards_a, "cards"),
        ("cli-pupils", "outreach_row", ["outreach", "import", "pupils", pupils], pupils, "pupils"),
        ("web-persons", "person", None, persons_b, "persons"),
    ]

    def fresh(path):
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        shutil.copyfile(base, path)

    # A complete run of each writer: its duration and the count it gives.
    full = {}
    for name, table, cmd, path, kind in writers:
        db = os.path.join(work, f"ref-{name}.db")
        fresh(db)
        before = count(db, table)
        if cmd:
            t0 = time.monotonic()
            must([B, "--db", db] + cmd, name)
            took = time.monotonic() - t0
        else:
            srv = Server(B, db, os.path.join(work, f"ref-{name}.log"))
            try:
                iid = srv.stage(kind, path)
                t0 = time.monotonic()
                srv.commit(iid)
                took = time.monotonic() - t0
            finally:
                srv.kill()
        after = count(db, table)
        if after <= before:
            sys.exit(f"setup: {name} wrote nothing ({before} → {after} rows of {table})")
        full[name] = (before, after, took)
        print(f"  {name}: {table} {before} → {after} rows in {took:.2f} s", flush=True)

    failures = 0
    counts = {"absent": 0, "whole": 0}
    t_start = time.monotonic()
    for trial in range(a.trials):
        name, table, cmd, path, kind = writers[trial % len(writers)]
        before, after, took = full[name]
        db = os.path.join(work, f"trial-{trial}.db")
        fresh(db)
        delay = rng.uniform(0, took * 1.2)
        if cmd:
            proc = subprocess.Popen([B, "--db", db] + cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(delay)
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
            proc.wait()
        else:
            srv = Server(B, db, db + ".log")
            iid = srv.stage(kind, path)
            t = threading.Thread(target=lambda: _ignore(lambda: srv.commit(iid)), daemon=True)
            t.start()
            time.sleep(delay)
            srv.kill()
            t.join(5)
        problems = []
        ic = integrity(db)
        if ic != "ok":
            problems.append(f"integrity_check: {ic}")
        n = count(db, table)
        state = "absent" if n == before else "whole" if n == after else None
        if state is None:
            problems.append(f"half-written: {n} rows of {table} (before {before}, complete {after})")
        else:
            counts[state] += 1
        r = run([B, "--db", db, "engine", "info"])
        if r.returncode != 0:
            problems.append("the store does not open: " + r.stdout.strip()[-300:])
        redo = cmd or ["import", kind, path]
        r = run([B, "--db", db] + redo)
        if r.returncode != 0:
            problems.append("re-import failed: " + r.stdout.strip()[-300:])
        elif count(db, table) != after:
            problems.append(f"after re-import {count(db, table)} rows of {table}, expected {after}")
        status = "ok" if not problems else "FAILED"
        print(f"trial {trial + 1:3d} {name:12s} killed after {delay:5.2f} s: {state or '?':6s} {status}"
              + "".join("\n    " + p for p in problems), flush=True)
        if problems:
            failures += 1
        else:
            for suffix in ("", "-wal", "-shm", ".log"):
                if os.path.exists(db + suffix):
                    os.remove(db + suffix)
    took = time.monotonic() - t_start
    print(f"kill9: {a.trials} trials, {failures} failures ({counts['absent']} absent, {counts['whole']} whole) "
          f"in {took:.0f} s, seed {a.seed}", flush=True)
    if failures:
        print(f"the failed trials' stores are in {work}")
        sys.exit(1)
    if not a.keep:
        shutil.rmtree(work, ignore_errors=True)


def _ignore(fn):
    try:
        fn()
    except Exception:
        pass


if __name__ == "__main__":
    main()
