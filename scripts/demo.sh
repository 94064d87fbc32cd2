#!/usr/bin/env bash
# make demo: real units, the Bạc Liêu 2021 scenario generated and imported through the same
# commands a user runs, then the coverage report as of 10/11/2021; then the money side:
# employers in arrears, the schools' primary-care funds and a sponsor campaign.
set -euo pipefail
BAOPHU=${1:-build/baophu}
DB=${2:-var/baophu.db}
VN=${3:-../shared/data/vn-admin}
OUT=var/demo/bac-lieu-2021
mkdir -p "$(dirname "$DB")" "$OUT"
if [ ! -f "$VN/pre2025_wards.csv" ]; then
  echo "Không thấy dữ liệu đơn vị hành chính ở $VN (đặt VN_ADMIN=thư mục vn-admin)." >&2
  exit 1
fi
say() { printf '\n== %s\n' "$*"; }
say "1. Đơn vị hành chính thật (GSO), trước và sau 01/07/2025"
"$BAOPHU" --db "$DB" units load-vn "$VN"
say "2. Tạo dữ liệu mẫu tỉnh Bạc Liêu 2021"
"$BAOPHU" demo generate --scenario bac-lieu-2021 --out "$OUT" --vn-admin "$VN"
say "3. Nhập dữ liệu (tất cả hoặc không; nhập lại lần nữa không thay đổi gì)"
for kind in units persons cards population targets; do
  if [ -f "$OUT/$kind.csv" ]; then
    "$BAOPHU" --db "$DB" import "$kind" "$OUT/$kind.csv"
  fi
done
say "4. Đơn vị sử dụng lao động nợ đóng BHYT: danh sách cần thanh tra, kiểm tra (đến 10/11/2021)"
for kind in employers declarations employer-payments reminders; do
  "$BAOPHU" --db "$DB" import "$kind" "$OUT/${kind//-/_}.csv"
done
"$BAOPHU" --db "$DB" employers inspect --as-of 10/11/2021
say "5. Kinh phí chăm sóc sức khỏe ban đầu cho trường học, năm học 2021–2022 (NĐ 146/2018 Điều 33)"
for kind in schools school-pupils; do
  "$BAOPHU" --db "$DB" import "$kind" "$OUT/${kind//-/_}.csv"
done
"$BAOPHU" --db "$DB" schools fund --from 01/09/2021 --to 31/08/2022
say "6. Vận động tài trợ thẻ BHYT cho hộ khó khăn: hộ khó khăn nhất chưa có thẻ trước (Phường 2, TP Bạc Liêu)"
for kind in sponsors sponsor-funds hardship; do
  "$BAOPHU" --db "$DB" import "$kind" "$OUT/${kind//-/_}.csv"
done
"$BAOPHU" --db "$DB" sponsors allocate --sponsor NTT02 --unit 31813 --date 15/11/2021 --months 12 --max-households 12
"$BAOPHU" --db "$DB" sponsors report --as-of 30/11/2021

say "7. Tỷ lệ bao phủ theo huyện, tính đến 10/11/2021"
"$BAOPHU" --db "$DB" coverage --as-of 10/11/2021 --unit 95 --depth 1
say "7b. Danh sách cần vận động ở Phường 2, TP Bạc Liêu (31813), ngày 10/11/2021: học sinh theo lớp, đối tượng bảo trợ, hội viên các đoàn thể"
for kind in pupils beneficiaries members responsibles; do
  "$BAOPHU" --db "$DB" outreach import "$kind" "$OUT/outreach_$kind.csv"
done
for kind in expired expiring households pupils beneficiaries members matches; do
  "$BAOPHU" --db "$DB" list "$kind" --unit 31813 --as-of 10/11/2021 --summary | sed -n 1p
