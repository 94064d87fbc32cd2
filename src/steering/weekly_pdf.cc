// The PDF rendering: A4 pages through cairo, text laid out by pango in DejaVu (a font with every
// Vietnamese letter; cairo embeds the subset it uses), margins of the administrative-document
// rules (left 30 mm, right 15 mm, top and bottom 20 mm).
#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>

#include "steering/weekly_chart.h"
#include "steering/weekly_document.h"

namespace baophu {
namespace {

constexpr double kPageW = 595.28, kPageH = 841.89;  // A4 in points
constexpr double kMm = 72.0 / 25.4;
constexpr double kLeft = 30 * kMm, kRight = 15 * kMm, kTop = 20 * kMm, kBottom = 20 * kMm;
constexpr double kWidth = kPageW - kLeft - kRight;

enum Align { kStart, kCentre, kEnd };

class Pager {
 public:
  explicit Pager(cairo_t* cr) : cr_(cr) {}

  // A laid-out paragraph; the caller unrefs it. A number keeps its "%" on its line (a no-break
  // space; pdftotext gives it back as U+00A0).
  PangoLayout* Layout(std::string text, double size, double width, bool bold = false, bool italic = false,
                      Align align = kStart) {
    for (size_t p = text.find(" %"); p != std::string::npos; p = text.find(" %", p + 3)) text.replace(p, 1, "\u00A0");
    PangoLayout* l = pango_cairo_create_layout(cr_);
    PangoFontDescription* f = pango_font_description_from_string("DejaVu Serif");
    pango_font_description_set_absolute_size(f, size * PANGO_SCALE);
    if (bold) pango_font_description_set_weight(f, PANGO_WEIGHT_BOLD);
    if (italic) pango_font_description_set_style(f, PANGO_STYLE_ITALIC);
    pango_layout_set_font_description(l, f);
    pango_font_description_free(f);
    pango_layout_set_width(l, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l, align == kCentre ? PANGO_ALIGN_CENTER
                                  : align == kEnd  ? PANGO_ALIGN_RIGHT
                                                   : PANGO_ALIGN_LEFT);
    pango_layout_set_text(l, text.c_str(), -1);
    return l;
  }
  static double Height(PangoLayout* l) {
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }
  void Show(PangoLayout* l, double x, double y) {
    cairo_move_to(cr_, x, y);
    pango_cairo_show_layout(cr_, l);
  }
  // Makes room for h points, starting a new page when they do not fit.
  void Need(double h) {
    if (y_ + h > kPageH - kBottom && y_ > kTop) NewPage();
  }
  void NewPage() {
    cairo_show_page(cr_);
    y_ = kTop;
  }
  void Paragraph(const std::string& text, double size, bool bold = false, bool italic = false, Align align = kStart,
                 double indent = 0, double after = 4) {
    PangoLayout* l = Layout(text, size, kWidth - indent, bold, italic, align);
    if (indent > 0 && align == kStart) pango_layout_set_indent(l, static_cast<int>(indent * PANGO_SCALE));
    const double h = Height(l);
    Need(h);
    Show(l, kLeft, y_);
    g_object_unref(l);
    y_ += h + after;
  }
  void Header(const DocBlock& b) {
    const double col = kWidth * 0.4;  // the issuer; the motto takes the other 60 %
    double hl = 0, hr = 0;
    std::string left;
    for (size_t i = 0; i < b.left.size(); ++i) left += (i ? "\n" : "") + b.left[i];
    PangoLayout* ll = Layout(left, 10, col, true, false, kCentre);
    // The motto lines bold, the place and date italic.
    PangoLayout* lr = Layout(b.right.size() >= 2 ? b.right[0] + "\n" + b.right[1] : std::string(), 10, kWidth - col,
                             true, false, kCentre);
    hl = Height(ll);
    hr = Height(lr);
    Show(ll, kLeft, y_);
    Show(lr, kLeft + col, y_);
    g_object_unref(ll);
    g_object_unref(lr);
    y_ += std::max(hl, hr) + 8;
    if (b.right.size() > 2) {
      PangoLayout* d = Layout(b.right[2], 10, kWidth - col, false, true, kCentre);
      Show(d, kLeft + col, y_);
      y_ += Height(d) + 12;
      g_object_unref(d);
    }
  }
  void Table(const DocBlock& b) {
    if (b.rows.empty()) return;
    const size_t n = b.rows[0].size();
    // The first column takes the room its longest word needs; the rest share the width.
    const double first = n > 6 ? 90 : 130;
    std::vector<double> widths(n, (kWidth - first) / static_cast<double>(n > 1 ? n - 1 : 1));
    widths[0] = n > 1 ? first : kWidth;
    const double size = n > 6 ? 6.8 : 8.5;
    auto row_layouts = [&](const std::vector<DocCell>& row, bool header) {
      std::vector<PangoLayout*> ls;
      for (size_t c = 0; c < n; ++c)
        ls.push_back(Layout(c < row.size() ? row[c].text : "", size, widths[c] - 6, header, false,
                            header ? kCentre : (c == 0 ? kStart : kEnd)));
      return ls;
    };
    auto draw = [&](std::vector<PangoLayout*>& ls, bool header) {
      double h = 0;
      for (PangoLayout* l : ls) h = std::max(h, Height(l));
      h += 5;
      if (y_ + h > kPageH - kBottom) {
        NewPage();
        if (!header) {
          auto hl = row_layouts(b.rows[0], true);
          DrawRow(hl, widths, true);
        }
      }
      DrawRow(ls, widths, header);
    };
    for (size_t r = 0; r < b.rows.size(); ++r) {
      auto ls = row_layouts(b.rows[r], r == 0);
      draw(ls, r == 0);
    }
    y_ += 6;
  }
  void DrawRow(std::vector<PangoLayout*>& ls, const std::vector<double>& widths, bool header) {
    double h = 0;
    for (PangoLayout* l : ls) h = std::max(h, Height(l));
    h += 5;
    double x = kLeft;
    for (size_t c = 0; c < ls.size(); ++c) {
      if (header) {
        cairo_set_source_rgb(cr_, 0.87, 0.92, 0.97);
        cairo_rectangle(cr_, x, y_, widths[c], h);
        cairo_fill(cr_);
      }
      cairo_set_source_rgb(cr_, 0, 0, 0);
      cairo_set_line_width(cr_, 0.4);
      cairo_rectangle(cr_, x, y_, widths[c], h);
      cairo_stroke(cr_);
      Show(ls[c], x + 3, y_ + 2.5);
      g_object_unref(ls[c]);
      x += widths[c];
    }
    ls.clear();
    y_ += h;
  }
  void Chart(const DocChart& c) {
    const double h = 190;
    Need(h);
    DrawWeeklyChart(cr_, kLeft, y_, kWidth, h, c);
    y_ += h + 8;
  }

