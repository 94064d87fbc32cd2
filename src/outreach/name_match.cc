#include "outreach/name_match.h"

#include <algorithm>

#include "core/text.h"

namespace baophu::outreach {
namespace {

std::vector<std::string> Tokens(const std::string& key) { return SplitWords(key); }

std::string Join(const std::vector<std::string>& t) {
  std::string s;
  for (const std::string& x : t) s += (s.empty() ? "" : " ") + x;
  return s;
}

bool IsMiddleWord(const std::string& t) { return t == "thi" || t == "van"; }

// The code points of valid UTF-8 text.
std::vector<uint32_t> CodePoints(const std::string& s) {
  std::vector<uint32_t> out;
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    uint32_t cp = n == 1 ? c : n == 2 ? (c & 0x1Fu) : n == 3 ? (c & 0x0Fu) : (c & 0x07u);
    for (size_t k = 1; k < n && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3Fu);
    out.push_back(cp);
    i += n;
  }
  return out;
}

// NFC with ASCII letters lower-cased and spaces collapsed (accented capitals are compared in
// SameUpToCase).
std::string CaseKey(std::string_view name) {
  std::string nfc = ToNfc(name);
  std::string out;
  bool space = false;
  for (char c : nfc) {
    if (c == ' ' || c == '\t') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  }
  return out;
}

// Two names equal up to case (also of accented capitals: "NGUYỄN" = "Nguyễn"), spacing and
// Unicode form — but not up to diacritics ("Nguyen" ≠ "Nguyễn").
bool SameUpToCase(std::string_view a, std::string_view b) {
  if (NameKey(a) != NameKey(b)) return false;
  std::string ca = CaseKey(a), cb = CaseKey(b);
  if (ca == cb) return true;
  // Compare code point by code point: a capital and its small letter with the same marks are
  // neighbours in Latin Extended Additional (U+1EA0..U+1EF9: even = capital, odd = small) and
  // Latin Extended-A (Ă/ă, Đ/đ, Ơ/ơ, Ư/ư), and 0x20 apart in Latin-1 (À..Ý / à..ý).
  std::vector<uint32_t> x = CodePoints(ca), y = CodePoints(cb);
  if (x.size() != y.size()) return false;
  for (size_t i = 0; i < x.size(); ++i) {
    if (x[i] == y[i]) continue;
    uint32_t lo = std::min(x[i], y[i]), hi = std::max(x[i], y[i]);
    bool case_pair = (hi - lo == 1 && lo % 2 == 0 && lo >= 0x100) || (hi - lo == 0x20 && lo >= 0xC0 && lo <= 0xDE);
    if (!case_pair) return false;
  }
  return true;
}

}  // namespace

const char* MatchMethodKey(MatchMethod m) {
  switch (m) {
    case MatchMethod::kNone: return "";
    case MatchMethod::kBhxh: return "bhxh";
    case MatchMethod::kCitizenId: return "cccd";
    case MatchMethod::kName: return "ho_ten";
    case MatchMethod::kNameFolded: return "ho_ten_khong_dau";
    case MatchMethod::kConfirmed: return "xac_nhan";
  }
  return "";
}

const char* MatchMethodNameVi(MatchMethod m) {
  switch (m) {
    case MatchMethod::kNone: return "chưa khớp";
    case MatchMethod::kBhxh: return "mã số BHXH";
    case MatchMethod::kCitizenId: return "số CCCD";
    case MatchMethod::kName: return "họ tên + ngày sinh + xã";
    case MatchMethod::kNameFolded: return "họ tên (không dấu) + ngày sinh + xã";
    case MatchMethod::kConfirmed: return "đã xác nhận";
  }
  return "";
}

const char* MatchMethodNameEn(MatchMethod m) {
  switch (m) {
    case MatchMethod::kNone: return "not matched";
    case MatchMethod::kBhxh: return "BHXH number";
    case MatchMethod::kCitizenId: return "CCCD";
    case MatchMethod::kName: return "name + birth date + commune";
    case MatchMethod::kNameFolded: return "name (without diacritics) + birth date + commune";
    case MatchMethod::kConfirmed: return "confirmed";
  }
  return "";
}

std::string NameKey(std::string_view name) { return FoldForSearch(ToNfc(name)); }

