#include "engine/snapshot.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <shared_mutex>
#include <type_traits>
#include <utility>
#include <vector>

#include "engine/build_buffer.h"
#include "engine/checksum.h"
#include "engine/index_impl.h"

namespace baophu {

using engine::CardRec;
using engine::ChunkedChecksum;
using engine::ChunkedColumn;
using engine::DaySeries;
using engine::IndexImpl;

namespace {

// Payloads are followed by zeros up to a multiple of 8 bytes, so every section starts aligned.
constexpr size_t Pad(uint64_t bytes) { return static_cast<size_t>((8 - bytes % 8) % 8); }

constexpr char kMagic[8] = {'B', 'A', 'O', 'P', 'H', 'U', 'I', 'X'};
constexpr uint32_t kVersion = 2;  // 2: the header names the store state (SnapshotSource)

// Section tags. Persisted: never renumber.
enum Tag : uint32_t {
  kHeader = 1,
  kBhxh = 2,
  kSlotSex = 3,
  kBirth = 4,
  kHousehold = 5,
  kCardBegin = 6,
  kCards = 7,
  kSlotArena = 8,
  kSlotEnds = 9,
  kHouseholdArena = 10,
  kHouseholdEnds = 11,
  kHouseholdTable = 12,
  kSeriesCounts = 13,
  kSeriesEvents = 14,
  kEnd = 99,
};

struct Header {
  uint64_t people;
  uint64_t sorted_people;
  uint64_t card_slots;  // cards_.size(), dead entries included
  uint64_t live_cards;
  uint64_t dead_cards;
  uint64_t groups;
  uint64_t series;
  uint64_t rules_fingerprint;
  uint64_t hash_fingerprint;  // of the household table's std::hash
  int64_t store_instance;     // SnapshotSource
  int64_t store_generation;
};
static_assert(sizeof(Header) == 88);

// What the cached card groups and the series layout depend on.
uint64_t RulesFingerprint(const RuleSet& rules) {
  std::vector<int64_t> v;
  for (const ReportingGroup& g : rules.groups()) {
    v.push_back(g.id);
    v.push_back(g.priority);
  }
  v.push_back(-1);
  for (const ObjectCodeRule& r : rules.object_codes()) {
    std::string c = r.code.str();
    v.push_back(c[0] * 256 + c[1]);
    v.push_back(r.reporting_group);
    v.push_back(r.valid_from.days());
    v.push_back(r.valid_to.days());
  }
  return engine::Xxh64(v.data(), v.size() * sizeof(int64_t));
}

class Writer {
 public:
  explicit Writer(int fd) : fd_(fd) { buf_.reserve(kBuf); }
  Status status() const { return status_; }

  void Begin(Tag tag, uint64_t bytes) {
    uint32_t head[2] = {tag, 0};
    Raw(head, sizeof head);
    Raw(&bytes, sizeof bytes);
    sum_ = std::make_unique<ChunkedChecksum>();
    left_ = bytes_ = bytes;
  }
  void Put(const void* p, size_t n) {
    sum_->Update(p, n);
    left_ -= n;
    Raw(p, n);
  }
  void End() {
    if (left_ != 0 && status_.ok()) status_ = Status::Internal("snapshot: section length mismatch");
    static const char kZeros[8] = {};
    Raw(kZeros, Pad(bytes_));
    uint64_t s = sum_->Final();
    Raw(&s, sizeof s);
  }
  template <typename T>
  void Section(Tag tag, const T* p, size_t n) {
    Begin(tag, n * sizeof(T));
    Put(p, n * sizeof(T));
    End();
  }
  template <typename T>
  void Column(Tag tag, const ChunkedColumn<T>& col) {
    Begin(tag, col.size() * sizeof(T));
    for (size_t i = 0; i < col.size(); i += ChunkedColumn<T>::kBlock)
      Put(&col[i], std::min(ChunkedColumn<T>::kBlock, col.size() - i) * sizeof(T));
    End();
  }
  void Raw(const void* p, size_t n) {
    const char* c = static_cast<const char*>(p);
    if (buf_.size() + n > kBuf) Flush();
    if (n >= kBuf) {
      WriteAll(c, n);
      return;
    }
    buf_.insert(buf_.end(), c, c + n);
  }
  void Flush() {
    WriteAll(buf_.data(), buf_.size());
    buf_.clear();
  }

