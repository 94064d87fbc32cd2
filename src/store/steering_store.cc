// SteeringStore::Open: picks the implementation from the URI (as Store::Open).
#include "store/steering_store.h"

#include "store/sqlite/sqlite_steering_store.h"

namespace baophu {

Result<std::unique_ptr<SteeringStore>> SteeringStore::Open(const std::string& uri) {
  std::string_view u = uri;
  if (u.starts_with("postgres://") || u.starts_with("postgresql://"))
    return Status::Unsupported("PostgreSQL ('" + uri + "') chưa hỗ trợ cho dữ liệu chỉ đạo; hãy dùng tệp SQLite");
  if (u.starts_with("sqlite://")) u.remove_prefix(9);
  auto s = SQLiteSteeringStore::Open(std::string(u));
  if (!s.ok()) return s.status();
  return std::unique_ptr<SteeringStore>(std::move(*s));
}

}  // namespace baophu
