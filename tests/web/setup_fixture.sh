#!/usr/bin/env bash
# The web tests' data: real units, the Bạc Liêu 2021 scenario (907.236 people) imported
# through the CLI, and one account per role. Writes OUT/baophu.db and OUT/fixture.env (the
# accounts, two communes A and B, and people of each).
set -euo pipefail
B=$1; VN=$2; OUT=$3
rm -rf "$OUT"; mkdir -p "$OUT"
DB=$OUT/baophu.db
"$B" --db "$DB" units load-vn "$VN" > /dev/null
"$B" demo generate --scenario bac-lieu-2021 --out "$OUT/gen" --vn-admin "$VN" > /dev/null
for kind in units persons cards population targets; do
  if [ -f "$OUT/gen/$kind.csv" ]; then "$B" --db "$DB" import "$kind" "$OUT/gen/$kind.csv" > /dev/null; fi
done
# The steering demo data (campaign, area conditions, agencies and their weekly forms).
STEER="$(dirname "$0")/../../data/steering-demo/bac-lieu-2021"
for kind in campaigns campaign-assignees conditions agencies agency-reports; do
  "$B" --db "$DB" steering import "$kind" "$STEER/${kind//-/_}.csv" > /dev/null
done
# Outreach lists of Phường 2 (31813), with the entries each list must return (outreach_expected.csv).
for kind in pupils beneficiaries members responsibles; do
  "$B" --db "$DB" outreach import "$kind" "$OUT/gen/outreach_$kind.csv" > /dev/null
done
q() { sqlite3 "$DB" "$1"; }
A=$(q "SELECT commune_code FROM person GROUP BY commune_code ORDER BY COUNT(*) DESC, commune_code LIMIT 1")
BB=$(q "SELECT commune_code FROM person WHERE commune_code <> '$A' GROUP BY commune_code ORDER BY COUNT(*) DESC, commune_code LIMIT 1")
person() { q "SELECT printf('%010d', bhxh) || '|' || citizen_id || '|' || full_name FROM person WHERE commune_code = '$1' AND citizen_id IS NOT NULL ORDER BY bhxh LIMIT 1"; }
IFS='|' read -r BHXH_A CCCD_A NAME_A <<< "$(person "$A")"
IFS='|' read -r BHXH_B CCCD_B NAME_B <<< "$(person "$BB")"
add() { echo "$2" | "$B" --db "$DB" user add "$1" --role "$3" ${4:+--units "$4"} --name "$5" --password-stdin > /dev/null; }
add admin quantri-thu-1 administrator "" "Quản trị viên"
add tinh tinh-thu-1 province 95 "BHXH tỉnh Bạc Liêu"
add xaa xa-a-thu-1 commune "$A" "Cán bộ xã A"
add xab xa-b-thu-1 commune "$BB" "Cán bộ xã B"
add xem xem-thu-1 viewer 95 "Chỉ xem"
add khoa khoa-thu-1 viewer 95 "Tài khoản thử khóa đăng nhập"
add xap2 xa-p2-thu-1 commune 31813 "Cán bộ Phường 2"
add gvlan gv-lan-thu-1 school 31813 "Cô Nguyễn Thị Lan"
# The route walk's accounts (issue 12): a province account scoped to one district of Bạc Liêu,
# an organisation's officer (responsible for HND_P2 in outreach_responsibles.csv), and a
# province account of the new Cà Mau (96 after the 2025 reform, which reused 25 of Bạc Liêu's
# commune codes).
add huyen954 huyen-954-thu-1 province 954 "BHXH thành phố Bạc Liêu"
add hnd hnd-thu-1 organisation 31813 "Chủ tịch Hội Nông dân Phường 2"
add camau ca-mau-thu-1 province 96 "BHXH tỉnh Cà Mau (sau sắp xếp)"
cat > "$OUT/fixture.env" <<ENV
VN_ADMIN="$(cd "$VN" && pwd)"
COMMUNE_A=$A
COMMUNE_B=$BB
BHXH_A=$BHXH_A
CCCD_A=$CCCD_A
NAME_A="$NAME_A"
BHXH_B=$BHXH_B
CCCD_B=$CCCD_B
NAME_B="$NAME_B"
ENV
echo "web fixture: $OUT (communes $A and $BB)"
