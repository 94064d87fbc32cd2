#!/usr/bin/env bash
# The weekly report (issue 7) on both source documents' scenarios, in every format, read back:
# PDF through pdftotext, DOCX and XLSX unzipped (python's zipfile), HTML as text. The first
# paragraph's figures are also recomputed from the coverage CSV (rate rounded half up, gap =
# ceil(target × population) − insured), so the words cannot drift from the report's numbers.
BAOPHU=$1; VN_ADMIN=$2; DIR=$3
set -uo pipefail
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
fail() { echo "FAILED: $*"; exit 1; }
command -v pdftotext > /dev/null || fail "pdftotext missing (poppler-utils)"
# Debian's python3 has python3-docx and python3-openpyxl (scripts/install-deps.sh).
PY=python3; [ -x /usr/bin/python3 ] && PY=/usr/bin/python3
"$PY" -c 'import docx, openpyxl' || fail "python3-docx or python3-openpyxl missing (scripts/install-deps.sh)"

load() {  # SCENARIO DB
  "$BAOPHU" --db "$2" units load-vn "$VN_ADMIN" > /dev/null || fail "load-vn"
  "$BAOPHU" demo generate --scenario "$1" --out "$TMP/$1" --vn-admin "$VN_ADMIN" > /dev/null || fail "generate $1"
  for kind in units persons cards population targets; do
    [ -f "$TMP/$1/$kind.csv" ] || continue
    "$BAOPHU" --db "$2" import "$kind" "$TMP/$1/$kind.csv" > /dev/null || fail "import $kind ($1)"
  done
}

# Text of a written report, one line, spaces collapsed.
text_of() {
  case "$1" in
    *.pdf) pdftotext -raw "$1" - ;;
    *.html) sed -e 's/<[^>]*>/ /g' "$1" ;;
    # Read by the OOXML libraries officials' files meet (python-docx, openpyxl), not by regex.
    *.docx) "$PY" -c 'import docx,sys; d=docx.Document(sys.argv[1]); print("\n".join([p.text for p in d.paragraphs] + [c.text for t in d.tables for r in t.rows for c in r.cells]))' "$1" ;;
    *.xlsx) "$PY" -c 'import openpyxl,sys; ws=openpyxl.load_workbook(sys.argv[1]).active; print("\n".join(str(v) for r in ws.iter_rows(values_only=True) for v in r if v is not None))' "$1" ;;
  esac | tr '\n' ' ' | sed 's/\xc2\xa0/ /g' | tr -s ' '
}

expect_in_all() {  # PREFIX TEXT...
  local prefix=$1; shift
  for f in pdf docx xlsx html; do
    local t; t=$(text_of "$prefix.$f")
    for want in "$@"; do
      grep -qF -- "$want" <<< "$t" || fail "$prefix.$f lacks: $want"
    done
  done
}

# Bạc Liêu, 10/11/2021.
DB="$TMP/bl.db"
load bac-lieu-2021 "$DB"
for f in pdf xlsx docx html; do
  "$BAOPHU" --db "$DB" report weekly --as-of 10/11/2021 --unit 95 --format $f --out "$TMP/bl.$f" > "$TMP/bl-$f.txt" \
    || fail "report weekly $f"