 private:
  static constexpr size_t kBuf = size_t{4} << 20;
  void WriteAll(const char* p, size_t n) {
    while (n > 0 && status_.ok()) {
      ssize_t w = ::write(fd_, p, n);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) {
        status_ = Status::IOError(std::string("snapshot: ghi tệp thất bại: ") + std::strerror(errno));
        return;
      }
      p += w;
      n -= static_cast<size_t>(w);
    }
  }
  int fd_;
  std::vector<char> buf_;
  std::unique_ptr<ChunkedChecksum> sum_;
  uint64_t left_ = 0;
  uint64_t bytes_ = 0;
  Status status_;
};

Status WriteIndex(const IndexImpl& x, const SnapshotSource& source, Writer* w) {
  std::shared_lock lock(x.mu_);
  w->Raw(kMagic, sizeof kMagic);
  uint32_t v[2] = {kVersion, 0};
  w->Raw(v, sizeof v);
  Header h{};
  h.people = x.bhxh_.size();
  h.sorted_people = x.sorted_people_;
  h.card_slots = x.cards_.size();
  h.live_cards = static_cast<uint64_t>(x.live_cards_);
  h.dead_cards = static_cast<uint64_t>(x.dead_cards_);
  h.groups = static_cast<uint64_t>(x.groups_);
  h.series = x.series_.size();
  h.rules_fingerprint = RulesFingerprint(x.rules_);
  h.hash_fingerprint = engine::Interner::HashFingerprint();
  h.store_instance = source.store_instance;
  h.store_generation = source.store_generation;
  w->Section(kHeader, &h, 1);
  w->Column(kBhxh, x.bhxh_);
  w->Column(kSlotSex, x.slot_sex_);
  w->Column(kBirth, x.birth_);
  w->Column(kHousehold, x.household_);
  w->Column(kCardBegin, x.card_begin_);
  w->Column(kCards, x.cards_);
  w->Section(kSlotArena, x.slots_.arena().data(), x.slots_.arena().size());
  w->Section(kSlotEnds, x.slots_.ends().data(), x.slots_.ends().size());
  w->Section(kHouseholdArena, x.households_.arena().data(), x.households_.arena().size());
  w->Section(kHouseholdEnds, x.households_.ends().data(), x.households_.ends().size());
  w->Section(kHouseholdTable, x.households_.table().data(), x.households_.table().size());
  std::vector<uint32_t> counts(x.series_.size());
  std::vector<DaySeries::Event> ev;
  uint64_t total = 0;
  for (size_t s = 0; s < x.series_.size(); ++s) {
    x.series_[s].Export(&ev);
    counts[s] = static_cast<uint32_t>(ev.size());
    total += ev.size();
  }
  w->Section(kSeriesCounts, counts.data(), counts.size());
  w->Begin(kSeriesEvents, total * sizeof(DaySeries::Event));
  for (const DaySeries& s : x.series_) {
    s.Export(&ev);
    w->Put(ev.data(), ev.size() * sizeof(DaySeries::Event));
  }
  w->End();
  w->Begin(kEnd, 0);
  w->End();
  w->Flush();
  return w->status();
}

// Reads sections from the file image, checking every length and checksum.
class Reader {
 public:
  Reader(const char* p, size_t n) : p_(p), end_(p + n) {}
  template <typename T>
  Status Section(Tag tag, const T** out, size_t* count) {
    uint32_t head[2];
    uint64_t bytes;
    if (!Take(head, sizeof head) || !Take(&bytes, sizeof bytes)) return Truncated();
    if (head[0] != tag || head[1] != 0)
      return Status::Corruption("snapshot: mục " + std::to_string(head[0]) + " ở chỗ của mục " + std::to_string(tag));
    const uint64_t left = static_cast<uint64_t>(end_ - p_);
    if (bytes > left || left - bytes < Pad(bytes) + 8) return Truncated();
    if (bytes % sizeof(T) != 0) return Status::Corruption("snapshot: mục " + std::to_string(tag) + " có độ dài lẻ");
    const char* data = p_;
    p_ += bytes;
    for (size_t i = 0; i < Pad(bytes); ++i)
      if (*p_++ != 0) return Status::Corruption("snapshot: đệm khác không sau mục " + std::to_string(tag));
    uint64_t sum = 0;
    Take(&sum, sizeof sum);
    ChunkedChecksum c;
    c.Update(data, bytes);
    if (c.Final() != sum) return Status::Corruption("snapshot: sai tổng kiểm tra ở mục " + std::to_string(tag));
    *out = reinterpret_cast<const T*>(data);
    *count = bytes / sizeof(T);
    return Status::Ok();
  }
  bool Take(void* out, size_t n) {
    if (static_cast<size_t>(end_ - p_) < n) return false;
    std::memcpy(out, p_, n);
    p_ += n;
    return true;
  }
  bool AtEnd() const { return p_ == end_; }
  static Status Truncated() { return Status::Corruption("snapshot: tệp bị cắt cụt"); }

