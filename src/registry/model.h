// The registry's value types: administrative units (with validity periods and successors),
// population denominators, targets, people, households and cards. Plain structs, safe to copy
// between threads. Enums with fixed values are persisted in the store and in files.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/codes.h"
#include "core/date.h"
#include "rules/rule_set.h"

namespace baophu {

// Persisted: the `level` column of units.
enum class UnitLevel : uint8_t {
  kCountry = 0,
  kProvince = 1,
  kDistrict = 2,  // huyện, quận, thị xã, thành phố thuộc tỉnh (until 2025-06-30)
  kCommune = 3,   // xã, phường, thị trấn, đặc khu
  kHamlet = 4,    // thôn, ấp, khóm, tổ dân phố
};
// "tinh", "huyen", "xa", "thon" (and English names) → level; used by imports.
std::optional<UnitLevel> ParseUnitLevel(std::string_view text);
const char* UnitLevelNameVi(UnitLevel l);  // "Tỉnh", "Huyện", "Xã", "Thôn"
const char* UnitLevelKey(UnitLevel l);     // "country", "province", "district", "commune", "hamlet"

// The code of the country root every province hangs from.
inline const char* kCountryCode = "VN";

// One version of an administrative unit. GSO reuses codes (22972 was Thị trấn Phan Rí Cửa of
// Tuy Phong until 2025-06-30 and is Xã Phan Rí Cửa of Lâm Đồng since), so a unit is identified
// by (code, valid_from); a code is resolved to the version valid on a given date.
struct Unit {
  UnitCode code;
  std::string name;         // full name with type, NFC: "Xã Chí Công"
  UnitLevel level = UnitLevel::kCommune;
  UnitCode parent;          // resolved on the same dates; empty only for the country
  Date valid_from = Date::Min();
  Date valid_to = Date::Max();  // inclusive
  bool ValidOn(Date d) const { return valid_from <= d && d <= valid_to; }
};

// A unit from codes already known to be well-formed (the vn-admin loader, tests); no validation.
Unit MakeUnit(std::string_view code, std::string name, UnitLevel level, std::string_view parent,
              Date from = Date::Min(), Date to = Date::Max());

// Persisted: the `merge_type` column of successors.
enum class MergeType : uint8_t { kFull = 0, kPartial = 1 };

// `from` (the version of from_code starting on from_valid_from) went, wholly or in part, into
// the unit `to` valid on the day after `from` ended.
struct UnitSuccessor {
  UnitCode from_code;
  Date from_valid_from = Date::Min();
  UnitCode to_code;
  MergeType type = MergeType::kFull;
};

// Group 0 means "all groups" in population and targets.
inline constexpr ReportingGroupId kAllGroups = 0;

// A denominator: people in the unit on `date` (the census, an updated population), or, with a
// group, the people who must take part in that group (pupils enrolled, workers subject to
// compulsory insurance...). Natural key (unit, date, group).
struct Population {
  UnitCode unit;
  Date date;
  ReportingGroupId group = kAllGroups;
  int64_t population = 0;
  std::string source;  // "census2019", "import:<file>", ...
};

// A yearly coverage target in hundredths of a percent (9100 = 91 %). Natural key
// (unit, year, group); group 0 = all groups.
struct Target {
  UnitCode unit;
  int year = 0;
  ReportingGroupId group = kAllGroups;
  int32_t target_hundredths = 0;
};

// Persisted: the `sex` column of persons.
enum class Sex : uint8_t { kUnknown = 0, kMale = 1, kFemale = 2 };
// "Nam"/"Nữ", "M"/"F", "1"/"0" (1 = male).
std::optional<Sex> ParseSex(std::string_view text);

// A person, keyed by the 10-digit BHXH number.
struct Person {
  BhxhNumber bhxh;
  CitizenId citizen_id;     // may be empty
  std::string full_name;    // NFC
  Date birth_date;
  Sex sex = Sex::kUnknown;
  UnitCode commune;         // may be empty (unknown)
  UnitCode hamlet;          // optional
  std::string household_code;  // optional
  bool operator==(const Person&) const = default;
};

// A household, keyed by its code (mã hộ gia đình), in the commune of its members.
struct Household {
  std::string code;
  UnitCode commune;
};

// An insurance card. Natural key (bhxh, valid_from). Both ends of the window are inclusive.
struct Card {
  BhxhNumber bhxh;
  std::string card_code;      // as given: 15 characters, or the 10-digit number
  ObjectCode object;
  int benefit_level = 0;      // 1..5, 0 when unknown
  std::string province_code;  // 2 digits from a 15-character code, else empty
  Date valid_from;
  Date valid_to;
  std::string facility_code;  // nơi đăng ký KCB ban đầu, optional
  bool operator==(const Card&) const = default;
};

// The coverage index's inputs (engine/) as a store streams them without building Person and
// Card objects (Store::ScanIndexInputs, the fast path of the index build). Text views are
// valid only while the row is being handled.
struct PersonIndexRow {
  int64_t bhxh = 0;
  std::string_view commune, hamlet, household;  // empty when unknown
  Date birth;                                   // Date() when unknown
  Sex sex = Sex::kUnknown;
};
struct CardIndexRow {
  int64_t bhxh = 0;
  Date valid_from, valid_to;    // valid_to is Date() when unknown
  std::string_view object_code;  // empty when the card code carried none
  int benefit_level = 0;
};

}  // namespace baophu