done
"$BAOPHU" --db "$DB" coverage --as-of 10/11/2021 --unit 95 --depth 0 --by group --format csv > "$TMP/bl.csv"
EXPECTED=$(python3 - "$TMP/bl.csv" <<'PY'
import csv, sys
rows = {r["group"]: r for r in csv.DictReader(open(sys.argv[1], encoding="utf-8"))}
def rate(r):  # hundredths of a percent, half up, in integers
    n, d = int(r["insured"]), int(r["denominator"])
    return (n * 20000 + d) // (2 * d)
def pct(h): return f"{h // 100},{h % 100:02d} %"
def cnt(v): return f"{v:,}".replace(",", ".")
a = rows["ALL"]; target = round(float(a["target_percent"]) * 100)
gap = max(0, -(-target * int(a["denominator"]) // 10000) - int(a["insured"]))
names = {"NLD": "người lao động và người sử dụng lao động", "HSSV": "học sinh, sinh viên", "HGD": "hộ gia đình",
         "BHXH": "tổ chức BHXH đóng", "NSNN": "ngân sách nhà nước đóng",
         "NSHT": "ngân sách nhà nước hỗ trợ (trừ học sinh sinh viên)"}
below = [g for g in ["NLD", "BHXH", "NSNN", "NSHT", "HSSV", "HGD"] if rows[g]["denominator"] and rate(rows[g]) < target]
t = f"{target // 100} %" if target % 100 == 0 else pct(target)
s = f"Tính đến ngày 10/11/2021, tỷ lệ bao phủ BHYT trên địa bàn tỉnh đạt {pct(rate(a))}"
s += "".join((", trong đó " if i == 0 else ", ") + f"nhóm {names[g]} đạt {pct(rate(rows[g]))}" for i, g in enumerate(below))
print(s + f"; so với chỉ tiêu {t} còn thiếu {cnt(gap)} người.")
PY
)
SOURCE="Tính đến ngày 10/11/2021, tỷ lệ bao phủ BHYT trên địa bàn tỉnh đạt 65,19 %, trong đó nhóm người lao động và người sử dụng lao động đạt 66,58 %, nhóm học sinh, sinh viên đạt 70,09 %, nhóm hộ gia đình đạt 46,28 %; so với chỉ tiêu 91 % còn thiếu 234.158 người."
[ "$EXPECTED" = "$SOURCE" ] || fail "the independent computation gives: $EXPECTED"
grep -qF "$SOURCE" "$TMP/bl-pdf.txt" || fail "the command did not print the paragraph"
expect_in_all "$TMP/bl" "$SOURCE" "ỦY BAN NHÂN DÂN" "TỈNH BẠC LIÊU" "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" \
  "Bạc Liêu, ngày 10 tháng 11 năm 2021" "So với ngày 03/11/2021 (tuần trước)" "II. KẾT QUẢ THEO ĐƠN VỊ" \
  "Huyện Phước Long" "IV. CHIẾN DỊCH VẬN ĐỘNG" "V. BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ"
pdffonts "$TMP/bl.pdf" | grep -q "DejaVu.* yes " || fail "the PDF font is not embedded"
# English.
"$BAOPHU" --lang en --db "$DB" report weekly --as-of 2021-11-10 --unit 95 --format html --out "$TMP/en.html" > /dev/null \
  || fail "report weekly --lang en"
grep -qF "health insurance coverage in Tỉnh Bạc Liêu reached 65.19 %" "$TMP/en.html" || fail "English paragraph"

# Tuy Phong, 30/09/2019: 81,77 % vs 85,45 %, the four lowest communes, the five focus communes.
DB="$TMP/tp.db"
load tuy-phong-2019 "$DB"
for f in pdf xlsx docx html; do
  "$BAOPHU" --db "$DB" report weekly --as-of 30/09/2019 --unit 595 --format $f --out "$TMP/tp.$f" > /dev/null \
    || fail "report weekly $f (Tuy Phong)"
done
expect_in_all "$TMP/tp" \
  "Tính đến ngày 30/09/2019, tỷ lệ bao phủ BHYT trên địa bàn huyện đạt 81,77 %; so với chỉ tiêu 85,45 % còn thiếu 5.329 người." \
  "Các đơn vị có tỷ lệ tham gia BHYT đạt thấp: Chí Công đạt 63,58 %; Hòa Minh đạt 65,47 %; Hòa Phú đạt 67,00 %; Phan Rí Cửa đạt 69,36 %." \
  "Tập trung cao cho 5 đơn vị có tỷ lệ còn thấp và số người cần vận động còn nhiều: Phan Rí Cửa (10.866 người), Chí Công (7.625 người), Hòa Minh (2.246 người), Hòa Phú (2.221 người), Liên Hương (2.810 người)." \
  "Cách xếp thứ tự ưu tiên: điểm ưu tiên = 70 × số người chưa tham gia"
"$BAOPHU" --db "$DB" report priority --as-of 30/09/2019 --unit 595 > "$TMP/prio.txt" || fail "report priority"
grep -q "Đơn vị tập trung: Thị trấn Phan Rí Cửa, Xã Chí Công, Xã Hòa Minh, Xã Hòa Phú, Thị trấn Liên Hương" "$TMP/prio.txt" \
  || { cat "$TMP/prio.txt"; fail "priority ranking"; }
grep -q "Quy tắc: điểm ưu tiên = 70 ×" "$TMP/prio.txt" || fail "the rule is not shown"
# The new-rural criterion (2016–2020 standard: 85 %): Chí Công 13.312 of 20.937 is
# ceil(0,85 × 20.937) = 17.797 − 13.312 = 4.485 people short; Liên Hương (90,50 %) meets it.
"$BAOPHU" --db "$DB" report new-rural --as-of 30/09/2019 --unit 595 > "$TMP/ntm.txt" || fail "report new-rural"
grep -E "^Xã Chí Công +\| standard +\| 63,58 % \| 85,00 % \| chưa đạt \| +4.485 \|" "$TMP/ntm.txt" > /dev/null \
  || { cat "$TMP/ntm.txt"; fail "new-rural Chí Công"; }
grep -E "^Thị trấn Liên Hương +\| standard +\| 90,50 % \| 85,00 % \| +đạt \| +0 \|" "$TMP/ntm.txt" > /dev/null \
  || { cat "$TMP/ntm.txt"; fail "new-rural Liên Hương"; }

# The October 2019 peak month: joiners (new + back after a break) in the household and pupil
# groups of the district, against October 2018; the same figures as `flows`.
D="$DIR/../../data/steering-demo/tuy-phong-2019"
"$BAOPHU" --db "$DB" steering import campaigns "$D/campaigns.csv" > /dev/null || fail "import campaigns"
"$BAOPHU" --db "$DB" steering import campaign-assignees "$D/campaign_assignees.csv" > /dev/null || fail "import assignees"
"$BAOPHU" --db "$DB" campaign progress --code TPH-2019-10 --as-of 31/10/2019 > "$TMP/campaign.txt" || fail "campaign progress"
joined() {  # FROM TO → new + renewed of HGD and HSSV in 595
  "$BAOPHU" --db "$DB" flows --unit 595 --from "$1" --to "$2" --depth 0 --format csv \
    | awk -F, '$1 == "595" && ($3 == "HGD" || $3 == "HSSV") { n += $4 + $5 } END { print n + 0 }'
}
NOW=$(joined 01/10/2019 31/10/2019); BEFORE=$(joined 01/10/2018 31/10/2018)
fmt() { python3 -c 'import sys; print(f"{int(sys.argv[1]):,}".replace(",", "."))' "$1"; }
grep -q "cộng: $(fmt "$NOW")\$" "$TMP/campaign.txt" || { cat "$TMP/campaign.txt"; fail "campaign joiners != flows ($NOW)"; }
grep -q "(01/10/2018 – 31/10/2018): .* = $(fmt "$BEFORE")\$" "$TMP/campaign.txt" \
  || { cat "$TMP/campaign.txt"; fail "same month of 2018 != flows ($BEFORE)"; }
[ "$NOW" -gt "$BEFORE" ] || fail "the campaign month brought no more joiners ($NOW) than October 2018 ($BEFORE)"
grep -q "Bảng xếp hạng" "$TMP/campaign.txt" || fail "no leader board"
"$BAOPHU" --db "$DB" report weekly --as-of 31/10/2019 --unit 595 --format html --out "$TMP/tp-oct.html" > /dev/null \
  || fail "weekly report with the campaign"
grep -qF "Tháng cao điểm tuyên truyền, vận động tham gia BHYT" "$TMP/tp-oct.html" || fail "campaign section"

# Bạc Liêu's agencies: completeness, timeliness and the late list in the report and the command.
DB="$TMP/bl.db"; D="$DIR/../../data/steering-demo/bac-lieu-2021"
for kind in campaigns campaign-assignees conditions agencies agency-reports; do
  "$BAOPHU" --db "$DB" steering import "$kind" "$D/${kind//-/_}.csv" > /dev/null || fail "import $kind"
done
"$BAOPHU" --db "$DB" agencies status --as-of 10/11/2021 > "$TMP/agencies.txt" || fail "agencies status"
grep -q "Trường Cao đẳng Y tế Bạc Liêu — tuần kết thúc 07/11/2021, hạn 09/11/2021" "$TMP/agencies.txt" \
  || { cat "$TMP/agencies.txt"; fail "late list"; }
"$BAOPHU" --db "$DB" report weekly --as-of 10/11/2021 --unit 95 --format pdf --out "$TMP/bl2.pdf" > /dev/null || fail "weekly"
T=$(text_of "$TMP/bl2.pdf")
for want in "$SOURCE" "Đề nghị khẩn trương nộp báo cáo tuần: Trường Cao đẳng Y tế Bạc Liêu." \
            "Vận động hộ gia đình tham gia BHYT theo Công văn 5312/UBND-KGVX" \
            "Đông Hải: Cấp 4 – nguy cơ rất cao (vùng đỏ) (loa truyền thanh, trực tuyến)"; do
  grep -qF -- "$want" <<< "$T" || fail "bl2.pdf lacks: $want"
done
# Every Monday's report into a folder, once: Mondays 01/11 and 08/11/2021 → as of 31/10 and 07/11.
"$BAOPHU" --db "$DB" report schedule --unit 95 --dir "$TMP/sched" --since 01/11/2021 --until 10/11/2021 --formats pdf,docx \
  > /dev/null || fail "report schedule"
[ "$(ls "$TMP/sched" | tr '\n' ' ')" = "bao-cao-tuan-95-2021-10-31.docx bao-cao-tuan-95-2021-10-31.pdf bao-cao-tuan-95-2021-11-07.docx bao-cao-tuan-95-2021-11-07.pdf " ] \
  || { ls "$TMP/sched"; fail "scheduled files"; }
text_of "$TMP/sched/bao-cao-tuan-95-2021-11-07.pdf" | grep -qF "Tính đến ngày 07/11/2021, tỷ lệ bao phủ BHYT trên địa bàn tỉnh đạt" \
  || fail "scheduled report's date"
"$BAOPHU" --db "$DB" report schedule --unit 95 --dir "$TMP/sched" --since 01/11/2021 --until 10/11/2021 --formats pdf,docx \
  | grep -q "Không có gì cần ghi" || fail "schedule wrote again"
echo "ok: weekly report"
