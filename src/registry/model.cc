#include "registry/model.h"

#include "core/text.h"

namespace baophu {

Unit MakeUnit(std::string_view code, std::string name, UnitLevel level, std::string_view parent, Date from,
              Date to) {
  Unit u;
  u.code = UnitCode::Unchecked(std::string(code));
  u.name = std::move(name);
  u.level = level;
  u.parent = UnitCode::Unchecked(std::string(parent));
  u.valid_from = from;
  u.valid_to = to;
  return u;
}

std::optional<UnitLevel> ParseUnitLevel(std::string_view text) {
  std::string f = FoldForSearch(text);
  if (f == "quoc gia" || f == "country" || f == "0") return UnitLevel::kCountry;
  if (f == "tinh" || f == "thanh pho truc thuoc trung uong" || f == "province" || f == "1")
    return UnitLevel::kProvince;
  if (f == "huyen" || f == "quan" || f == "thi xa" || f == "district" || f == "2") return UnitLevel::kDistrict;
  if (f == "xa" || f == "phuong" || f == "thi tran" || f == "dac khu" || f == "commune" || f == "ward" || f == "3")
    return UnitLevel::kCommune;
  if (f == "thon" || f == "ap" || f == "khom" || f == "ban" || f == "buon" || f == "to dan pho" ||
      f == "hamlet" || f == "village" || f == "4")
    return UnitLevel::kHamlet;
  return std::nullopt;
}

const char* UnitLevelNameVi(UnitLevel l) {
  switch (l) {
    case UnitLevel::kCountry: return "Toàn quốc";
    case UnitLevel::kProvince: return "Tỉnh";
    case UnitLevel::kDistrict: return "Huyện";
    case UnitLevel::kCommune: return "Xã";
    case UnitLevel::kHamlet: return "Thôn";
  }
  return "";
}

const char* UnitLevelKey(UnitLevel l) {
  switch (l) {
    case UnitLevel::kCountry: return "country";
    case UnitLevel::kProvince: return "province";
    case UnitLevel::kDistrict: return "district";
    case UnitLevel::kCommune: return "commune";
    case UnitLevel::kHamlet: return "hamlet";
  }
  return "";
}

std::optional<Sex> ParseSex(std::string_view text) {
  std::string f = FoldForSearch(text);
  if (f == "nam" || f == "m" || f == "male" || f == "1") return Sex::kMale;
  if (f == "nu" || f == "f" || f == "female" || f == "0") return Sex::kFemale;
  return std::nullopt;
}

}  // namespace baophu