done
"$BAOPHU" --db "$DB" list pupils --unit 31813 --as-of 10/11/2021 --summary | tail -n +3
say "8. Báo cáo bao phủ BHYT tỉnh Bạc Liêu theo nhóm đối tượng, tính đến 10/11/2021 (công văn 5312/UBND-KGVX)"
"$BAOPHU" --db "$DB" coverage --as-of 10/11/2021 --unit 95 --depth 0 --by group
say "8b. Báo cáo tuần tình hình bao phủ BHYT tỉnh Bạc Liêu đến 10/11/2021 (PDF, Word, Excel, trang web)"
STEER=data/steering-demo/bac-lieu-2021
for kind in campaigns campaign-assignees conditions agencies agency-reports; do
  "$BAOPHU" --db "$DB" steering import "$kind" "$STEER/${kind//-/_}.csv" > /dev/null
done
mkdir -p "$OUT/bao-cao-tuan"
"$BAOPHU" --db "$DB" report weekly --as-of 10/11/2021 --unit 95 --format pdf --out "$OUT/bao-cao-tuan/bao-cao-tuan-95-2021-11-10.pdf"
for f in docx xlsx html; do  # the same paragraph: only where each file went
  "$BAOPHU" --db "$DB" report weekly --as-of 10/11/2021 --unit 95 --format $f \
    --out "$OUT/bao-cao-tuan/bao-cao-tuan-95-2021-11-10.$f" | tail -n 1
done
"$BAOPHU" --db "$DB" agencies status --as-of 10/11/2021
# Last step: the web application on the same data. A demo account (province 95) is made once;
# the server runs in the foreground until Ctrl+C.
LISTEN=${LISTEN:-127.0.0.1:8080}
DEMO_USER=${DEMO_USER:-baclieu}
DEMO_PASSWORD=${DEMO_PASSWORD:-baclieu-2021}
if ! "$BAOPHU" --db "$DB" user list | grep -q "^$DEMO_USER "; then
  echo "$DEMO_PASSWORD" | "$BAOPHU" --db "$DB" user add "$DEMO_USER" --role province --units 95 \
    --name "BHXH tỉnh Bạc Liêu (demo)" --password-stdin > /dev/null
fi
say "9. Ứng dụng web / web application"
cat <<TXT
  Địa chỉ / address:  http://$LISTEN/#/overview?unit=95&as_of=2021-11-10
  Đăng nhập / login:  $DEMO_USER / $DEMO_PASSWORD   (tỉnh Bạc Liêu: 65,19 % so với chỉ tiêu 91 % ngày 10/11/2021)
  Dừng / stop:        Ctrl+C
TXT
cat <<TXT

Tiếp theo / next:
  $BAOPHU --db $DB coverage --as-of 10/11/2021 --unit 95 --depth commune --by group   # từng xã, từng nhóm
  $BAOPHU --db $DB coverage --as-of 10/11/2021 --unit 95 --format xlsx --out var/bac-lieu.xlsx
  $BAOPHU --db $DB coverage --as-of 10/11/2021 --unit 96 --units-of 01/07/2025 --depth 1  # theo đơn vị mới (tỉnh Cà Mau)
  $BAOPHU --db $DB series --unit 95 --from 01/01/2021 --to 10/11/2021 --every month   # diễn biến theo tháng
  $BAOPHU --db $DB flows --unit 95 --from 01/11/2021 --to 07/11/2021 --depth 1         # mới, tái tục, bỏ
  $BAOPHU --lang en --db $DB coverage --as-of 2021-11-10 --unit 95 --by group
  $BAOPHU --db $DB employers arrears --as-of 10/11/2021 --format xlsx --out var/no-dong.xlsx
  $BAOPHU fee household --date 15/05/2024 --months 12 --members 5        # mức đóng hộ gia đình
  $BAOPHU --db $DB list pupils --unit 31813 --as-of 10/11/2021 --format xlsx --out var/hoc-sinh.xlsx  # danh sách in ra
  $BAOPHU --db $DB outreach assign pupils --unit 31813 --as-of 10/11/2021 --rule class  # giao cho giáo viên chủ nhiệm
  $BAOPHU --help-all
TXT
exec "$BAOPHU" --db "$DB" serve --listen "$LISTEN" --as-of 10/11/2021 --vn-admin "$VN" --quiet
