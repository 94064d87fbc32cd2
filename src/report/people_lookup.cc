#include "report/people_lookup.h"

#include <algorithm>
#include <string>

#include "core/text.h"

namespace baophu {
namespace {

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

Status AddWithCards(Store* store, Person p, PeopleLookup* out) {
  PersonRecord r;
  r.person = std::move(p);
  BAOPHU_RETURN_IF_ERROR(store->CardsOf(r.person.bhxh, &r.cards));
  out->people.push_back(std::move(r));
  return Status::Ok();
}

}  // namespace

bool CardValidOn(const Card& c, Date d) {
  if (c.valid_from.valid() && d < c.valid_from) return false;
  if (c.valid_to.valid() && c.valid_to < d) return false;
  return true;
}

Result<PeopleLookup> LookupPeople(Store* store, std::string_view query, int limit) {
  std::string_view q = Trim(query);
  PeopleLookup out;
  if (q.empty()) return Status::InvalidArgument("hãy nhập mã số BHXH, số CCCD hoặc họ tên");
  if (AllDigits(q) && q.size() == 10) {
    out.kind = PeopleQueryKind::kBhxh;
    auto bhxh = BhxhNumber::Parse(q);
    if (!bhxh.ok()) return bhxh.status();
    auto p = store->FindPerson(*bhxh);
    if (!p.ok()) return p.status();
    if (*p) BAOPHU_RETURN_IF_ERROR(AddWithCards(store, std::move(**p), &out));
    return out;
  }
  if (AllDigits(q) && q.size() == 12) {
    out.kind = PeopleQueryKind::kCitizenId;
    auto id = CitizenId::Parse(q);
    if (!id.ok()) return id.status();
    auto bhxh = store->FindByCitizenId(*id);
    if (!bhxh.ok()) return bhxh.status();
    if (!*bhxh) return out;
    auto p = store->FindPerson(**bhxh);
    if (!p.ok()) return p.status();
    if (*p) BAOPHU_RETURN_IF_ERROR(AddWithCards(store, std::move(**p), &out));
    return out;
  }
  if (AllDigits(q))
    return Status::InvalidArgument("mã số BHXH có 10 chữ số, số CCCD có 12 chữ số: '" + std::string(q) + "'");
  std::string fold = FoldForSearch(q);
  if (fold.size() < 2) return Status::InvalidArgument("hãy nhập ít nhất 2 chữ cái của họ tên");
  out.kind = PeopleQueryKind::kName;
  std::vector<Person> found;
  BAOPHU_RETURN_IF_ERROR(store->SearchPersonsByName(fold, limit, &found));
  for (Person& p : found) BAOPHU_RETURN_IF_ERROR(AddWithCards(store, std::move(p), &out));
  return out;
}

}  // namespace baophu
