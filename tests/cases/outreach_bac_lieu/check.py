#!/usr/bin/env python3
"""Independent recomputation of the outreach lists of this case, from the case's CSV files
and the GSO units (not from the database or the C++ code), compared with what
`baophu list KIND --format csv` prints. Prints one line per list; exits 1 on a difference.

Usage: check.py BAOPHU DB VN_ADMIN AS_OF [--new-cards] [--confirm ENTRY=BHXH ...] [--left ENTRY ...]
"""
import csv, datetime as dt, io, subprocess, sys, unicodedata

args = sys.argv[1:]
baophu, db, vn_admin, as_of_text = args[:4]
opts = args[4:]
new_cards = "--new-cards" in opts
confirmed, left = {}, set()
i = 0
while i < len(opts):
    if opts[i] == "--confirm":
        k, v = opts[i + 1].rsplit("=", 1); confirmed[k] = v; i += 2
    elif opts[i] == "--left":
        left.add(opts[i + 1]); i += 2
    else:
        i += 1

def day(s):
    s = s.strip()
    if not s: return None
    d, m, y = s.split("/")
    return dt.date(int(y), int(m), int(d))

D = day(as_of_text)
UNIT = "954"  # Thành phố Bạc Liêu

def rows(name):
    with open(name, encoding="utf-8-sig") as f:
        return list(csv.DictReader(f))

def fold(s):
    s = unicodedata.normalize("NFD", s.replace("đ", "d").replace("Đ", "D"))
    s = "".join(c for c in s if unicodedata.category(c) != "Mn").lower()
    return " ".join(s.split())

with open(f"{vn_admin}/pre2025_wards.csv", encoding="utf-8") as f:
    rd = csv.reader(f); next(rd)
    district = {r[0]: r[4] for r in rd}
in_unit = lambda commune: district.get(commune) == UNIT

groups = {}
with open("../../../data/rules/object_codes.csv", encoding="utf-8") as f:
    for r in csv.DictReader(f): groups[r["object_code"]] = int(r["reporting_group"])
PUPILS_GROUP = 5
with open("../../../data/rules/reporting_groups.csv", encoding="utf-8") as f:
    PRIORITY = {int(r["id"]): int(r["priority"]) for r in csv.DictReader(f)}

persons = {r["ma_so_bhxh"]: r for r in rows("persons.csv")}
cards = {}
for r in rows("cards.csv") + (rows("cards_new.csv") if new_cards else []):
    cards.setdefault(r["ma_so_bhxh"], []).append((day(r["tu_ngay"]), day(r["den_ngay"]), r["ma_the"][:2]))

def card_on(b, d):
    valid = [c for c in cards.get(b, []) if c[0] <= d <= c[1]]
    return min(valid, key=lambda c: PRIORITY.get(groups.get(c[2], 9), 99)) if valid else None

# --- the matcher ------------------------------------------------------------------------------
def variants(name):
    t = fold(name).split()
    out = []
    if len(t) < 2: return out
    for i in range(1, len(t) - 1):
        if t[i] in ("thi", "van"):
            v = " ".join(t[:i] + t[i + 1:])
            if v not in out: out.append(v)
    if not any(t[i] in ("thi", "van") for i in range(1, len(t) - 1)):
        for w in ("thi", "van"):
            v = " ".join(t[:1] + [w] + t[1:])
            if v not in out: out.append(v)
    return out

def match(bhxh, cccd, name, birth, commune):
    """(state, bhxh) with state in matched / uncertain / none."""
    if bhxh and bhxh in persons: return "matched", bhxh
    if cccd:
        for b, p in persons.items():
            if p["so_cccd"] == cccd: return "matched", b
    if not name: return "none", None
    same = [b for b, p in persons.items() if fold(p["ho_ten"]) == fold(name)]
    var = [b for b, p in persons.items() if fold(p["ho_ten"]) in variants(name)]
    sb = lambda b: birth is not None and day(persons[b]["ngay_sinh"]) == birth
    sc = lambda b: not commune or persons[b]["ma_xa"] == commune
    exact = [b for b in same if sb(b) and sc(b)]
    if len(exact) == 1 and not [b for b in var if sb(b)] and commune: return "matched", exact[0]
    cands = set(exact)
    cands |= {b for b in same if sb(b) and not sc(b)}
    cands |= {b for b in same if not sb(b) and sc(b) and birth and day(persons[b]["ngay_sinh"]).year == birth.year}
    cands |= {b for b in var if sb(b)}
    return ("uncertain", None) if cands else ("none", None)

def entry_key(kind, group, r):
    if r.get("bhxh"): k = "b:" + r["bhxh"]
    elif r.get("cccd"): k = "c:" + r["cccd"]
    else: k = "n:" + fold(r["name"]) + "|" + r["birth"].isoformat()
    return f"r:{kind}|{group}|{k}"

def roster(name, kind, group_col):
    out = []
    for r in rows(name):
        g = {k.lower(): v for k, v in r.items()}
        get = lambda *ks: next((g[k] for k in ks if k in g and g[k]), "")
        x = {"group": get(group_col.lower()), "bhxh": get("ma_so_bhxh", "mã số bhxh"), "cccd": get("so_cccd", "số cccd"),
             "name": unicodedata.normalize("NFC", get("ho_ten", "họ tên")), "birth": day(get("ngay_sinh", "ngày sinh")),
             "commune": get("ma_dvhc", "mã đvhc"), "class": get("lop", "lớp"),
             "from": day(get("tu_ngay")), "to": day(get("den_ngay"))}
        if kind == 2:
            f = fold(x["group"])
            x["group"] = {"ho ngheo": "ngheo", "ho can ngheo": "can_ngheo", "tre em duoi 6 tuoi": "duoi_6", "chinh sach": "chinh_sach"}[f]
        x["key"] = entry_key(kind, x["group"], x)
        st, b = match(x["bhxh"], x["cccd"], x["name"], x["birth"], x["commune"])
        if x["key"] in confirmed and st != "matched": st, b = "matched", confirmed[x["key"]]
        x["state"], x["matched"] = st, b
        out.append(x)
    return out

