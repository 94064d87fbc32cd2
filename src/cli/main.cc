// The baophu command line: see cli/app.h.
#include "cli/app.h"
#include "core/allocator.h"

int main(int argc, char** argv) {
  baophu::KeepLargeAllocations();
  return baophu::RunCli(argc, argv);
}