 private:
  const char* p_;
  const char* end_;
};

Status Bad(const std::string& what) { return Status::Corruption("snapshot: " + what); }

// Checks interner names: ascending ends within the arena, the first name empty.
Status CheckNames(const char* what, const size_t* ends, size_t n, size_t arena) {
  if (n == 0 || ends[0] != 0) return Bad(std::string(what) + ": thiếu tên rỗng đầu tiên");
  for (size_t i = 1; i < n; ++i)
    if (ends[i] < ends[i - 1]) return Bad(std::string(what) + ": vị trí tên giảm dần");
  if (ends[n - 1] != arena) return Bad(std::string(what) + ": vùng tên sai độ dài");
  return Status::Ok();
}

Status ReadIndex(const char* data, size_t size, IndexImpl* x, SnapshotSource* source) {
  if (size < 16 || std::memcmp(data, kMagic, 8) != 0) return Bad("không phải tệp snapshot của baophu");
  uint32_t v[2];
  std::memcpy(v, data + 8, sizeof v);
  if (v[1] != 0) return Bad("phần đầu hỏng");
  if (v[0] != kVersion) return Status::Unsupported("snapshot: phiên bản " + std::to_string(v[0]) + " chưa hỗ trợ");
  Reader r(data + 16, size - 16);
  const Header* h;
  size_t n;
  BAOPHU_RETURN_IF_ERROR(r.Section(kHeader, &h, &n));
  if (n != 1) return Bad("phần đầu sai độ dài");
  if (source) *source = {h->store_instance, h->store_generation};
  if (h->groups != static_cast<uint64_t>(x->groups_) || h->rules_fingerprint != RulesFingerprint(x->rules_))
    return Status::Conflict("snapshot được ghi theo bộ quy tắc khác; hãy dựng lại chỉ mục từ kho dữ liệu");
  if (h->sorted_people > h->people || h->people >= (uint64_t{1} << 32) || h->card_slots >= engine::kNoCards ||
      h->live_cards > h->card_slots)
    return Bad("số đếm không hợp lệ");
  const size_t np = h->people;

  const int64_t* bhxh;
  const uint32_t *slot_sex, *household, *card_begin;
  const int32_t* birth;
  const CardRec* cards;
  size_t k[5];
  BAOPHU_RETURN_IF_ERROR(r.Section(kBhxh, &bhxh, &k[0]));
  BAOPHU_RETURN_IF_ERROR(r.Section(kSlotSex, &slot_sex, &k[1]));
  BAOPHU_RETURN_IF_ERROR(r.Section(kBirth, &birth, &k[2]));
  BAOPHU_RETURN_IF_ERROR(r.Section(kHousehold, &household, &k[3]));
  BAOPHU_RETURN_IF_ERROR(r.Section(kCardBegin, &card_begin, &k[4]));
  for (size_t c : k)
    if (c != np) return Bad("cột người sai độ dài");
  size_t nc;
  BAOPHU_RETURN_IF_ERROR(r.Section(kCards, &cards, &nc));
  if (nc != h->card_slots) return Bad("cột thẻ sai độ dài");
  const char *slot_arena, *hh_arena;
  const size_t *slot_ends, *hh_ends;
  const uint64_t* hh_table;
  size_t n_slot_arena, n_slots, n_hh_arena, n_hh, n_table;
  BAOPHU_RETURN_IF_ERROR(r.Section(kSlotArena, &slot_arena, &n_slot_arena));
  BAOPHU_RETURN_IF_ERROR(r.Section(kSlotEnds, &slot_ends, &n_slots));
  BAOPHU_RETURN_IF_ERROR(r.Section(kHouseholdArena, &hh_arena, &n_hh_arena));
  BAOPHU_RETURN_IF_ERROR(r.Section(kHouseholdEnds, &hh_ends, &n_hh));
  BAOPHU_RETURN_IF_ERROR(r.Section(kHouseholdTable, &hh_table, &n_table));
  const uint32_t* counts;
  const DaySeries::Event* events;
  size_t n_series, n_events;
  BAOPHU_RETURN_IF_ERROR(r.Section(kSeriesCounts, &counts, &n_series));
  BAOPHU_RETURN_IF_ERROR(r.Section(kSeriesEvents, &events, &n_events));
  const char* end;
  size_t n_end;
  BAOPHU_RETURN_IF_ERROR(r.Section(kEnd, &end, &n_end));
  if (!r.AtEnd()) return Bad("dữ liệu thừa sau mục cuối");

  // Everything the index will index by, checked before use.
  BAOPHU_RETURN_IF_ERROR(CheckNames("ô", slot_ends, n_slots, n_slot_arena));
  BAOPHU_RETURN_IF_ERROR(CheckNames("hộ", hh_ends, n_hh, n_hh_arena));
  if (n_slots >= (size_t{1} << 30) || n_hh >= (size_t{1} << 32) - 1) return Bad("quá nhiều ô hoặc hộ");
  if (n_series != n_slots * static_cast<size_t>(x->groups_) || n_series != h->series) return Bad("số chuỗi sai");
  for (size_t i = 0; i < np; ++i) {
    if ((slot_sex[i] & engine::kSlotMask) >= n_slots || household[i] >= n_hh ||
        (card_begin[i] != engine::kNoCards && card_begin[i] >= nc) || !engine::ValidBhxh(BhxhNumber::FromInt(bhxh[i])))
      return Bad("người thứ " + std::to_string(i) + " trỏ ra ngoài bảng");
    if (i > 0 && i < h->sorted_people && bhxh[i] <= bhxh[i - 1]) return Bad("số BHXH không tăng dần");
  }
  // A run ends at a flagged card; the column's last card is flagged, so every walk stops inside.
  if (nc > 0 && !cards[nc - 1].last()) return Bad("cột thẻ không kết thúc bằng thẻ cuối");
  for (size_t i = 0; i < nc; ++i) {
    if (!engine::InIndexRange(Date::FromDays(cards[i].from)) || !engine::InIndexRange(Date::FromDays(cards[i].to)))
      return Bad("thẻ thứ " + std::to_string(i) + " có hạn ngoài phạm vi");
  }
  uint64_t sum = 0;
  for (size_t s = 0; s < n_series; ++s) sum += counts[s];
  if (sum != n_events) return Bad("số sự kiện của chuỗi sai");
  for (size_t s = 0, e = 0; s < n_series; e += counts[s++]) {
    for (size_t j = e + 1; j < e + counts[s]; ++j)
      if (events[j].day <= events[j - 1].day) return Bad("ngày trong chuỗi không tăng dần");
  }
  bool table_ok = h->hash_fingerprint == engine::Interner::HashFingerprint();
  if (table_ok) {
    size_t used = 0;
    for (size_t i = 0; i < n_table; ++i) {
      uint32_t id1 = static_cast<uint32_t>(hh_table[i]);
      if (id1 > n_hh) return Bad("bảng băm hộ trỏ ra ngoài");
      used += id1 != 0;
    }
    table_ok = used == n_hh;
  }

  // Build.
  // The columns use the file image in place (ReadIndex's caller keeps it as backing_).
  x->bhxh_.Adopt(const_cast<int64_t*>(bhxh), np);
  x->slot_sex_.Adopt(const_cast<uint32_t*>(slot_sex), np);
  x->birth_.Adopt(const_cast<int32_t*>(birth), np);
  x->household_.Adopt(const_cast<uint32_t*>(household), np);
  x->card_begin_.Adopt(const_cast<uint32_t*>(card_begin), np);
  x->sorted_people_ = h->sorted_people;
  for (size_t i = h->sorted_people; i < np; ++i)
    if (!x->late_people_.emplace(bhxh[i], static_cast<uint32_t>(i)).second) return Bad("người trùng số BHXH");
  x->cards_.Adopt(const_cast<CardRec*>(cards), nc);
  x->live_cards_ = static_cast<int64_t>(h->live_cards);
  x->dead_cards_ = static_cast<int64_t>(h->dead_cards);
  x->slots_.Restore(std::vector<char>(slot_arena, slot_arena + n_slot_arena),
                    std::vector<size_t>(slot_ends, slot_ends + n_slots), {});
  x->households_.Restore(std::vector<char>(hh_arena, hh_arena + n_hh_arena),
                         std::vector<size_t>(hh_ends, hh_ends + n_hh),
                         table_ok ? std::vector<uint64_t>(hh_table, hh_table + n_table) : std::vector<uint64_t>());
  x->series_.resize(n_series);
  x->arenas_.push_back(std::make_unique<engine::Arena>());
  for (size_t s = 0, e = 0; s < n_series; e += counts[s++])
    if (counts[s] > 0) x->series_[s].Import(events + e, events + e + counts[s], x->arenas_.back().get());
  x->RebuildTotals();
  return Status::Ok();
}

// Gives back to the kernel the pages of the file image that no column uses in place (names,
// series, checksums: copied out already).
void ReleaseUnadopted(const IndexImpl& x, engine::BuildBuffer<char>* buf) {
  std::vector<std::pair<uintptr_t, uintptr_t>> used;
  auto add = [&](const auto& col) {
    using T = std::remove_cvref_t<decltype(col[0])>;
    const size_t whole = col.size() / ChunkedColumn<T>::kBlock * ChunkedColumn<T>::kBlock;
    if (whole == 0) return;
    auto b = reinterpret_cast<uintptr_t>(&col[0]);
    used.push_back({b, b + whole * sizeof(T)});
  };
  add(x.bhxh_);
  add(x.slot_sex_);
  add(x.birth_);
  add(x.household_);
  add(x.card_begin_);
  add(x.cards_);
  std::sort(used.begin(), used.end());
  const uintptr_t page = 4096;
  uintptr_t from = reinterpret_cast<uintptr_t>(buf->data());
  used.push_back({from + buf->size(), from + buf->size()});
  for (const auto& [b, e] : used) {
    uintptr_t lo = (from + page - 1) & ~(page - 1), hi = b & ~(page - 1);
    if (hi > lo) madvise(reinterpret_cast<void*>(lo), hi - lo, MADV_DONTNEED);
    from = std::max(from, e);
  }
}

}  // namespace

