// Store::Open: picks the implementation from the URI.
#include "store/store.h"

#include <random>
#include <string_view>

#include "store/postgres/pg_conn.h"
#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"

namespace baophu {

Result<std::unique_ptr<Store>> Store::Open(const std::string& uri) {
  std::string_view u = uri;
  if (pg::IsPostgresUri(u)) {
    auto s = PgStore::Open(uri);
    if (!s.ok()) return s.status();
    return std::unique_ptr<Store>(std::move(*s));
  }
  if (u.starts_with("sqlite://")) u.remove_prefix(9);
  if (u.empty()) return Status::InvalidArgument("thiếu đường dẫn cơ sở dữ liệu");
  auto s = SQLiteStore::Open(std::string(u));
  if (!s.ok()) return s.status();
  return std::unique_ptr<Store>(std::move(*s));
}

Status Store::ScanIndexInputs(const std::function<Status(const PersonIndexRow&)>& on_person,
                              const std::function<Status(const CardIndexRow&)>& on_card, int64_t* generation) {
  if (generation) {
    auto g = Generation();
    if (!g.ok()) return g.status();
    *generation = *g;
  }
  BAOPHU_RETURN_IF_ERROR(ScanPersons([&](const Person& p) {
    PersonIndexRow r{p.bhxh.value(), p.commune.str(), p.hamlet.str(), p.household_code, p.birth_date, p.sex};
    return on_person(r);
  }));
  return ScanCards([&](const Card& c) {
    std::string object = c.object.empty() ? std::string() : c.object.str();
    CardIndexRow r{c.bhxh.value(), c.valid_from, c.valid_to, object, c.benefit_level};
    return on_card(r);
  });
}
Result<StoreState> Store::State(bool) {
  StoreState s;
  auto i = InstanceId();
  if (!i.ok()) return i.status();
  auto g = Generation();
  if (!g.ok()) return g.status();
  s.instance = *i;
  s.generation = *g;
  return s;
}

int64_t NewWriteToken() {
  // 63 random bits from the kernel (std::random_device reads getrandom on Linux).
  std::random_device rd;
  uint64_t v = (uint64_t{rd()} << 32) ^ rd();
  v &= ~(uint64_t{1} << 63);
  return v == 0 ? 1 : static_cast<int64_t>(v);
}

int64_t StructuralFingerprint(int64_t persons, int64_t max_person, int64_t cards, int64_t max_card) {
  // splitmix64 steps over the four numbers: any change of one changes the result.
  uint64_t h = 0x9e3779b97f4a7c15ull;
  for (int64_t x : {persons, max_person, cards, max_card}) {
    h ^= static_cast<uint64_t>(x) + 0x9e3779b97f4a7c15ull + (h << 6) + (h >> 2);
    h = (h ^ (h >> 30)) * 0xbf58476d1ce4e5b9ull;
    h = (h ^ (h >> 27)) * 0x94d049bb133111ebull;
    h ^= h >> 31;
  }
  h &= ~(uint64_t{1} << 63);
  return h == 0 ? 1 : static_cast<int64_t>(h);
}

namespace {
Status NoMoney() { return Status::Unsupported("kho dữ liệu này không có các bảng tài chính (lược đồ phiên bản 3)"); }
}  // namespace

Result<UpsertOutcome> Store::UpsertEmployer(const Employer&) { return NoMoney(); }
Result<UpsertOutcome> Store::UpsertDeclaration(const EmployerDeclaration&) { return NoMoney(); }
Result<UpsertOutcome> Store::UpsertEmployerPayment(const EmployerPayment&) { return NoMoney(); }
Result<UpsertOutcome> Store::UpsertReminder(const EmployerReminder&) { return NoMoney(); }
Result<UpsertOutcome> Store::UpsertRosterEntry(const RosterEntry&) { return NoMoney(); }
Result<UpsertOutcome> Store::UpsertSchool(const School&) { return NoMoney(); }
Result<UpsertOutcome> Store::UpsertSchoolPupilCount(const SchoolPupilCount&) { return NoMoney(); }
Result<UpsertOutcome> Store::UpsertSchoolPupil(const SchoolPupil&) { return NoMoney(); }
Result<UpsertOutcome> Store::UpsertSponsor(const Sponsor&) { return NoMoney(); }
Result<UpsertOutcome> Store::UpsertSponsorFund(const SponsorFund&) { return NoMoney(); }
Result<UpsertOutcome> Store::UpsertHardship(const HouseholdHardship&) { return NoMoney(); }
Result<UpsertOutcome> Store::UpsertAllocation(const SponsorAllocation&) { return NoMoney(); }
Status Store::ListEmployers(std::vector<Employer>*) { return NoMoney(); }
Status Store::ListDeclarations(std::vector<EmployerDeclaration>*) { return NoMoney(); }
Status Store::ListEmployerPayments(std::vector<EmployerPayment>*) { return NoMoney(); }
Status Store::ListReminders(std::vector<EmployerReminder>*) { return NoMoney(); }
Status Store::ListRoster(std::vector<RosterEntry>*) { return NoMoney(); }
Status Store::ListSchools(std::vector<School>*) { return NoMoney(); }
Status Store::ListSchoolPupilCounts(std::vector<SchoolPupilCount>*) { return NoMoney(); }
Status Store::ListSchoolPupils(std::vector<SchoolPupil>*) { return NoMoney(); }
Status Store::ListSponsors(std::vector<Sponsor>*) { return NoMoney(); }
Status Store::ListSponsorFunds(std::vector<SponsorFund>*) { return NoMoney(); }
Status Store::ListHardship(std::vector<HouseholdHardship>*) { return NoMoney(); }
Status Store::ListAllocations(std::vector<SponsorAllocation>*) { return NoMoney(); }

}  // namespace baophu