std::vector<std::string> MiddleNameVariants(std::string_view name) {
  std::vector<std::string> t = Tokens(NameKey(name));
  std::vector<std::string> out;
  if (t.size() < 2) return out;
  auto add = [&](std::vector<std::string> v) {
    std::string k = Join(v);
    if (k != Join(t) && std::find(out.begin(), out.end(), k) == out.end()) out.push_back(k);
  };
  // Remove a middle Thị/Văn.
  for (size_t i = 1; i + 1 < t.size(); ++i) {
    if (!IsMiddleWord(t[i])) continue;
    std::vector<std::string> v = t;
    v.erase(v.begin() + static_cast<std::ptrdiff_t>(i));
    add(v);
  }
  // Add one after the family name when the name has none.
  bool has = false;
  for (size_t i = 1; i + 1 < t.size(); ++i) has |= IsMiddleWord(t[i]);
  if (!has) {
    for (const char* w : {"thi", "van"}) {
      std::vector<std::string> v = t;
      v.insert(v.begin() + 1, w);
      add(v);
    }
  }
  return out;
}

Result<MatchResult> MatchPerson(const MatchQuery& q, PersonSource* source) {
  MatchResult r;
  if (q.bhxh.valid()) {
    auto p = source->ByBhxh(q.bhxh);
    if (!p.ok()) return p.status();
    if (p->has_value()) {
      r.state = MatchState::kMatched;
      r.method = MatchMethod::kBhxh;
      r.bhxh = q.bhxh;
      return r;
    }
  }
  if (!q.citizen_id.empty()) {
    auto p = source->ByCitizenId(q.citizen_id);
    if (!p.ok()) return p.status();
    if (p->has_value()) {
      r.state = MatchState::kMatched;
      r.method = MatchMethod::kCitizenId;
      r.bhxh = (*p)->bhxh;
      return r;
    }
  }
  if (q.full_name.empty()) return r;

  // Candidates with the same folded name, then with a Thị/Văn variant.
  std::vector<Person> same, variant;
  BAOPHU_RETURN_IF_ERROR(source->ByNameKey(NameKey(q.full_name), &same));
  for (const std::string& k : MiddleNameVariants(q.full_name)) {
    std::vector<Person> v;
    BAOPHU_RETURN_IF_ERROR(source->ByNameKey(k, &v));
    variant.insert(variant.end(), v.begin(), v.end());
  }
  auto same_birth = [&](const Person& p) { return q.birth_date.valid() && p.birth_date == q.birth_date; };
  auto same_commune = [&](const Person& p) { return q.commune.empty() || p.commune == q.commune; };

  // Certain: exactly one person with the same name, birth date and commune, and nobody else
  // close (same birth date under a Thị/Văn variant).
  std::vector<const Person*> exact;
  for (const Person& p : same)
    if (same_birth(p) && same_commune(p)) exact.push_back(&p);
  int close_variants = 0;
  for (const Person& p : variant)
    if (same_birth(p)) ++close_variants;
  if (exact.size() == 1 && close_variants == 0 && !q.commune.empty()) {
    const Person& p = *exact[0];
    r.state = MatchState::kMatched;
    r.method = SameUpToCase(p.full_name, q.full_name) ? MatchMethod::kName : MatchMethod::kNameFolded;
    r.bhxh = p.bhxh;
    return r;
  }

  // Everything else close enough is a candidate for a person to decide.
  auto add = [&](const Person& p, std::string why) {
    for (const Person& c : r.candidates)
      if (c.bhxh == p.bhxh) return;
    r.candidates.push_back(p);
    r.doubts.push_back(std::move(why));
  };
  for (const Person* p : exact)
    add(*p, exact.size() > 1 ? "nhiều người cùng họ tên, ngày sinh và xã" : "danh sách không ghi xã");
  for (const Person& p : same) {
    if (same_birth(p) && !same_commune(p)) add(p, "cùng họ tên và ngày sinh, khác xã");
    if (!same_birth(p) && same_commune(p) && q.birth_date.valid() && p.birth_date.valid() &&
        p.birth_date.year() == q.birth_date.year())
      add(p, "cùng họ tên và xã, cùng năm sinh, khác ngày sinh");
  }
  for (const Person& p : variant)
    if (same_birth(p)) add(p, same_commune(p) ? "tên khác chữ đệm Thị/Văn" : "tên khác chữ đệm Thị/Văn, khác xã");
  if (!r.candidates.empty()) r.state = MatchState::kUncertain;
  return r;
}

}  // namespace baophu::outreach
