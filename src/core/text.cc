#include "core/text.h"

#include <unicode/coll.h>
#include <unicode/normalizer2.h>
#include <unicode/translit.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <stdexcept>

namespace baophu {

bool IsValidUtf8(std::string_view s) {
  int32_t i = 0, n = static_cast<int32_t>(s.size());
  const auto* p = reinterpret_cast<const uint8_t*>(s.data());
  while (i < n) {
    if (p[i] < 0x80) { ++i; continue; }
    UChar32 c;
    U8_NEXT(p, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

std::string ToNfc(std::string_view s) {
  bool ascii = true;
  for (unsigned char c : s) if (c >= 0x80) { ascii = false; break; }
  if (ascii) return std::string(s);
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  if (U_FAILURE(err)) throw std::runtime_error("ICU NFC unavailable");
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (nfc->isNormalized(u, err) && U_SUCCESS(err)) return std::string(s);
  err = U_ZERO_ERROR;
  icu::UnicodeString out = nfc->normalize(u, err);
  std::string r;
  out.toUTF8String(r);
  return r;
}

std::string FoldForSearch(std::string_view s) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(err);
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  icu::UnicodeString d = nfd->normalize(u, err);
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (int32_t i = 0; i < d.length();) {
    UChar32 c = d.char32At(i);
    i += U16_LENGTH(c);
    if (u_getCombiningClass(c) != 0 || u_charType(c) == U_NON_SPACING_MARK) continue;
    if (c == 0x0111 || c == 0x0110) c = 'd';  // đ, Đ
    if (u_isspace(c)) { pending_space = !out.empty(); continue; }
    c = u_tolower(c);
    if (pending_space) { out.push_back(' '); pending_space = false; }
    char buf[4];
    int32_t len = 0;
    UBool bad = false;
    U8_APPEND(reinterpret_cast<uint8_t*>(buf), len, 4, c, bad);
    if (bad) continue;
    out.append(buf, static_cast<size_t>(len));
  }
  return out;
}

struct Collator::Impl {
  std::unique_ptr<icu::Collator> coll;
};

Collator::Collator() : impl_(std::make_unique<Impl>()) {
  UErrorCode err = U_ZERO_ERROR;
  impl_->coll.reset(icu::Collator::createInstance(icu::Locale("vi"), err));
  if (U_FAILURE(err) || !impl_->coll) throw std::runtime_error("ICU collator 'vi' unavailable");
}

Collator::~Collator() = default;

int Collator::Compare(std::string_view a, std::string_view b) const {
  UErrorCode err = U_ZERO_ERROR;
  UCollationResult r = impl_->coll->compareUTF8(icu::StringPiece(a.data(), static_cast<int32_t>(a.size())),
                                                icu::StringPiece(b.data(), static_cast<int32_t>(b.size())), err);
  return r == UCOL_LESS ? -1 : (r == UCOL_GREATER ? 1 : 0);
}

std::string Collator::SortKey(std::string_view s) const {
  icu::UnicodeString u = icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  int32_t n = impl_->coll->getSortKey(u, nullptr, 0);
  std::string key(static_cast<size_t>(n), '\0');
  impl_->coll->getSortKey(u, reinterpret_cast<uint8_t*>(key.data()), n);
  if (!key.empty() && key.back() == '\0') key.pop_back();
  return key;
}

std::string FormatIntVn(int64_t v) {
  bool neg = v < 0;
  uint64_t u = neg ? static_cast<uint64_t>(-(v + 1)) + 1 : static_cast<uint64_t>(v);
  std::string digits = std::to_string(u);
  std::string out;
  int n = static_cast<int>(digits.size());
  for (int i = 0; i < n; ++i) {
    out.push_back(digits[static_cast<size_t>(i)]);
    int rest = n - 1 - i;
    if (rest > 0 && rest % 3 == 0) out.push_back('.');
  }
  return neg ? "-" + out : out;
}

static std::string FormatHundredths(int64_t h, char point, bool group) {
  bool neg = h < 0;
  uint64_t u = neg ? 0 - static_cast<uint64_t>(h) : static_cast<uint64_t>(h);  // INT64_MIN too, without UB
  std::string whole = group ? FormatIntVn(static_cast<int64_t>(u / 100)) : std::to_string(u / 100);
  unsigned frac = static_cast<unsigned>(u % 100);
  std::string out = whole;
  out.push_back(point);
  out.push_back(static_cast<char>('0' + frac / 10));
  out.push_back(static_cast<char>('0' + frac % 10));
  return neg ? "-" + out : out;
}

std::string FormatHundredthsVn(int64_t h) { return FormatHundredths(h, ',', true); }
std::string FormatHundredthsPlain(int64_t h) { return FormatHundredths(h, '.', false); }

int64_t RateHundredths(int64_t num, int64_t den) {
  if (den <= 0) return -1;
  // round(num * 10000 / den), half up, in integers.
  __int128 scaled = static_cast<__int128>(num) * 10000 * 2 + den;
  return static_cast<int64_t>(scaled / (static_cast<__int128>(den) * 2));
}

std::vector<std::string> SplitWords(std::string_view s) {
  std::vector<std::string> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.emplace_back(s.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

}  // namespace baophu
