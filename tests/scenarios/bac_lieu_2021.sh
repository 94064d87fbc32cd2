#!/usr/bin/env bash
# Bạc Liêu, dispatch 5312/UBND-KGVX: as of 10/11/2021, 65,19 % / 66,58 % / 70,09 % / 46,28 % vs 91 %.
BAOPHU=$1; VN_ADMIN=$2; DIR=$3; SCENARIO=bac-lieu-2021; GOLDEN="$DIR/bac_lieu_2021.golden.txt"
source "$DIR/run_scenario.inc"
run_scenario "--as-of 10/11/2021 --unit 95 --depth 1 --by group" \
             "--as-of 10/11/2021 --unit 95 --depth 0 --by group --format csv" \
             "--as-of 10/11/2021 --unit 31825 --units-of 01/07/2025 --by group"
expect_rows "95,Tỉnh Bạc Liêu,province,ALL,.*,65.19,91.00" "95,Tỉnh Bạc Liêu,province,NLD,.*,66.58," \
         "95,Tỉnh Bạc Liêu,province,HSSV,.*,70.09," "95,Tỉnh Bạc Liêu,province,HGD,.*,46.28,"
independent_check 2021-11-10 95
echo "ok: bac-lieu-2021"