left_people = set()
for r in roster("pupils.csv", 1, "Mã trường") + roster("beneficiaries.csv", 2, "loai_doi_tuong") + roster("members.csv", 3, "ma_to_chuc"):
    if r["key"] in left and r["matched"]: left_people.add(r["matched"])
for k in left:
    if k.startswith("p:"): left_people.add(k[2:])

# --- the lists ----------------------------------------------------------------------------------
def expected(kind):
    """{entry key: status} and {section key: (listed, insured, other, missing)} or costs."""
    entries, sections = {}, {}
    subtree = [b for b, p in persons.items() if in_unit(p["ma_xa"]) and b not in left_people]
    if kind == "expired":
        for b in subtree:
            if card_on(b, D) or b not in cards: continue
            ended = [c[1] for c in cards[b] if c[1] < D]
            if ended and max(ended) >= D - dt.timedelta(days=365): entries["p:" + b] = max(ended).isoformat()
    elif kind == "expiring":
        for b in subtree:
            if not card_on(b, D): continue
            end = D - dt.timedelta(days=1)
            grew = True
            while grew:
                grew = False
                for c in cards[b]:
                    if c[0] <= end + dt.timedelta(days=1) and c[1] > end: end, grew = c[1], True
            if end <= D + dt.timedelta(days=30): entries["p:" + b] = end.isoformat()
    elif kind == "households":
        hh = {}
        for b in sorted(subtree): hh.setdefault(persons[b]["ma_ho_gd"], []).append(b)
        for code, members in hh.items():
            ins = [b for b in members if card_on(b, D)]
            unins = [b for b in members if not card_on(b, D)]
            if not ins or not unins: continue
            order = len([b for b in ins if card_on(b, D)[2] == "GD"])
            for b in unins:
                order += 1
                share = {1: 100, 2: 70, 3: 60, 4: 50}.get(order, 40)
                # 4,5 % of the base salary 1.490.000 (01/07/2019 – 30/06/2023), 12 months.
                entries["p:" + b] = str(round(1490000 * 45 * share / 100000) * 12)
            sections[code] = (len(members), len(ins), 0, len(unins))
    else:
        kind_no, file, col = {"pupils": (1, "pupils.csv", "Mã trường"), "beneficiaries": (2, "beneficiaries.csv", "loai_doi_tuong"),
                              "members": (3, "members.csv", "ma_to_chuc")}[kind]
        for r in roster(file, kind_no, col):
            if r["key"] in left or (r["matched"] and r["matched"] in left_people): continue
            if kind == "beneficiaries" and ((r["from"] and D < r["from"]) or (r["to"] and r["to"] < D)): continue
            c = card_on(r["matched"], D) if r["state"] == "matched" else None
            secs = [(r["group"], r["class"]), (r["group"], "")] if kind == "pupils" else [(r["group"], "")]
            for s in secs:
                l, i, o, m = sections.get(s, (0, 0, 0, 0))
                other = bool(c) and kind == "pupils" and groups.get(c[2]) != PUPILS_GROUP
                sections[s] = (l + 1, i + bool(c), o + other, m + (not c))
            if c and not (kind == "pupils" and groups.get(c[2]) != PUPILS_GROUP): continue
            entries[r["key"]] = ("Có thẻ qua nhóm khác" if c else "Chưa có thẻ còn hạn" if r["state"] == "matched"
                                 else "Cần xác nhận" if r["state"] == "uncertain" else "Không tìm thấy trong sổ")
    return entries, sections

def run(kind, summary=False):
    cmd = [baophu, "--db", db, "list", kind, "--unit", UNIT, "--as-of", as_of_text, "--format", "csv", "--show-personal"]
    if summary: cmd.append("--summary")
    out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
    return list(csv.DictReader(io.StringIO(out.lstrip("\ufeff"))))

ok = True
for kind in ("expired", "expiring", "households", "pupils", "beneficiaries", "members"):
    want, want_sec = expected(kind)
    got = {}
    for r in run(kind):
        v = {"expired": "Thẻ hết hạn ngày", "expiring": "Thẻ hết hạn ngày", "households": "Số tiền 12 tháng (đồng)"}.get(kind, "Tình trạng")
        got[r["Mã mục"]] = r[v]
    got_sec = {}
    if want_sec:
        for r in run(kind, True):
            if kind == "households":
                got_sec[r["Mã hộ"]] = (int(r["Số thành viên"]), int(r["Có thẻ"]), 0, int(r["Chưa có thẻ"]))
            else:
                cls = r.get("Lớp", "")
                cls = "" if cls == "(cả trường)" else cls
                got_sec[(r[list(r.keys())[0]], cls)] = (int(r["Trên danh sách"]), int(r["Có thẻ"]),
                                                          int(r.get("Qua nhóm khác", 0) or 0), int(r["Chưa có thẻ"]))
    if got != want or got_sec != want_sec:
        ok = False
        print(f"KHÁC {kind}:\n  mong đợi {sorted(want.items())}\n  nhận được {sorted(got.items())}\n"
              f"  tổng hợp mong đợi {sorted(want_sec.items())}\n  nhận được {sorted(got_sec.items())}")
    else:
        print(f"khớp {kind}: {len(want)} mục, {len(want_sec)} dòng tổng hợp")
sys.exit(0 if ok else 1)
