# Hostile import files (issue 12, items 11 and 14): generated at test time by make_hostile.py
# (nothing big is committed), then each one through the CLI in ≤ 512 MB (prlimit) and ≤ 10 s.
set(BAOPHU_HOSTILE_DIR ${CMAKE_BINARY_DIR}/hostile)
add_test(NAME hostile.make
         COMMAND python3 ${CMAKE_CURRENT_SOURCE_DIR}/hostile/make_hostile.py ${BAOPHU_HOSTILE_DIR})
set_tests_properties(hostile.make PROPERTIES FIXTURES_SETUP hostile TIMEOUT 300 LABELS "hostile;memlimit")
# name | file | mode | what the message must say
set(hostile_cases
    "cell_1g|cell_1g.xlsx|refuse|dài hơn 16777216 byte"
    "shared_1g|shared_1g.xlsx|refuse|phần tử <si>"
    "shared_many|shared_many.xlsx|refuse|chuỗi dùng chung"
    "workbook_1g|workbook_1g.xlsx|refuse|xl/workbook.xml' giải nén ra"
    "unclosed_row|unclosed_row.xlsx|refuse|bị cắt cụt"
    "unclosed_row_1g|unclosed_row_1g.xlsx|refuse|phần tử <row>"
    "cut_in_row7|cut_in_row7.xlsx|refuse|bị cắt cụt"
    "billion_laughs|billion_laughs.xlsx|refuse|khai báo DTD"
    "sizes_lie|sizes_lie.xlsx|refuse|sheet1.xml"
    "bad_crc|bad_crc.xlsx|refuse|CRC"
    "name_1mb|name_1mb.csv|rowerror|ho_ten"
    "name_1mb_xlsx|name_1mb.xlsx|rowerror|ho_ten (C)"
    "unclosed_quote|unclosed_quote.csv|rowerror|không được đóng"
    "field_100mb|field_100mb.csv|rowerror|ô dài quá"
    "columns_1m|columns_1m.csv|rowerror|quá 16384 cột"
    "formula_in_cell|formula_in_cell.csv|rowerror|ma_so_bhxh,\"'=HYPERLINK")
foreach(c ${hostile_cases})
  string(REPLACE "|" ";" f "${c}")
  list(GET f 0 name)
  list(GET f 1 file)
  list(GET f 2 mode)
  list(GET f 3 pattern)
  add_test(NAME hostile.${name}
           COMMAND bash ${CMAKE_CURRENT_SOURCE_DIR}/hostile/run_hostile.sh $<TARGET_FILE:baophu>
                   ${BAOPHU_HOSTILE_DIR} ${file} ${mode} ${pattern})
  set_tests_properties(hostile.${name} PROPERTIES FIXTURES_REQUIRED hostile TIMEOUT 10 LABELS "hostile;memlimit")
endforeach()
