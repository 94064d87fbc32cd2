// XXH64 (Yann Collet's xxHash, 64-bit, written here from the published algorithm): the snapshot
// file's checksum. Several GB/s on one core, so verifying a snapshot costs little next to reading
// it. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>

namespace baophu::engine {

uint64_t Xxh64(const void* data, size_t len, uint64_t seed = 0);

// A checksum of a byte stream fed in pieces: the stream is cut into kChunk-byte chunks (the
// last may be shorter), each hashed with Xxh64, and the chunk hashes are chained. The same bytes
// give the same value however they are fed.
class ChunkedChecksum {
 public:
  static constexpr size_t kChunk = size_t{1} << 16;
  void Update(const void* data, size_t len);
  uint64_t Final();

 private:
  void Flush();
  uint64_t h_ = 0x62616f7068750001ull;
  unsigned char buf_[kChunk];
  size_t n_ = 0;
};

}  // namespace baophu::engine