Status WriteSnapshot(const CoverageIndex& index, const std::string& path, const SnapshotSource& source) {
  const auto* x = dynamic_cast<const IndexImpl*>(&index);
  if (x == nullptr) return Status::Unsupported("snapshot: chỉ mục không do CoverageIndexBuilder tạo");
  const std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return Status::IOError("snapshot: không mở được " + tmp + ": " + std::strerror(errno));
  Writer w(fd);
  Status st = WriteIndex(*x, source, &w);
  if (st.ok() && ::fsync(fd) != 0) st = Status::IOError("snapshot: fsync " + tmp + ": " + std::strerror(errno));
  if (::close(fd) != 0 && st.ok()) st = Status::IOError("snapshot: đóng " + tmp + ": " + std::strerror(errno));
  if (st.ok() && ::rename(tmp.c_str(), path.c_str()) != 0)
    st = Status::IOError("snapshot: đổi tên thành " + path + ": " + std::strerror(errno));
  if (!st.ok()) {
    ::unlink(tmp.c_str());
    return st;
  }
  // The rename itself survives a crash once the directory is synced.
  std::string dir = path.find('/') == std::string::npos ? "." : path.substr(0, path.rfind('/'));
  if (dir.empty()) dir = "/";
  int dfd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
  return Status::Ok();
}

Result<std::unique_ptr<CoverageIndex>> LoadSnapshot(const std::string& path, const RuleSet& rules,
                                                    SnapshotSource* source) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Status::IOError("snapshot: không mở được " + path + ": " + std::strerror(errno));
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    ::close(fd);
    return Status::IOError("snapshot: fstat " + path + ": " + std::strerror(errno));
  }
  engine::BuildBuffer<char> buf;
  buf.resize(static_cast<size_t>(st.st_size));
  size_t got = 0;
  while (got < buf.size()) {
    ssize_t r = ::read(fd, buf.data() + got, buf.size() - got);
    if (r < 0 && errno == EINTR) continue;
    if (r < 0) {
      ::close(fd);
      return Status::IOError("snapshot: đọc " + path + ": " + std::strerror(errno));
    }
    if (r == 0) break;
    got += static_cast<size_t>(r);
  }
  ::close(fd);
  auto idx = std::make_unique<IndexImpl>(rules);
  BAOPHU_RETURN_IF_ERROR(ReadIndex(buf.data(), got, idx.get(), source));
  ReleaseUnadopted(*idx, &buf);
  idx->backing_ = std::move(buf);
  return std::unique_ptr<CoverageIndex>(std::move(idx));
}

}  // namespace baophu
