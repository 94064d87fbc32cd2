// XlsxSheetReader: the rows of one sheet of an .xlsx workbook, streamed.
//
// Written by hand on minizip (unzip) and pugixml because no Debian package reads .xlsx from
// C or C++ (libxlsxwriter only writes; the readers that exist are Python, Java or .NET). An
// .xlsx is a zip of XML parts: _rels/.rels names the workbook, xl/workbook.xml lists the
// sheets with relationship ids, xl/_rels/workbook.xml.rels maps ids to parts, sharedStrings.xml
// holds the text cells and worksheets/sheetN.xml the cells. Sheets may hold a million rows, so
// the sheet part is never held whole: it is inflated in 1 MiB chunks and each <row> element is
// cut out and parsed alone with pugixml; only the shared strings are kept (they are the text
// of the cells). A row is a small DOM (≤ kXlsxMaxRowBytes): pugixml is kept for it rather than a
// hand-written XML parser, since the bound on the element makes its memory bounded too.
// Not thread-safe; one reader per file.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "ingest/table_reader.h"

namespace baophu {

// Bounds on what an .xlsx may make the reader do, whatever its zip claims (an .xlsx of 2 MB can
// inflate to gigabytes: a "zip bomb"). Past any of them the file is refused with a message that
// names the bound; nothing is imported. Documented in README ("Giới hạn của tệp nhập").
// Parts read whole into a DOM (_rels/.rels, workbook.xml, workbook.xml.rels): a workbook of a
// thousand sheets is well under 1 MiB.
inline constexpr int64_t kXlsxMaxWholePartBytes = 16 << 20;
// Parts streamed (sharedStrings.xml, the sheet): memory does not grow with them, only time.
// Excel's own 1.048.576 rows × 16.384 columns fit in far less; 2 GiB bounds the time (~10 s).
inline constexpr int64_t kXlsxMaxStreamedPartBytes = int64_t{2} << 30;
// One <row> element as XML: the DOM of one row is what the reader holds at a time.
inline constexpr size_t kXlsxMaxRowBytes = 16 << 20;
// One <si> shared string as XML (a cell is at most 32.767 characters, ≤ 128 KiB of UTF-8).
inline constexpr size_t kXlsxMaxSharedStringBytes = 1 << 20;
// The shared strings are kept (cells refer to them by index): how many, and their total text.
inline constexpr size_t kXlsxMaxSharedStrings = 4'000'000;
inline constexpr size_t kXlsxMaxSharedTextBytes = 128 << 20;
// Rows of a sheet: Excel's own limit.
inline constexpr int64_t kXlsxMaxRows = 1'048'576;

class XlsxSheetReader final : public TableReader {
 public:
  ~XlsxSheetReader() override;
  // `sheet` by name; empty = the first sheet of the workbook.
  static Result<std::unique_ptr<XlsxSheetReader>> Open(const std::string& path, const std::string& sheet);
  // Sheet names in workbook order.
  const std::vector<std::string>& sheet_names() const { return sheet_names_; }

  bool Next(TableRow* row) override;
  const Status& status() const override { return status_; }
  double Progress() const override;
  bool HasColumnLetters() const override { return true; }

  struct Impl;

 private:
  XlsxSheetReader() = default;
  std::unique_ptr<Impl> impl_;
  std::vector<std::string> sheet_names_;
  Status status_;
};

}  // namespace baophu
