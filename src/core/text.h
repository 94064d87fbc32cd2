// Vietnamese text: UTF-8 checks, NFC normalisation, diacritic-insensitive folding for search,
// ICU collation for sorting names the Vietnamese way, and number/percent formatting for
// display (1.234.567 and 65,19 %). Free functions are thread-safe; a Collator is not (one per
// thread).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace baophu {

// True when `s` is well-formed UTF-8.
bool IsValidUtf8(std::string_view s);
// Unicode NFC (composed) form of UTF-8 text; input must be valid UTF-8.
std::string ToNfc(std::string_view s);
// Lower-case, diacritics removed (đ → d), runs of spaces collapsed, trimmed: the key for
// diacritic-insensitive search. "Phan Rí Cửa" and "phan ri cua" fold to the same string.
std::string FoldForSearch(std::string_view s);

// Vietnamese collation (ICU locale "vi"): a < ă < â < b ... đ after d, tones ordered.
class Collator {
 public:
  Collator();
  ~Collator();
  Collator(const Collator&) = delete;
  Collator& operator=(const Collator&) = delete;
  // <0, 0, >0 as strcmp.
  int Compare(std::string_view a, std::string_view b) const;
  // A byte string whose memcmp order is the collation order.
  std::string SortKey(std::string_view s) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The words of a text split on spaces (runs of spaces give no empty words).
std::vector<std::string> SplitWords(std::string_view s);

// 1234567 → "1.234.567"; negative numbers keep their sign.
std::string FormatIntVn(int64_t v);
// A value in hundredths (6519 → "65,19"), the Vietnamese decimal comma.
std::string FormatHundredthsVn(int64_t hundredths);
// The same with a '.' decimal point (6519 → "65.19"), for CSV/JSON.
std::string FormatHundredthsPlain(int64_t hundredths);
// Exact rate in hundredths of a percent, rounded half up: 591427 / 907236 → 6519.
// Returns -1 when the denominator is not positive.
int64_t RateHundredths(int64_t numerator, int64_t denominator);

}  // namespace baophu
