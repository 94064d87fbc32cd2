// Tests of the steering layer: the priority rule on the Tuy Phong figures, the forecast and the
// weekly report's figures and words on a small province whose counts grow by hand-picked steps
// each week, and the four renderings read back.
#include <gtest/gtest.h>
#include <unzip.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "report/report_test_util.h"
#include "steering/dhis2_export.h"
#include "steering/new_rural.h"
#include "steering/priority.h"
#include "steering/weekly_document.h"
#include "steering/weekly_report.h"

namespace baophu {
namespace {

using testing::D;
using testing::kHGD;
using testing::kHSSV;
using testing::kNLD;

// Per (slot, group): base + step × whole weeks since 01/09/2021 (base before it).
class WeeklyIndex : public CoverageIndex {
 public:
  WeeklyIndex() { keys_.push_back({}); }
  Slot AddSlot(std::string commune) {
    keys_.push_back({std::move(commune), ""});
    return static_cast<Slot>(keys_.size() - 1);
  }
  void Set(Slot s, ReportingGroupId g, int64_t base, int64_t step) { counts_[{s, g}] = {base, step}; }
  size_t slot_count() const override { return keys_.size(); }
  SlotKey slot(Slot s) const override { return keys_[s]; }
  int64_t Count(Slot s, ReportingGroupId g, Date d) const override {
    if (g == kAllGroups) {
      int64_t n = 0;
      for (const auto& [k, v] : counts_)
        if (k.first == s) n += At(v, d);
      return n;
    }
    auto it = counts_.find({s, g});
    return it == counts_.end() ? 0 : At(it->second, d);
  }
  void ForEachCount(Date d, const std::function<void(Slot, ReportingGroupId, int64_t)>& fn) const override {
    for (const auto& [k, v] : counts_) fn(k.first, k.second, At(v, d));
  }
  Status ApplyPerson(const Person&) override { return Status::Unsupported("fake"); }
  Status ApplyCard(const Card&) override { return Status::Unsupported("fake"); }
  Status RemoveCard(BhxhNumber, Date) override { return Status::Unsupported("fake"); }
  int64_t person_count() const override { return 0; }
  int64_t card_count() const override { return 0; }
  int64_t MemoryBytes() const override { return 0; }

