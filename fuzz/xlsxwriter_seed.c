/* Writes fuzz/corpus/xlsx/seed_xlsxwriter.xlsx: a small persons sheet exactly as libxlsxwriter
 * (the library the project writes reports with) lays out a workbook: deflated parts, shared
 * strings, numbers, a date. Build and run once:
 *   cc fuzz/xlsxwriter_seed.c -o /tmp/xlsxwriter_seed $(pkg-config --cflags --libs xlsxwriter) &&
 *   /tmp/xlsxwriter_seed fuzz/corpus/xlsx/seed_xlsxwriter.xlsx */
#include <xlsxwriter.h>

int main(int argc, char** argv) {
  if (argc != 2) return 2;
  lxw_workbook* wb = workbook_new(argv[1]);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Danh sách người");
  workbook_add_worksheet(wb, "Trống");
  const char* header[] = {"ma_so_bhxh", "so_cccd", "ho_ten", "ngay_sinh", "gioi_tinh", "ma_xa"};
  for (int c = 0; c < 6; ++c) worksheet_write_string(ws, 0, (lxw_col_t)c, header[c], NULL);
  worksheet_write_number(ws, 1, 0, 6000000011, NULL); /* Excel drops the leading zeros of codes */
  worksheet_write_string(ws, 1, 1, "060000000011", NULL);
  worksheet_write_string(ws, 1, 2, "Nguyễn Thị Ánh", NULL);
  lxw_datetime dt = {2010, 5, 17, 0, 0, 0};
  lxw_format* date = workbook_add_format(wb);
  format_set_num_format(date, "dd/mm/yyyy");
  worksheet_write_datetime(ws, 1, 3, &dt, date);
  worksheet_write_string(ws, 1, 4, "Nữ", NULL);
  worksheet_write_number(ws, 1, 5, 22972, NULL);
  worksheet_write_number(ws, 3, 2, 85.45, NULL);
  worksheet_write_boolean(ws, 3, 3, 1, NULL);
  worksheet_write_formula(ws, 3, 4, "=1+1", NULL);
  return workbook_close(wb) == LXW_NO_ERROR ? 0 : 1;
}
