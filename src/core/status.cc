#include "core/status.h"

namespace baophu {

std::string Status::ToString() const {
  const char* name = "OK";
  switch (code_) {
    case Code::kOk: return "OK";
    case Code::kInvalidArgument: name = "Dữ liệu không hợp lệ"; break;
    case Code::kNotFound: name = "Không tìm thấy"; break;
    case Code::kConflict: name = "Xung đột dữ liệu"; break;
    case Code::kIOError: name = "Lỗi vào/ra"; break;
    case Code::kCorruption: name = "Dữ liệu hỏng"; break;
    case Code::kPermissionDenied: name = "Không có quyền"; break;
    case Code::kUnauthenticated: name = "Chưa đăng nhập"; break;
    case Code::kTooLarge: name = "Quá lớn"; break;
    case Code::kUnsupported: name = "Không hỗ trợ"; break;
    case Code::kInternal: name = "Lỗi nội bộ"; break;
  }
  return std::string(name) + ": " + message_;
}

}  // namespace baophu
