// Writing card rows: the 15-character card code (object code, benefit level from the rules
// tables in force on the card's first day, old province code, BHXH number) and the validity
// window. Immutable after construction except for the row counter; one per output file.
#pragma once

#include <cstdint>
#include <vector>

#include "demo/demo_writer.h"
#include "rules/rule_set.h"

namespace baophu::demo {

// A two-letter object code packed as 'H' << 8 | 'S'.
using Code2 = uint16_t;
constexpr Code2 C2(const char (&s)[3]) {
  return static_cast<Code2>((static_cast<unsigned char>(s[0]) << 8) | static_cast<unsigned char>(s[1]));
}

class CardWriter {
 public:
  // `province` is the old 2-digit province code printed in card codes.
  CardWriter(const RuleSet& rules, CsvOut* out);
  // Benefit level of `code` for a card starting on `from` (0 when unknown).
  int Level(Code2 code, int32_t from) const;
  // ReportingGroupId of `code` on `from`.
  ReportingGroupId Group(Code2 code, int32_t from) const;
  void Write(int64_t bhxh, Code2 code, int32_t from, int32_t to, const char* facility5) {
    const int prov = static_cast<int>(bhxh / 100000000);
    out_->Digits(static_cast<uint64_t>(bhxh), 10).Comma();
    out_->Ch(static_cast<char>(code >> 8)).Ch(static_cast<char>(code & 0xFF));
    out_->Digits(static_cast<uint64_t>(Level(code, from)), 1).Digits(static_cast<uint64_t>(prov), 2);
    out_->Digits(static_cast<uint64_t>(bhxh), 10).Comma();
    out_->DateVn(from).Comma().DateVn(to).Comma().Str(std::string_view(facility5, 5)).EndRow();
  }
  int64_t rows() const { return out_->rows(); }

 private:
  struct Era {
    int32_t from;
    uint8_t level[26 * 26];
    uint8_t group[26 * 26];
  };
  const Era& EraOf(int32_t day) const {
    size_t i = eras_.size() - 1;
    while (i > 0 && eras_[i].from > day) --i;
    return eras_[i];
  }
  static size_t Idx(Code2 c) { return static_cast<size_t>(((c >> 8) - 'A') * 26 + ((c & 0xFF) - 'A')); }
  std::vector<Era> eras_;  // sorted by `from`; the rules in force from each boundary
  CsvOut* out_;
};

inline constexpr const char* kCardsHeader = "ma_so_bhxh,ma_the,tu_ngay,den_ngay,ma_kcb_bd";
inline constexpr const char* kPersonsHeader =
    "ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,gioi_tinh,ma_xa,ma_thon,ma_ho_gd";

}  // namespace baophu::demo
