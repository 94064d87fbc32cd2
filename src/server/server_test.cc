// The server's pure parts: access policy, login limiter, passwords, routes against docs/api.md.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "server/access_policy.h"
#include "server/authenticate.h"
#include "server/http_util.h"
#include "server/login_limiter.h"
#include "server/password.h"
#include "server/routes.h"
#include "server/server.h"

namespace baophu {
namespace {

Date D(int y, int m, int d) { return Date::FromYmd(y, m, d); }

// VN → 95 (until 2025-06-30) → district 954 → communes 31957, 31981; 96 → 32000.
UnitTree Tree() {
  const Date end = D(2025, 6, 30);
  std::vector<Unit> units = {MakeUnit("VN", "Việt Nam", UnitLevel::kCountry, ""),
                             MakeUnit("95", "Tỉnh Bạc Liêu", UnitLevel::kProvince, "VN", Date::Min(), end),
                             MakeUnit("96", "Tỉnh Cà Mau", UnitLevel::kProvince, "VN"),
                             MakeUnit("954", "Huyện Phước Long", UnitLevel::kDistrict, "95", Date::Min(), end),
                             MakeUnit("31957", "Xã Phong Thạnh", UnitLevel::kCommune, "954", Date::Min(), end),
                             MakeUnit("31981", "Xã Vĩnh Phú Tây", UnitLevel::kCommune, "954", Date::Min(), end),
                             MakeUnit("32000", "Xã Mới", UnitLevel::kCommune, "96")};
  auto t = UnitTree::Build(std::move(units), {});
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return std::move(t).value();
}

User U(Role r, std::vector<std::string> units) {
  User u;
  u.username = "u";
  u.role = r;
  u.units = std::move(units);
  return u;
}

TEST(AccessPolicyTest, ACommuneUserSeesOnlyItsCommune) {
  UnitTree t = Tree();
  User a = U(Role::kCommune, {"31957"});
  Date today = D(2026, 11, 23);  // after the reform: the communes are no longer valid
  EXPECT_TRUE(MaySeeUnitCode(a, t, "31957", today));
  EXPECT_FALSE(MaySeeUnitCode(a, t, "31981", today));
  EXPECT_FALSE(MaySeeUnitCode(a, t, "32000", today));
  EXPECT_FALSE(MaySeeUnitCode(a, t, "", today));  // commune unknown: administrators only
  EXPECT_FALSE(MaySeeUnit(a, t, t.Resolve(std::string("954"), D(2021, 11, 10)), D(2021, 11, 10)));
  EXPECT_TRUE(MaySeeUnit(a, t, t.Resolve(std::string("31957"), D(2021, 11, 10)), D(2021, 11, 10)));
}

TEST(AccessPolicyTest, AProvinceUserSeesEverythingBelow) {
  UnitTree t = Tree();
  User p = U(Role::kProvince, {"95"});
  Date today = D(2026, 11, 23);
  EXPECT_TRUE(MaySeeUnitCode(p, t, "31957", today));
  EXPECT_TRUE(MaySeeUnitCode(p, t, "954", today));
  EXPECT_FALSE(MaySeeUnitCode(p, t, "32000", today));
  EXPECT_TRUE(MaySeeUnitCode(U(Role::kAdministrator, {}), t, "32000", today));
  EXPECT_EQ(HomeUnit(p), "95");
  EXPECT_EQ(HomeUnit(U(Role::kAdministrator, {"95"})), "VN");
}

// The 2025 reform: Bạc Liêu (95) and the old Cà Mau (96) become the new Cà Mau (96 again).
// Bạc Liêu's commune 31957 goes into the new commune 32002, and its code 31981 is reused by
// the reform for another commune of the new Cà Mau (as 25 of Bạc Liêu's codes were).
UnitTree ReformTree() {
  const Date end = D(2025, 6, 30), start = D(2025, 7, 1);
  std::vector<Unit> units = {MakeUnit("VN", "Việt Nam", UnitLevel::kCountry, ""),
                             MakeUnit("95", "Tỉnh Bạc Liêu", UnitLevel::kProvince, "VN", Date::Min(), end),
                             MakeUnit("96", "Tỉnh Cà Mau", UnitLevel::kProvince, "VN", Date::Min(), end),
                             MakeUnit("96", "Tỉnh Cà Mau", UnitLevel::kProvince, "VN", start),
                             MakeUnit("954", "Huyện Phước Long", UnitLevel::kDistrict, "95", Date::Min(), end),
                             MakeUnit("31957", "Xã Phong Thạnh", UnitLevel::kCommune, "954", Date::Min(), end),
                             MakeUnit("31981", "Xã Vĩnh Phú Tây", UnitLevel::kCommune, "954", Date::Min(), end),
                             MakeUnit("31981", "Xã Vĩnh Phú (mới)", UnitLevel::kCommune, "96", start),
                             MakeUnit("32002", "Xã Phong Thạnh (mới)", UnitLevel::kCommune, "96", start)};
  std::vector<UnitSuccessor> succ = {{UnitCode::Parse("31957").value(), Date::Min(), UnitCode::Parse("32002").value(),
                                      MergeType::kFull}};
  auto t = UnitTree::Build(std::move(units), succ);
  EXPECT_TRUE(t.ok()) << t.status().ToString();
  return std::move(t).value();
}

TEST(AccessPolicyTest, TheVersionValidOnTheDataDateDecidesNotAnyVersionOfTheCode) {
  UnitTree t = ReformTree();
  const Date y2021 = D(2021, 11, 10), y2026 = D(2026, 1, 15);
  // The version a record of each date means.
  EXPECT_EQ(t.unit(UnitVersionOn(t, "31981", y2021)).parent.str(), "954");
  EXPECT_EQ(t.unit(UnitVersionOn(t, "31981", y2026)).parent.str(), "96");
  EXPECT_EQ(t.unit(UnitVersionOn(t, "31957", y2026)).name, "Xã Phong Thạnh");  // closest before
  EXPECT_EQ(UnitVersionOn(t, "99999", y2021), UnitTree::kNone);
  // A post-2025 Cà Mau account: none of Bạc Liêu's people of 2021, the reused code included
  // (before the fix: any version of 31981 lay in 96, so it saw them).
  User camau = U(Role::kProvince, {"96"});
  EXPECT_FALSE(MaySeeUnitCode(camau, t, "31981", y2021));
  EXPECT_FALSE(MaySeeUnitCode(camau, t, "31957", y2021));
  EXPECT_FALSE(MaySeeUnitCode(camau, t, "954", y2021));
  // After the reform the people are Cà Mau's: the reused code's new commune, and 31957's
  // successor 32002.
  EXPECT_TRUE(MaySeeUnitCode(camau, t, "31981", y2026));
  EXPECT_TRUE(MaySeeUnitCode(camau, t, "31957", y2026));
  EXPECT_TRUE(MaySeeUnitCode(camau, t, "32002", y2026));
  // Bạc Liêu's account keeps its 2021 people, and only those.
  User baclieu = U(Role::kProvince, {"95"});
  EXPECT_TRUE(MaySeeUnitCode(baclieu, t, "31981", y2021));
  EXPECT_TRUE(MaySeeUnitCode(baclieu, t, "31957", y2026));   // written under the old commune
  EXPECT_FALSE(MaySeeUnitCode(baclieu, t, "31981", y2026));  // the reused code: Cà Mau's commune
  // A commune account of the new 32002 sees 31957's people after the reform, not before.
  User moi = U(Role::kCommune, {"32002"});
  EXPECT_TRUE(MaySeeUnitCode(moi, t, "31957", y2026));
  EXPECT_FALSE(MaySeeUnitCode(moi, t, "31957", y2021));
  EXPECT_FALSE(MaySeeUnitCode(moi, t, "31981", y2026));
}

TEST(AccessPolicyTest, SchoolsAndOrganisationsHaveNoExchangeExports) {
  EXPECT_FALSE(MayExchange(U(Role::kSchool, {"31957"})));
  EXPECT_FALSE(MayExchange(U(Role::kOrganisation, {"31957"})));
  EXPECT_TRUE(MayExchange(U(Role::kCommune, {"31957"})));
  EXPECT_TRUE(MayExchange(U(Role::kProvince, {"95"})));
}

TEST(AccessPolicyTest, RolesDecideTheKindsOfData) {
  EXPECT_FALSE(MaySeePersonalData(U(Role::kViewer, {"95"})));
  EXPECT_TRUE(MaySeePersonalData(U(Role::kSchool, {"31957"})));
  EXPECT_TRUE(MayImport(U(Role::kProvince, {"95"})));
  EXPECT_FALSE(MayImport(U(Role::kCommune, {"31957"})));
  // The outreach lists (rosters, beneficiaries, members, responsibles): communes too.
  EXPECT_TRUE(MayImportLists(U(Role::kAdministrator, {})));
  EXPECT_TRUE(MayImportLists(U(Role::kProvince, {"95"})));
  EXPECT_TRUE(MayImportLists(U(Role::kCommune, {"31957"})));
  EXPECT_FALSE(MayImportLists(U(Role::kSchool, {"31957"})));
  EXPECT_FALSE(MayImportLists(U(Role::kOrganisation, {"31957"})));
  EXPECT_FALSE(MayImportLists(U(Role::kViewer, {"95"})));
  EXPECT_EQ(ParseRole("organisation"), Role::kOrganisation);
  EXPECT_EQ(ParseRole("admin"), std::nullopt);
}

TEST(LoginLimiterTest, LocksAfterTheLimitUntilTheWindowPasses) {
  LoginLimiter lim(3, std::chrono::seconds(60));
  auto t0 = LoginLimiter::Clock::now();
  for (int i = 0; i < 3; ++i) {
    EXPECT_TRUE(lim.Allowed("user:a", t0));
    lim.RecordFailure("user:a", t0);
  }
  int retry = 0;
  EXPECT_FALSE(lim.Allowed("user:a", t0 + std::chrono::seconds(10), &retry));
  EXPECT_EQ(retry, 51);  // 60 s window − 10 s elapsed, rounded up
  EXPECT_TRUE(lim.Allowed("user:b", t0));
  EXPECT_TRUE(lim.Allowed("user:a", t0 + std::chrono::seconds(61)));
  lim.RecordFailure("user:c", t0);
  lim.Clear("user:c");
  EXPECT_TRUE(lim.Allowed("user:c", t0));
}

TEST(PasswordTest, Argon2idRoundTrip) {
  ASSERT_TRUE(InitCrypto().ok());
  auto h = HashPassword("mật khẩu dài");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword(*h, "mật khẩu dài"));
  EXPECT_FALSE(VerifyPassword(*h, "mat khau dai"));
  EXPECT_NE(*HashPassword("mật khẩu dài"), *h);  // a fresh salt each time
  EXPECT_FALSE(CheckPasswordStrength("1234567").ok());
  EXPECT_EQ(RandomToken(16).size(), 32u);
}

// An AccountStore of users in memory (Authenticate reads one user).
class MemoryAccounts : public AccountStore {
 public:
  std::vector<User> users;
  Result<int64_t> CreateUser(const User& u) override {
    users.push_back(u);
    return static_cast<int64_t>(users.size());
  }
  Status SetPassword(const std::string&, const std::string&) override { return Status::Ok(); }
  Status SetActive(const std::string&, bool) override { return Status::Ok(); }
  Result<std::optional<User>> FindUser(const std::string& name) override {
    for (const User& u : users)
      if (u.username == name) return std::optional<User>(u);
    return std::optional<User>();
  }
  Status ListUsers(std::vector<User>* out) override {
    *out = users;
    return Status::Ok();
  }
  Status AppendAudit(const AuditEntry&) override { return Status::Ok(); }
  Status ListAudit(int, int64_t, const std::string&, std::vector<AuditEntry>*) override { return Status::Ok(); }
};

TEST(AuthenticateTest, EveryAttemptCostsOneVerificationKnownOrNot) {
  ASSERT_TRUE(InitCrypto().ok());
  MemoryAccounts acc;
  User lan = U(Role::kSchool, {"31813"});
  lan.username = "lan";
  lan.password_hash = *HashPassword("mật khẩu của Lan");
  User khoa = lan;
  khoa.username = "khoa";
  khoa.active = false;
  acc.users = {lan, khoa};
  // Before the fix an unknown (or inactive) username answered without verifying: 0 here.
  uint64_t before = PasswordVerifications();
  auto unknown = Authenticate(&acc, "khong-co", "mật khẩu của Lan");
  ASSERT_TRUE(unknown.ok());
  EXPECT_FALSE(unknown->has_value());
  EXPECT_EQ(PasswordVerifications() - before, 1u);
  auto inactive = Authenticate(&acc, "khoa", "mật khẩu của Lan");
  EXPECT_FALSE(inactive->has_value());
  EXPECT_EQ(PasswordVerifications() - before, 2u);
  EXPECT_FALSE(Authenticate(&acc, "lan", "sai mật khẩu")->has_value());
  auto ok = Authenticate(&acc, "lan", "mật khẩu của Lan");
  ASSERT_TRUE(ok->has_value());
  EXPECT_EQ((*ok)->username, "lan");
  EXPECT_EQ(PasswordVerifications() - before, 4u);
}

TEST(AuthenticateTest, ASessionEndsWhenThePasswordChangesOrTheAccountIsDeactivated) {
  ASSERT_TRUE(InitCrypto().ok());
  User u = U(Role::kCommune, {"31813"});
  u.password_hash = *HashPassword("mật khẩu cũ 1");
  const std::string at_login = u.password_hash;
  EXPECT_TRUE(SessionAccountStands(at_login, u));
  User changed = u;
  changed.password_hash = *HashPassword("mật khẩu cũ 1");  // even the same password: a new salt
  EXPECT_FALSE(SessionAccountStands(at_login, changed));
  User off = u;
  off.active = false;
  EXPECT_FALSE(SessionAccountStands(at_login, off));
  EXPECT_FALSE(SessionAccountStands(at_login, std::nullopt));  // deleted
  EXPECT_FALSE(SessionAccountStands("", u));
}

TEST(HttpErrorTest, EveryStatusHasItsHttpCode) {
  EXPECT_EQ(HttpErrorFor(Status::InvalidArgument("x")).status, 400);
  EXPECT_EQ(HttpErrorFor(Status::Unauthenticated("x")).status, 401);
  EXPECT_EQ(HttpErrorFor(Status::PermissionDenied("x")).status, 403);
  EXPECT_EQ(HttpErrorFor(Status::NotFound("x")).status, 404);
  EXPECT_EQ(HttpErrorFor(Status::Conflict("x")).status, 409);
  EXPECT_EQ(HttpErrorFor(Status::TooLarge("x")).status, 413);
  EXPECT_EQ(HttpErrorFor(Status::Unsupported("x")).status, 422);
  EXPECT_EQ(HttpErrorFor(Status::IOError("x")).status, 500);
}

TEST(RoutesTest, PatternsMatchTheDocumentedPlaceholders) {
  EXPECT_EQ(Router::PatternOf("/api/v1/people/{bhxh}/export.xlsx"), R"(/api/v1/people/(\d{10})/export\.xlsx)");
  EXPECT_EQ(Router::PatternOf("/api/v1/imports/{id}"), "/api/v1/imports/([0-9a-f]+)");
  EXPECT_EQ(Router::PatternOf("/api/v1/units/{code}"), "/api/v1/units/([^/]+)");
}

TEST(RoutesTest, DocumentedRoutesAreTheServedRoutes) {
  std::ifstream f(std::string(BAOPHU_SOURCE_DIR) + "/docs/api.md");
  ASSERT_TRUE(f) << "docs/api.md";
  std::set<std::string> documented, served;
  std::regex heading(R"(^### (GET|POST|PUT|PATCH|DELETE) (/\S+)\s*$)");
  std::string line;
  while (std::getline(f, line)) {
    std::smatch m;
    if (std::regex_match(line, m, heading)) documented.insert(m[1].str() + " " + m[2].str());
  }
  ServerOptions o;
  o.db = ":memory:";
  Server s(o);  // routes are registered by the constructor; nothing is loaded or bound
  for (const auto& [method, path] : s.routes()) served.insert(method + " " + path);
  for (const std::string& r : served) EXPECT_TRUE(documented.count(r)) << "not in docs/api.md: " << r;
  for (const std::string& r : documented) EXPECT_TRUE(served.count(r)) << "documented but not served: " << r;
  EXPECT_GE(served.size(), 20u);
}

}  // namespace
}  // namespace baophu
