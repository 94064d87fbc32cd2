// XlsxSheetReader: the rows of one sheet of an .xlsx workbook, streamed.
//
// Written by hand on minizip (unzip) and pugixml because no Debian package reads .xlsx from
// C or C++ (libxlsxwriter only writes; the readers that exist are Python, Java or .NET). An
// .xlsx is a zip of XML parts: _rels/.rels names the workbook, xl/workbook.xml lists the
// sheets with relationship ids, xl/_rels/workbook.xml.rels maps ids to parts, sharedStrings.xml
// holds the text cells and worksheets/sheetN.xml the cells. Sheets may hold a million rows, so
// the sheet part is never held whole: it is inflated in 1 MiB chunks and each <row> element is
// cut out and parsed alone with pugixml; only the shared strings are kept (they are the text
// of the cells).
// Not thread-safe; one reader per file.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "ingest/table_reader.h"

namespace baophu {

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