 private:
  cairo_t* cr_;
  double y_ = kTop;
};

}  // namespace

Status WriteWeeklyPdf(const WeeklyDocument& d, const std::string& path) {
  cairo_surface_t* s = cairo_pdf_surface_create(path.c_str(), kPageW, kPageH);
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(s);
    return Status::IOError("không tạo được tệp PDF " + path);
  }
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, d.title.c_str());
  cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "baophu");
  cairo_t* cr = cairo_create(s);
  Pager p(cr);
  for (const DocBlock& b : d.blocks) {
    switch (b.kind) {
      case DocBlock::kHeader:
        p.Header(b);
        break;
      case DocBlock::kTitle:
        p.Paragraph(b.text, 14, true, false, kCentre, 0, 2);
        break;
      case DocBlock::kSubtitle:
        p.Paragraph(b.text, 11.5, true, false, kCentre, 0, 12);
        break;
      case DocBlock::kHeading:
        p.Paragraph(b.text, 11.5, true, false, kStart, 0, 5);
        break;
      case DocBlock::kParagraph:
        p.Paragraph(b.text, 11.5, false, false, kStart, 28, 6);
        break;
      case DocBlock::kBullet:
        p.Paragraph("- " + b.text, 11.5, false, false, kStart, 0, 4);
        break;
      case DocBlock::kNote:
        p.Paragraph(b.text, 9, false, true, kStart, 0, 6);
        break;
      case DocBlock::kTable:
        p.Table(b);
        break;
      case DocBlock::kChart:
        p.Chart(b.chart);
        break;
    }
  }
  cairo_destroy(cr);
  cairo_surface_finish(s);
  const cairo_status_t st = cairo_surface_status(s);
  cairo_surface_destroy(s);
  if (st != CAIRO_STATUS_SUCCESS)
    return Status::IOError("không ghi được tệp PDF " + path + ": " + cairo_status_to_string(st));
  return Status::Ok();
}

}  // namespace baophu