 private:
  static int64_t At(std::pair<int64_t, int64_t> v, Date d) {
    const int32_t days = d - D(2021, 9, 1);
    return v.first + (days < 0 ? 0 : days / 7) * v.second;
  }
  std::vector<SlotKey> keys_;
  std::map<std::pair<Slot, ReportingGroupId>, std::pair<int64_t, int64_t>> counts_;
};

// Province 95 with two districts, one commune each. On 10/11/2021 (10 weeks after 01/09):
// 31813 NLD 600 + 10 × 10 = 700, HGD 300 + 20 × 10 = 500; 31840 HSSV 400, HGD 100 + 5 × 10 = 150.
LoadedRegistry Province() {
  using L = UnitLevel;
  LoadedRegistry reg;
  reg.rules = testing::Rules();
  reg.tree = testing::Tree(
      {testing::U("VN", "Việt Nam", L::kCountry, ""), testing::U("95", "Tỉnh Bạc Liêu", L::kProvince, "VN"),
       testing::U("954", "Thành phố Bạc Liêu", L::kDistrict, "95"),
       testing::U("956", "Huyện Hồng Dân", L::kDistrict, "95"), testing::U("31813", "Phường 7", L::kCommune, "954"),
       testing::U("31840", "Thị trấn Ngan Dừa", L::kCommune, "956")},
      {});
  auto idx = std::make_unique<WeeklyIndex>();
  CoverageIndex::Slot a = idx->AddSlot("31813"), b = idx->AddSlot("31840");
  idx->Set(a, kNLD, 600, 10);
  idx->Set(a, kHGD, 300, 20);
  idx->Set(b, kHSSV, 400, 0);
  idx->Set(b, kHGD, 100, 5);
  reg.index = std::move(idx);
  auto pop = [&](const char* code, ReportingGroupId g, int64_t n) {
    reg.population.push_back(Population{UnitCode::Unchecked(code), D(2021, 1, 1), g, n, "test"});
  };
  pop("95", kAllGroups, 2500);
  pop("95", kNLD, 1000);
  pop("95", kHSSV, 500);
  pop("95", kHGD, 1000);
  pop("954", kAllGroups, 1500);
  pop("956", kAllGroups, 1000);
  reg.targets.push_back(Target{UnitCode::Unchecked("95"), 2021, kAllGroups, 9100});
  return reg;
}

WeeklyQuery Query() {
  WeeklyQuery q;
  q.unit_code = "95";
  q.as_of = D(2021, 11, 10);
  return q;
}

CoverageRow Row(const char* code, const char* name, int64_t insured, int64_t den, int64_t rate) {
  CoverageRow r;
  r.unit_code = code;
  r.unit_name = name;
  r.insured = insured;
  r.denominator = den;
  r.rate_hundredths = rate;
  r.target_hundredths = 8545;
  return r;
}

TEST(Priority, TuyPhongFocusCommunesFromTheScenarioFigures) {
  // The communes of Tuy Phong on 30/09/2019 (tests/scenarios/tuy_phong_2019.golden.txt).
  std::vector<CoverageRow> rows = {Row("22969", "Thị trấn Liên Hương", 26774, 29584, 9050),
                                   Row("22972", "Thị trấn Phan Rí Cửa", 24598, 35464, 6936),
                                   Row("22975", "Xã Phan Dũng", 934, 945, 9884),
                                   Row("22978", "Xã Phong Phú", 7349, 7392, 9942),
                                   Row("22981", "Xã Vĩnh Hảo", 7128, 7167, 9946),
                                   Row("22984", "Xã Vĩnh Tân", 5871, 6024, 9746),
                                   Row("22987", "Xã Phú Lạc", 8758, 8961, 9773),
                                   Row("22990", "Xã Phước Thể", 11425, 11519, 9918),
                                   Row("22993", "Xã Hòa Minh", 4259, 6505, 6547),
                                   Row("22996", "Xã Chí Công", 13312, 20937, 6358),
                                   Row("22999", "Xã Bình Thạnh", 3485, 3571, 9759),
                                   Row("23002", "Xã Hòa Phú", 4510, 6731, 6700)};
  auto ranked = RankUnits(rows, PriorityRule{});
  ASSERT_TRUE(ranked.ok());
  std::vector<std::string> top;
  for (int i = 0; i < 5; ++i) top.push_back((*ranked)[i].unit_name);
  // Phan Rí Cửa: 10.866 people (the most) and 30,64 % short (Chí Công's 36,42 % is the most):
  // (70 × 10000 + 30 × 30640000 / 3642 = 8412) / 100 = 9523.
  EXPECT_EQ((*ranked)[0].unit_name, "Thị trấn Phan Rí Cửa");
  EXPECT_EQ((*ranked)[0].people_to_reach, 10866);
  EXPECT_EQ((*ranked)[0].score, 9523);
  // Chí Công: 7.625 × 10000 / 10.866 = 7017; (70 × 7017 + 30 × 10000) / 100 = 7911.
  EXPECT_EQ((*ranked)[1].unit_name, "Xã Chí Công");
  EXPECT_EQ((*ranked)[1].score, 7911);
  // The five communes of the district's conclusion, Liên Hương (above the target but 2.810
  // people to reach) among them.
  EXPECT_EQ(top, (std::vector<std::string>{"Thị trấn Phan Rí Cửa", "Xã Chí Công", "Xã Hòa Minh", "Xã Hòa Phú",
                                           "Thị trấn Liên Hương"}));
  // People only: the order of the document (Phan Rí Cửa, Chí Công, Liên Hương, Hòa Minh, Hòa Phú).
  auto by_people = RankUnits(rows, PriorityRule{100, 0, 5});
  ASSERT_TRUE(by_people.ok());
  EXPECT_EQ((*by_people)[2].unit_name, "Thị trấn Liên Hương");
  EXPECT_EQ((*by_people)[3].unit_name, "Xã Hòa Minh");
  EXPECT_EQ((*by_people)[5].rank, 6);
}

TEST(Priority, RejectsBadWeightsAndLeavesUnknownDenominatorsUnranked) {
  std::vector<CoverageRow> rows = {Row("1", "A", 10, 100, 1000), Row("2", "B", 5, -1, -1)};
  EXPECT_FALSE(RankUnits(rows, PriorityRule{0, 0, 5}).ok());
  EXPECT_FALSE(RankUnits(rows, PriorityRule{101, 0, 5}).ok());
  auto r = RankUnits(rows, PriorityRule{});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ((*r)[0].rank, 1);
  EXPECT_EQ((*r)[1].rank, 0);
  EXPECT_EQ((*r)[1].score, -1);
}

TEST(WeeklyReport, FiguresFromTheReports) {
  LoadedRegistry reg = Province();
  auto w = BuildWeeklyReport(reg, Query());
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  // 700 + 500 + 400 + 150 = 1.750 of 2.500 = 70,00 %; gap ceil(91 % × 2.500) − 1.750 = 525.
  EXPECT_EQ(w->total.insured, 1750);
  EXPECT_EQ(w->total.rate_hundredths, 7000);
  EXPECT_EQ(w->total.gap_people, 525);
  // A week before (9 weeks): 690 + 480 + 400 + 145 = 1.715.
  EXPECT_EQ(w->total_week_before.insured, 1715);
  ASSERT_EQ(w->groups.size(), 3u);  // the groups with a denominator: NLD, HSSV, HGD
  ASSERT_EQ(w->units.size(), 2u);
  // Hồng Dân: 550 of 1.000 (55 %), 450 to reach, the most of both: score 10000, rank 1.
  // Bạc Liêu city: 1.200 of 1.500 (80 %), 300 to reach: (70 × 6666 + 30 × 4444) / 100 = 5999.
  EXPECT_EQ(w->units[0].unit_code, "954");
  EXPECT_EQ(w->units[0].score, 5999);
  EXPECT_EQ(w->units[0].rank, 2);
  EXPECT_EQ(w->units[1].score, 10000);
  EXPECT_EQ(w->units[1].rank, 1);
  EXPECT_EQ(w->units_rate_week_before[1], 5450);  // 400 + 145 = 545 of 1.000
  ASSERT_EQ(w->lowest.size(), 2u);
  EXPECT_EQ(w->lowest[0].unit_code, "956");
  // The trend: 12 Wednesdays ending on 10/11; its last point is the report's figure.
  ASSERT_EQ(w->trend.points.size(), 12u);
  EXPECT_EQ(w->trend.points.back().date, D(2021, 11, 10));
  EXPECT_EQ(w->trend.points.back().insured, 1750);
  EXPECT_EQ(w->trend.points.front().date, D(2021, 8, 25));
  EXPECT_EQ(w->trend.points.front().insured, 1400);  // before 01/09: the bases
}

TEST(WeeklyReport, Forecast) {
  LoadedRegistry reg = Province();
  auto w = BuildWeeklyReport(reg, Query());
  ASSERT_TRUE(w.ok());
  const Forecast& f = w->forecast;
  // 13/10 (6 weeks): 660 + 420 + 400 + 130 = 1.610; (1.750 − 1.610) / 4 = 35 a week.
  EXPECT_EQ(f.pace_from, D(2021, 10, 13));
  EXPECT_EQ(f.insured_pace_from, 1610);
  EXPECT_EQ(f.net_per_week, 35);
  // 51 days to 31/12: 1.750 + 35 × 51 / 7 = 2.005, 80,20 % of 2.500.
  EXPECT_EQ(f.days_left, 51);
  EXPECT_EQ(f.expected_insured, 2005);
  EXPECT_EQ(f.expected_rate_hundredths, 8020);
  // 8 weeks left: ceil(525 / 8) = 66 a week; 35 is not enough.
  EXPECT_EQ(f.needed_per_week, 66);
  EXPECT_FALSE(f.on_track);
}

TEST(WeeklyReport, FirstParagraphInTheOfficialsWords) {
  LoadedRegistry reg = Province();
  auto w = BuildWeeklyReport(reg, Query());
  ASSERT_TRUE(w.ok());
  EXPECT_EQ(WeeklyFirstParagraph(*w, reg.rules, Lang::kVi),
            "Tính đến ngày 10/11/2021, tỷ lệ bao phủ BHYT trên địa bàn tỉnh đạt 70,00 %, trong đó nhóm người lao "
            "động và người sử dụng lao động đạt 70,00 %, nhóm học sinh, sinh viên đạt 80,00 %, nhóm hộ gia đình "
            "đạt 65,00 %; so với chỉ tiêu 91 % còn thiếu 525 người.");
  EXPECT_EQ(WeeklyFirstParagraph(*w, reg.rules, Lang::kEn),
            "As of 10/11/2021, health insurance coverage in Tỉnh Bạc Liêu reached 70.00 %, of which Employees and "
            "employers 70.00 %, Pupils and students 80.00 %, Household group 65.00 %; against the target of 91 %, "
            "525 people are still missing.");
  const WeeklyDocument doc = BuildWeeklyDocument(*w, reg.rules, Lang::kVi);
  std::string all;
  for (const DocBlock& b : doc.blocks) all += b.text + "\n";
  EXPECT_NE(all.find("So với ngày 03/11/2021 (tuần trước), số người có thẻ BHYT tăng 35 người, tỷ lệ bao phủ thay "
                     "đổi +1,40 điểm phần trăm (từ 68,60 % lên 70,00 %)."),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("Các đơn vị có tỷ lệ tham gia BHYT đạt thấp: Hồng Dân đạt 55,00 %; Bạc Liêu đạt 80,00 %."),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("cần tăng thêm bình quân 66 người/tuần"), std::string::npos) << all;
}

TEST(WeeklyReport, UnknownUnitIsNotFound) {
  LoadedRegistry reg = Province();
  WeeklyQuery q = Query();
  q.unit_code = "12345";
  EXPECT_EQ(BuildWeeklyReport(reg, q).status().code(), Status::Code::kNotFound);
}

TEST(NewRural, PerCommuneMetOrShortByPeople) {
  LoadedRegistry reg = Province();
  reg.population.push_back(Population{UnitCode::Unchecked("31813"), D(2021, 1, 1), kAllGroups, 1500, "test"});
  reg.population.push_back(Population{UnitCode::Unchecked("31840"), D(2021, 1, 1), kAllGroups, 600, "test"});
  auto table = NewRuralTable::LoadDefault();
  ASSERT_TRUE(table.ok()) << table.status().ToString();
  // 2021: standard 90 %. Phường 7: 1.200 of 1.500 → ceil(0,9 × 1.500) − 1.200 = 150 short.
  // Ngan Dừa as "advanced" (95 %): 550 of 600 → ceil(570) − 550 = 20 short; as "standard": 540, met.
  auto rows = CheckNewRural(reg, *table, "95", D(2021, 11, 10), {{"31840", "advanced"}}, "standard");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_EQ((*rows)[0].unit_code, "31813");
  EXPECT_EQ((*rows)[0].threshold_hundredths, 9000);
  EXPECT_EQ((*rows)[0].people_short, 150);
  EXPECT_FALSE((*rows)[0].met);
  EXPECT_EQ((*rows)[1].threshold_hundredths, 9500);
  EXPECT_EQ((*rows)[1].people_short, 20);
  auto standard = CheckNewRural(reg, *table, "95", D(2021, 11, 10), {}, "standard");
  ASSERT_TRUE(standard.ok());
  EXPECT_TRUE((*standard)[1].met);
  EXPECT_EQ((*standard)[1].people_short, 0);
  // 2019: the 2016–2020 standard row, 85 %.
  auto y2019 = CheckNewRural(reg, *table, "95", D(2019, 6, 30), {}, "standard");
  ASSERT_TRUE(y2019.ok());
  EXPECT_EQ((*y2019)[0].threshold_hundredths, 8500);
  // No "advanced" row before 2021: unknown, not "met".
  auto none = CheckNewRural(reg, *table, "95", D(2019, 6, 30), {}, "advanced");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ((*none)[0].threshold_hundredths, -1);
  EXPECT_FALSE((*none)[0].met);
}

TEST(Dhis2, IsoWeekPeriods) {
  EXPECT_EQ(IsoWeekPeriod(D(2021, 11, 10)), "2021W45");  // Wednesday of 08–14/11/2021
  EXPECT_EQ(IsoWeekPeriod(D(2021, 11, 14)), "2021W45");  // its Sunday
  EXPECT_EQ(IsoWeekPeriod(D(2021, 11, 15)), "2021W46");
  EXPECT_EQ(IsoWeekPeriod(D(2021, 1, 3)), "2020W53");   // 2020 had 53 ISO weeks
  EXPECT_EQ(IsoWeekPeriod(D(2019, 12, 30)), "2020W1");  // a Monday counted in 2020
}

TEST(Dhis2, DataValueSetHasTheStructureDhis2Imports) {
  LoadedRegistry reg = Province();
  Dhis2Query q;
  q.unit_code = "95";
  q.from = D(2021, 11, 1);
  q.to = D(2021, 11, 10);
  auto out = ExportDhis2DataValueSet(reg, q);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const auto j = nlohmann::json::parse(*out);
  EXPECT_EQ(j.at("dataSet"), "BHYT_WEEKLY");
  const auto& v = j.at("dataValues");
  ASSERT_TRUE(v.is_array());
  std::map<std::string, std::string> seen;
  for (const auto& x : v) {
    // Every value has exactly the five fields of a DHIS2 data value, strings throughout.
    ASSERT_EQ(x.size(), 5u) << x.dump();
    for (const char* k : {"dataElement", "period", "orgUnit", "categoryOptionCombo", "value"})
      ASSERT_TRUE(x.at(k).is_string()) << k;
    seen[x["dataElement"].get<std::string>() + "|" + x["period"].get<std::string>() + "|" +
         x["orgUnit"].get<std::string>() + "|" + x["categoryOptionCombo"].get<std::string>()] = x["value"];
  }
  // Week 44 as of Sunday 07/11 (9 weeks after 01/09): 690 + 480 + 400 + 145 = 1.715; week 45 as of
  // 10/11, the last day asked: 1.750, and its gap 525 (the weekly report's figures).
  EXPECT_EQ(seen["BHYT_INSURED|2021W44|95|default"], "1715");
  EXPECT_EQ(seen["BHYT_INSURED|2021W45|95|default"], "1750");
  EXPECT_EQ(seen["BHYT_POPULATION|2021W45|95|default"], "2500");
  EXPECT_EQ(seen["BHYT_GAP|2021W45|95|default"], "525");
  EXPECT_EQ(seen["BHYT_INSURED|2021W45|956|default"], "550");
  EXPECT_EQ(seen["BHYT_INSURED|2021W45|95|HGD"], "650");
  // No denominator for the district's groups: no value, not a zero.
  EXPECT_EQ(seen.count("BHYT_POPULATION|2021W45|956|HGD"), 0u);
  q.to = D(2021, 10, 1);
  EXPECT_EQ(ExportDhis2DataValueSet(reg, q).status().code(), Status::Code::kInvalidArgument);
}

std::string Slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream s;
  s << f.rdbuf();
  return s.str();
}

std::string Unzip(const std::string& zip_path, const std::string& member) {
  unzFile z = unzOpen64(zip_path.c_str());
  if (!z) return "";
  std::string out;
  if (unzLocateFile(z, member.c_str(), 1) == UNZ_OK && unzOpenCurrentFile(z) == UNZ_OK) {
    char buf[8192];
    int n;
    while ((n = unzReadCurrentFile(z, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
    unzCloseCurrentFile(z);
  }
  unzClose(z);
  return out;
}

class Rendered : public ::testing::Test {
 protected:
  void SetUp() override {
    reg_ = Province();
    auto w = BuildWeeklyReport(reg_, Query());
    ASSERT_TRUE(w.ok());
    doc_ = BuildWeeklyDocument(*w, reg_.rules, Lang::kVi);
    dir_ = std::filesystem::temp_directory_path() / ("steering_test_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Path(const char* name) { return (dir_ / name).string(); }
  LoadedRegistry reg_;
  WeeklyDocument doc_;
  std::filesystem::path dir_;
};

TEST_F(Rendered, Html) {
  ASSERT_TRUE(WriteWeeklyHtml(doc_, Lang::kVi, Path("w.html")).ok());
  const std::string h = Slurp(Path("w.html"));
  EXPECT_NE(h.find(doc_.first_paragraph), std::string::npos);
  EXPECT_NE(h.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), std::string::npos);
  EXPECT_NE(h.find("ỦY BAN NHÂN DÂN<br>TỈNH BẠC LIÊU"), std::string::npos);
  EXPECT_NE(h.find("data:image/png;base64,iVBOR"), std::string::npos);  // the chart's PNG signature
}

TEST_F(Rendered, DocxIsWordprocessingMlWithTheParagraph) {
  ASSERT_TRUE(WriteWeeklyDocx(doc_, Lang::kVi, Path("w.docx")).ok());
  const std::string xml = Unzip(Path("w.docx"), "word/document.xml");
  EXPECT_NE(xml.find("<w:t xml:space=\"preserve\">" + doc_.first_paragraph + "</w:t>"), std::string::npos);
  EXPECT_NE(Unzip(Path("w.docx"), "[Content_Types].xml").find("wordprocessingml.document.main+xml"), std::string::npos);
  EXPECT_EQ(Unzip(Path("w.docx"), "word/media/chart.png").substr(1, 3), "PNG");
}

TEST_F(Rendered, XlsxHoldsTheWordsAndRealNumbers) {
  ASSERT_TRUE(WriteWeeklyXlsx(doc_, Lang::kVi, Path("w.xlsx")).ok());
  const std::string strings = Unzip(Path("w.xlsx"), "xl/sharedStrings.xml");
  EXPECT_NE(strings.find(doc_.first_paragraph), std::string::npos);
  const std::string sheet = Unzip(Path("w.xlsx"), "xl/worksheets/sheet1.xml");
  EXPECT_NE(sheet.find("<v>1750</v>"), std::string::npos);  // the province's insured, a number
  EXPECT_NE(sheet.find("<v>0.7</v>"), std::string::npos);   // 70,00 % as a fraction
}

TEST_F(Rendered, PdfTextReadsBack) {
  ASSERT_TRUE(WriteWeeklyPdf(doc_, Path("w.pdf")).ok());
  EXPECT_EQ(Slurp(Path("w.pdf")).substr(0, 5), "%PDF-");
  if (std::system("command -v pdftotext > /dev/null") != 0) GTEST_SKIP() << "pdftotext missing (poppler-utils)";
  const std::string cmd = "pdftotext -raw '" + Path("w.pdf") + "' '" + Path("w.txt") + "'";
  ASSERT_EQ(std::system(cmd.c_str()), 0);
  std::string text = Slurp(Path("w.txt"));
  // Lines are broken where the page breaks them: compare with the spaces collapsed.
  for (char& c : text)
    if (c == '\n') c = ' ';
  for (size_t p = text.find("\u00A0"); p != std::string::npos; p = text.find("\u00A0", p)) text.replace(p, 2, " ");
  EXPECT_NE(text.find("Tính đến ngày 10/11/2021, tỷ lệ bao phủ BHYT trên địa bàn tỉnh đạt 70,00 %"), std::string::npos)
      << text;
  EXPECT_NE(text.find("so với chỉ tiêu 91 % còn thiếu 525 người."), std::string::npos) << text;
  EXPECT_NE(text.find("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), std::string::npos) << text;
  // The font is embedded.
  const std::string fonts = "pdffonts '" + Path("w.pdf") + "' | grep -q 'DejaVu.* yes '";
  EXPECT_EQ(std::system(fonts.c_str()), 0);
}

}  // namespace
}  // namespace baophu
