#include "ingest/table_reader.h"

#include <algorithm>
#include <filesystem>

#include "core/csv.h"
#include "ingest/xlsx_reader.h"

namespace baophu {
namespace {

class CsvTable final : public TableReader {
 public:
  explicit CsvTable(CsvReader r) : r_(std::move(r)) {}
  bool Next(TableRow* row) override {
    if (!r_.Next(&row->cells)) return false;
    row->line = r_.line();
    row->defect = RowDefect{};
    if (const CsvReader::Defect& d = r_.defect(); d.field >= 0) {
      row->defect.cell = d.field;
      row->defect.prefix = d.prefix;
      row->defect.reason = d.reason;
    }
    row->numeric.assign(row->cells.size(), false);
    return true;
  }
  const Status& status() const override { return r_.status(); }
  double Progress() const override {
    return r_.file_size() > 0 ? static_cast<double>(r_.bytes_read()) / static_cast<double>(r_.file_size()) : 1.0;
  }
  bool HasColumnLetters() const override { return false; }

 private:
  CsvReader r_;
};

std::string LowerExtension(const std::string& path) {
  std::string ext = std::filesystem::path(path).extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return ext;
}

}  // namespace

bool TableRow::Blank() const {
  if (defect.cell >= 0) return false;
  for (const std::string& c : cells)
    for (char ch : c)
      if (ch != ' ' && ch != '\t' && ch != '\r' && ch != '\n') return false;
  return true;
}

std::string ColumnLetters(int index) {
  std::string s;
  for (int n = index + 1; n > 0; n = (n - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (n - 1) % 26));
  return s;
}

Result<std::unique_ptr<TableReader>> OpenTable(const std::string& path, const std::string& sheet) {
  std::string ext = LowerExtension(path);
  std::string name = std::filesystem::path(path).filename().string();
  if (ext == ".xlsx" || ext == ".xlsm") {
    auto x = XlsxSheetReader::Open(path, sheet);
    if (!x.ok()) return x.status();
    return std::unique_ptr<TableReader>(std::move(*x));
  }
  if (ext == ".xls") {
    return Status::Unsupported("Tệp '" + name + "' là định dạng Excel 97-2003 (.xls), chưa hỗ trợ: hãy mở trong "
                               "Excel và lưu lại dưới dạng 'Excel Workbook (.xlsx)' hoặc 'CSV UTF-8'");
  }
  if (!sheet.empty()) {
    return Status::InvalidArgument("Tệp '" + name + "' không phải .xlsx nên không có trang tính '" + sheet + "'");
  }
  auto r = CsvReader::Open(path, CsvLimits{kMaxCellBytes, kMaxColumns, true});
  if (!r.ok()) return r.status();
  return std::unique_ptr<TableReader>(std::make_unique<CsvTable>(std::move(*r)));
}

}  // namespace baophu
