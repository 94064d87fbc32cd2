#include "report/people_xlsx.h"

#include <xlsxwriter.h>

#include "report/report_text.h"

namespace baophu {

Status WritePeopleXlsx(const std::vector<PersonRecord>& people, const RuleSet& rules, Date as_of,
                       const std::string& path, std::string (*show_cccd)(std::string_view)) {
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return Status::IOError("không tạo được tệp Excel " + path);
  lxw_worksheet* ws = workbook_add_worksheet(wb, "Người tham gia");
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  lxw_format* header = workbook_add_format(wb);
  format_set_bold(header);
  format_set_bg_color(header, 0xDDEBF7);
  format_set_border(header, LXW_BORDER_THIN);
  format_set_text_wrap(header);
  lxw_format* text = workbook_add_format(wb);
  format_set_num_format(text, "@");

  std::string title = "Người tham gia BHYT và lịch sử thẻ — tình trạng thẻ tính đến ngày " + as_of.ToVn();
  worksheet_write_string(ws, 0, 0, title.c_str(), bold);
  const char* heads[] = {"Mã số BHXH", "Số CCCD",  "Họ và tên", "Ngày sinh", "Mã xã",         "Mã thẻ",
                         "Mã đối tượng", "Nhóm",   "Từ ngày",   "Đến ngày",  "Còn hiệu lực"};
  const lxw_row_t kHeaderRow = 2;
  for (lxw_col_t c = 0; c < 11; ++c) worksheet_write_string(ws, kHeaderRow, c, heads[c], header);
  worksheet_freeze_panes(ws, kHeaderRow + 1, 0);
  worksheet_set_column(ws, 0, 1, 14, text);
  worksheet_set_column(ws, 2, 2, 28, nullptr);
  worksheet_set_column(ws, 3, 4, 11, text);
  worksheet_set_column(ws, 5, 5, 18, text);
  worksheet_set_column(ws, 6, 6, 8, nullptr);
  worksheet_set_column(ws, 7, 7, 30, nullptr);
  worksheet_set_column(ws, 8, 10, 12, nullptr);
  lxw_row_t row = kHeaderRow + 1;
  auto put = [&](lxw_col_t c, const std::string& v) { worksheet_write_string(ws, row, c, v.c_str(), nullptr); };
  for (const PersonRecord& r : people) {
    const Person& p = r.person;
    auto person_cols = [&] {
      put(0, p.bhxh.ToString());
      put(1, show_cccd ? show_cccd(p.citizen_id.str()) : p.citizen_id.str());
      put(2, p.full_name);
      put(3, p.birth_date.valid() ? p.birth_date.ToVn() : "");
      put(4, p.commune.str());
    };
    if (r.cards.empty()) {
      person_cols();
      put(10, "Chưa có thẻ");
      ++row;
    }
    for (const Card& c : r.cards) {
      person_cols();
      put(5, c.card_code);
      put(6, c.object.empty() ? "" : c.object.str());
      put(7, GroupName(rules, rules.ReportingGroupOf(c.object, c.valid_from), Lang::kVi));
      put(8, c.valid_from.valid() ? c.valid_from.ToVn() : "");
      put(9, c.valid_to.valid() ? c.valid_to.ToVn() : "");
      put(10, CardValidOn(c, as_of) ? "Có" : "Không");
      ++row;
    }
  }
  if (row > kHeaderRow + 1) worksheet_autofilter(ws, kHeaderRow, 0, row - 1, 10);
  lxw_error e = workbook_close(wb);
  if (e != LXW_NO_ERROR) return Status::IOError("không ghi được tệp Excel " + path + ": " + lxw_strerror(e));
  return Status::Ok();
}

}  // namespace baophu
