#include "steering/weekly_document.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include <string_view>

#include "core/text.h"
#include "report/report_text.h"

namespace baophu {
namespace {

struct Place {
  std::string kind;        // "tỉnh", "huyện", "thị xã" … ("" when the name has no known prefix)
  std::string short_name;  // "Bạc Liêu"
};

Place SplitName(const std::string& name) {
  static constexpr std::string_view kPrefixes[] = {"Thành phố ", "Thị xã ", "Thị trấn ", "Tỉnh ",   "Huyện ",
                                                   "Quận ",      "Xã ",     "Phường ",   "Đặc khu "};
  for (std::string_view p : kPrefixes) {
    if (name.compare(0, p.size(), p) == 0) {
      std::string kind(p.substr(0, p.size() - 1));
      kind[0] = static_cast<char>(kind[0] - 'A' + 'a');           // every prefix starts with an ASCII capital
      if (kind.compare(0, 2, "\xC4\x90") == 0) kind = "đặc khu";  // "Đ" is not ASCII
      return {kind, name.substr(p.size())};
    }
  }
  return {"", name};
}

std::string Upper(const std::string& s) {
  std::string out;
  icu::UnicodeString::fromUTF8(s).toUpper(icu::Locale("vi")).toUTF8String(out);
  return out;
}

// The first letter in lower case, for a group name inside a sentence ("Học sinh" → "học sinh").
std::string LowerFirst(std::string s) {
  if (!s.empty() && s[0] >= 'A' && s[0] <= 'Z') s[0] = static_cast<char>(s[0] - 'A' + 'a');
  return s;
}

// 9100 → "91 %", 8545 → "85,45 %": a target is written as the resolution writes it.
std::string TargetText(int64_t hundredths, Lang lang) {
  if (hundredths >= 0 && hundredths % 100 == 0)
    return (lang == Lang::kVi ? FormatIntVn(hundredths / 100) : std::to_string(hundredths / 100)) + " %";
  return FormatPercent(hundredths, lang);
}

std::string Pct(int64_t h, Lang lang) { return h < 0 ? "—" : FormatPercent(h, lang); }
// Percentage points with a sign: 14 → "+0,14", -3 → "−0,03".
std::string Points(int64_t d, Lang lang) {
  std::string s = lang == Lang::kVi ? FormatHundredthsVn(d < 0 ? -d : d) : FormatHundredthsPlain(d < 0 ? -d : d);
  return (d < 0 ? "−" : "+") + s;
}

DocCell Text(std::string s) { return DocCell{std::move(s), DocCell::kText, 0}; }
DocCell Count(int64_t v, Lang lang) { return v < 0 ? Text("—") : DocCell{FormatCount(v, lang), DocCell::kCount, v}; }
DocCell Percent(int64_t h, Lang lang) {
  return h < 0 ? Text("—") : DocCell{FormatPercent(h, lang), DocCell::kPercent, h};
}

DocBlock Block(DocBlock::Kind k, std::string text) {
  DocBlock b;
  b.kind = k;
  b.text = std::move(text);
  return b;
}

std::string DayMonth(Date d) {
  std::string s = d.ToVn();
  return s.substr(0, 5);
}

}  // namespace

std::string WeeklyFirstParagraph(const WeeklyReport& w, const RuleSet& rules, Lang lang) {
  const bool vi = lang == Lang::kVi;
  const Place place = SplitName(w.unit_name);
  std::string s;
  std::vector<const CoverageRow*> below;
  for (const CoverageRow& g : w.groups)
    if (g.rate_hundredths >= 0 && g.target_hundredths >= 0 && g.rate_hundredths < g.target_hundredths)
      below.push_back(&g);
  if (vi) {
    s = "Tính đến ngày " + w.query.as_of.ToVn() + ", tỷ lệ bao phủ BHYT trên địa bàn " +
        (place.kind.empty() ? w.unit_name : place.kind) + " đạt " + Pct(w.total.rate_hundredths, lang);
    for (size_t i = 0; i < below.size(); ++i)
      s += std::string(i == 0 ? ", trong đó " : ", ") + "nhóm " + LowerFirst(GroupName(rules, below[i]->group, lang)) +
           " đạt " + Pct(below[i]->rate_hundredths, lang);
    if (w.total.target_hundredths >= 0 && w.total.gap_people >= 0) {
      s += "; so với chỉ tiêu " + TargetText(w.total.target_hundredths, lang);
      s += w.total.gap_people > 0 ? " còn thiếu " + FormatCount(w.total.gap_people, lang) + " người." : " đã đạt.";
    } else {
      s += "; chưa có chỉ tiêu năm " + std::to_string(w.query.as_of.year()) + ".";
    }
    return s;
  }
  s = "As of " + w.query.as_of.ToVn() + ", health insurance coverage in " + w.unit_name + " reached " +
      Pct(w.total.rate_hundredths, lang);
  for (size_t i = 0; i < below.size(); ++i)
    s += std::string(i == 0 ? ", of which " : ", ") + GroupName(rules, below[i]->group, lang) + " " +
         Pct(below[i]->rate_hundredths, lang);
  if (w.total.target_hundredths >= 0 && w.total.gap_people >= 0) {
    s += "; against the target of " + TargetText(w.total.target_hundredths, lang);
    s += w.total.gap_people > 0 ? ", " + FormatCount(w.total.gap_people, lang) + " people are still missing."
                                : " it is met.";
  } else {
    s += "; there is no target for " + std::to_string(w.query.as_of.year()) + ".";
  }
  return s;
}

WeeklyDocument BuildWeeklyDocument(const WeeklyReport& w, const RuleSet& rules, Lang lang) {
  const bool vi = lang == Lang::kVi;
  const Place place = SplitName(w.unit_name);
  const Date d = w.query.as_of;
  const Date week_from = d.AddDays(-6);
  WeeklyDocument doc;
  doc.title = vi ? "Báo cáo tuần bao phủ BHYT " + w.unit_name + " " + d.ToVn()
                 : "Weekly health insurance coverage report, " + w.unit_name + ", " + d.ToVn();

  DocBlock head;
  head.kind = DocBlock::kHeader;
  if (vi) {
    head.left = {"ỦY BAN NHÂN DÂN", Upper(w.unit_name)};
    head.right = {"CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                  place.short_name + ", ngày " + (d.day() < 10 ? "0" : "") + std::to_string(d.day()) + " tháng " +
                      (d.month() < 10 ? "0" : "") + std::to_string(d.month()) + " năm " + std::to_string(d.year())};
  } else {
    head.left = {"PEOPLE'S COMMITTEE", Upper(w.unit_name)};
    head.right = {"SOCIALIST REPUBLIC OF VIET NAM", "Independence - Freedom - Happiness",
                  place.short_name + ", " + d.ToVn()};
  }
  doc.blocks.push_back(head);
  doc.blocks.push_back(Block(DocBlock::kTitle, vi ? "BÁO CÁO" : "REPORT"));
  doc.blocks.push_back(
      Block(DocBlock::kSubtitle,
            vi ? "Tình hình thực hiện bao phủ bảo hiểm y tế toàn dân tuần từ " + week_from.ToVn() + " đến " + d.ToVn()
               : "Universal health insurance coverage, week " + week_from.ToVn() + " to " + d.ToVn()));

  // I. Where coverage stands.
  doc.blocks.push_back(Block(DocBlock::kHeading, vi ? "I. TÌNH HÌNH BAO PHỦ BHYT" : "I. COVERAGE"));
  doc.first_paragraph = WeeklyFirstParagraph(w, rules, lang);
  doc.blocks.push_back(Block(DocBlock::kParagraph, doc.first_paragraph));
  if (w.total_week_before.insured >= 0) {
    const int64_t dn = w.total.insured - w.total_week_before.insured;
    std::string s;
    if (vi) {
      s = "So với ngày " + w.week_before.ToVn() + " (tuần trước), số người có thẻ BHYT " +
          (dn >= 0 ? "tăng " : "giảm ") + FormatCount(dn < 0 ? -dn : dn, lang) + " người";
      if (w.total.rate_hundredths >= 0 && w.total_week_before.rate_hundredths >= 0)
        s += ", tỷ lệ bao phủ thay đổi " + Points(w.total.rate_hundredths - w.total_week_before.rate_hundredths, lang) +
             " điểm phần trăm (từ " + Pct(w.total_week_before.rate_hundredths, lang) + " lên " +
             Pct(w.total.rate_hundredths, lang) + ")";
      s += ".";
    } else {
      s = "Since " + w.week_before.ToVn() + " (a week before), the number of insured people " +
          (dn >= 0 ? "rose by " : "fell by ") + FormatCount(dn < 0 ? -dn : dn, lang);
      if (w.total.rate_hundredths >= 0 && w.total_week_before.rate_hundredths >= 0)
        s += " and the rate changed by " + Points(w.total.rate_hundredths - w.total_week_before.rate_hundredths, lang) +
             " percentage points (from " + Pct(w.total_week_before.rate_hundredths, lang) + " to " +
             Pct(w.total.rate_hundredths, lang) + ")";
      s += ".";
    }
    doc.blocks.push_back(Block(DocBlock::kParagraph, s));
  }
  if (!w.groups.empty()) {
    DocBlock t;
    t.kind = DocBlock::kTable;
    t.rows.push_back(vi ? std::vector<DocCell>{Text("Nhóm đối tượng"), Text("Số người có thẻ"), Text("Đối tượng"),
                                               Text("Tỷ lệ"), Text("Chỉ tiêu"), Text("Còn thiếu (người)")}
                        : std::vector<DocCell>{Text("Group"), Text("Insured"), Text("Population"), Text("Rate"),
                                               Text("Target"), Text("Gap (people)")});
    for (const CoverageRow* r : [&] {
           std::vector<const CoverageRow*> v{&w.total};
           for (const CoverageRow& g : w.groups) v.push_back(&g);
           return v;
         }())
      t.rows.push_back({Text(GroupName(rules, r->group, lang)), Count(r->insured, lang), Count(r->denominator, lang),
                        Percent(r->rate_hundredths, lang), Percent(r->target_hundredths, lang),
                        Count(r->gap_people, lang)});
    doc.blocks.push_back(std::move(t));
  }

  // II. Per unit.
  doc.blocks.push_back(Block(DocBlock::kHeading, vi ? "II. KẾT QUẢ THEO ĐƠN VỊ" : "II. BY UNIT"));
  if (w.units.empty()) {
    doc.blocks.push_back(
        Block(DocBlock::kParagraph, vi ? "Đơn vị không có đơn vị trực thuộc." : "The unit has no sub-units."));
  } else {
    DocBlock t;
    t.kind = DocBlock::kTable;
    t.rows.push_back(
        vi ? std::vector<DocCell>{Text("Đơn vị"), Text("Số người có thẻ"), Text("Dân số"), Text("Tỷ lệ"),
                                  Text("So với tuần trước (điểm %)"), Text("Chỉ tiêu"), Text("Còn thiếu (người)"),
                                  Text("Chưa tham gia (người)"), Text("Điểm ưu tiên"), Text("Thứ tự ưu tiên")}
           : std::vector<DocCell>{Text("Unit"), Text("Insured"), Text("Population"), Text("Rate"),
                                  Text("Change on the week (points)"), Text("Target"), Text("Gap (people)"),
                                  Text("Not insured (people)"), Text("Priority score"), Text("Priority rank")});
    for (size_t i = 0; i < w.units.size(); ++i) {
      const PriorityRow& u = w.units[i];
      const int64_t before = w.units_rate_week_before[i];
      t.rows.push_back({Text(u.unit_name), Count(u.insured, lang), Count(u.denominator, lang),
                        Percent(u.rate_hundredths, lang),
                        Text(before >= 0 && u.rate_hundredths >= 0 ? Points(u.rate_hundredths - before, lang) : "—"),
                        Percent(u.target_hundredths, lang), Count(u.gap_people, lang), Count(u.people_to_reach, lang),
                        Count(u.score, lang), u.rank > 0 ? Count(u.rank, lang) : Text("—")});
    }
    doc.blocks.push_back(std::move(t));
    // The area conditions, when any sub-unit has one: what outreach each place allows.
    std::string conditions;
    for (size_t i = 0; i < w.units_condition.size() && i < w.units.size(); ++i)
      if (!w.units_condition[i].empty())
        conditions +=
            (conditions.empty() ? "" : "; ") + SplitName(w.units[i].unit_name).short_name + ": " + w.units_condition[i];
    if (!conditions.empty())
      doc.blocks.push_back(Block(DocBlock::kParagraph, (vi ? "Tình trạng địa bàn và hình thức vận động được phép: "
                                                           : "Area conditions and the outreach they allow: ") +
                                                           conditions + "."));
    if (!w.lowest.empty()) {
      std::string s = vi ? "Các đơn vị có tỷ lệ tham gia BHYT đạt thấp: " : "Units with the lowest coverage: ";
      for (size_t i = 0; i < w.lowest.size(); ++i)
        s += (i ? "; " : "") + SplitName(w.lowest[i].unit_name).short_name + (vi ? " đạt " : " ") +
             Pct(w.lowest[i].rate_hundredths, lang);
      doc.blocks.push_back(Block(DocBlock::kParagraph, s + "."));
    }
    if (!w.focus.empty()) {
      std::string s = vi ? "Tập trung cao cho " + std::to_string(w.focus.size()) +
                               " đơn vị có tỷ lệ còn thấp và số người cần vận động còn nhiều: "
                         : "Focus on the " + std::to_string(w.focus.size()) +
                               " units with a low rate and many people still to reach: ";
      for (size_t i = 0; i < w.focus.size(); ++i)
        s += (i ? ", " : "") + SplitName(w.focus[i].unit_name).short_name + " (" +
             FormatCount(w.focus[i].people_to_reach, lang) + (vi ? " người)" : " people)");
      doc.blocks.push_back(Block(DocBlock::kParagraph, s + "."));
      doc.blocks.push_back(Block(DocBlock::kNote, (vi ? "Cách xếp thứ tự ưu tiên: " : "Priority rule: ") +
                                                      DescribeRule(w.query.priority, lang) + "."));
    }
  }

  // III. Trend and forecast.
  doc.blocks.push_back(Block(DocBlock::kHeading, vi ? "III. DIỄN BIẾN VÀ DỰ BÁO" : "III. TREND AND FORECAST"));
  DocBlock chart;
  chart.kind = DocBlock::kChart;
  chart.chart.title = vi ? "Tỷ lệ bao phủ BHYT " + std::to_string(w.trend.points.size()) + " tuần gần nhất"
                         : "Coverage rate, last " + std::to_string(w.trend.points.size()) + " weeks";
  chart.chart.rate_label = vi ? "Tỷ lệ bao phủ" : "Coverage rate";
  chart.chart.target_label = vi ? "Chỉ tiêu" : "Target";
  chart.chart.target_hundredths = w.total.target_hundredths;
  for (const SeriesPoint& p : w.trend.points) {
    chart.chart.labels.push_back(DayMonth(p.date));
    chart.chart.rate_hundredths.push_back(p.rate_hundredths);
  }
  doc.blocks.push_back(chart);
  DocBlock trend;
  trend.kind = DocBlock::kTable;
  trend.rows.push_back(
      vi ? std::vector<DocCell>{Text("Ngày"), Text("Số người có thẻ"), Text("Tỷ lệ"), Text("Còn thiếu (người)")}
         : std::vector<DocCell>{Text("Date"), Text("Insured"), Text("Rate"), Text("Gap (people)")});
  for (const SeriesPoint& p : w.trend.points)
    trend.rows.push_back(
        {Text(p.date.ToVn()), Count(p.insured, lang), Percent(p.rate_hundredths, lang), Count(p.gap_people, lang)});
  doc.blocks.push_back(std::move(trend));
  const Forecast& f = w.forecast;
  {
    std::string s;
    if (vi) {
      s = "Trong " + std::to_string(f.weeks) + " tuần gần nhất (từ " + f.pace_from.ToVn() + " đến " + f.as_of.ToVn() +
          "), số người có thẻ thay đổi bình quân " + (f.net_per_week < 0 ? "−" : "+") +
          FormatCount(f.net_per_week < 0 ? -f.net_per_week : f.net_per_week, lang) + " người/tuần";
      if (f.expected_rate_hundredths >= 0)
        s += "; nếu giữ nhịp độ này, đến " + f.year_end.ToVn() + " tỷ lệ bao phủ ước đạt " +
             Pct(f.expected_rate_hundredths, lang);
      if (f.needed_per_week > 0)
        s += "; để đạt chỉ tiêu " + TargetText(f.target_hundredths, lang) + " cần tăng thêm bình quân " +
             FormatCount(f.needed_per_week, lang) + " người/tuần" + (f.on_track ? " (đang đạt nhịp độ cần thiết)" : "");
      else if (f.gap_people == 0)
        s += "; chỉ tiêu đã đạt";
      s += ".";
    } else {
      s = "Over the last " + std::to_string(f.weeks) + " weeks (" + f.pace_from.ToVn() + " to " + f.as_of.ToVn() +
          ") the number of insured people changed by " + (f.net_per_week < 0 ? "−" : "+") +
          FormatCount(f.net_per_week < 0 ? -f.net_per_week : f.net_per_week, lang) + " a week";
      if (f.expected_rate_hundredths >= 0)
        s +=
            "; at that pace coverage would reach " + Pct(f.expected_rate_hundredths, lang) + " on " + f.year_end.ToVn();
      if (f.needed_per_week > 0)
        s += "; reaching the target of " + TargetText(f.target_hundredths, lang) + " needs " +
             FormatCount(f.needed_per_week, lang) + " more people a week" + (f.on_track ? " (on track)" : "");
      else if (f.gap_people == 0)
        s += "; the target is met";
      s += ".";
    }
    doc.blocks.push_back(Block(DocBlock::kParagraph, s));
  }

  // IV. Campaigns.
  doc.blocks.push_back(Block(DocBlock::kHeading, vi ? "IV. CHIẾN DỊCH VẬN ĐỘNG" : "IV. CAMPAIGNS"));
  const std::string missing = vi ? "Chưa đọc được dữ liệu chỉ đạo (chiến dịch, cơ quan báo cáo) của kho dữ liệu này."
                                 : "The steering data (campaigns, agencies) of this store could not be read.";
  if (!w.steering_loaded) {
    doc.blocks.push_back(Block(DocBlock::kParagraph, missing));
  } else if (w.campaigns.empty()) {
    doc.blocks.push_back(Block(DocBlock::kParagraph, vi ? "Không có chiến dịch vận động nào đang diễn ra trên địa bàn."
                                                        : "No campaign is under way in the area."));
  } else {
    DocBlock t;
    t.kind = DocBlock::kTable;
    t.rows.push_back(vi ? std::vector<DocCell>{Text("Chiến dịch"), Text("Thời gian"), Text("Chỉ tiêu phát triển mới"),
                                               Text("Phát triển mới"), Text("Cùng kỳ năm trước"), Text("Tăng/giảm")}
                        : std::vector<DocCell>{Text("Campaign"), Text("Period"), Text("Target (new)"), Text("New"),
                                               Text("Same days last year"), Text("Difference")});
    for (const CampaignLine& c : w.campaigns) {
      const int64_t diff = c.new_people - c.new_people_prior;
      t.rows.push_back({Text(c.name), Text(c.from.ToVn() + " – " + c.to.ToVn()),
                        c.target_new > 0 ? Count(c.target_new, lang) : Text("—"), Count(c.new_people, lang),
                        Count(c.new_people_prior, lang),
                        Text((diff < 0 ? "−" : "+") + FormatCount(diff < 0 ? -diff : diff, lang))});
    }
    doc.blocks.push_back(std::move(t));
  }

  // V. Agency reports.
  doc.blocks.push_back(Block(DocBlock::kHeading, vi ? "V. BÁO CÁO CỦA CÁC CƠ QUAN, ĐƠN VỊ" : "V. AGENCY REPORTS"));
  if (!w.steering_loaded) {
    doc.blocks.push_back(Block(DocBlock::kParagraph, missing));
  } else if (w.agencies.empty()) {
    doc.blocks.push_back(Block(DocBlock::kParagraph, vi ? "Không có cơ quan, đơn vị nào được giao báo cáo tuần."
                                                        : "No agency is assigned a weekly report."));
  } else {
    DocBlock t;
    t.kind = DocBlock::kTable;
    t.rows.push_back(
        vi ? std::vector<DocCell>{Text("Cơ quan, đơn vị"), Text("Số kỳ phải nộp"), Text("Đã nộp"), Text("Đúng hạn"),
                                  Text("Tuần này")}
           : std::vector<DocCell>{Text("Agency"), Text("Due"), Text("Received"), Text("On time"), Text("This week")});
    std::string late;
    for (const AgencyLine& a : w.agencies) {
      t.rows.push_back({Text(a.agency), Count(a.expected, lang), Count(a.received, lang), Count(a.on_time, lang),
                        Text(a.late_this_week ? (vi ? "Chưa nộp" : "Late") : (vi ? "Đã nộp" : "Received"))});
      if (a.late_this_week) late += (late.empty() ? "" : ", ") + a.agency;
    }
    doc.blocks.push_back(std::move(t));
    if (!late.empty())
      doc.blocks.push_back(
          Block(DocBlock::kParagraph,
                (vi ? "Đề nghị khẩn trương nộp báo cáo tuần: " : "Weekly reports overdue: ") + late + "."));
  }
  doc.blocks.push_back(
      Block(DocBlock::kNote,
            vi ? "Số liệu tính từ dữ liệu thẻ BHYT và dân số trong hệ thống, tính đến hết ngày " + d.ToVn() + "."
               : "Figures computed from the health insurance cards and population "
                 "in the system, to the end of " +
                     d.ToVn() + "."));
  return doc;
}

}  // namespace baophu
