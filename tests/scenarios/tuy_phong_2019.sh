#!/usr/bin/env bash
# Tuy Phong, 2019: as of 30/09/2019, district 81,77 %; Chí Công 63,58 %, Hòa Minh 65,47 %,
# Hòa Phú 67,00 %, Phan Rí Cửa 69,36 %; target 85,45 %.
BAOPHU=$1; VN_ADMIN=$2; DIR=$3; SCENARIO=tuy-phong-2019; GOLDEN="$DIR/tuy_phong_2019.golden.txt"
source "$DIR/run_scenario.inc"
run_scenario "--as-of 30/09/2019 --unit 595 --depth commune" \
             "--as-of 30/09/2019 --unit 595 --depth commune --format csv" \
             "--as-of 30/09/2019 --unit 22972 --units-of 01/07/2025 --by group"
expect_rows "595,Huyện Tuy Phong,district,ALL,.*,81.77,85.45" "22996,Xã Chí Công,commune,ALL,.*,63.58," \
         "22993,Xã Hòa Minh,commune,ALL,.*,65.47," "23002,Xã Hòa Phú,commune,ALL,.*,67.00," \
         "22972,Thị trấn Phan Rí Cửa,commune,ALL,.*,69.36,"
independent_check 2019-09-30 595
echo "ok: tuy-phong-2019"
