#include "ingest/xlsx_reader.h"

#include <unzip.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <pugixml.hpp>
#include <string_view>
#include <unordered_map>

#include "core/text.h"

namespace baophu {
namespace {

std::string_view LocalName(const char* qname) {
  std::string_view n(qname);
  size_t colon = n.find(':');
  return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

// The text of a <si> or <is>: every <t> below it except phonetic runs (<rPh>).
void AppendText(pugi::xml_node n, std::string* out) {
  for (pugi::xml_node c : n.children()) {
    std::string_view ln = LocalName(c.name());
    if (ln == "t") {
      out->append(c.child_value());
    } else if (ln == "r") {
      AppendText(c, out);
    }
  }
}

pugi::xml_node Child(pugi::xml_node n, std::string_view local) {
  for (pugi::xml_node c : n.children())
    if (LocalName(c.name()) == local) return c;
  return {};
}

// "C12" → 2 (0-based); -1 when there are no letters.
int ColumnIndex(std::string_view ref) {
  int col = 0;
  size_t i = 0;
  for (; i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z'; ++i) {
    col = col * 26 + (ref[i] - 'A' + 1);
    if (col > 16384) return -1;  // past XFD; stop before "ZZZZZZZ1" overflows int
  }
  if (i == 0) return -1;
  return col - 1;
}

// A number as Excel stored it, without binary noise: integers (up to 15 digits) in full,
// others with 15 significant digits ("85.450000000000003" → "85.45").
std::string NormaliseNumber(std::string_view v) {
  std::string s(v);
  char* end = nullptr;
  double d = std::strtod(s.c_str(), &end);
  if (end == s.c_str() || *end != '\0' || !std::isfinite(d)) return s;
  char buf[64];
  if (std::fabs(d) < 1e15 && d == std::floor(d)) {
    std::snprintf(buf, sizeof buf, "%.0f", d);
  } else {
    std::snprintf(buf, sizeof buf, "%.15g", d);
  }
  return buf;
}

// "xl/worksheets/../sharedStrings.xml" → "xl/sharedStrings.xml"; a leading '/' is the zip root.
std::string ResolvePart(const std::string& base_dir, const std::string& target) {
  std::filesystem::path p = !target.empty() && target[0] == '/' ? std::filesystem::path(target.substr(1))
                                                                 : std::filesystem::path(base_dir) / target;
  return p.lexically_normal().generic_string();
}

}  // namespace

struct XlsxSheetReader::Impl {
  unzFile zip = nullptr;
  std::string name;  // base name, for messages
  // The shared strings, end to end, and where each ends: 8 bytes per entry instead of a
  // std::string's 32 plus its allocation (a million-row file holds millions of them).
  std::string shared_text;
  std::vector<uint64_t> shared_end;
  // The part being streamed.
  std::string part;
  std::string buf;
  size_t pos = 0;
  bool eof = false;
  bool root_closed = false;  // the part's root element was closed: the part is whole
  int64_t total = 0, consumed = 0, limit = 0;
  int64_t last_row = 0;
  pugi::xml_document doc;

  ~Impl() {
    if (zip) unzClose(zip);
  }

  Status Corrupt(const std::string& what) const {
    return Status::Corruption("Tệp '" + name + "' không phải tệp .xlsx hợp lệ (" + what +
                              "): hãy mở trong Excel và lưu lại dưới dạng 'Excel Workbook (.xlsx)'");
  }
  Status TooLarge(const std::string& what) const {
    return Status::Corruption("Tệp '" + name + "' bị từ chối: " + what +
                              " (giới hạn để bảo vệ máy chủ; hãy chia tệp hoặc lưu dưới dạng CSV UTF-8)");
  }

