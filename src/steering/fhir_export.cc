#include "steering/fhir_export.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <vector>

#include "core/text.h"

namespace baophu {
namespace {

using Json = nlohmann::ordered_json;

std::string Compact(Date d) {  // 20210101
  std::string iso = d.ToIso();
  iso.erase(std::remove(iso.begin(), iso.end(), '-'), iso.end());
  return iso;
}

const char* Gender(Sex s) {
  switch (s) {
    case Sex::kMale: return "male";
    case Sex::kFemale: return "female";
    case Sex::kUnknown: break;
  }
  return "unknown";
}

// "Nguyễn Văn An" → family "Nguyễn", given ["Văn", "An"]: the family name comes first in Vietnamese.
Json Name(const std::string& full) {
  Json n;
  n["use"] = "official";
  n["text"] = full;
  const std::vector<std::string> words = SplitWords(full);
  if (!words.empty()) {
    n["family"] = words[0];
    if (words.size() > 1) n["given"] = Json(std::vector<std::string>(words.begin() + 1, words.end()));
  }
  return n;
}

// The home address from the commune up: "Phường 2, Thành phố Bạc Liêu, Tỉnh Bạc Liêu".
Json Address(const UnitTree& tree, const UnitCode& commune, const UnitCode& hamlet, Date on) {
  Json a;
  a["use"] = "home";
  std::vector<std::string> parts;
  UnitTree::Index i = tree.Resolve(hamlet.empty() ? commune : hamlet, on);
  if (i == UnitTree::kNone && !hamlet.empty()) i = tree.Resolve(commune, on);
  std::string district, province;
  for (; i != UnitTree::kNone; i = tree.Parent(i, on)) {
    const Unit& u = tree.unit(i);
    if (u.level == UnitLevel::kCountry) break;
    parts.push_back(u.name);
    if (u.level == UnitLevel::kDistrict) district = u.name;
    if (u.level == UnitLevel::kProvince) province = u.name;
  }
  std::string text;
  for (const std::string& p : parts) text += (text.empty() ? "" : ", ") + p;
  if (!text.empty()) a["text"] = text;
  if (!district.empty()) a["district"] = district;
  if (!province.empty()) a["state"] = province;
  a["country"] = "VN";
  return a;
}

Json PatientOf(const LoadedRegistry& reg, const Person& p, Date on) {
  Json r;
  r["resourceType"] = "Patient";
  r["id"] = p.bhxh.ToString();
  Json ids = Json::array();
  ids.push_back({{"use", "official"}, {"system", kFhirSystemBhxh}, {"value", p.bhxh.ToString()}});
  if (!p.citizen_id.empty()) ids.push_back({{"system", kFhirSystemCitizenId}, {"value", p.citizen_id.str()}});
  r["identifier"] = ids;
  if (!p.full_name.empty()) r["name"] = Json::array({Name(p.full_name)});
  r["gender"] = Gender(p.sex);
  if (p.birth_date.valid()) r["birthDate"] = p.birth_date.ToIso();
  if (!p.commune.empty()) r["address"] = Json::array({Address(reg.tree, p.commune, p.hamlet, on)});
  return r;
}

Json CoverageOf(const RuleSet& rules, const Card& c) {
  Json r;
  r["resourceType"] = "Coverage";
  r["id"] = c.bhxh.ToString() + "-" + Compact(c.valid_from);
  if (!c.card_code.empty()) r["identifier"] = Json::array({{{"system", kFhirSystemCardCode}, {"value", c.card_code}}});
  r["status"] = "active";
  if (!c.object.empty()) {
    Json coding = {{"system", kFhirSystemObjectCode}, {"code", c.object.str()}};
    const ObjectCodeRule* rule = rules.Find(c.object, c.valid_from);
    if (rule && !rule->name_vi.empty()) coding["display"] = rule->name_vi;
    r["type"] = {{"coding", Json::array({coding})}};
  }
  if (!c.card_code.empty()) r["subscriberId"] = c.card_code;
  r["beneficiary"] = {{"reference", "Patient/" + c.bhxh.ToString()}};
  Json period = {{"start", c.valid_from.ToIso()}};
  if (c.valid_to.valid()) period["end"] = c.valid_to.ToIso();
  r["period"] = period;
  r["payor"] = Json::array({{{"display", "Bảo hiểm xã hội Việt Nam"}}});
  if (c.benefit_level > 0) {
    r["class"] = Json::array({{{"type",
                                {{"coding", Json::array({{{"system", "http://terminology.hl7.org/CodeSystem/coverage-class"},
                                                          {"code", "plan"}}})}}},
                               {"value", std::to_string(c.benefit_level)},
                               {"name", "Mức hưởng " + std::to_string(c.benefit_level)}}});
  }
  if (!c.facility_code.empty()) r["network"] = c.facility_code;
  return r;
}

}  // namespace

Result<std::vector<BhxhNumber>> FhirPeople(const LoadedRegistry& reg, const FhirQuery& q) {
  if (!q.as_of.valid()) return Status::InvalidArgument("thiếu ngày xuất dữ liệu");
  auto slots = SlotsOf(reg, q.unit_code, q.as_of);
  if (!slots.ok()) return slots.status();
  std::vector<BhxhNumber> people;
  if (!slots->empty())
    reg.index->ForEachPerson(*slots, [&](const CoverageIndex::PersonView& v) { people.push_back(v.bhxh); });
  if (static_cast<int64_t>(people.size()) > q.max_people)
    return Status::InvalidArgument("đơn vị " + q.unit_code + " có " + std::to_string(people.size()) +
                                   " người, quá " + std::to_string(q.max_people) +
                                   " người cho một tệp FHIR; hãy xuất theo huyện hoặc xã");
  std::sort(people.begin(), people.end(), [](BhxhNumber a, BhxhNumber b) { return a.value() < b.value(); });
  return people;
}

Status WriteFhirBundle(const LoadedRegistry& reg, Store* store, const FhirQuery& q,
                       const std::vector<BhxhNumber>& people, const FhirSink& sink, FhirCounts* counts) {
  constexpr size_t kPiece = 64 << 10;
  *counts = FhirCounts{};
  std::string buf = R"({"resourceType":"Bundle","type":"collection","entry":[)";  // as dump() orders it
  bool first = true, sink_ok = true;
  auto entry = [&](Json resource) {
    if (!first) buf += ',';
    first = false;
    buf += Json{{"resource", std::move(resource)}}.dump();
    if (buf.size() >= kPiece) {
      sink_ok = sink(buf);
      buf.clear();
    }
  };
  BAOPHU_RETURN_IF_ERROR(store->BeginRead());
  Status st = [&]() -> Status {
    std::vector<Card> cards;
    for (BhxhNumber b : people) {
      if (!sink_ok) return Status::IOError("không gửi hoặc ghi được tệp FHIR");
      auto p = store->FindPerson(b);
      if (!p.ok()) return p.status();
      if (!p->has_value()) continue;  // a person the store no longer has (the index is older)
      BAOPHU_RETURN_IF_ERROR(store->CardsOf(b, &cards));
      if (q.valid_only)
        std::erase_if(cards, [&](const Card& c) {
          return q.as_of < c.valid_from || (c.valid_to.valid() && c.valid_to < q.as_of);
        });
      if (q.valid_only && cards.empty()) continue;
      entry(PatientOf(reg, **p, q.as_of));
      ++counts->patients;
      for (const Card& c : cards) {
        entry(CoverageOf(reg.rules, c));
        ++counts->coverages;
      }
    }
    return Status::Ok();
  }();
  Status end = store->EndRead();
  BAOPHU_RETURN_IF_ERROR(st);
  BAOPHU_RETURN_IF_ERROR(end);
  buf += "]}";
  if (!sink_ok || !sink(buf)) return Status::IOError("không gửi hoặc ghi được tệp FHIR");
  return Status::Ok();
}

}  // namespace baophu
