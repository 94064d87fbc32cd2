#!/usr/bin/env python3
"""Checks the outreach lists of the Bạc Liêu demo against the entries the generator planted
(outreach_expected.csv, written by src/demo/demo_outreach.cc from the generated files): each list
must return exactly the expected entries with the expected status, no more, no fewer.

Usage: outreach_demo_check.py BAOPHU DB EXPECTED_CSV [UNIT] [AS_OF]
"""
import csv, io, subprocess, sys

baophu, db, expected_path = sys.argv[1:4]
unit = sys.argv[4] if len(sys.argv) > 4 else "31813"
as_of = sys.argv[5] if len(sys.argv) > 5 else "10/11/2021"
STATUS = {"Chưa có thẻ còn hạn": "no_card", "Có thẻ qua nhóm khác": "other_group", "Cần xác nhận": "uncertain",
          "Không tìm thấy trong sổ": "not_found"}
FIXED = {"expired": "expired", "expiring": "expiring", "households": "no_card"}

want = {}
with open(expected_path, encoding="utf-8") as f:
    for r in csv.DictReader(f):
        want.setdefault(r["danh_sach"], set()).add((r["ma_muc"], r["tinh_trang"]))

ok = True
for kind in ("expired", "expiring", "households", "pupils", "beneficiaries", "members"):
    out = subprocess.run([baophu, "--db", db, "list", kind, "--unit", unit, "--as-of", as_of, "--format", "csv"],
                         capture_output=True, text=True, check=True).stdout
    got = set()
    for r in csv.DictReader(io.StringIO(out.lstrip("\ufeff"))):
        got.add((r["Mã mục"], FIXED.get(kind) or STATUS.get(r["Tình trạng"], r["Tình trạng"])))
    w = want.get(kind, set())
    if got != w:
        ok = False
        print(f"KHÁC {kind}: thiếu {sorted(w - got)[:10]} … ({len(w - got)}), thừa {sorted(got - w)[:10]} … ({len(got - w)})")
    else:
        by = {}
        for _, s in w: by[s] = by.get(s, 0) + 1
        print(f"khớp {kind}: {len(w)} mục " + ", ".join(f"{k} {v}" for k, v in sorted(by.items())))
sys.exit(0 if ok else 1)