  // Opens a part for streaming reads; at most `max_bytes` once inflated. The zip's declared size
  // is checked first, and the bytes are counted while inflating too: a declared size can lie.
  Status OpenPart(const std::string& p, int64_t max_bytes) {
    part = p;
    if (unzLocateFile(zip, part.c_str(), 2) != UNZ_OK) return Corrupt("thiếu phần '" + part + "'");
    unz_file_info64 info;
    if (unzGetCurrentFileInfo64(zip, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK)
      return Corrupt("không giải nén được '" + part + "'");
    if (static_cast<int64_t>(info.uncompressed_size) > max_bytes || static_cast<int64_t>(info.uncompressed_size) < 0)
      return TooLarge("phần '" + part + "' giải nén ra " + std::to_string(info.uncompressed_size) +
                      " byte, quá " + std::to_string(max_bytes));
    if (unzOpenCurrentFile(zip) != UNZ_OK) return Corrupt("không giải nén được '" + part + "'");
    total = static_cast<int64_t>(info.uncompressed_size);
    limit = max_bytes;
    consumed = 0;
    buf.clear();
    pos = 0;
    eof = false;
    root_closed = false;
    status = Status::Ok();
    return Status::Ok();
  }

  Result<std::string> ReadPart(const std::string& p, int64_t max_bytes) {
    BAOPHU_RETURN_IF_ERROR(OpenPart(p, max_bytes));
    while (Fill()) {
    }
    if (!status.ok()) return status;
    // No DTD in an .xlsx: refusing it rules out entity expansion ("billion laughs") whatever
    // the parser would do with it.
    if (buf.find("<!DOCTYPE") != std::string::npos) return Corrupt("phần '" + part + "' có khai báo DTD");
    return std::move(buf);
  }

  Status status;

  bool Fill() {
    if (eof) return false;
    if (pos > 0) {
      buf.erase(0, pos);
      pos = 0;
    }
    size_t old = buf.size();
    buf.resize(old + (1 << 20));
    int n = unzReadCurrentFile(zip, buf.data() + old, 1 << 20);
    if (n < 0) {
      status = Corrupt("dữ liệu nén của '" + part + "' bị hỏng");
      n = 0;
    }
    buf.resize(old + static_cast<size_t>(n));
    consumed += n;
    if (consumed > limit && status.ok()) {
      status = TooLarge("phần '" + part + "' giải nén ra hơn " + std::to_string(limit) + " byte");
      n = 0;
    }
    if (n == 0) {
      eof = true;
      // minizip checks the CRC only here, and only when the declared size was read in full.
      int closed = unzCloseCurrentFile(zip);
      if (status.ok() && closed == UNZ_CRCERROR) status = Corrupt("phần '" + part + "' sai mã kiểm tra CRC");
      if (status.ok() && consumed != total)
        status = Corrupt("phần '" + part + "' dài " + std::to_string(consumed) + " byte, không như khai báo " +
                         std::to_string(total));
    }
    return n > 0;
  }

  // Cuts the next element whose local name is `local` out of the stream into [*b, *e) of buf.
  // An element longer than `max_bytes` stops the stream (status set): the buffer never holds more
  // than that plus one chunk. False at the end of the part or on error; at the end, a part that
  // stops inside an element, or before its root element is closed, is truncated: an error.
  bool NextElement(std::string_view local, size_t max_bytes, size_t* b, size_t* e) {
    size_t scan = pos;
    for (;;) {
      size_t lt = buf.find('<', scan);
      while (lt != std::string::npos) {
        size_t q = lt + 1;
        size_t qe = q;
        while (qe < buf.size() && buf[qe] != ' ' && buf[qe] != '>' && buf[qe] != '/' && buf[qe] != '\t' &&
               buf[qe] != '\r' && buf[qe] != '\n')
          ++qe;
        if (qe == q && qe < buf.size() && buf[qe] == '/') {  // a closing tag: "</name>"
          ++qe;
          while (qe < buf.size() && buf[qe] != '>' && buf[qe] != ' ') ++qe;
        }
        if (qe >= buf.size()) break;  // the name runs past the buffer: read more
        std::string_view qname(buf.data() + q, qe - q);
        if (qname.starts_with("!DOCTYPE")) {
          status = Corrupt("phần '" + part + "' có khai báo DTD");
          return false;
        }
        bool closing = qname.starts_with("/");
        if (closing) qname.remove_prefix(1);
        size_t colon = qname.find(':');
        std::string_view ln = colon == std::string_view::npos ? qname : qname.substr(colon + 1);
        if (ln == "worksheet" || ln == "sst") {  // the root: closed by "</sst>" or as "<sst ... />"
          size_t gt = buf.find('>', qe);
          if (gt == std::string::npos) break;
          if (closing || buf[gt - 1] == '/') root_closed = true;
        }
        if (!closing && ln == local) {
          size_t gt = buf.find('>', qe);
          if (gt == std::string::npos) break;
          if (buf[gt - 1] == '/') {
            *b = lt;
            *e = gt + 1;
            pos = *e;
            return true;
          }
          std::string close = "</" + std::string(qname) + ">";
          size_t end = buf.find(close, gt);
          if (end == std::string::npos) break;
          *b = lt;
          *e = end + close.size();
          pos = *e;
          return true;
        }
        lt = buf.find('<', qe);
      }
      // Keep from the last '<' we could not finish (or the end), read more.
      size_t keep = (lt == std::string::npos) ? buf.size() : lt;
      if (keep > pos) pos = keep;
      if (buf.size() - pos > max_bytes) {
        status = TooLarge("một phần tử <" + std::string(local) + "> trong '" + part + "' dài hơn " +
                          std::to_string(max_bytes) + " byte");
        return false;
      }
      if (!Fill()) {
        if (!status.ok()) return false;
        if (pos < buf.size() || !root_closed)
          status = Corrupt("phần '" + part + "' bị cắt cụt (dừng giữa chừng, sau hàng " + std::to_string(last_row) + ")");
        return false;
      }
      scan = pos;
    }
  }

  Status LoadSharedStrings(const std::string& p) {
    BAOPHU_RETURN_IF_ERROR(OpenPart(p, kXlsxMaxStreamedPartBytes));
    size_t b, e;
    while (NextElement("si", kXlsxMaxSharedStringBytes, &b, &e)) {
      // The plain "<si><t>text</t></si>" (no markup, entity or CR inside) is taken as is: a DOM
      // per entry made millions of them the slowest part of a file (4 M entries: ~3 s).
      static constexpr std::string_view kOpen = "<si><t>", kClose = "</t></si>";
      std::string_view el(buf.data() + b, e - b);
      std::string text;
      if (el.size() >= kOpen.size() + kClose.size() && el.starts_with(kOpen) && el.ends_with(kClose) &&
          el.substr(kOpen.size(), el.size() - kOpen.size() - kClose.size()).find_first_of("<&\r") ==
              std::string_view::npos) {
        text = el.substr(kOpen.size(), el.size() - kOpen.size() - kClose.size());
      } else {
        pugi::xml_parse_result r = doc.load_buffer(el.data(), el.size(), pugi::parse_default | pugi::parse_ws_pcdata);
        if (!r) return Corrupt("sharedStrings.xml: " + std::string(r.description()));
        AppendText(doc.first_child(), &text);
      }
      if (shared_end.size() >= kXlsxMaxSharedStrings)
        return TooLarge("có hơn " + std::to_string(kXlsxMaxSharedStrings) + " chuỗi dùng chung");
      if (shared_text.size() + text.size() > kXlsxMaxSharedTextBytes)
        return TooLarge("chuỗi dùng chung dài hơn " + std::to_string(kXlsxMaxSharedTextBytes) + " byte");
      shared_text += text;
      shared_end.push_back(shared_text.size());
    }
    BAOPHU_RETURN_IF_ERROR(status);
    buf.clear();
    buf.shrink_to_fit();
    shared_text.shrink_to_fit();
    return Status::Ok();
  }

  std::string_view Shared(size_t i) const {
    size_t from = i == 0 ? 0 : shared_end[i - 1];
    return std::string_view(shared_text).substr(from, shared_end[i] - from);
  }
};

XlsxSheetReader::~XlsxSheetReader() = default;

Result<std::unique_ptr<XlsxSheetReader>> XlsxSheetReader::Open(const std::string& path, const std::string& sheet) {
  std::unique_ptr<XlsxSheetReader> r(new XlsxSheetReader());
  r->impl_ = std::make_unique<Impl>();
  Impl& im = *r->impl_;
  im.name = std::filesystem::path(path).filename().string();
  if (!std::filesystem::exists(path)) return Status::IOError("không mở được tệp '" + path + "': không tồn tại");
  im.zip = unzOpen64(path.c_str());
  if (!im.zip) return im.Corrupt("không đọc được dạng nén zip");

  // The workbook part, from the package relationships.
  std::string workbook = "xl/workbook.xml";
  pugi::xml_document doc;
  if (auto rels = im.ReadPart("_rels/.rels", kXlsxMaxWholePartBytes); rels.ok()) {
    if (doc.load_buffer(rels->data(), rels->size())) {
      for (pugi::xml_node rel : doc.first_child().children()) {
        std::string_view type = rel.attribute("Type").value();
        if (type.ends_with("/officeDocument")) workbook = ResolvePart("", rel.attribute("Target").value());
      }
    }
  }
  std::string wb_dir = std::filesystem::path(workbook).parent_path().generic_string();

  auto wb = im.ReadPart(workbook, kXlsxMaxWholePartBytes);
  if (!wb.ok()) return wb.status();
  if (!doc.load_buffer(wb->data(), wb->size())) return im.Corrupt("workbook.xml không đọc được");
  std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id
  pugi::xml_node sheets_node = Child(doc.first_child(), "sheets");
  for (pugi::xml_node s : sheets_node.children()) {
    if (LocalName(s.name()) != "sheet") continue;
    std::string rid;
    for (pugi::xml_attribute a : s.attributes()) {
      std::string_view an = a.name();
      if (an.find(':') != std::string_view::npos && LocalName(a.name()) == "id") rid = a.value();
    }
    sheets.emplace_back(s.attribute("name").value(), rid);
    r->sheet_names_.push_back(s.attribute("name").value());
  }
  if (sheets.empty()) return im.Corrupt("sổ tính không có trang nào");

  size_t chosen = 0;
  if (!sheet.empty()) {
    chosen = sheets.size();
    for (size_t i = 0; i < sheets.size() && chosen == sheets.size(); ++i)
      if (sheets[i].first == sheet) chosen = i;
    for (size_t i = 0; i < sheets.size() && chosen == sheets.size(); ++i)
      if (FoldForSearch(sheets[i].first) == FoldForSearch(sheet)) chosen = i;
    if (chosen == sheets.size()) {
      std::string names;
      for (const auto& s : sheets) names += (names.empty() ? "'" : ", '") + s.first + "'";
      return Status::NotFound("Tệp '" + im.name + "' không có trang tính '" + sheet + "'; các trang có: " + names);
    }
  }

  // Parts by relationship id.
  std::unordered_map<std::string, std::string> targets;
  std::string shared_part;
  std::string rels_part = (wb_dir.empty() ? "" : wb_dir + "/") + "_rels/" +
                          std::filesystem::path(workbook).filename().string() + ".rels";
  auto wrels = im.ReadPart(rels_part, kXlsxMaxWholePartBytes);
  if (!wrels.ok()) return wrels.status();
  if (!doc.load_buffer(wrels->data(), wrels->size())) return im.Corrupt(rels_part + " không đọc được");
  for (pugi::xml_node rel : doc.first_child().children()) {
    std::string target = ResolvePart(wb_dir, rel.attribute("Target").value());
    targets[rel.attribute("Id").value()] = target;
    if (std::string_view(rel.attribute("Type").value()).ends_with("/sharedStrings")) shared_part = target;
  }
  auto it = targets.find(sheets[chosen].second);
  if (it == targets.end()) return im.Corrupt("không tìm thấy phần của trang '" + sheets[chosen].first + "'");
  std::string sheet_part = it->second;

  if (!shared_part.empty()) BAOPHU_RETURN_IF_ERROR(im.LoadSharedStrings(shared_part));
  BAOPHU_RETURN_IF_ERROR(im.OpenPart(sheet_part, kXlsxMaxStreamedPartBytes));
  return r;
}

bool XlsxSheetReader::Next(TableRow* row) {
  Impl& im = *impl_;
  if (!status_.ok()) return false;
  size_t b, e;
  if (!im.NextElement("row", kXlsxMaxRowBytes, &b, &e)) {
    if (!im.status.ok()) status_ = im.status;
    return false;
  }
  pugi::xml_parse_result pr = im.doc.load_buffer(im.buf.data() + b, e - b, pugi::parse_default | pugi::parse_ws_pcdata);
  if (!pr) {
    status_ = im.Corrupt("trang tính: " + std::string(pr.description()));
    return false;
  }
  pugi::xml_node rn = im.doc.first_child();
  int64_t number = rn.attribute("r").as_llong(0);
  row->line = number > 0 ? number : im.last_row + 1;
  if (row->line > kXlsxMaxRows) {
    status_ = im.TooLarge("hàng " + std::to_string(row->line) + " vượt quá " + std::to_string(kXlsxMaxRows) + " hàng");
    return false;
  }
  im.last_row = row->line;
  row->cells.clear();
  row->numeric.clear();
  row->defect = RowDefect{};
  int next_col = 0;
  for (pugi::xml_node c : rn.children()) {
    if (LocalName(c.name()) != "c") continue;
    int col = next_col;
    if (pugi::xml_attribute ref = c.attribute("r")) {
      int parsed = ColumnIndex(ref.value());
      if (parsed >= 0) col = parsed;
    }
    next_col = col + 1;
    std::string_view type = c.attribute("t").value();
    std::string value;
    bool numeric = false;
    if (type == "inlineStr") {
      AppendText(Child(c, "is"), &value);
    } else {
      std::string_view v = Child(c, "v").child_value();
      if (type == "s") {
        char* end = nullptr;
        unsigned long idx = std::strtoul(std::string(v).c_str(), &end, 10);
        if (v.empty() || idx >= im.shared_end.size()) {
          status_ = im.Corrupt("ô " + std::string(c.attribute("r").value()) + " trỏ tới chuỗi dùng chung không có");
          return false;
        }
        value = std::string(im.Shared(idx));
      } else if (type == "str" || type == "e") {
        value = std::string(v);
      } else if (type == "b") {
        value = (v == "1") ? "1" : "0";
      } else if (type == "d") {
        value = std::string(v.substr(0, v.find('T')));
      } else if (!v.empty()) {
        value = NormaliseNumber(v);
        numeric = true;
      }
    }
    if (!IsValidUtf8(value)) {
      status_ = im.Corrupt("ô " + ColumnLetters(col) + std::to_string(row->line) + " không phải văn bản UTF-8");
      return false;
    }
    if (static_cast<size_t>(col) >= kMaxColumns) {
      status_ = im.TooLarge("hàng " + std::to_string(row->line) + " có hơn " + std::to_string(kMaxColumns) + " cột");
      return false;
    }
    if (value.size() > kMaxCellBytes && row->defect.cell < 0) {
      row->defect.cell = col;
      row->defect.prefix = value.substr(0, 200);
      row->defect.reason = "ô dài quá " + std::to_string(kMaxCellChars) + " ký tự (giới hạn của Excel)";
    }
    if (static_cast<size_t>(col) >= row->cells.size()) {
      row->cells.resize(static_cast<size_t>(col) + 1);
      row->numeric.resize(static_cast<size_t>(col) + 1, false);
    }
    row->cells[static_cast<size_t>(col)] = std::move(value);
    row->numeric[static_cast<size_t>(col)] = numeric;
  }
  return true;
}

double XlsxSheetReader::Progress() const {
  return impl_->total > 0 ? static_cast<double>(impl_->consumed) / static_cast<double>(impl_->total) : 1.0;
}

}  // namespace baophu
