// The weekly report laid out as a document, independent of the file format: the officials'
// heading, the title, paragraphs, tables and a chart, in Vietnamese or English. Every renderer
// (HTML, PDF, DOCX, XLSX) walks the same blocks, so the formats say the same words and figures.
// Plain values; thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "report/coverage_report.h"
#include "steering/weekly_report.h"

namespace baophu {

struct DocCell {
  enum Kind { kText, kCount, kPercent };  // how a spreadsheet stores it (XLSX: a real number)
  std::string text;                       // as printed: "591.427", "65,19 %"
  Kind kind = kText;
  int64_t value = 0;  // kCount: the count; kPercent: hundredths of a percent
};

struct DocChart {
  std::string title;
  std::vector<std::string> labels;       // dd/mm
  std::vector<int64_t> rate_hundredths;  // -1 unknown
  int32_t target_hundredths = -1;        // drawn as a line; -1 none
  std::string rate_label, target_label;  // the legend
};

struct DocBlock {
  enum Kind {
    kHeader,    // two columns: left = issuer lines, right = the national motto lines
    kTitle,     // centred, bold
    kSubtitle,  // centred, italic
    kHeading,   // a section heading
    kParagraph,
    kBullet,
    kTable,  // rows[0] is the header
    kChart,
    kNote,  // small italic text
  };
  Kind kind = kParagraph;
  std::string text;
  std::vector<std::string> left, right;    // kHeader
  std::vector<std::vector<DocCell>> rows;  // kTable
  DocChart chart;                          // kChart
};

struct WeeklyDocument {
  std::string title;  // the file's title (metadata)
  std::string first_paragraph;
  std::vector<DocBlock> blocks;
};

WeeklyDocument BuildWeeklyDocument(const WeeklyReport& w, const RuleSet& rules, Lang lang);

// "Tính đến ngày 10/11/2021, tỷ lệ bao phủ BHYT trên địa bàn tỉnh đạt 65,19 %, trong đó nhóm …
// đạt …; so với chỉ tiêu 91 % còn thiếu 234.158 người." The groups named are those below the
// target; a target without decimals is written without them (91 %, 85,45 %).
std::string WeeklyFirstParagraph(const WeeklyReport& w, const RuleSet& rules, Lang lang);

// The renderings. Each writes one file; IOError when it cannot.
Status WriteWeeklyHtml(const WeeklyDocument& d, Lang lang, const std::string& path);
std::string RenderWeeklyHtml(const WeeklyDocument& d, Lang lang);
Status WriteWeeklyPdf(const WeeklyDocument& d, const std::string& path);              // cairo + pango
Status WriteWeeklyDocx(const WeeklyDocument& d, Lang lang, const std::string& path);  // WordprocessingML
Status WriteWeeklyXlsx(const WeeklyDocument& d, Lang lang, const std::string& path);  // libxlsxwriter

}  // namespace baophu

namespace baophu {

// The formats of the weekly report: "pdf", "xlsx", "docx", "html".
bool IsWeeklyFormat(const std::string& format);
// Writes `d` to `path` in `format`; InvalidArgument for an unknown format.
Status WriteWeeklyFile(const WeeklyDocument& d, const std::string& format, Lang lang, const std::string& path);
// "bao-cao-tuan-95-2021-11-10.pdf" (vi) / "weekly-report-95-2021-11-10.pdf" (en).
std::string WeeklyFileName(const WeeklyReport& w, const std::string& format, Lang lang);

}  // namespace baophu
