// One pass over an input file's bytes before it is parsed: the SHA-256 for the import log and,
// for text files, the UTF-8 check (with the line and byte of the first bad sequence, so the
// message can tell the official what to do). Free functions; thread-safe.
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"

namespace baophu {

struct FileScan {
  std::string sha256;      // lower-case hex
  int64_t size = 0;        // bytes
  bool utf8 = true;        // only computed when asked
  int64_t bad_line = 0;    // 1-based line of the first byte that is not UTF-8
  uint8_t bad_byte = 0;    // that byte
};

Result<FileScan> ScanFile(const std::string& path, bool check_utf8);

// Streaming UTF-8 validator (RFC 3629: no overlongs, no surrogates, at most U+10FFFF).
class Utf8Validator {
 public:
  // Feeds one byte; false when the byte makes the text invalid.
  bool Feed(uint8_t b);
  // True when the text so far ends on a character boundary.
  bool AtBoundary() const { return need_ == 0; }
  // The first byte of the sequence being read (the byte to name in a message).
  uint8_t lead() const { return lead_; }

 private:
  int need_ = 0;           // continuation bytes still expected
  uint8_t lead_ = 0;
  uint8_t lo_ = 0x80, hi_ = 0xBF;  // allowed range of the next continuation byte
};

}  // namespace baophu
