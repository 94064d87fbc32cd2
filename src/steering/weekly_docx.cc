// The DOCX rendering (the format officials edit): WordprocessingML written by hand and zipped with
// minizip. Times New Roman 13 pt, A4 with the administrative-document margins; the heading as a
// borderless two-column table; tables with borders; the chart as an inline PNG.
#include <zip.h>

#include <string>
#include <vector>

#include "steering/weekly_chart.h"
#include "steering/weekly_document.h"

namespace baophu {
namespace {

std::string Esc(const std::string& s) {
  std::string o;
  for (char c : s) {
    if (c == '&')
      o += "&amp;";
    else if (c == '<')
      o += "&lt;";
    else if (c == '>')
      o += "&gt;";
    else if (c == '"')
      o += "&quot;";
    else
      o += c;
  }
  return o;
}

struct RunStyle {
  bool bold = false, italic = false;
  int half_points = 26;  // 13 pt
};

std::string Run(const std::string& text, RunStyle st) {
  std::string r = "<w:r><w:rPr>";
  if (st.bold) r += "<w:b/>";
  if (st.italic) r += "<w:i/>";
  r += "<w:sz w:val=\"" + std::to_string(st.half_points) + "\"/></w:rPr><w:t xml:space=\"preserve\">" + Esc(text) +
       "</w:t></w:r>";
  return r;
}

// jc: "left", "center", "right", "both"; first_line: indent in twentieths of a point.
std::string Para(const std::string& runs, const std::string& jc = "both", int first_line = 0, int after = 120) {
  std::string p = "<w:p><w:pPr><w:spacing w:after=\"" + std::to_string(after) + "\"/>";
  if (first_line) p += "<w:ind w:firstLine=\"" + std::to_string(first_line) + "\"/>";
  return p + "<w:jc w:val=\"" + jc + "\"/></w:pPr>" + runs + "</w:p>";
}

std::string Lines(const std::vector<std::string>& lines, size_t italic_from, int half_points) {
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i)
    out += Para(Run(lines[i], {i < italic_from, i >= italic_from, half_points}), "center", 0, 0);
  return out;
}

std::string Table(const DocBlock& b) {
  const size_t n = b.rows.empty() ? 0 : b.rows[0].size();
  const int total = 9354;  // twips between the margins of A4 (210 − 30 − 15 mm)
  const int first = n > 6 ? 1900 : 2800;
  const int other = n > 1 ? (total - first) / static_cast<int>(n - 1) : total;
  std::string t =
      "<w:tbl><w:tblPr><w:tblW w:w=\"" + std::to_string(total) +
      "\" w:type=\"dxa\"/><w:tblBorders><w:top w:val=\"single\" w:sz=\"4\"/><w:left w:val=\"single\" w:sz=\"4\"/>"
      "<w:bottom w:val=\"single\" w:sz=\"4\"/><w:right w:val=\"single\" w:sz=\"4\"/><w:insideH w:val=\"single\" "
      "w:sz=\"4\"/><w:insideV w:val=\"single\" w:sz=\"4\"/></w:tblBorders></w:tblPr><w:tblGrid>";
  for (size_t c = 0; c < n; ++c) t += "<w:gridCol w:w=\"" + std::to_string(c == 0 ? first : other) + "\"/>";
  t += "</w:tblGrid>";
  const int size = n > 6 ? 16 : 20;
  for (size_t r = 0; r < b.rows.size(); ++r) {
    t += r == 0 ? "<w:tr><w:trPr><w:tblHeader/></w:trPr>" : "<w:tr>";
    for (size_t c = 0; c < b.rows[r].size(); ++c) {
      const DocCell& cell = b.rows[r][c];
      t += "<w:tc><w:tcPr><w:tcW w:w=\"" + std::to_string(c == 0 ? first : other) + "\" w:type=\"dxa\"/>";
      if (r == 0) t += "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"DDE8F5\"/>";
      t += "</w:tcPr>" +
           Para(Run(cell.text, {r == 0, false, size}), r == 0 ? "center" : (c == 0 ? "left" : "right"), 0, 0) +
           "</w:tc>";
    }
    t += "</w:tr>";
  }
  return t + "</w:tbl>" + Para("", "left", 0, 60);
}

std::string Image(const std::string& rid, int64_t cx, int64_t cy, const std::string& name) {
  const std::string x = std::to_string(cx), y = std::to_string(cy);
  return "<w:p><w:r><w:drawing><wp:inline><wp:extent cx=\"" + x + "\" cy=\"" + y + "\"/><wp:docPr id=\"1\" name=\"" +
         Esc(name) +
         "\"/><a:graphic><a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><pic:pic>"
         "<pic:nvPicPr><pic:cNvPr id=\"1\" name=\"chart.png\"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip "
         "r:embed=\"" +
         rid +
         "\"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x=\"0\" "
         "y=\"0\"/><a:ext cx=\"" +
         x + "\" cy=\"" + y +
         "\"/></a:xfrm><a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData>"
         "</a:graphic></wp:inline></w:drawing></w:r></w:p>";
}

Status Add(zipFile z, const std::string& name, const std::string& data, const std::string& path) {
  zip_fileinfo info{};
  if (zipOpenNewFileInZip(z, name.c_str(), &info, nullptr, 0, nullptr, 0, nullptr, Z_DEFLATED, Z_DEFAULT_COMPRESSION) !=
          ZIP_OK ||
      zipWriteInFileInZip(z, data.data(), static_cast<unsigned>(data.size())) != ZIP_OK ||
      zipCloseFileInZip(z) != ZIP_OK)
    return Status::IOError("không ghi được tệp Word " + path + " (" + name + ")");
  return Status::Ok();
}

}  // namespace

