#include "steering/weekly_document.h"

namespace baophu {

bool IsWeeklyFormat(const std::string& f) { return f == "pdf" || f == "xlsx" || f == "docx" || f == "html"; }

Status WriteWeeklyFile(const WeeklyDocument& d, const std::string& format, Lang lang, const std::string& path) {
  if (format == "pdf") return WriteWeeklyPdf(d, path);
  if (format == "xlsx") return WriteWeeklyXlsx(d, lang, path);
  if (format == "docx") return WriteWeeklyDocx(d, lang, path);
  if (format == "html") return WriteWeeklyHtml(d, lang, path);
  return Status::InvalidArgument("định dạng báo cáo tuần phải là pdf, xlsx, docx hoặc html: '" + format + "'");
}

std::string WeeklyFileName(const WeeklyReport& w, const std::string& format, Lang lang) {
  return std::string(lang == Lang::kVi ? "bao-cao-tuan-" : "weekly-report-") + w.total.unit_code + "-" +
         w.query.as_of.ToIso() + "." + format;
}

}  // namespace baophu
