// Files replaced whole or not at all: written to PATH.tmp (created owner-only, 0600: exports
// and snapshots hold personal data), fsync'ed, renamed over PATH, the directory fsync'ed. A
// failed write, fsync, close or rename (disk full included) removes the .tmp and leaves PATH as
// it was. The file operations go through FileOps, which tests replace to fail the Nth write,
// the fsync or the rename (fault injection: engine/snapshot_fault_test.cc, core/atomic_file_test.cc).
// Hand-written rather than a library's: POSIX gives the pieces, no Debian library wraps them
// with an injectable seam.
#pragma once

#include <sys/types.h>

#include <cstddef>
#include <string>
#include <string_view>

#include "core/status.h"

namespace baophu {

// The system calls by default; each returns as the call does (-1 and errno on failure).
class FileOps {
 public:
  virtual ~FileOps() = default;
  virtual ssize_t Write(int fd, const void* p, size_t n);
  virtual int Fsync(int fd);
  virtual int Close(int fd);
  virtual int Rename(const char* from, const char* to);
};

// Opens path + ".tmp" for writing: created 0600, a leftover of a crash truncated. `what`
// starts the error message ("snapshot", the file's kind).
Result<int> OpenTempFile(const std::string& path, const std::string& what);
// Writes all of [p, p + n) to fd (short writes continued, EINTR retried).
Status WriteAllTo(int fd, const void* p, size_t n, FileOps* ops, const std::string& what);
// Ends a temp file opened by OpenTempFile: when `written` is OK, fsync, close, rename over
// `path` and fsync the directory; else (or when one of them fails) close and remove the temp.
// Returns `written` or the first failure. `ops` null = the system calls.
Status CommitTempFile(int fd, const std::string& path, Status written, FileOps* ops, const std::string& what);
// `content` as the whole new contents of `path`.
Status WriteFileAtomically(const std::string& path, std::string_view content, FileOps* ops = nullptr);
// A file another writer made at `tmp` (e.g. libxlsxwriter) fsync'ed and renamed over `path`;
// removed on failure.
Status ReplaceWithFile(const std::string& tmp, const std::string& path, FileOps* ops = nullptr);

}  // namespace baophu
