#include "report/coverage_report.h"

#include <gtest/gtest.h>

#include "report/tuy_phong_fixture.h"

namespace baophu {
namespace {

using namespace baophu::testing;

const Date kOct2019 = D(2019, 10, 1);

CoverageReport Build(const LoadedRegistry& reg, CoverageQuery q) {
  auto r = BuildCoverageReport(reg, q);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : CoverageReport{};
}

const CoverageRow* Find(const CoverageReport& r, const std::string& code, ReportingGroupId g = kAllGroups,
                        bool unplaced = false) {
  for (const CoverageRow& row : r.rows)
    if (row.unit_code == code && row.group == g && row.unplaced == unplaced) return &row;
  return nullptr;
}

const CoverageRow* Unplaced(const CoverageReport& r, int depth, ReportingGroupId g = kAllGroups) {
  for (const CoverageRow& row : r.rows)
    if (row.unplaced && row.depth == depth && row.group == g) return &row;
  return nullptr;
}

// One line per "all groups" row: depth, code, insured, denominator, rate, target, gap.
std::string Outline(const CoverageReport& r) {
  std::string s;
  for (const CoverageRow& row : r.rows) {
    if (row.group != kAllGroups) continue;
    s += std::to_string(row.depth) + " " + (row.unplaced ? "?" : row.unit_code) + " " + std::to_string(row.insured) +
         " " + std::to_string(row.denominator) + " " + std::to_string(row.rate_hundredths) + " " +
         std::to_string(row.target_hundredths) + " " + std::to_string(row.gap_people) + "\n";
  }
  return s;
}

TEST(CoverageReport, DistrictRollUpDenominatorsTargetsGaps) {
  LoadedRegistry reg = TuyPhong();
  CoverageReport r = Build(reg, Q("595", kOct2019));
  // 595 = 180 + 300 + 17 + 70 + 50 + 67 + 2 unplaced (22990 not valid yet) = 686.
  // Its denominator is the children's: 300 + 500 + 41 + 100 + 120 = 1061 (22996 has none).
  // Rate 686/1061 = 64.6559...% → 6466. Gap ceil(8545 × 1061 / 10000) = ceil(906.62) = 907 − 686 = 221.
  // 22969: population 300 (2019-04-01 beats 2018 and ignores 2020); target 8545 from 595;
  //   ceil(8545 × 300 / 10000) = ceil(256.35) = 257 − 180 = 77.
  // 22972: own target 9500: 9500 × 500 / 10000 = 475 exactly − 300 = 175.
  // 22978: 8 + 9 in its hamlet = 17; ceil(8545 × 41 / 10000) = ceil(35.03) = 36 − 17 = 19.
  // 22993: ceil(85.45) = 86 − 70 = 16.  22996: 40 + 10 = 50, no population → unknown.
  // 23002: ceil(8545 × 120 / 10000) = ceil(102.54) = 103 − 67 = 36.
  EXPECT_EQ(Outline(r),
            "0 595 686 1061 6466 8545 221\n"
            "1 22969 180 300 6000 8545 77\n"
            "1 22972 300 500 6000 9500 175\n"
            "1 22978 17 41 4146 8545 19\n"
            "1 22993 70 100 7000 8545 16\n"
            "1 22996 50 -1 -1 8545 -1\n"
            "1 23002 67 120 5583 8545 36\n"
            "1 ? 2 -1 -1 -1 -1\n");
  EXPECT_EQ(r.rows.front().unit_name, "Huyện Tuy Phong");
  EXPECT_EQ(r.rows.front().level, UnitLevel::kDistrict);
}

TEST(CoverageReport, GroupRowsInPriorityOrderAndSumToAll) {
  LoadedRegistry reg = TuyPhong();
  CoverageReport r = Build(reg, Q("595", kOct2019, 0, true));
  // The unit's all row, then the groups in priority order without 9 (nothing unclassified under 595),
  // then the unplaced row and its groups.
  std::vector<int> groups;
  for (const CoverageRow& row : r.rows)
    if (!row.unplaced) groups.push_back(row.group);
  EXPECT_EQ(groups, (std::vector<int>{0, 1, 2, 3, 4, 5, 6}));
  // NLD 100 + 200 + 1 = 301; HSSV 50 + 40 + 12 = 102; HGD 30 + 100 + 16 + 70 + 10 + 55 + 2 = 283.
  EXPECT_EQ(Find(r, "595", 1)->insured, 301);
  EXPECT_EQ(Find(r, "595", 2)->insured, 0);
  EXPECT_EQ(Find(r, "595", 5)->insured, 102);
  EXPECT_EQ(Find(r, "595", 6)->insured, 283);
  EXPECT_EQ(301 + 102 + 283, Find(r, "595")->insured);
  // HSSV denominator: only 22969 has one (50) → 50; rate 102/50 = 204 %; gap clamps at 0.
  const CoverageRow* hssv = Find(r, "595", kHSSV);
  EXPECT_EQ(hssv->denominator, 50);
  EXPECT_EQ(hssv->rate_hundredths, 20400);
  // Target: at 595 no HSSV target but an all-groups one (8545): it wins over 60's HSSV 9000.
  EXPECT_EQ(hssv->target_hundredths, 8545);
  EXPECT_EQ(hssv->gap_people, 0);
  EXPECT_EQ(Find(r, "595", kNLD)->denominator, -1);
  EXPECT_EQ(Find(r, "595", kNLD)->gap_people, -1);
  // The unplaced row of 595 (depth 1 since depth 0 shows only the root) has its groups too.
  ASSERT_NE(Unplaced(r, 1, kHGD), nullptr);
  EXPECT_EQ(Unplaced(r, 1, kHGD)->insured, 2);
}

TEST(CoverageReport, UnclassifiedGroupOnlyWhenPresent) {
  LoadedRegistry reg = TuyPhong();
  CoverageReport vn = Build(reg, Q("VN", kOct2019, 0, true));
  ASSERT_NE(Find(vn, "VN", kKXD), nullptr);  // the person with code 99999 holds an unknown object code
  EXPECT_EQ(Find(vn, "VN", kKXD)->insured, 1);
  EXPECT_EQ(Find(vn, "VN", kKXD), &vn.rows[7]);  // after the six classified groups
  CoverageReport d = Build(reg, Q("595", kOct2019, -1, true));
  EXPECT_EQ(Find(d, "595", kKXD), nullptr);
}

TEST(CoverageReport, UnplacedPeopleAreNeverDropped) {
  LoadedRegistry reg = TuyPhong();
  CoverageReport r = Build(reg, Q("VN", kOct2019));
  // VN = 60 (686 + 500) + 3 without a commune + 1 with the unknown code 99999 = 1190.
  EXPECT_EQ(Find(r, "VN")->insured, 1190);
  EXPECT_EQ(Find(r, "60")->insured, 1186);
  // VN's own unplaced row: 3 + 1, at depth 1, after its children (60, 68).
  const CoverageRow* vn_unplaced = Unplaced(r, 1);
  ASSERT_NE(vn_unplaced, nullptr);
  EXPECT_EQ(vn_unplaced->insured, 4);
  EXPECT_EQ(vn_unplaced->unit_code, "");
  EXPECT_EQ(vn_unplaced->unit_name, "Chưa xác định xã/phường");
  EXPECT_EQ(&r.rows[r.rows.size() - 8], vn_unplaced);  // followed by its 7 group rows (9 present under VN)
  // 22990 starts on 2020-01-01: its 2 people sit under 595, its parent in its first version.
  const CoverageRow* tp_unplaced = Unplaced(r, 3);
  ASSERT_NE(tp_unplaced, nullptr);
  EXPECT_EQ(tp_unplaced->insured, 2);
  // The unplaced rows are listed right after the unit's children.
  size_t i = static_cast<size_t>(tp_unplaced - r.rows.data());
  EXPECT_EQ(r.rows[i - 1].unit_code, "23002");  // 23002's last group row
  EXPECT_EQ(r.rows[i - 1].group, kKXD);
  // A note says how many people were not placed in a commune: 3 + 1 + 2.
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_EQ(r.notes[0].rfind("6 người có thẻ không có xã/phường hợp lệ vào ngày 01/10/2019", 0), 0u) << r.notes[0];
}

TEST(CoverageReport, CommuneRootAndNoteOnlyForItsSubtree) {
  LoadedRegistry reg = TuyPhong();
  CoverageReport r = Build(reg, Q("22972", kOct2019));
  EXPECT_EQ(Outline(r), "0 22972 300 500 6000 9500 175\n");
  EXPECT_TRUE(r.notes.empty());
}

TEST(CoverageReport, DenominatorFromOwnVersionOnly) {
  LoadedRegistry reg = TuyPhong();
  // On 2020-06-01 22972 is its 2020 version: the 2019 figure (500) belonged to the old one, and
  // the 2021 figure is not known yet → unknown.
  CoverageReport r = Build(reg, Q("22972", D(2020, 6, 1)));
  EXPECT_EQ(Find(r, "22972")->denominator, -1);
  EXPECT_EQ(Find(r, "22972")->target_hundredths, -1);  // no 2020 targets anywhere
  // Province 60 has its own figure; VN has none and takes 60's (68 has none): 2000.
  CoverageReport vn = Build(reg, Q("VN", kOct2019, 1));
  EXPECT_EQ(Find(vn, "60")->denominator, 2000);
  EXPECT_EQ(Find(vn, "VN")->denominator, 2000);
  EXPECT_EQ(Find(vn, "68")->denominator, -1);
  // 1190 / 2000 = 59.50 %.
  EXPECT_EQ(Find(vn, "VN")->rate_hundredths, 5950);
}

TEST(CoverageReport, TargetInheritance) {
  LoadedRegistry reg = TuyPhong();
  CoverageReport r = Build(reg, Q("60", kOct2019, -1, true));
  EXPECT_EQ(Find(r, "22915")->target_hundredths, 8800);         // from 60 (all)
  EXPECT_EQ(Find(r, "22915", kHSSV)->target_hundredths, 9000);  // from 60 (HSSV)
  EXPECT_EQ(Find(r, "593", kHGD)->target_hundredths, 8800);     // 60 has no HGD target → its all
  EXPECT_EQ(Find(r, "22969", kHSSV)->target_hundredths, 8545);  // 595's all before 60's HSSV
  EXPECT_EQ(Find(r, "22972", kHSSV)->target_hundredths, 9500);  // own all
  EXPECT_EQ(Find(r, "60")->target_hundredths, 8800);
}

TEST(CoverageReport, DepthLimits) {
  LoadedRegistry reg = TuyPhong();
  // depth 1 from VN: the provinces valid on the date, then VN's unplaced row.
  EXPECT_EQ(Outline(Build(reg, Q("VN", kOct2019, 1))),
            "0 VN 1190 2000 5950 -1 -1\n"
            "1 60 1186 2000 5930 8800 574\n"
            "1 68 0 -1 -1 -1 -1\n"
            "1 ? 4 -1 -1 -1 -1\n");
  // depth -1 stops at communes: no hamlet rows.
  CoverageReport all = Build(reg, Q("VN", kOct2019));
  EXPECT_EQ(Find(all, "22996.01"), nullptr);
  EXPECT_NE(Find(all, "22996"), nullptr);
  // depth 2 below a district shows hamlets, which count within their commune.
  CoverageReport h = Build(reg, Q("595", kOct2019, 2));
  ASSERT_NE(Find(h, "22996.01"), nullptr);
  EXPECT_EQ(Find(h, "22996.01")->insured, 10);
  EXPECT_EQ(Find(h, "22996.01")->depth, 2);
  EXPECT_EQ(Find(h, "22978.03")->insured, 9);
  EXPECT_EQ(Find(h, "22996")->insured, 50);
  // A commune root with depth -1 shows only itself.
  EXPECT_EQ(Outline(Build(reg, Q("22996", kOct2019))), "0 22996 50 -1 -1 8545 -1\n");
}

TEST(CoverageReport, HamletOfAnotherCommuneCountsInTheSlotsCommune) {
  LoadedRegistry reg = TuyPhong();
  // After the reform 22978.03 hangs from 22972, but the slot (22978, 22978.03) says commune
  // 22978: the hamlet is ignored and the people count in 22978 (Xã Tuy Phong): 8 + 9 = 17.
  CoverageReport r = Build(reg, Q("68", D(2025, 8, 1), 2));
  EXPECT_EQ(Find(r, "22978")->insured, 17);
  EXPECT_EQ(Find(r, "22978.03")->insured, 0);
}

TEST(CoverageReport, NotFoundInVietnamese) {
  LoadedRegistry reg = TuyPhong();
  auto r = BuildCoverageReport(reg, Q("23002", D(2021, 1, 1)));
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kNotFound);
  EXPECT_EQ(r.status().message(), "không có đơn vị hành chính mã 23002 có hiệu lực vào ngày 01/01/2021");
}

// --- units_of -------------------------------------------------------------------------------

TEST(CoverageReportUnitsOf, MergeOfHoaPhuIntoPhanRiCua) {
  LoadedRegistry reg = TuyPhong();
  // Counted on 2019-10-01, shown in the units of 2021-01-01: Hòa Phú (23002) went wholly into
  // the 2020 version of Phan Rí Cửa (22972), as did the old 22972.
  CoverageReport r = Build(reg, Q("595", kOct2019, -1, false, D(2021, 1, 1)));
  // 22972: 300 + 67 = 367 people; denominator: no own figure dated in [2020-01-01, 2019-10-01],
  // so the mapped 500 + 120 = 620. 367/620 = 59.19 %. Target 2019 (the year counted): own 9500;
  // 9500 × 620 / 10000 = 589 − 367 = 222.
  // 22990 is now valid (no people: its 2 people were unplaced on the day counted and stay so).
  EXPECT_EQ(Outline(r),
            "0 595 686 1061 6466 8545 221\n"
            "1 22969 180 300 6000 8545 77\n"
            "1 22972 367 620 5919 9500 222\n"
            "1 22978 17 41 4146 8545 19\n"
            "1 22990 0 -1 -1 8545 -1\n"
            "1 22993 70 100 7000 8545 16\n"
            "1 22996 50 -1 -1 8545 -1\n"
            "1 ? 2 -1 -1 -1 -1\n");
  EXPECT_EQ(Find(r, "22972", kHSSV, false), &r.rows[Find(r, "22972") - r.rows.data() + 5]);
  EXPECT_EQ(Find(r, "22972", kHSSV)->insured, 12);  // Hòa Phú's pupils
}

TEST(CoverageReportUnitsOf, SplitInTwoWithRemainderAndHamletSuccessor) {
  LoadedRegistry reg = TuyPhong();
  // Counted on 2025-06-01 (before the reform), shown in the units of 2025-07-01.
  CoverageReport r = Build(reg, Q("68", D(2025, 6, 1), 2, false, D(2025, 7, 1)));
  // Phong Phú (22978) split in two: its own 8 people (HGD 7, NLD 1) are shared per group in
  // code order: HGD 4 → 22972, 3 → 22978; NLD 1 → 22972, 0 → 22978. Its hamlet 22978.03 has a
  // successor of its own (in 22972): its 9 people follow it exactly.
  // 22972 = 300 (itself) + 4 + 1 + 9 + 70 (Hòa Minh) + 50 (Chí Công with its hamlet) = 434.
  // 22969 = 180 + 2 (Phước Thể) = 182.  Hòa Phú no longer exists on 2025-06-01: its 67 people
  // were unplaced under 595, which has no successor → VN, outside this report.
  // Denominators (as of 2025-06-01): 22969 310 (2020 figure); 22972: own 900 (2021) + Phong Phú
  // 41 → 21 and 20 + Hòa Minh 100 = 1021; 22978: 20. 68: 310 + 1021 + 20 = 1351.
  // Target 2025 of 68: 9300. 22978: ceil(9300 × 20 / 10000) = ceil(18.6) = 19 − 3 = 16.
  // 68: ceil(9300 × 1351 / 10000) = ceil(1256.43) = 1257 − 619 = 638.
  EXPECT_EQ(Outline(r),
            "0 68 619 1351 4582 9300 638\n"
            "1 22969 182 310 5871 9300 107\n"
            "1 22972 434 1021 4251 9300 516\n"
            "2 22978.03 9 -1 -1 9300 -1\n"
            "1 22978 3 20 1500 9300 16\n");
  EXPECT_EQ(Find(r, "22972", kHGD)->insured, 100 + 4 + 9 + 70 + 10);
  EXPECT_EQ(Find(r, "22978", kNLD)->insured, 0);
  ASSERT_EQ(r.notes.size(), 1u);
  EXPECT_EQ(r.notes[0],
            "Xã Phong Phú (22978) được chia cho 2 đơn vị: Xã Phan Rí Cửa (22972), Xã Tuy Phong (22978); số "
            "người có thẻ và dân số của đơn vị này được chia đều cho các đơn vị đó (phần dư lần lượt cho đơn vị "
            "có mã nhỏ hơn), trừ người ở thôn/ấp có đơn vị kế nhiệm riêng.");
  // A report on a commune the split did not touch carries no note about it.
  EXPECT_TRUE(Build(reg, Q("22969", D(2025, 6, 1), -1, false, D(2025, 7, 1))).notes.empty());
  // From VN, the unplaced row holds 67 + 500 (Mũi Né has no successor: its people climb) + 4.
  CoverageReport vn = Build(reg, Q("VN", D(2025, 6, 1), 1, false, D(2025, 7, 1)));
  EXPECT_EQ(Unplaced(vn, 1)->insured, 67 + 500 + 4);
}

TEST(CoverageReportUnitsOf, Backwards) {
  LoadedRegistry reg = TuyPhong();
  // Counted on 2025-08-01 in the new units, shown in those of 2019-10-01: same codes go back to
  // their old versions. On 2025-08-01 Hòa Minh, Chí Công, Phong Phú's old... only the codes valid
  // then place people: 22969, 22972, 22978 (with its hamlet slot).
  CoverageReport r = Build(reg, Q("595", D(2025, 8, 1), -1, false, kOct2019));
  EXPECT_EQ(Find(r, "22969")->insured, 180);
  EXPECT_EQ(Find(r, "22972")->insured, 300);
  EXPECT_EQ(Find(r, "22978")->insured, 17);
  EXPECT_EQ(Find(r, "22993")->insured, 0);  // 22993 ended in 2025: its people were unplaced (under VN)
  EXPECT_EQ(Find(r, "595")->insured, 497);
}

}  // namespace
}  // namespace baophu
