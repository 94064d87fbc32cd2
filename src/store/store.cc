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

}  // namespace baophu
