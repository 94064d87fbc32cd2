#include "core/atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace baophu {

ssize_t FileOps::Write(int fd, const void* p, size_t n) { return ::write(fd, p, n); }
int FileOps::Fsync(int fd) { return ::fsync(fd); }
int FileOps::Close(int fd) { return ::close(fd); }
int FileOps::Rename(const char* from, const char* to) { return ::rename(from, to); }

namespace {

Status Failed(const std::string& what, const std::string& doing, const std::string& file) {
  return Status::IOError(what + ": " + doing + " " + file + ": " + std::strerror(errno));
}

void SyncDirectoryOf(const std::string& path) {
  const size_t slash = path.rfind('/');
  std::string dir = ".";
  if (slash == 0) dir = "/";
  else if (slash != std::string::npos) dir.assign(path, 0, slash);
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

// True when `path` names something other than a regular file (a device such as /dev/stdout or
// /dev/full, a pipe): it is written in place — a temporary file renamed over it would replace
// the device node itself.
bool IsSpecialFile(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode);
}

// Writes `content` into the special file `path` (no temporary, no rename); every write and the
// close checked (a full device answers ENOSPC).
Status WriteInPlace(const std::string& path, std::string_view content, FileOps* ops, const std::string& what) {
  FileOps system_ops;
  if (ops == nullptr) ops = &system_ops;
  int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return Failed(what, "không mở được", path);
  Status st = WriteAllTo(fd, content.data(), content.size(), ops, what);
  if (ops->Close(fd) != 0 && st.ok()) st = Failed(what, "đóng", path);
  return st;
}

}  // namespace

Result<int> OpenTempFile(const std::string& path, const std::string& what) {
  const std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Failed(what, "không mở được", tmp);
  ::fchmod(fd, 0600);  // a leftover .tmp may have been wider
  return fd;
}

Status WriteAllTo(int fd, const void* data, size_t n, FileOps* ops, const std::string& what) {
  FileOps system_ops;
  if (ops == nullptr) ops = &system_ops;
  const char* p = static_cast<const char*>(data);
  while (n > 0) {
    ssize_t w = ops->Write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) {
      if (w == 0) errno = EIO;
      return Status::IOError(what + ": ghi tệp thất bại: " + std::strerror(errno));
    }
    p += w;
    n -= static_cast<size_t>(w);
  }
  return Status::Ok();
}

Status CommitTempFile(int fd, const std::string& path, Status st, FileOps* ops, const std::string& what) {
  FileOps system_ops;
  if (ops == nullptr) ops = &system_ops;
  const std::string tmp = path + ".tmp";
  if (st.ok() && ops->Fsync(fd) != 0) st = Failed(what, "fsync", tmp);
  if (ops->Close(fd) != 0 && st.ok()) st = Failed(what, "đóng", tmp);
  if (st.ok() && ops->Rename(tmp.c_str(), path.c_str()) != 0) st = Failed(what, "đổi tên thành", path);
  if (!st.ok()) {
    ::unlink(tmp.c_str());
    return st;
  }
  SyncDirectoryOf(path);  // the rename itself survives a crash once the directory is synced
  return Status::Ok();
}

Status WriteFileAtomically(const std::string& path, std::string_view content, FileOps* ops) {
  const std::string what = "tệp " + path;
  if (IsSpecialFile(path)) return WriteInPlace(path, content, ops, what);
  auto fd = OpenTempFile(path, what);
  if (!fd.ok()) return fd.status();
  return CommitTempFile(*fd, path, WriteAllTo(*fd, content.data(), content.size(), ops, what), ops, what);
}

Status ReplaceWithFile(const std::string& tmp, const std::string& path, FileOps* ops) {
  FileOps system_ops;
  if (ops == nullptr) ops = &system_ops;
  const std::string what = "tệp " + path;
  if (IsSpecialFile(path)) {  // copied into the device or pipe, then the temporary goes
    std::string content;
    int in = ::open(tmp.c_str(), O_RDONLY | O_CLOEXEC);
    if (in < 0) return Failed(what, "không mở được", tmp);
    char buf[1 << 16];
    for (ssize_t n; (n = ::read(in, buf, sizeof buf)) != 0;) {
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        ::close(in);
        ::unlink(tmp.c_str());
        return Failed(what, "không đọc được", tmp);
      }
      content.append(buf, static_cast<size_t>(n));
    }
    ::close(in);
    ::unlink(tmp.c_str());
    return WriteInPlace(path, content, ops, what);
  }
  int fd = ::open(tmp.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Failed(what, "không mở được", tmp);
  ::fchmod(fd, 0600);
  Status st;
  if (ops->Fsync(fd) != 0) st = Failed(what, "fsync", tmp);
  if (ops->Close(fd) != 0 && st.ok()) st = Failed(what, "đóng", tmp);
  if (st.ok() && ops->Rename(tmp.c_str(), path.c_str()) != 0) st = Failed(what, "đổi tên thành", path);
  if (!st.ok()) {
    ::unlink(tmp.c_str());
    return st;
  }
  SyncDirectoryOf(path);
  return Status::Ok();
}

}  // namespace baophu
