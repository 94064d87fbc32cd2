// Strong types for the codes of the domain: units, people, cards. Value types, safe to share.
// Each has a Parse that validates its structure and says in Vietnamese what is wrong.
#pragma once

#include <compare>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace baophu {

// A GSO administrative unit code ("95", "954", "31825"), or a user's own code for hamlets
// and other units (digits, letters, '-', '_' and '.', at most 20 characters). Codes are text:
// leading zeros matter. A code alone does not name a unit: GSO reuses codes across the 2025
// reform, so a unit is (code, validity period) and a code is resolved at a date.
class UnitCode {
 public:
  UnitCode() = default;
  static Result<UnitCode> Parse(std::string_view text);
  static UnitCode Unchecked(std::string s) { UnitCode c; c.s_ = std::move(s); return c; }
  const std::string& str() const { return s_; }
  bool empty() const { return s_.empty(); }
  auto operator<=>(const UnitCode&) const = default;

 private:
  std::string s_;
};

// The 10-digit social insurance number (mã số BHXH), one per person for life. Stored as an
// integer for compact columns; printed with its leading zeros.
class BhxhNumber {
 public:
  BhxhNumber() = default;
  static Result<BhxhNumber> Parse(std::string_view text);
  static constexpr BhxhNumber FromInt(int64_t v) { BhxhNumber b; b.v_ = v; return b; }
  int64_t value() const { return v_; }
  bool valid() const { return v_ >= 0; }
  std::string ToString() const;
  auto operator<=>(const BhxhNumber&) const = default;

 private:
  int64_t v_ = -1;
};

// The 12-digit citizen identity number (số CCCD). Empty when unknown.
class CitizenId {
 public:
  CitizenId() = default;
  static Result<CitizenId> Parse(std::string_view text);
  const std::string& str() const { return s_; }
  bool empty() const { return s_.empty(); }
  auto operator<=>(const CitizenId&) const = default;

 private:
  std::string s_;
};

// The 2-letter object code (mã đối tượng) of a card, e.g. "HS", "GD". Well-formed means two
// ASCII capital letters; whether the code is known is the rules tables' business.
class ObjectCode {
 public:
  ObjectCode() = default;
  static Result<ObjectCode> Parse(std::string_view text);
  std::string str() const { return std::string(c_, 2); }
  bool empty() const { return c_[0] == 0; }
  auto operator<=>(const ObjectCode&) const = default;

 private:
  char c_[2] = {0, 0};
};

// The 15-character card code `OO L PP NNNNNNNNNN` (object code, benefit level 1-5, old
// 63-province code, BHXH number), e.g. HS4010120878811.
struct CardCode {
  ObjectCode object;
  int benefit_level = 0;       // 1..5
  std::string province_code;   // 2 digits, the pre-2025 province codes
  BhxhNumber bhxh;
  static Result<CardCode> Parse(std::string_view text);
  std::string ToString() const;
};

}  // namespace baophu
