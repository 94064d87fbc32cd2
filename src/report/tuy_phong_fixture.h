// The Tuy Phong fixture shared by the report tests: VN → Bình Thuận (60) → Tuy Phong (595) and
// Phan Thiết (593) → communes, real GSO codes; the 2020 merge of Hòa Phú (23002) into Phan Rí
// Cửa (22972, which starts a new version); the 2025 reform into Lâm Đồng (68) with Phong Phú
// (22978) split in two; two hamlets. Counts, population and targets are hand-picked; each test
// states the arithmetic it checks. Tests only.
#pragma once

#include "report/report_test_util.h"

namespace baophu::testing {

inline LoadedRegistry TuyPhong() {
  const Date kEnd2019 = D(2019, 12, 31), k2020 = D(2020, 1, 1);
  const Date kEnd = D(2025, 6, 30), kNew = D(2025, 7, 1);
  using L = UnitLevel;
  LoadedRegistry reg;
  reg.rules = Rules();
  reg.tree = Tree(
      {
          U("VN", "Việt Nam", L::kCountry, ""),
          U("60", "Tỉnh Bình Thuận", L::kProvince, "VN", Date::Min(), kEnd),
          U("68", "Tỉnh Lâm Đồng", L::kProvince, "VN", Date::Min(), kEnd),
          U("68", "Tỉnh Lâm Đồng", L::kProvince, "VN", kNew),
          U("593", "Thành phố Phan Thiết", L::kDistrict, "60", Date::Min(), kEnd),
          U("22915", "Phường Mũi Né", L::kCommune, "593", Date::Min(), kEnd),
          U("595", "Huyện Tuy Phong", L::kDistrict, "60", Date::Min(), kEnd),
          U("22969", "Thị trấn Liên Hương", L::kCommune, "595", Date::Min(), kEnd),
          U("22969", "Xã Liên Hương", L::kCommune, "68", kNew),
          U("22972", "Thị trấn Phan Rí Cửa", L::kCommune, "595", Date::Min(), kEnd2019),
          U("22972", "Thị trấn Phan Rí Cửa", L::kCommune, "595", k2020, kEnd),
          U("22972", "Xã Phan Rí Cửa", L::kCommune, "68", kNew),
          U("22978", "Xã Phong Phú", L::kCommune, "595", Date::Min(), kEnd),
          U("22978", "Xã Tuy Phong", L::kCommune, "68", kNew),
          U("22978.03", "Thôn Lâm Lộc", L::kHamlet, "22978", Date::Min(), kEnd),
          U("22978.03", "Thôn Lâm Lộc", L::kHamlet, "22972", kNew),
          U("22990", "Xã Phước Thể", L::kCommune, "595", k2020, kEnd),
          U("22993", "Xã Hòa Minh", L::kCommune, "595", Date::Min(), kEnd),
          U("22996", "Xã Chí Công", L::kCommune, "595", Date::Min(), kEnd),
          U("22996.01", "Thôn Hòa Lạc", L::kHamlet, "22996", Date::Min(), kEnd),
          U("23002", "Xã Hòa Phú", L::kCommune, "595", Date::Min(), kEnd2019),
      },
      {
          S("23002", Date::Min(), "22972"),
          S("22972", Date::Min(), "22972"),
          S("22972", k2020, "22972"),
          S("22969", Date::Min(), "22969"),
          S("22978", Date::Min(), "22972", MergeType::kPartial),
          S("22978", Date::Min(), "22978", MergeType::kPartial),
          S("22978.03", Date::Min(), "22978.03"),
          S("22990", k2020, "22969"),
          S("22993", Date::Min(), "22972"),
          S("22996", Date::Min(), "22972"),
      });

  auto idx = std::make_unique<FakeIndex>();
  idx->Set(0, kHGD, 3);  // no commune
  auto s = idx->AddSlot("22969");
  idx->Set(s, kNLD, 100);
  idx->Set(s, kHSSV, 50);
  idx->Set(s, kHGD, 30);
  s = idx->AddSlot("22972");
  idx->Set(s, kNLD, 200);
  idx->Set(s, kHGD, 100);
  s = idx->AddSlot("22993");
  idx->Set(s, kHGD, 70);
  s = idx->AddSlot("22996");
  idx->Set(s, kHSSV, 40);
  s = idx->AddSlot("22996", "22996.01");
  idx->Set(s, kHGD, 10);
  s = idx->AddSlot("23002");
  idx->Set(s, kHGD, 55);
  idx->Set(s, kHSSV, 12);
  s = idx->AddSlot("22978");
  idx->Set(s, kHGD, 7);
  idx->Set(s, kNLD, 1);
  s = idx->AddSlot("22978", "22978.03");
  idx->Set(s, kHGD, 9);
  s = idx->AddSlot("22990");  // not valid before 2020
  idx->Set(s, kHGD, 2);
  s = idx->AddSlot("99999");  // a code no unit ever had
  idx->Set(s, kKXD, 1);
  s = idx->AddSlot("22915");
  idx->Set(s, kNLD, 500);
  reg.index = std::move(idx);

  auto pop = [&](const char* code, Date d, ReportingGroupId g, int64_t n) {
    reg.population.push_back(Population{UnitCode::Unchecked(code), d, g, n, "test"});
  };
  pop("22969", D(2018, 1, 1), kAllGroups, 280);
  pop("22969", D(2019, 4, 1), kAllGroups, 300);
  pop("22969", D(2020, 4, 1), kAllGroups, 310);
  pop("22969", D(2019, 4, 1), kHSSV, 50);
  pop("22972", D(2019, 4, 1), kAllGroups, 500);
  pop("22972", D(2021, 1, 1), kAllGroups, 900);
  pop("22978", D(2019, 4, 1), kAllGroups, 41);
  pop("22993", D(2019, 4, 1), kAllGroups, 100);
  pop("23002", D(2019, 4, 1), kAllGroups, 120);
  pop("60", D(2019, 4, 1), kAllGroups, 2000);

  auto target = [&](const char* code, int year, ReportingGroupId g, int32_t t) {
    reg.targets.push_back(Target{UnitCode::Unchecked(code), year, g, t});
  };
  target("595", 2019, kAllGroups, 8545);
  target("60", 2019, kAllGroups, 8800);
  target("60", 2019, kHSSV, 9000);
  target("22972", 2019, kAllGroups, 9500);
  target("68", 2025, kAllGroups, 9300);
  return reg;
}

}  // namespace baophu::testing
