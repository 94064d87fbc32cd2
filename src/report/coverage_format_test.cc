#include <dlfcn.h>
#include <gtest/gtest.h>
#include <minizip/unzip.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "report/coverage_report.h"
#include "report/report_test_util.h"
#include "report/tuy_phong_fixture.h"

namespace baophu {
namespace {

using namespace baophu::testing;

// Bạc Liêu on 10/11/2021 (seed 000): 591.427 insured of 907.236 = 65,19 %, target 91 %; the
// group figures of the seed (66,58 %, 70,09 %, 46,28 %) against round group denominators.
LoadedRegistry BacLieu() {
  LoadedRegistry reg;
  reg.rules = Rules();
  reg.tree = Tree(
      {U("VN", "Việt Nam", UnitLevel::kCountry, ""), U("95", "Tỉnh Bạc Liêu", UnitLevel::kProvince, "VN"),
       U("954", "Thành phố Bạc Liêu", UnitLevel::kDistrict, "95"), U("31813", "Phường 2", UnitLevel::kCommune, "954")},
      {});
  auto idx = std::make_unique<FakeIndex>();
  auto s = idx->AddSlot("31813");
  idx->Set(s, kNLD, 66580);
  idx->Set(s, 3, 408477);
  idx->Set(s, kHSSV, 70090);
  idx->Set(s, kHGD, 46280);  // 66580 + 408477 + 70090 + 46280 = 591427
  reg.index = std::move(idx);
  for (auto [g, n] :
       {std::pair<ReportingGroupId, int64_t>{kAllGroups, 907236}, {kNLD, 100000}, {kHSSV, 100000}, {kHGD, 100000}})
    reg.population.push_back(Population{UnitCode::Unchecked("95"), D(2021, 1, 1), g, n, "test"});
  reg.targets.push_back(Target{UnitCode::Unchecked("95"), 2021, kAllGroups, 9100});
  return reg;
}

CoverageReport Build(const LoadedRegistry& reg, CoverageQuery q) {
  auto r = BuildCoverageReport(reg, q);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : CoverageReport{};
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string TestData(const std::string& name) {
  return std::string(BAOPHU_SOURCE_DIR) + "/src/report/testdata/" + name;
}

// Compares with a golden file under testdata/; BAOPHU_UPDATE_GOLDEN=1 rewrites it instead
// (review the diff before committing).
void ExpectGolden(const std::string& actual, const std::string& name) {
  if (const char* u = std::getenv("BAOPHU_UPDATE_GOLDEN"); u && *u == '1') {
    std::ofstream(TestData(name), std::ios::binary) << actual;
    return;
  }
  EXPECT_EQ(actual, ReadFile(TestData(name))) << "golden " << name;
}

const CoverageQuery kBacLieu = Q("95", D(2021, 11, 10));

TEST(CoverageFormat, BacLieuFigures) {
  LoadedRegistry reg = BacLieu();
  CoverageReport r = Build(reg, kBacLieu);
  const CoverageRow& p = r.rows.front();
  EXPECT_EQ(p.insured, 591427);
  EXPECT_EQ(p.denominator, 907236);
  EXPECT_EQ(p.rate_hundredths, 6519);  // 591427 / 907236 = 65.1898...% → 65,19
  // ceil(9100 × 907236 / 10000) = ceil(825584.76) = 825585; − 591427 = 234158.
  EXPECT_EQ(p.gap_people, 234158);
}

// The whole CSV, golden: every unit × group row whatever by_group says.
TEST(CoverageFormat, CsvGolden) {
  LoadedRegistry reg = BacLieu();
  CoverageReport r = Build(reg, kBacLieu);
  ExpectGolden(FormatCoverageCsv(r, reg.rules), "bac_lieu_2021-11-10.csv");
}

TEST(CoverageFormat, CsvUnitsOfSplitGolden) {
  LoadedRegistry reg = TuyPhong();
  CoverageReport r = Build(reg, Q("68", D(2025, 6, 1), 2, false, D(2025, 7, 1)));
  ExpectGolden(FormatCoverageCsv(r, reg.rules), "tuy_phong_2025-06-01_units_2025-07-01.csv");
}

TEST(CoverageFormat, CsvQuotesAndUnplacedRow) {
  LoadedRegistry reg = TuyPhong();
  CoverageReport r = Build(reg, Q("595", D(2019, 10, 1), 0));
  std::string csv = FormatCoverageCsv(r, reg.rules);
  EXPECT_NE(csv.find("\n,Chưa xác định xã/phường,commune,ALL,2,,,,\n"), std::string::npos) << csv;
  // The HSSV group name has a comma but the CSV carries codes; only quoting-worthy text is quoted.
  EXPECT_NE(csv.find("\n595,Huyện Tuy Phong,district,HSSV,102,50,204.00,85.45,0\n"), std::string::npos) << csv;
}

TEST(CoverageFormat, JsonParsesBack) {
  LoadedRegistry reg = BacLieu();
  CoverageReport r = Build(reg, kBacLieu);
  std::string text = FormatCoverageJson(r, reg.rules);
  auto j = nlohmann::json::parse(text);
  EXPECT_EQ(j["as_of"], "2021-11-10");
  EXPECT_EQ(j["unit"], "95");
  EXPECT_TRUE(j["units_of"].is_null());
  ASSERT_EQ(j["rows"].size(), 21u);  // 3 units × (all + 6 groups)
  const auto& p = j["rows"][0];
  EXPECT_EQ(p["unit_code"], "95");
  EXPECT_EQ(p["unit_name"], "Tỉnh Bạc Liêu");
  EXPECT_EQ(p["level"], "province");
  EXPECT_EQ(p["group"], "ALL");
  EXPECT_EQ(p["insured"], 591427);
  EXPECT_EQ(p["denominator"], 907236);
  EXPECT_EQ(p["rate_percent"], 65.19);
  EXPECT_EQ(p["target_percent"], 91.0);
  EXPECT_EQ(p["gap_people"], 234158);
  EXPECT_NE(text.find("\"rate_percent\": 65.19,"), std::string::npos);  // printed exactly
  const auto& hssv = j["rows"][5];
  EXPECT_EQ(hssv["group"], "HSSV");
  EXPECT_EQ(hssv["rate_percent"], 70.09);
  const auto& city = j["rows"][7];
  EXPECT_EQ(city["unit_code"], "954");
  EXPECT_TRUE(city["denominator"].is_null());
  EXPECT_TRUE(city["rate_percent"].is_null());
  EXPECT_TRUE(city["gap_people"].is_null());
  EXPECT_EQ(city["target_percent"], 91.0);
  EXPECT_TRUE(j["notes"].is_array());

  LoadedRegistry tp = TuyPhong();
  auto j2 =
      nlohmann::json::parse(FormatCoverageJson(Build(tp, Q("68", D(2025, 6, 1), -1, false, D(2025, 7, 1))), tp.rules));
  EXPECT_EQ(j2["units_of"], "2025-07-01");
  EXPECT_EQ(j2["notes"].size(), 1u);
}

// Columns start at the same terminal column on every line: widths count code points.
void ExpectAligned(const std::string& table) {
  std::istringstream in(table);
  std::string line;
  std::vector<std::vector<size_t>> bars;
  while (std::getline(in, line)) {
    if (line.find(" | ") == std::string::npos && line.find("-+-") == std::string::npos) continue;
    std::vector<size_t> cols;
    size_t col = 0;
    for (size_t i = 0; i < line.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(line[i]);
      if ((c & 0xC0) == 0x80) continue;  // continuation byte
      if (c == '|' || c == '+') cols.push_back(col);
      ++col;
    }
    bars.push_back(cols);
  }
  ASSERT_GE(bars.size(), 3u);
  for (const auto& b : bars) EXPECT_EQ(b, bars.front()) << table;
}

TEST(CoverageFormat, TableVietnamese) {
  LoadedRegistry reg = BacLieu();
  CoverageReport r = Build(reg, kBacLieu);
  std::string t = FormatCoverageTable(r, reg.rules, Lang::kVi);
  EXPECT_EQ(t.rfind("Báo cáo bao phủ BHYT tính đến ngày 10/11/2021 — Tỉnh Bạc Liêu\n", 0), 0u) << t;
  EXPECT_NE(t.find("Đơn vị"), std::string::npos);
  EXPECT_NE(t.find("Còn thiếu (người)"), std::string::npos);
  EXPECT_NE(t.find("591.427"), std::string::npos);
  EXPECT_NE(t.find("907.236"), std::string::npos);
  EXPECT_NE(t.find("65,19 %"), std::string::npos);
  EXPECT_NE(t.find("91,00 %"), std::string::npos);
  EXPECT_NE(t.find("234.158"), std::string::npos);
  EXPECT_NE(t.find("—"), std::string::npos);                // unknown denominators of 954, 31813
  EXPECT_EQ(t.find("Học sinh"), std::string::npos);         // no group rows without by_group
  EXPECT_NE(t.find("\n    Phường 2 "), std::string::npos);  // indented by depth
  ExpectAligned(t);

  r.query.by_group = true;
  std::string g = FormatCoverageTable(r, reg.rules, Lang::kVi);
  EXPECT_NE(g.find("Học sinh, sinh viên"), std::string::npos);
  EXPECT_NE(g.find("70,09 %"), std::string::npos);
  EXPECT_NE(g.find("46,28 %"), std::string::npos);
  EXPECT_NE(g.find("66,58 %"), std::string::npos);
  ExpectAligned(g);
}

TEST(CoverageFormat, TableGolden) {
  LoadedRegistry reg = TuyPhong();
  CoverageReport r = Build(reg, Q("595", D(2019, 10, 1), 2));
  ExpectGolden(FormatCoverageTable(r, reg.rules, Lang::kVi), "tuy_phong_2019-10-01.txt");
  r.query.by_group = true;
  ExpectGolden(FormatCoverageTable(r, reg.rules, Lang::kEn), "tuy_phong_2019-10-01_by_group_en.txt");
}

TEST(CoverageFormat, TableEnglish) {
  LoadedRegistry reg = BacLieu();
  CoverageReport r = Build(reg, Q("95", D(2021, 11, 10), -1, true));
  std::string t = FormatCoverageTable(r, reg.rules, Lang::kEn);
  EXPECT_EQ(t.rfind("Health insurance coverage as of 10/11/2021 — Tỉnh Bạc Liêu\n", 0), 0u) << t;
  EXPECT_NE(t.find("591,427"), std::string::npos);
  EXPECT_NE(t.find("65.19 %"), std::string::npos);
  EXPECT_NE(t.find("Pupils and students"), std::string::npos);
  EXPECT_NE(t.find("Insured"), std::string::npos);
  ExpectAligned(t);
}

TEST(CoverageFormat, TableUnplacedAndNotes) {
  LoadedRegistry reg = TuyPhong();
  CoverageReport r = Build(reg, Q("68", D(2025, 6, 1), -1, false, D(2025, 7, 1)));
  std::string vi = FormatCoverageTable(r, reg.rules, Lang::kVi);
  EXPECT_NE(vi.find("(theo đơn vị hành chính ngày 01/07/2025)"), std::string::npos);
  EXPECT_NE(vi.find("\nGhi chú:\n- Xã Phong Phú (22978) được chia cho 2 đơn vị"), std::string::npos) << vi;
  CoverageReport u = Build(reg, Q("595", D(2019, 10, 1)));
  EXPECT_NE(FormatCoverageTable(u, reg.rules, Lang::kVi).find("  Chưa xác định xã/phường"), std::string::npos);
  EXPECT_NE(FormatCoverageTable(u, reg.rules, Lang::kEn).find("  Commune unknown or not valid on the date"),
            std::string::npos);
}

// minizip is loaded in the process (libxlsxwriter needs it) but report_tests does not link it
// directly; its functions are looked up at run time rather than widening the layer's links.
struct Minizip {
  decltype(&unzOpen) open = nullptr;
  decltype(&unzLocateFile) locate = nullptr;
  decltype(&unzOpenCurrentFile) open_current = nullptr;
  decltype(&unzReadCurrentFile) read_current = nullptr;
  decltype(&unzCloseCurrentFile) close_current = nullptr;
  decltype(&unzClose) close = nullptr;
  bool ok() const { return open && locate && open_current && read_current && close_current && close; }
};

const Minizip& Mz() {
  static const Minizip mz = [] {
    Minizip m;
    void* h = dlopen("libminizip.so.1", RTLD_NOW | RTLD_NOLOAD);
    if (!h) h = dlopen("libminizip.so.1", RTLD_NOW);
    if (!h) return m;
    m.open = reinterpret_cast<decltype(&unzOpen)>(dlsym(h, "unzOpen"));
    m.locate = reinterpret_cast<decltype(&unzLocateFile)>(dlsym(h, "unzLocateFile"));
    m.open_current = reinterpret_cast<decltype(&unzOpenCurrentFile)>(dlsym(h, "unzOpenCurrentFile"));
    m.read_current = reinterpret_cast<decltype(&unzReadCurrentFile)>(dlsym(h, "unzReadCurrentFile"));
    m.close_current = reinterpret_cast<decltype(&unzCloseCurrentFile)>(dlsym(h, "unzCloseCurrentFile"));
    m.close = reinterpret_cast<decltype(&unzClose)>(dlsym(h, "unzClose"));
    return m;
  }();
  return mz;
}

// Reads one file of a zip archive (minizip), empty when missing.
std::string ReadZipEntry(const std::string& zip, const std::string& name) {
  const Minizip& mz = Mz();
  auto unzOpen = mz.open;
  auto unzLocateFile = mz.locate;
  auto unzOpenCurrentFile = mz.open_current;
  auto unzReadCurrentFile = mz.read_current;
  auto unzCloseCurrentFile = mz.close_current;
  auto unzClose = mz.close;
  unzFile z = unzOpen(zip.c_str());
  if (!z) return "";
  std::string out;
  if (unzLocateFile(z, name.c_str(), 0) == UNZ_OK && unzOpenCurrentFile(z) == UNZ_OK) {
    char buf[8192];
    int n;
    while ((n = unzReadCurrentFile(z, buf, sizeof buf)) > 0) out.append(buf, static_cast<size_t>(n));
    unzCloseCurrentFile(z);
  }
  unzClose(z);
  return out;
}

TEST(CoverageFormat, XlsxWrittenWithNumbers) {
  LoadedRegistry reg = BacLieu();
  CoverageReport r = Build(reg, Q("95", D(2021, 11, 10), -1, true));
  r.notes.push_back("Ghi chú thử");
  std::string path = ::testing::TempDir() + "/bao_cao_bac_lieu.xlsx";
  std::remove(path.c_str());
  Status st = WriteCoverageXlsx(r, reg.rules, Lang::kVi, path);
  ASSERT_TRUE(st.ok()) << st.ToString();
  if (!Mz().ok()) GTEST_SKIP() << "libminizip.so.1 not found: cannot reopen the workbook";
  std::string sheet = ReadZipEntry(path, "xl/worksheets/sheet1.xml");
  ASSERT_FALSE(sheet.empty());
  EXPECT_NE(sheet.find("<v>591427</v>"), std::string::npos);
  EXPECT_NE(sheet.find("<v>907236</v>"), std::string::npos);
  EXPECT_NE(sheet.find("<v>0.6519</v>"), std::string::npos);  // 65,19 % as a fraction
  EXPECT_NE(sheet.find("<v>0.91</v>"), std::string::npos);
  EXPECT_NE(sheet.find("<v>234158</v>"), std::string::npos);
  EXPECT_NE(sheet.find("state=\"frozen\""), std::string::npos);
  EXPECT_NE(sheet.find("<cols>"), std::string::npos);
  std::string styles = ReadZipEntry(path, "xl/styles.xml");
  EXPECT_NE(styles.find("formatCode=\"0.00%\""), std::string::npos);
  EXPECT_NE(styles.find("#,##0"), std::string::npos);
  std::string book = ReadZipEntry(path, "xl/workbook.xml");
  EXPECT_NE(book.find("name=\"Ghi chú\""), std::string::npos);
  std::string strings = ReadZipEntry(path, "xl/sharedStrings.xml");
  EXPECT_NE(strings.find("Tỷ lệ"), std::string::npos);
  EXPECT_NE(strings.find("Học sinh, sinh viên"), std::string::npos);
  EXPECT_NE(strings.find("Ghi chú thử"), std::string::npos);
  EXPECT_NE(strings.find("10/11/2021"), std::string::npos);
}

TEST(CoverageFormat, XlsxBadPathIsAnIOError) {
  LoadedRegistry reg = BacLieu();
  CoverageReport r = Build(reg, kBacLieu);
  Status st = WriteCoverageXlsx(r, reg.rules, Lang::kVi, "/nonexistent-dir/x.xlsx");
  EXPECT_EQ(st.code(), Status::Code::kIOError);
}

}  // namespace
}  // namespace baophu
