// The baophu command line: see cli/app.h.
#include "cli/app.h"
#include "core/allocator.h"

#include <sys/stat.h>

int main(int argc, char** argv) {
  // Every file baophu creates (the store and its -wal/-shm, the snapshot, uploads, exports,
  // reports) holds or derives from personal data: owner-only, whatever the caller's umask.
  umask(077);
  baophu::KeepLargeAllocations();
  return baophu::RunCli(argc, argv);
}
