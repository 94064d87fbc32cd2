#!/usr/bin/env bash
# Issue 12, reproduction 9: a pupils file of 50 MB (400.000 rows, 266.666 of them rejected; the was 28 MB) is
# checked in linear time and bounded memory. CTest's TIMEOUT (10 s) is the time bound; the
# import runs under `prlimit --as` (512 MB of address space). Nothing is written (all-or-nothing).
# Usage: outreach_large_import.sh BAOPHU
set -euo pipefail
BAOPHU=$(realpath "$1")
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
cd "$TMP"
printf 'ma_dvhc,ten,cap,ma_cha,hieu_luc_tu,hieu_luc_den\nVN,Việt Nam,Quốc gia,VN,01/01/1900,\n95,Tỉnh Bạc Liêu,Tỉnh,VN,01/01/1900,\n954,Thành phố Bạc Liêu,Huyện,95,01/01/1900,\n31813,Phường 2,Xã,954,01/01/1900,\n' > units.csv
"$BAOPHU" --db t.db import units units.csv > /dev/null
# Every third row is good; the others name a commune the catalogue does not know.
awk 'BEGIN {
  print "ma_truong,ten_truong,lop,ma_dvhc,ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,dien_thoai";
  for (i = 0; i < 400000; i++)
    printf "TH%03d,Trường Tiểu học số %d Bạc Liêu,%dA,%s,95%08d,,Nguyễn Thị Học Sinh %d,%02d/%02d/2012,09%08d\n",
           i % 500, i % 500, i % 5 + 1, (i % 3 == 0 ? "31813" : "99999"), i, i, i % 28 + 1, i % 12 + 1, i
}' > pupils.csv
echo "pupils.csv: $(stat -c %s pupils.csv) bytes"
set +e
prlimit --as=536870912 "$BAOPHU" --db t.db outreach import pupils pupils.csv > out.txt 2>&1
rc=$?
set -e
head -1 out.txt
grep -c "Lỗi:" out.txt | sed 's/^/error lines: /'
[ "$rc" -eq 3 ] || { echo "FAILED: exit $rc (expected 3: rows rejected)"; tail -5 out.txt; exit 1; }
grep -q "đọc 400.000, thêm mới 0, cập nhật 0, không đổi 0, bị từ chối 266.666" out.txt ||
  { echo "FAILED: unexpected summary"; exit 1; }
echo ok
