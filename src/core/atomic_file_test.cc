// Fault injection on the export writes (issue 12, "the regime"): WriteFileAtomically with every
// write failing in turn (EIO, ENOSPC), then the fsync, the close and the rename: each time an
// IOError, the previous file byte for byte as it was, no .tmp left; without a fault the new
// contents, owner-only.
#include "core/atomic_file.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>

namespace baophu {
namespace {

// At most 1000 bytes per write (many places to fail); fails the chosen call.
class FaultyFileOps : public FileOps {
 public:
  int64_t fail_write = -1;
  int fail_errno = EIO;
  bool fail_fsync = false, fail_close = false, fail_rename = false;
  int64_t writes = 0;
  ssize_t Write(int fd, const void* p, size_t n) override {
    if (writes++ == fail_write) {
      errno = fail_errno;
      return -1;
    }
    return FileOps::Write(fd, p, std::min<size_t>(n, 1000));
  }
  int Fsync(int fd) override { return fail_fsync ? (errno = EIO, -1) : FileOps::Fsync(fd); }
  int Close(int fd) override {
    int rc = FileOps::Close(fd);
    return fail_close ? (errno = EIO, -1) : rc;
  }
  int Rename(const char* a, const char* b) override { return fail_rename ? (errno = ENOSPC, -1) : FileOps::Rename(a, b); }
};

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

TEST(AtomicFileTest, EveryFailedWriteFsyncCloseOrRenameLeavesThePreviousFileWhole) {
  const std::string dir = ::testing::TempDir() + "/baophu_atomic_" + std::to_string(::getpid());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/report.csv";
  const std::string old_text = "unit_code,insured\n95,79364\n";
  ASSERT_TRUE(WriteFileAtomically(path, old_text).ok());
  std::string new_text;
  for (int i = 0; i < 3000; ++i) new_text += "95" + std::to_string(i) + ",184464\n";

  FaultyFileOps count;
  ASSERT_TRUE(WriteFileAtomically(dir + "/count.csv", new_text, &count).ok());
  ASSERT_GT(count.writes, 20);
  int failures = 0;
  auto check = [&](FaultyFileOps& ops, const std::string& what) {
    Status st = WriteFileAtomically(path, new_text, &ops);
    ASSERT_FALSE(st.ok()) << what;
    EXPECT_EQ(st.code(), Status::Code::kIOError) << what;
    EXPECT_EQ(Read(path), old_text) << what;
    EXPECT_FALSE(std::filesystem::exists(path + ".tmp")) << what;
    ++failures;
  };
  for (int err : {EIO, ENOSPC}) {
    for (int64_t n = 0; n < count.writes; ++n) {
      FaultyFileOps ops;
      ops.fail_write = n;
      ops.fail_errno = err;
      check(ops, "write " + std::to_string(n) + " errno " + std::to_string(err));
    }
  }
  {
    FaultyFileOps ops;
    ops.fail_fsync = true;
    check(ops, "fsync");
  }
  {
    FaultyFileOps ops;
    ops.fail_close = true;
    check(ops, "close");
  }
  {
    FaultyFileOps ops;
    ops.fail_rename = true;
    check(ops, "rename");
  }
  EXPECT_EQ(failures, 2 * count.writes + 3);

  // A file another writer made (the XLSX exports): put in place whole, or removed on failure.
  {
    std::ofstream(dir + "/x.tmp") << "other";
    FaultyFileOps ops;
    ops.fail_fsync = true;
    EXPECT_FALSE(ReplaceWithFile(dir + "/x.tmp", path, &ops).ok());
    EXPECT_EQ(Read(path), old_text);
    EXPECT_FALSE(std::filesystem::exists(dir + "/x.tmp"));
  }

  ASSERT_TRUE(WriteFileAtomically(path, new_text).ok());
  EXPECT_EQ(Read(path), new_text);
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace baophu
