// The weekly report's trend chart, drawn once with cairo + pango: onto a PDF page, or into a PNG
// that the HTML, DOCX and XLSX renderings embed (the same picture in every format).
// Stateless functions; thread-safe.
#pragma once

#include <string>

#include "steering/weekly_document.h"

typedef struct _cairo cairo_t;

namespace baophu {

// The chart in the box (x, y, w, h), in the context's units (points on a PDF page).
void DrawWeeklyChart(cairo_t* cr, double x, double y, double w, double h, const DocChart& c);
// The chart as PNG bytes, w × h pixels; "" when cairo fails.
std::string WeeklyChartPng(const DocChart& c, int w, int h);

}  // namespace baophu
