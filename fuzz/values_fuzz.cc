// Fuzzes the value parsers of core/ and registry/ and ingest's number parsers on one string:
// dates, codes, sex and unit level, Vietnamese text folding and number formatting. Each parse
// that succeeds must print back to what it read (dates in a canonical form), and text
// functions must keep UTF-8 valid and be idempotent.
#include <charconv>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "core/codes.h"
#include "core/date.h"
#include "core/text.h"
#include "fuzz/fuzz_util.h"
#include "ingest/row_handler.h"
#include "registry/model.h"

namespace {

using namespace baophu;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

void CheckDate(std::string_view s) {
  auto d = Date::Parse(s);
  auto o = Date::ParseOption(s);
  if (!d.ok()) FUZZ_CHECK(d.status().code() == Status::Code::kInvalidArgument);
  if (o.ok()) {  // every option form is also a cell form, with the same meaning
    FUZZ_CHECK(d.ok());
    FUZZ_CHECK(*d == *o);
  }
  if (!d.ok()) return;
  FUZZ_CHECK(d->valid());
  FUZZ_CHECK(Date::Min() <= *d && *d <= Date::Max());
  int y, m, dd;
  d->ToYmd(&y, &m, &dd);
  FUZZ_CHECK(Date::FromYmd(y, m, dd) == *d);
  const std::string iso = d->ToIso(), vn = d->ToVn();
  FUZZ_CHECK(iso.size() == 10 && vn.size() == 10);
  auto back = Date::ParseOption(iso);
  FUZZ_CHECK(back.ok() && *back == *d);
  back = Date::Parse(vn);
  FUZZ_CHECK(back.ok() && *back == *d);
  FUZZ_CHECK(d->Weekday() >= 0 && d->Weekday() <= 6);
}

void CheckCodes(std::string_view s) {
  const std::string_view t = Trim(s);
  if (auto c = CardCode::Parse(s); c.ok()) {
    FUZZ_CHECK(c->ToString() == t);
    FUZZ_CHECK(c->benefit_level >= 1 && c->benefit_level <= 5);
    auto again = CardCode::Parse(c->ToString());
    FUZZ_CHECK(again.ok() && again->ToString() == c->ToString());
  } else {
    FUZZ_CHECK(!c.status().message().empty());
  }
  if (auto b = BhxhNumber::Parse(s); b.ok()) {
    FUZZ_CHECK(b->valid());
    FUZZ_CHECK(b->ToString() == t);
  }
  if (auto c = CitizenId::Parse(s); c.ok()) FUZZ_CHECK(c->str() == t);
  if (auto u = UnitCode::Parse(s); u.ok()) {
    FUZZ_CHECK(u->str() == t);
    FUZZ_CHECK(!u->empty() && u->str().size() <= 20);
  }
  if (auto o = ObjectCode::Parse(s); o.ok()) FUZZ_CHECK(o->str() == t);
}

void CheckText(std::string_view s) {
  // Folding is what ParseSex and ParseUnitLevel compare, so they must agree on folded text.
  auto sex = ParseSex(s);
  auto level = ParseUnitLevel(s);
  if (!IsValidUtf8(s)) return;  // ToNfc and FoldForSearch require valid UTF-8
  const std::string nfc = ToNfc(s);
  FUZZ_CHECK(IsValidUtf8(nfc));
  FUZZ_CHECK(ToNfc(nfc) == nfc);
  const std::string f = FoldForSearch(s);
  FUZZ_CHECK(IsValidUtf8(f));
  FUZZ_CHECK(FoldForSearch(f) == f);
  FUZZ_CHECK(FoldForSearch(nfc) == f);  // canonically equivalent text folds the same
  FUZZ_CHECK(f.find("  ") == std::string::npos);
  FUZZ_CHECK(f.empty() || (f.front() != ' ' && f.back() != ' '));
  FUZZ_CHECK(ParseSex(f) == sex);
  FUZZ_CHECK(ParseUnitLevel(f) == level);
}

// The number a formatted string shows, its separators (any of `seps`) dropped.
int64_t ParseGrouped(const std::string& s, std::string_view seps) {
  std::string digits;
  for (char c : s)
    if (seps.find(c) == std::string_view::npos && c != '-') digits.push_back(c);
  uint64_t u = 0;
  auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), u);
  FUZZ_CHECK(ec == std::errc() && p == digits.data() + digits.size());
  return s.starts_with('-') ? static_cast<int64_t>(0 - u) : static_cast<int64_t>(u);
}

void CheckNumbers(const uint8_t* data, size_t size) {
  int64_t v = 0;
  if (size > 0) std::memcpy(&v, data, size < 8 ? size : 8);
  const std::string s = FormatIntVn(v);
  FUZZ_CHECK(ParseGrouped(s, ".") == v);
  // Groups of three after the first group of one to three digits.
  size_t first = s.find('.');
  size_t lead = (first == std::string::npos ? s.size() : first) - (v < 0 ? 1 : 0);
  FUZZ_CHECK(lead >= 1 && lead <= 3);
  for (size_t i = first; i != std::string::npos; i = s.find('.', i + 1)) {
    size_t next = s.find('.', i + 1);
    FUZZ_CHECK((next == std::string::npos ? s.size() : next) - i - 1 == 3);
  }
  // What FormatIntVn prints for a count, ParseCount reads back (counts have at most 15 digits).
  if (v >= 0 && v < 1000000000000000) {
    auto c = ParseCount(s);
    FUZZ_CHECK(c.ok() && *c == v);
  }
  const std::string vn = FormatHundredthsVn(v), plain = FormatHundredthsPlain(v);
  FUZZ_CHECK(vn.size() >= 4 && vn[vn.size() - 3] == ',');
  FUZZ_CHECK(plain.size() >= 4 && plain[plain.size() - 3] == '.');
  FUZZ_CHECK(ParseGrouped(vn, ".,") == v);  // hundredths: the digits are the value's
  FUZZ_CHECK(ParseGrouped(plain, ".") == v);
  if (v >= 0 && v <= 10000) {
    auto p = ParsePercentHundredths(vn);
    FUZZ_CHECK(p.ok() && *p == v);
    p = ParsePercentHundredths(plain + " %");
    FUZZ_CHECK(p.ok() && *p == v);
  }
}

void CheckIngestParsers(std::string_view s) {
  if (auto c = ParseCount(s); c.ok()) FUZZ_CHECK(*c >= 0 && *c < 1000000000000000);
  if (auto p = ParsePercentHundredths(s); p.ok()) FUZZ_CHECK(*p >= 0 && *p <= 10000);
  const std::string str(s);
  for (bool numeric : {false, true}) {
    std::string p = PadDigits(str, numeric, 10);
    FUZZ_CHECK(p.size() >= str.size());
    FUZZ_CHECK(p.ends_with(str));
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 4096) return 0;  // values are cells, not files
  const std::string_view s(reinterpret_cast<const char*>(data), size);
  CheckDate(s);
  CheckCodes(s);
  CheckText(s);
  CheckIngestParsers(s);
  CheckNumbers(data, size);
  return 0;
}
