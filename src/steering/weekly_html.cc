// The HTML rendering: one self-contained page (styles inline, the chart as an embedded PNG), for
// the browser and for printing.
#include <fstream>

#include "steering/weekly_chart.h"
#include "steering/weekly_document.h"

namespace baophu {
namespace {

std::string Esc(const std::string& s) {
  std::string o;
  o.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&':
        o += "&amp;";
        break;
      case '<':
        o += "&lt;";
        break;
      case '>':
        o += "&gt;";
        break;
      case '"':
        o += "&quot;";
        break;
      default:
        o += c;
    }
  }
  return o;
}

std::string Base64(const std::string& in) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const uint32_t v = (uint32_t(uint8_t(in[i])) << 16) | (uint32_t(uint8_t(in[i + 1])) << 8) | uint8_t(in[i + 2]);
    for (int k = 18; k >= 0; k -= 6) out += kAlphabet[(v >> k) & 63];
  }
  if (i < in.size()) {
    uint32_t v = uint32_t(uint8_t(in[i])) << 16;
    if (i + 1 < in.size()) v |= uint32_t(uint8_t(in[i + 1])) << 8;
    out += kAlphabet[(v >> 18) & 63];
    out += kAlphabet[(v >> 12) & 63];
    out += i + 1 < in.size() ? kAlphabet[(v >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

}  // namespace

std::string RenderWeeklyHtml(const WeeklyDocument& d, Lang lang) {
  std::string h = "<!DOCTYPE html>\n<html lang=\"" + std::string(lang == Lang::kVi ? "vi" : "en") +
                  "\"><head><meta charset=\"utf-8\"><title>" + Esc(d.title) +
                  "</title><style>body{font-family:'Times New Roman',serif;font-size:13pt;max-width:190mm;margin:1em "
                  "auto}.hd{display:flex;justify-content:space-between;text-align:center;font-weight:bold;font-size:"
                  "11pt}.hd em{font-weight:normal}h1,h2.sub{text-align:center;margin:.2em}h1{font-size:14pt}h2.sub{"
                  "font-size:13pt}h3{font-size:13pt}p{text-indent:1cm;text-align:justify}p.note{font-size:10pt;font-"
                  "style:italic;text-indent:0}table{border-collapse:collapse;font-size:10pt;margin:.5em 0}td,th{border:"
                  "1px solid #444;padding:2px 4px}th{background:#dde8f5}td.n{text-align:right}img{max-width:100%}"
                  "</style></head><body>\n";
  for (const DocBlock& b : d.blocks) {
    switch (b.kind) {
      case DocBlock::kHeader: {
        h += "<div class=\"hd\"><div>";
        for (const std::string& l : b.left) h += Esc(l) + "<br>";
        h += "</div><div>";
        for (size_t i = 0; i < b.right.size(); ++i)
          h += i == 2 ? "<em>" + Esc(b.right[i]) + "</em>" : Esc(b.right[i]) + "<br>";
        h += "</div></div>\n";
        break;
      }
      case DocBlock::kTitle:
        h += "<h1>" + Esc(b.text) + "</h1>\n";
        break;
      case DocBlock::kSubtitle:
        h += "<h2 class=\"sub\">" + Esc(b.text) + "</h2>\n";
        break;
      case DocBlock::kHeading:
        h += "<h3>" + Esc(b.text) + "</h3>\n";
        break;
      case DocBlock::kParagraph:
        h += "<p>" + Esc(b.text) + "</p>\n";
        break;
      case DocBlock::kBullet:
        h += "<p>- " + Esc(b.text) + "</p>\n";
        break;
      case DocBlock::kNote:
        h += "<p class=\"note\">" + Esc(b.text) + "</p>\n";
        break;
      case DocBlock::kTable: {
        h += "<table>";
        for (size_t r = 0; r < b.rows.size(); ++r) {
          h += "<tr>";
          for (const DocCell& c : b.rows[r])
            h += r == 0 ? "<th>" + Esc(c.text) + "</th>"
                        : (c.kind == DocCell::kText && c.text != "—" && c.text.find_first_of("+−") != 0
                               ? "<td>"
                               : "<td class=\"n\">") +
                              Esc(c.text) + "</td>";
          h += "</tr>";
        }
        h += "</table>\n";
        break;
      }
      case DocBlock::kChart: {
        const std::string png = WeeklyChartPng(b.chart, 900, 380);
        h += "<img alt=\"" + Esc(b.chart.title) + "\" src=\"data:image/png;base64," + Base64(png) + "\">\n";
        break;
      }
    }
  }
  return h + "</body></html>\n";
}

Status WriteWeeklyHtml(const WeeklyDocument& d, Lang lang, const std::string& path) {
  std::ofstream f(path, std::ios::binary);
  f << RenderWeeklyHtml(d, lang);
  f.close();
  if (!f) return Status::IOError("không ghi được tệp " + path);
  return Status::Ok();
}

}  // namespace baophu
