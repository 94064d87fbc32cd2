// OutreachStore::Open: picks the implementation from the URI (as Store::Open).
#include "store/outreach_store.h"

#include <string_view>

#include "store/postgres/pg_conn.h"
#include "store/postgres/pg_outreach_store.h"
#include "store/sqlite/sqlite_outreach_store.h"

namespace baophu {

Result<std::unique_ptr<OutreachStore>> OutreachStore::Open(const std::string& uri) {
  std::string_view u = uri;
  if (pg::IsPostgresUri(u)) {
    auto s = PgOutreachStore::Open(uri);
    if (!s.ok()) return s.status();
    return std::unique_ptr<OutreachStore>(std::move(*s));
  }
  if (u.starts_with("sqlite://")) u.remove_prefix(9);
  if (u.empty()) return Status::InvalidArgument("thiếu đường dẫn cơ sở dữ liệu");
  auto s = SQLiteOutreachStore::Open(std::string(u));
  if (!s.ok()) return s.status();
  return std::unique_ptr<OutreachStore>(std::move(*s));
}

}  // namespace baophu
