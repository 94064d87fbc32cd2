// Fuzzes the snapshot loader (engine/snapshot.h LoadSnapshot). The first input byte's bit 0 asks
// for every section's checksum to be recomputed before loading, so that mutations reach the
// section parsers behind the checksums (a damaged file with valid checksums is what a bug in the
// writer, or a hostile file, would give); the rest is the file. LoadSnapshot must return an index
// or an error, never crash; a loaded index answers counts for every slot and group.
// Seed: BAOPHU_SNAPSHOT_SEED=FILE <this binary> writes a small valid snapshot to FILE, prefixed
// by the flag byte (fuzz/corpus/snapshot/seed_small is one).
#include <cstdint>
#include <cstring>
#include <memory>
#include <string>

#include "engine/checksum.h"
#include "engine/coverage_index.h"
#include "engine/snapshot.h"
#include "fuzz/fuzz_util.h"
#include "rules/rule_set.h"

namespace {

using namespace baophu;

const RuleSet& Rules() {
  static const RuleSet* rules = [] {
    auto r = RuleSet::LoadDefault();
    if (!r.ok()) {
      std::fprintf(stderr, "rules: %s\n", r.status().ToString().c_str());
      std::abort();
    }
    return new RuleSet(std::move(*r));
  }();
  return *rules;
}

uint64_t Read64(const std::string& b, size_t at) {
  uint64_t v;
  std::memcpy(&v, b.data() + at, 8);
  return v;
}

// Walks the sections (after the 16-byte file header: tag, zero, length, payload, padding to 8,
// checksum) and rewrites each checksum; stops at the first section that does not fit.
void FixChecksums(std::string& b) {
  size_t at = 16;
  while (at + 16 <= b.size()) {
    const uint64_t len = Read64(b, at + 8);
    if (len > b.size()) return;
    const size_t payload = at + 16, padded = payload + ((len + 7) & ~uint64_t{7});
    if (padded < payload || padded + 8 > b.size()) return;
    engine::ChunkedChecksum sum;
    sum.Update(b.data() + payload, len);
    const uint64_t v = sum.Final();
    std::memcpy(b.data() + padded, &v, 8);
    at = padded + 8;
  }
}

void WriteSeed(const char* path) {
  CoverageIndexBuilder b(Rules());
  const char* communes[] = {"31813", "31816", ""};
  const char* objects[] = {"HS", "GD", "TE", "DN", "ZZ"};
  for (int i = 0; i < 12; ++i) {
    Person p;
    p.bhxh = BhxhNumber::FromInt(9500000100 + i);
    p.commune = UnitCode::Unchecked(communes[i % 3]);
    p.hamlet = UnitCode::Unchecked(i % 4 ? "" : "3181301");
    p.birth_date = Date::FromYmd(1980 + i, 1 + i % 12, 1);
    p.sex = i % 2 ? Sex::kMale : Sex::kFemale;
    p.household_code = i % 3 ? "H" + std::to_string(i / 2) : "";
    b.AddPerson(p);
    for (int k = 0; k < 2; ++k) {
      Card c;
      c.bhxh = p.bhxh;
      c.object = *ObjectCode::Parse(objects[(i + k) % 5]);
      c.benefit_level = 4;
      c.valid_from = Date::FromYmd(2020 + k, 1 + i % 12, 1);
      c.valid_to = c.valid_from.AddDays(364 - 30 * k);
      b.AddCard(c);
    }
  }
  auto idx = b.Finish();
  const std::string tmp = std::string(path) + ".snap";
  Status st = WriteSnapshot(*idx, tmp, SnapshotSource{7, 42});
  if (!st.ok()) {
    std::fprintf(stderr, "seed: %s\n", st.ToString().c_str());
    std::exit(1);
  }
  std::FILE* in = std::fopen(tmp.c_str(), "rb");
  std::FILE* out = std::fopen(path, "wb");
  if (!in || !out) std::exit(1);
  std::fputc(0, out);
  for (int c; (c = std::fgetc(in)) != EOF;) std::fputc(c, out);
  std::fclose(in);
  std::fclose(out);
  std::remove(tmp.c_str());
  std::exit(0);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  if (const char* seed = std::getenv("BAOPHU_SNAPSHOT_SEED")) WriteSeed(seed);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static baophu::fuzz::ScratchFile file("index.snap");
  if (size == 0 || size > 256 * 1024) return 0;
  std::string bytes(reinterpret_cast<const char*>(data) + 1, size - 1);
  if (data[0] & 1) FixChecksums(bytes);
  const std::string& path = file.Write(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  SnapshotSource source;
  auto r = LoadSnapshot(path, Rules(), &source);
  if (!r.ok()) {
    FUZZ_CHECK(!r.status().message().empty());
    return 0;
  }
  const CoverageIndex& idx = **r;
  FUZZ_CHECK(idx.person_count() >= 0 && idx.card_count() >= 0);
  const Date days[] = {Date::FromYmd(2019, 12, 31), Date::FromYmd(2020, 6, 1), Date::FromYmd(2021, 6, 1)};
  for (CoverageIndex::Slot s = 0; s < idx.slot_count() && s < 1000; ++s)
    for (const ReportingGroup& g : Rules().groups())
      for (Date d : days) FUZZ_CHECK(idx.Count(s, g.id, d) >= 0);
  return 0;
}
