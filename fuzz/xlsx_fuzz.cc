// Fuzzes the .xlsx reader (minizip + pugixml, by hand) on arbitrary bytes saved as an .xlsx
// file: it must never crash or hang, whatever the zip or the XML; errors are fine but must be
// a clean Status. Rows read must be well formed (one numeric flag per cell, UTF-8 cells).
#include <cstdint>
#include <string>

#include "core/text.h"
#include "fuzz/fuzz_util.h"
#include "ingest/table_reader.h"
#include "ingest/xlsx_reader.h"

namespace {

using baophu::Status;

void ReadSheet(const std::string& path, const std::string& sheet, bool through_open_table) {
  std::unique_ptr<baophu::TableReader> table;
  if (through_open_table) {
    auto t = baophu::OpenTable(path, sheet);
    if (!t.ok()) {
      FUZZ_CHECK(!t.status().message().empty());
      return;
    }
    table = std::move(*t);
  } else {
    auto x = baophu::XlsxSheetReader::Open(path, sheet);
    if (!x.ok()) {
      FUZZ_CHECK(!x.status().message().empty());
      return;
    }
    // A workbook that opened has a sheet; opening another by name must not crash either.
    FUZZ_CHECK(!(*x)->sheet_names().empty());
    if (sheet.empty() && (*x)->sheet_names().size() > 1) ReadSheet(path, (*x)->sheet_names().back(), true);
    table = std::move(*x);
  }
  FUZZ_CHECK(table->HasColumnLetters());
  baophu::TableRow row;
  int rows = 0;
  while (table->Next(&row)) {
    FUZZ_CHECK(table->status().ok());
    FUZZ_CHECK(row.cells.size() == row.numeric.size());
    FUZZ_CHECK(row.cells.size() <= 16384);
    for (const std::string& c : row.cells) FUZZ_CHECK(baophu::IsValidUtf8(c));
    row.Blank();
    FUZZ_CHECK(table->Progress() >= 0.0);
    if (++rows > 100000) break;  // inflation can multiply a small input; enough is enough
  }
  if (!table->status().ok()) {
    FUZZ_CHECK(!table->status().message().empty());
    FUZZ_CHECK(!table->Next(&row));  // the error is sticky
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static baophu::fuzz::ScratchFile file("in.xlsx");
  ReadSheet(file.Write(data, size), "", false);
  return 0;
}
