// CoverageIndexBuilder: stages people and cards as fixed-width rows while the store is scanned,
// then sorts and assembles the index on two threads.
//
// Cost at 10 million people / 23 million cards (2 cores): the scan thread only appends rows and
// hands household codes to a background interner (AsyncInterner). Finish radix-sorts whole rows
// (no random gathers after the sort; input already in BHXH order, as the store scans it, costs
// one read), then two threads each take half of the people: they write the card runs and emit
// every segment's two changes as a sortable 64-bit key (series | day | sign), radix-sort their
// keys, and finally each assembles the series of half of the slots from both sorted key arrays.
//
// Memory (what decides whether 100 million people fit in 24 GB): when the (series × day) grid
// is smaller than the change keys and their sort scratch (32 bytes a card) — the national case
// from about 5 million people up — each part adds its changes into a dense int32 grid instead of
// emitting keys, and no sort is needed. The card rows a part has read are returned to the kernel
// as it goes, and the buffer that does not hold the sorted rows is freed as soon as the sort ends.
#include <sys/mman.h>

#include <algorithm>
#include <climits>
#include <cstdint>
#include <thread>

#include "engine/async_interner.h"
#include "engine/build_buffer.h"
#include "engine/index_impl.h"
#include "engine/radix_sort.h"

namespace baophu {

using engine::BuildBuffer;
using engine::CardRec;
using engine::DayDelta;
using engine::IndexImpl;
using engine::kNoCards;
using engine::kSlotMask;
using engine::Segment;

namespace {

struct PersonRow {
  int64_t bhxh;
  uint32_t slot_sex;
  int32_t birth;
  uint32_t household;  // arrival index until the interner has finished, then the id
  uint32_t unused;
};

struct CardRow {
  int64_t bhxh;
  CardRec rec;
};

// A series change as a sort key: series << (day_bits + 1) | (day - day0) << 1 | (delta > 0).
struct KeyCodec {
  int32_t day0 = 0;
  int day_bits = 1;
  uint64_t Key(size_t series, int32_t day, int delta) const {
    return (static_cast<uint64_t>(series) << (day_bits + 1)) |
           (static_cast<uint64_t>(static_cast<int64_t>(day) - day0) << 1) | (delta > 0 ? 1u : 0u);
  }
  size_t Series(uint64_t k) const { return static_cast<size_t>(k >> (day_bits + 1)); }
  int32_t Day(uint64_t k) const {
    return static_cast<int32_t>(static_cast<int64_t>((k >> 1) & ((uint64_t{1} << day_bits) - 1)) + day0);
  }
  static int Delta(uint64_t k) { return (k & 1) ? +1 : -1; }
};

// The changes of one part as a dense grid: cell (series, day - day0) holds the sum of the
// changes; the grid replaces keys when it is the smaller of the two.
struct Grid {
  size_t span = 0;  // days per series: max_day + 2 - day0
  BuildBuffer<int32_t> cells;  // n_series * span, zero (fresh pages) until touched
};

// Gives back to the kernel the whole pages inside [from, to): rows already read.
void ReleasePages(const void* from, const void* to) {
  constexpr uintptr_t kPage = 4096;
  uintptr_t a = (reinterpret_cast<uintptr_t>(from) + kPage - 1) & ~(kPage - 1);
  uintptr_t b = reinterpret_cast<uintptr_t>(to) & ~(kPage - 1);
  if (b > a) madvise(reinterpret_cast<void*>(a), b - a, MADV_DONTNEED);
}

// One thread's share of Finish: people [p0, p1) and their card rows [c0, c1).
struct Part {
  size_t p0 = 0, p1 = 0, c0 = 0, c1 = 0;
  BuildBuffer<CardRec> cards;   // the card runs, in person order
  std::vector<uint32_t> begin;  // card_begin_ of people [p0, p1), relative to `cards`
  BuildBuffer<uint64_t> keys;   // series changes, sorted at the end
  uint64_t* sorted = nullptr;   // keys.data() or scratch.data()
  BuildBuffer<uint64_t> scratch;
  Grid grid;                    // used instead of keys when grid.span > 0
  int64_t orphans = 0;
};

void RunPart(const IndexImpl& x, const BuildBuffer<PersonRow>& people, const CardRow* rows, const KeyCodec& codec,
             Part* part) {
  std::vector<CardRec> run;
  std::vector<Segment> segs;
  std::vector<int32_t> points;
  part->begin.assign(part->p1 - part->p0, kNoCards);
  size_t pi = part->p0;
  const size_t groups = static_cast<size_t>(x.groups_);
  const bool use_grid = part->grid.span > 0;
  int32_t* const grid = part->grid.cells.data();
  const size_t span = part->grid.span;
  constexpr size_t kReleaseRows = size_t{1} << 20;  // give back read rows every million
  size_t released = part->c0;
  for (size_t a = part->c0; a < part->c1;) {
    if (a - released >= kReleaseRows) {
      ReleasePages(rows + released, rows + a);
      released = a;
    }
    const int64_t b = rows[a].bhxh;
    size_t e = a;
    while (e < part->c1 && rows[e].bhxh == b) ++e;
    while (pi < part->p1 && people[pi].bhxh < b) ++pi;
    if (pi == part->p1 || people[pi].bhxh != b) {
      part->orphans += static_cast<int64_t>(e - a);
      a = e;
      continue;
    }
    run.clear();
    for (size_t k = a; k < e; ++k) {  // stable insertion by valid_from
      const CardRec& r = rows[k].rec;
      size_t pos = run.size();
      run.push_back(r);
      while (pos > 0 && run[pos - 1].from > r.from) {
        run[pos] = run[pos - 1];
        --pos;
      }
      run[pos] = r;
    }
    // The same (bhxh, valid_from) given twice keeps the last.
    size_t n = 0;
    for (size_t k = 0; k < run.size(); ++k) {
      if (k + 1 < run.size() && run[k + 1].from == run[k].from) continue;
      run[n] = run[k];
      run[n].bits &= ~CardRec::kLast;
      ++n;
    }
    run.resize(n);
    run.back().bits |= CardRec::kLast;
    part->begin[pi - part->p0] = static_cast<uint32_t>(part->cards.size());
    for (const CardRec& r : run) part->cards.push_back(r);
    engine::BuildSegments(run.data(), run.size(), x.rules_, &segs, &points);
    const size_t base = size_t{people[pi].slot_sex & kSlotMask} * groups;
    if (use_grid) {
      for (const Segment& s : segs) {
        int32_t* row = grid + (base + s.rank) * span;
        ++row[s.start - codec.day0];
        --row[s.end + 1 - codec.day0];
      }
    } else {
      for (const Segment& s : segs) {
        part->keys.push_back(codec.Key(base + s.rank, s.start, +1));
        part->keys.push_back(codec.Key(base + s.rank, s.end + 1, -1));
      }
    }
    a = e;
  }
  if (use_grid) return;
  part->scratch.resize(part->keys.size());
  part->sorted = engine::RadixSortRecords(part->keys.data(), part->scratch.data(), part->keys.size(),
                                          [](uint64_t k) { return k >> 1; });
  if (part->sorted == part->keys.data()) {  // keep only the buffer with the sorted keys
    part->scratch.clear();
  } else {
    part->keys.swap(part->scratch);
    part->scratch.clear();
    part->sorted = part->keys.data();
  }
}

// Builds series [s0, s1) from the parts' grids.
void AssembleSeriesFromGrids(IndexImpl* x, engine::Arena* arena, const KeyCodec& codec, Part* parts,
                             size_t n_parts, size_t s0, size_t s1) {
  const size_t span = parts[0].grid.span;
  std::vector<DayDelta> out;
  size_t released = s0;
  for (size_t s = s0; s < s1; ++s) {
    out.clear();
    for (size_t d = 0; d < span; ++d) {
      int32_t sum = 0;
      for (size_t i = 0; i < n_parts; ++i) sum += parts[i].grid.cells[s * span + d];
      if (sum != 0) out.push_back({static_cast<int32_t>(codec.day0 + static_cast<int64_t>(d)), sum});
    }
    if (!out.empty()) x->series_[s].AssignSorted(out.data(), out.data() + out.size(), arena);
    if (s + 1 - released >= 1024 || s + 1 == s1) {  // the grid rows read go back to the kernel
      for (size_t i = 0; i < n_parts; ++i) {
        const int32_t* g = parts[i].grid.cells.data();
        ReleasePages(g + released * span, g + (s + 1) * span);
      }
      released = s + 1;
    }
  }
}

// Appends fn(0) .. fn(n - 1) to a column, a block at a time.
template <typename T, typename Fn>
void FillColumn(engine::ChunkedColumn<T>* col, size_t n, Fn fn) {
  T buf[4096];
  for (size_t i = 0; i < n;) {
    size_t k = std::min<size_t>(4096, n - i);
    for (size_t j = 0; j < k; ++j) buf[j] = fn(i + j);
    col->append(buf, k);
    i += k;
  }
}

// Builds series [s0, s1) from the sorted keys of both parts.
void AssembleSeries(IndexImpl* x, engine::Arena* arena, const KeyCodec& codec, const Part* parts, size_t n_parts,
                    size_t s0, size_t s1) {
  std::vector<const uint64_t*> cur(n_parts), end(n_parts);
  for (size_t i = 0; i < n_parts; ++i) {
    const uint64_t* b = parts[i].sorted;
    const uint64_t* e = b + parts[i].keys.size();
    cur[i] = std::lower_bound(b, e, codec.Key(s0, codec.day0, -1));
    end[i] = std::lower_bound(b, e, codec.Key(s1, codec.day0, -1));
  }
  std::vector<DayDelta> out;
  for (;;) {
    // The smallest series among the cursors.
    size_t s = SIZE_MAX;
    for (size_t i = 0; i < n_parts; ++i)
      if (cur[i] != end[i]) s = std::min(s, codec.Series(*cur[i]));
    if (s == SIZE_MAX) break;
    out.clear();
    const uint64_t limit = codec.Key(s + 1, codec.day0, -1);
    for (;;) {  // merge the parts' changes of series s, day by day
      uint64_t best = UINT64_MAX;
      for (size_t i = 0; i < n_parts; ++i)
        if (cur[i] != end[i] && *cur[i] < limit) best = std::min(best, *cur[i] >> 1);
      if (best == UINT64_MAX) break;
      int32_t sum = 0;
      for (size_t i = 0; i < n_parts; ++i)
        while (cur[i] != end[i] && (*cur[i] >> 1) == best) sum += KeyCodec::Delta(*cur[i]++);
      if (sum != 0) out.push_back({codec.Day(best << 1), sum});
    }
    if (!out.empty()) x->series_[s].AssignSorted(out.data(), out.data() + out.size(), arena);
  }
}

}  // namespace

struct CoverageIndexBuilder::Impl {
  explicit Impl(const RuleSet& r) : rules(r), resolver(rules), household_ids(&households) {
    slots.Intern("");       // slot 0: no commune
    households.Intern("");  // household 0: none
  }
  RuleSet rules;
  engine::GroupResolver resolver;
  engine::Interner slots;
  engine::Interner households;  // filled by household_ids' worker until Finish
  engine::AsyncInterner household_ids;
  BuildBuffer<PersonRow> people;
  BuildBuffer<CardRow> cards;
  int32_t min_day = INT32_MAX, max_day = INT32_MIN;  // over the cards' windows
  int64_t rejected = 0;
  std::string slot_name;  // AddPerson's scratch
  ChangeAccumulation accumulation = ChangeAccumulation::kAuto;
};

CoverageIndexBuilder::CoverageIndexBuilder(const RuleSet& rules) : impl_(std::make_unique<Impl>(rules)) {}
CoverageIndexBuilder::~CoverageIndexBuilder() = default;

void CoverageIndexBuilder::set_change_accumulation(ChangeAccumulation a) { impl_->accumulation = a; }

void CoverageIndexBuilder::AddPerson(const Person& p) {
  if (!engine::ValidBhxh(p.bhxh)) return;
  Impl& m = *impl_;
  m.household_ids.Add(p.household_code);
  m.people.push_back({p.bhxh.value(), engine::PackSlotSex(m.slots.Intern(engine::SlotName(p)), p.sex),
                      p.birth_date.days(), static_cast<uint32_t>(m.people.size()), 0});
}

void CoverageIndexBuilder::AddCard(const Card& c) {
  Impl& m = *impl_;
  if (!engine::CheckCard(c).ok()) {
    ++m.rejected;
    return;
  }
  CardRec r = engine::ToRec(m.rules, m.resolver, c);
  m.min_day = std::min(m.min_day, r.from);
  m.max_day = std::max(m.max_day, r.to);
  m.cards.push_back({c.bhxh.value(), r});
}

void CoverageIndexBuilder::AddPerson(const PersonIndexRow& p) {
  if (!engine::ValidBhxh(BhxhNumber::FromInt(p.bhxh))) return;
  Impl& m = *impl_;
  m.household_ids.Add(p.household);
  uint32_t slot = 0;
  if (!p.commune.empty()) {
    std::string& name = m.slot_name;
    name.assign(p.commune);
    name += engine::kSlotSep;
    name.append(p.hamlet);
    slot = m.slots.Intern(name);
  }
  m.people.push_back(
      {p.bhxh, engine::PackSlotSex(slot, p.sex), p.birth.days(), static_cast<uint32_t>(m.people.size()), 0});
}

void CoverageIndexBuilder::AddCard(const CardIndexRow& c) {
  Impl& m = *impl_;
  ObjectCode object;
  if (!c.object_code.empty()) {
    auto o = ObjectCode::Parse(c.object_code);
    if (o.ok()) object = *o;
  }
  if (!engine::ValidBhxh(BhxhNumber::FromInt(c.bhxh)) || !engine::InIndexRange(c.valid_from) ||
      !engine::InIndexRange(c.valid_to)) {
    ++m.rejected;
    return;
  }
  CardRec r = engine::ToRec(m.rules, m.resolver, object, c.valid_from, c.valid_to, c.benefit_level);
  m.min_day = std::min(m.min_day, r.from);
  m.max_day = std::max(m.max_day, r.to);
  m.cards.push_back({c.bhxh, r});
}

std::unique_ptr<CoverageIndex> CoverageIndexBuilder::Finish(int64_t* orphan_cards) {
  Impl& m = *impl_;
  auto idx = std::make_unique<IndexImpl>(m.rules);
  IndexImpl& x = *idx;

  // Cards by BHXH number on a second thread (stable: arrival order survives within a person),
  // while this one finishes the households and sorts the people.
  const size_t nc = m.cards.size();
  BuildBuffer<CardRow> card_tmp;
  const CardRow* rows = nullptr;
  std::thread card_sort([&] {
    card_tmp.resize(nc);
    rows = engine::RadixSortRecords(m.cards.data(), card_tmp.data(), nc,
                                    [](const CardRow& r) { return static_cast<uint64_t>(r.bhxh); });
  });

  // People in BHXH order; a number given twice keeps its last record.
  std::vector<uint32_t> hh = m.household_ids.Finish();
  for (PersonRow& r : m.people) r.household = hh[r.household];
  std::vector<uint32_t>().swap(hh);
  BuildBuffer<PersonRow> people;
  {
    BuildBuffer<PersonRow> tmp;
    tmp.resize(m.people.size());
    PersonRow* sorted = engine::RadixSortRecords(m.people.data(), tmp.data(), m.people.size(),
                                                 [](const PersonRow& r) { return static_cast<uint64_t>(r.bhxh); });
    BuildBuffer<PersonRow>& src = sorted == tmp.data() ? tmp : m.people;
    size_t np = 0;
    for (size_t i = 0; i < src.size(); ++i) {
      if (i + 1 < src.size() && src[i + 1].bhxh == src[i].bhxh) continue;
      src[np++] = src[i];
    }
    src.resize(np);
    people.swap(src);
    m.people.clear();
  }
  const size_t np = people.size();
  FillColumn(&x.bhxh_, np, [&](size_t i) { return people[i].bhxh; });
  FillColumn(&x.slot_sex_, np, [&](size_t i) { return people[i].slot_sex; });
  FillColumn(&x.birth_, np, [&](size_t i) { return people[i].birth; });
  FillColumn(&x.household_, np, [&](size_t i) { return people[i].household; });
  x.sorted_people_ = np;
  x.slots_ = std::move(m.slots);
  x.households_ = std::move(m.households);
  const size_t n_series = x.slots_.size() * static_cast<size_t>(x.groups_);
  x.series_.resize(n_series);
  card_sort.join();
  if (rows == card_tmp.data()) m.cards.clear();  // only the sorted copy stays
  else card_tmp.clear();

  // Two parts split at the middle person.
  KeyCodec codec;
  if (nc > 0) {
    codec.day0 = m.min_day;
    int64_t span = int64_t{m.max_day} + 2 - m.min_day;
    while ((int64_t{1} << codec.day_bits) < span) ++codec.day_bits;
  }
  Part parts[2];
  // Keys cost 2 per segment (about one segment a card) × 8 bytes, twice for the sort: ~32 bytes a
  // card. The grid costs 4 bytes a (series, day) cell per part, whatever the number of people.
  const size_t span = nc > 0 ? static_cast<size_t>(int64_t{m.max_day} + 2 - m.min_day) : 0;
  const double grid_bytes = 2.0 * static_cast<double>(n_series) * static_cast<double>(span) * sizeof(int32_t);
  bool use_grid = nc > 0 && grid_bytes < 32.0 * static_cast<double>(nc);
  if (m.accumulation == ChangeAccumulation::kSortedKeys) use_grid = false;
  if (m.accumulation == ChangeAccumulation::kDenseGrid) use_grid = nc > 0;
  if (use_grid) {
    for (Part& p : parts) {
      p.grid.span = span;
      p.grid.cells.resize(n_series * span);
    }
  }
  parts[0].p1 = parts[1].p0 = np / 2;
  parts[1].p1 = np;
  const int64_t split_bhxh = np / 2 < np ? people[np / 2].bhxh : INT64_MAX;
  parts[0].c1 = parts[1].c0 = static_cast<size_t>(
      std::lower_bound(rows, rows + nc, split_bhxh, [](const CardRow& r, int64_t b) { return r.bhxh < b; }) - rows);
  parts[1].c1 = nc;
  {
    std::thread second([&] { RunPart(x, people, rows, codec, &parts[1]); });
    RunPart(x, people, rows, codec, &parts[0]);
    second.join();
  }
  m.cards.clear();
  card_tmp.clear();
  people.clear();
  std::vector<uint32_t> begin(np);
  for (int i = 0; i < 2; ++i) {
    const uint32_t offset = static_cast<uint32_t>(x.cards_.size());
    for (size_t k = 0; k < parts[i].begin.size(); ++k)
      begin[parts[i].p0 + k] = parts[i].begin[k] == kNoCards ? kNoCards : parts[i].begin[k] + offset;
    x.cards_.append(parts[i].cards.data(), parts[i].cards.size());
    parts[i].cards.clear();
  }
  x.card_begin_.append(begin.data(), np);
  x.live_cards_ = static_cast<int64_t>(x.cards_.size());

  // Series: each thread assembles the slots of about half of the changes.
  const bool grids = parts[0].grid.span > 0;
  size_t split_series = n_series;
  if (grids)
    split_series = n_series / 2;
  else if (!parts[0].keys.empty())
    split_series = codec.Series(parts[0].sorted[parts[0].keys.size() / 2]);
  else if (!parts[1].keys.empty())
    split_series = codec.Series(parts[1].sorted[parts[1].keys.size() / 2]);
  {
    x.arenas_.push_back(std::make_unique<engine::Arena>());
    x.arenas_.push_back(std::make_unique<engine::Arena>());
    engine::Arena* a0 = x.arenas_[0].get();
    engine::Arena* a1 = x.arenas_[1].get();
    if (grids) {
      std::thread second([&] { AssembleSeriesFromGrids(&x, a1, codec, parts, 2, split_series, n_series); });
      AssembleSeriesFromGrids(&x, a0, codec, parts, 2, 0, split_series);
      second.join();
    } else {
      std::thread second([&] { AssembleSeries(&x, a1, codec, parts, 2, split_series, n_series); });
      AssembleSeries(&x, a0, codec, parts, 2, 0, split_series);
      second.join();
    }
  }
  x.RebuildTotals();
  if (orphan_cards) *orphan_cards = m.rejected + parts[0].orphans + parts[1].orphans;
  const ChangeAccumulation accumulation = m.accumulation;
  impl_ = std::make_unique<Impl>(m.rules);  // the builder starts over
  impl_->accumulation = accumulation;
  return idx;
}

}  // namespace baophu
