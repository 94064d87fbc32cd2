#include "steering/weekly_chart.h"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstdint>

#include "core/text.h"

namespace baophu {
namespace {

// align: 0 = x is the left edge, 1 = the centre, 2 = the right edge; y is the middle of the line.
void Text(cairo_t* cr, const std::string& s, double x, double y, double size, int align = 0, bool bold = false) {
  PangoLayout* layout = pango_cairo_create_layout(cr);
  PangoFontDescription* font = pango_font_description_from_string("DejaVu Sans");
  pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
  if (bold) pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
  pango_layout_set_font_description(layout, font);
  pango_layout_set_text(layout, s.c_str(), -1);
  int w = 0, h = 0;
  pango_layout_get_size(layout, &w, &h);
  cairo_move_to(cr, x - static_cast<double>(w) / PANGO_SCALE * align / 2, y - static_cast<double>(h) / PANGO_SCALE / 2);
  pango_cairo_show_layout(cr, layout);
  pango_font_description_free(font);
  g_object_unref(layout);
}

}  // namespace

void DrawWeeklyChart(cairo_t* cr, double x, double y, double w, double h, const DocChart& c) {
  cairo_save(cr);
  const double fs = std::max(7.0, h / 24);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_rectangle(cr, x, y, w, h);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  Text(cr, c.title, x + w / 2, y + fs * 1.2, fs * 1.1, 1, true);
  // The vertical range: the data and the target, widened to whole 5 % steps.
  int64_t lo = 10000, hi = 0;
  for (int64_t r : c.rate_hundredths)
    if (r >= 0) lo = std::min(lo, r), hi = std::max(hi, r);
  if (c.target_hundredths >= 0)
    lo = std::min<int64_t>(lo, c.target_hundredths), hi = std::max<int64_t>(hi, c.target_hundredths);
  if (lo > hi) lo = 0, hi = 10000;
  lo = std::max<int64_t>(0, lo / 500 * 500);
  hi = std::min<int64_t>(10000, (hi + 499) / 500 * 500);
  if (hi <= lo) hi = lo + 500;
  const double left = x + fs * 5, right = x + w - fs, top = y + fs * 3, bottom = y + h - fs * 4.5;
  auto ypos = [&](int64_t v) {
    return bottom - (bottom - top) * static_cast<double>(v - lo) / static_cast<double>(hi - lo);
  };
  const size_t n = c.labels.size();
  auto xpos = [&](size_t i) {
    return n <= 1 ? (left + right) / 2 : left + (right - left) * static_cast<double>(i) / static_cast<double>(n - 1);
  };
  cairo_set_line_width(cr, 0.5);
  for (int64_t v = lo; v <= hi; v += 500) {
    cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
    cairo_move_to(cr, left, ypos(v));
    cairo_line_to(cr, right, ypos(v));
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
    Text(cr, std::to_string(v / 100) + " %", left - fs * 0.5, ypos(v), fs, 2);
  }
  const size_t step = std::max<size_t>(1, (n + 7) / 8);
  for (size_t i = 0; i < n; i += step) Text(cr, c.labels[i], xpos(i), bottom + fs, fs, 1);
  if (c.target_hundredths >= 0) {
    cairo_set_source_rgb(cr, 0.8, 0.1, 0.1);
    cairo_set_line_width(cr, 1.2);
    const double dash[] = {4.0, 3.0};
    cairo_set_dash(cr, dash, 2, 0);
    cairo_move_to(cr, left, ypos(c.target_hundredths));
    cairo_line_to(cr, right, ypos(c.target_hundredths));
    cairo_stroke(cr);
    cairo_set_dash(cr, nullptr, 0, 0);
  }
  cairo_set_source_rgb(cr, 0.1, 0.3, 0.7);
  cairo_set_line_width(cr, 1.8);
  bool pen = false;
  for (size_t i = 0; i < n; ++i) {
    if (c.rate_hundredths[i] < 0) {
      pen = false;
      continue;
    }
    if (pen)
      cairo_line_to(cr, xpos(i), ypos(c.rate_hundredths[i]));
    else
      cairo_move_to(cr, xpos(i), ypos(c.rate_hundredths[i]));
    pen = true;
  }
  cairo_stroke(cr);
  for (size_t i = 0; i < n; ++i)
    if (c.rate_hundredths[i] >= 0) {
      cairo_arc(cr, xpos(i), ypos(c.rate_hundredths[i]), 2, 0, 6.2832);
      cairo_fill(cr);
    }
  // The legend.
  const double ly = y + h - fs * 1.6;
  cairo_set_source_rgb(cr, 0.1, 0.3, 0.7);
  cairo_rectangle(cr, left, ly - 1, fs * 2, 2);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  Text(cr, c.rate_label, left + fs * 2.5, ly, fs);
  if (c.target_hundredths >= 0) {
    cairo_set_source_rgb(cr, 0.8, 0.1, 0.1);
    cairo_rectangle(cr, left + fs * 14, ly - 1, fs * 2, 2);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0, 0, 0);
    Text(cr, c.target_label + " " + FormatHundredthsVn(c.target_hundredths) + " %", left + fs * 16.5, ly, fs);
  }
  cairo_restore(cr);
}

std::string WeeklyChartPng(const DocChart& c, int w, int h) {
  cairo_surface_t* s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
  cairo_t* cr = cairo_create(s);
  DrawWeeklyChart(cr, 0, 0, w, h, c);
  cairo_destroy(cr);
  std::string png;
  cairo_status_t st = cairo_surface_write_to_png_stream(
      s,
      [](void* closure, const unsigned char* data, unsigned int len) {
        static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), len);
        return CAIRO_STATUS_SUCCESS;
      },
      &png);
  cairo_surface_destroy(s);
  return st == CAIRO_STATUS_SUCCESS ? png : std::string();
}

}  // namespace baophu