Status WriteWeeklyDocx(const WeeklyDocument& d, Lang lang, const std::string& path) {
  std::string body;
  std::string png;
  for (const DocBlock& b : d.blocks) {
    switch (b.kind) {
      case DocBlock::kHeader:
        body +=
            "<w:tbl><w:tblPr><w:tblW w:w=\"9354\" w:type=\"dxa\"/></w:tblPr><w:tblGrid><w:gridCol w:w=\"3900\"/>"
            "<w:gridCol w:w=\"5454\"/></w:tblGrid><w:tr><w:tc><w:tcPr><w:tcW w:w=\"3900\" w:type=\"dxa\"/></w:tcPr>" +
            Lines(b.left, b.left.size(), 24) + "</w:tc><w:tc><w:tcPr><w:tcW w:w=\"5454\" w:type=\"dxa\"/></w:tcPr>" +
            Lines(b.right, 2, 24) + "</w:tc></w:tr></w:tbl>" + Para("", "left", 0, 120);
        break;
      case DocBlock::kTitle:
        body += Para(Run(b.text, {true, false, 28}), "center", 0, 0);
        break;
      case DocBlock::kSubtitle:
        body += Para(Run(b.text, {true, false, 26}), "center", 0, 240);
        break;
      case DocBlock::kHeading:
        body += Para(Run(b.text, {true, false, 26}), "left", 0, 120);
        break;
      case DocBlock::kParagraph:
        body += Para(Run(b.text, {}), "both", 567);
        break;
      case DocBlock::kBullet:
        body += Para(Run("- " + b.text, {}), "both", 567);
        break;
      case DocBlock::kNote:
        body += Para(Run(b.text, {false, true, 22}), "both");
        break;
      case DocBlock::kTable:
        body += Table(b);
        break;
      case DocBlock::kChart:
        png = WeeklyChartPng(b.chart, 1200, 500);
        // 16,5 cm × 6,875 cm in EMU (360000 per cm): the PNG's 12:5.
        body += Image("rIdChart", 5940000, 2475000, b.chart.title);
        break;
    }
  }
  const std::string document =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document "
      "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
      "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" "
      "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" "
      "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" "
      "xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\"><w:body>" +
      body +
      "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1134\" w:right=\"850\" w:bottom=\"1134\" "
      "w:left=\"1701\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>";
  const std::string styles =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles "
      "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:docDefaults><w:rPrDefault><w:rPr>"
      "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\" "
      "w:eastAsia=\"Times New Roman\"/><w:sz w:val=\"26\"/><w:lang w:val=\"" +
      std::string(lang == Lang::kVi ? "vi-VN" : "en-GB") + "\"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>";
  const std::string types =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" "
      "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" "
      "ContentType=\"application/xml\"/><Default Extension=\"png\" ContentType=\"image/png\"/><Override "
      "PartName=\"/word/document.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override "
      "PartName=\"/word/styles.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override "
      "PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
      "</Types>";
  const std::string rels =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
      "Target=\"word/document.xml\"/><Relationship Id=\"rId2\" "
      "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
      "Target=\"docProps/core.xml\"/></Relationships>";
  std::string doc_rels =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships "
      "xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rIdStyles\" "
      "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>";
  if (!png.empty())
    doc_rels +=
        "<Relationship Id=\"rIdChart\" "
        "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" "
        "Target=\"media/chart.png\"/>";
  doc_rels += "</Relationships>";
  const std::string core =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties "
      "xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
      "xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>" +
      Esc(d.title) + "</dc:title><dc:creator>baophu</dc:creator></cp:coreProperties>";

  zipFile z = zipOpen64(path.c_str(), APPEND_STATUS_CREATE);
  if (!z) return Status::IOError("không tạo được tệp Word " + path);
  Status st;
  for (const auto& [name, data] :
       std::vector<std::pair<std::string, const std::string*>>{{"[Content_Types].xml", &types},
                                                               {"_rels/.rels", &rels},
                                                               {"word/document.xml", &document},
                                                               {"word/styles.xml", &styles},
                                                               {"word/_rels/document.xml.rels", &doc_rels},
                                                               {"docProps/core.xml", &core},
                                                               {"word/media/chart.png", &png}}) {
    if (name == "word/media/chart.png" && png.empty()) continue;
    st = Add(z, name, *data, path);
    if (!st.ok()) break;
  }
  if (zipClose(z, nullptr) != ZIP_OK && st.ok()) st = Status::IOError("không đóng được tệp Word " + path);
  return st;
}

}  // namespace baophu
