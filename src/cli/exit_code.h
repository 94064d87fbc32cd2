// The one place where Status codes become process exit codes (documented in README.md).
#pragma once

#include "core/status.h"

namespace baophu {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;      // anything not listed below
inline constexpr int kExitUsage = 2;        // bad command line (CLI11)
inline constexpr int kExitRejectedRows = 3; // an import rejected at least one row

inline int ExitCodeFor(const Status& s) {
  switch (s.code()) {
    case Status::Code::kOk: return kExitOk;
    case Status::Code::kInvalidArgument: return 4;
    case Status::Code::kNotFound: return 5;
    case Status::Code::kConflict: return 6;
    case Status::Code::kIOError: return 7;
    case Status::Code::kCorruption: return 8;
    case Status::Code::kUnsupported: return 9;
    case Status::Code::kPermissionDenied:
    case Status::Code::kUnauthenticated: return 10;
    default: return kExitFailure;
  }
}

}  // namespace baophu
