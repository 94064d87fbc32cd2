#include "core/codes.h"

#include <cstdio>

namespace baophu {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

Result<UnitCode> UnitCode::Parse(std::string_view text) {
  std::string_view t = Trim(text);
  if (t.empty()) return Status::InvalidArgument("thiếu mã đơn vị hành chính");
  if (t.size() > 20) return Status::InvalidArgument("mã đơn vị quá dài: '" + std::string(t) + "'");
  for (char c : t) {
    bool ok = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              c == '-' || c == '_' || c == '.';
    if (!ok) return Status::InvalidArgument("mã đơn vị có ký tự không hợp lệ: '" + std::string(t) + "'");
  }
  return Unchecked(std::string(t));
}

Result<BhxhNumber> BhxhNumber::Parse(std::string_view text) {
  std::string_view t = Trim(text);
  if (t.size() != 10 || !AllDigits(t))
    return Status::InvalidArgument("mã số BHXH phải gồm đúng 10 chữ số: '" + std::string(t) + "'");
  int64_t v = 0;
  for (char c : t) v = v * 10 + (c - '0');
  return FromInt(v);
}

std::string BhxhNumber::ToString() const {
  if (!valid()) return "";
  char buf[24];
  std::snprintf(buf, sizeof buf, "%010lld", static_cast<long long>(v_));
  return buf;
}

Result<CitizenId> CitizenId::Parse(std::string_view text) {
  std::string_view t = Trim(text);
  if (t.empty()) return CitizenId();
  if (t.size() != 12 || !AllDigits(t))
    return Status::InvalidArgument("số CCCD phải gồm đúng 12 chữ số: '" + std::string(t) + "'");
  CitizenId c;
  c.s_ = std::string(t);
  return c;
}

Result<ObjectCode> ObjectCode::Parse(std::string_view text) {
  std::string_view t = Trim(text);
  if (t.size() != 2 || t[0] < 'A' || t[0] > 'Z' || t[1] < 'A' || t[1] > 'Z')
    return Status::InvalidArgument("mã đối tượng phải gồm 2 chữ cái in hoa: '" + std::string(t) + "'");
  ObjectCode o;
  o.c_[0] = t[0];
  o.c_[1] = t[1];
  return o;
}

Result<CardCode> CardCode::Parse(std::string_view text) {
  std::string_view t = Trim(text);
  if (t.size() != 15)
    return Status::InvalidArgument("mã thẻ phải có 15 ký tự (2 chữ, 1 số mức hưởng, 2 số mã tỉnh, "
                                   "10 số BHXH): '" + std::string(t) + "'");
  auto obj = ObjectCode::Parse(t.substr(0, 2));
  if (!obj.ok()) return Status::InvalidArgument("mã thẻ '" + std::string(t) + "': " + obj.status().message());
  char level = t[2];
  if (level < '1' || level > '5')
    return Status::InvalidArgument("mã thẻ '" + std::string(t) + "': mức hưởng phải từ 1 đến 5");
  if (!AllDigits(t.substr(3, 2)))
    return Status::InvalidArgument("mã thẻ '" + std::string(t) + "': mã tỉnh phải là 2 chữ số");
  auto bhxh = BhxhNumber::Parse(t.substr(5));
  if (!bhxh.ok()) return Status::InvalidArgument("mã thẻ '" + std::string(t) + "': " + bhxh.status().message());
  CardCode c;
  c.object = *obj;
  c.benefit_level = level - '0';
  c.province_code = std::string(t.substr(3, 2));
  c.bhxh = *bhxh;
  return c;
}

std::string CardCode::ToString() const {
  return object.str() + std::to_string(benefit_level) + province_code + bhxh.ToString();
}

}  // namespace baophu
