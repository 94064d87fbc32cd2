// Helpers shared by the fuzz targets: an invariant check that survives NDEBUG, and a scratch
// file whose path the readers can open (they take paths, not buffers). Not thread-safe; one
// fuzz target per process.
#pragma once

#include <unistd.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

// Aborts with the failed condition: libFuzzer records the input as a crash, the replay test fails.
#define FUZZ_CHECK(cond)                                                                  \
  do {                                                                                    \
    if (!(cond)) {                                                                        \
      std::fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                       \
    }                                                                                     \
  } while (0)

namespace baophu::fuzz {

// One scratch file per process, rewritten for every input. Named `name` (the extension
// matters to OpenTable) in a private folder under $TMPDIR, removed at exit.
class ScratchFile {
 public:
  explicit ScratchFile(const std::string& name) {
    std::error_code ec;
    dir_ = std::filesystem::temp_directory_path(ec) / ("baophu_fuzz_" + std::to_string(getpid()));
    std::filesystem::create_directories(dir_, ec);
    path_ = (dir_ / name).string();
  }
  ~ScratchFile() {
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  ScratchFile(const ScratchFile&) = delete;
  ScratchFile& operator=(const ScratchFile&) = delete;

  // Replaces the file's content; aborts when the scratch folder is unusable (not the target's bug).
  const std::string& Write(const uint8_t* data, size_t size) {
    std::FILE* f = std::fopen(path_.c_str(), "wb");
    if (!f || (size && std::fwrite(data, 1, size, f) != size) || std::fclose(f) != 0) {
      std::fprintf(stderr, "cannot write scratch file %s\n", path_.c_str());
      std::abort();
    }
    return path_;
  }
  const std::filesystem::path& dir() const { return dir_; }
  const std::string& path() const { return path_; }

 private:
  std::filesystem::path dir_;
  std::string path_;
};

}  // namespace baophu::fuzz
