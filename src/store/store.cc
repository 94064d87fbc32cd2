// Store::Open: picks the implementation from the URI.
#include "store/store.h"

#include <string_view>

#include "store/sqlite/sqlite_store.h"

namespace baophu {

Result<std::unique_ptr<Store>> Store::Open(const std::string& uri) {
  std::string_view u = uri;
  if (u.starts_with("postgres://") || u.starts_with("postgresql://")) {
    return Status::Unsupported("PostgreSQL ('" + uri +
                               "') chưa hỗ trợ; hãy dùng một đường dẫn tệp SQLite, ví dụ var/baophu.db");
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

}  // namespace baophu
