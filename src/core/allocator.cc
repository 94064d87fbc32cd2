#include "core/allocator.h"

#include <malloc.h>

namespace baophu {

void KeepLargeAllocations() {
  // Blocks up to 64 MiB come from the heap, and the heap keeps up to 512 MiB of free memory
  // instead of trimming it back to the system after each report.
  mallopt(M_MMAP_THRESHOLD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 512 << 20);
}

}  // namespace baophu
