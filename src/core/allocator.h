// Process-wide tuning of glibc's allocator for a process that answers many large queries (a
// national report holds 23.000 rows, a few MB): glibc otherwise serves such blocks with mmap
// and returns them on free, so every report pays its memory again in page faults (a quarter of
// the time of an as-of report, measured with perf). Call once at the start of main.
#pragma once

namespace baophu {

void KeepLargeAllocations();

}  // namespace baophu
