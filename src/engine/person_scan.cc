// IndexImpl::ForEachPerson: the people of some slots with their cards, for the outreach lists
// (who lapsed, whose card ends soon, which household is partly insured). One pass over the
// person columns under the read lock.
#include "engine/index_impl.h"

#include <algorithm>

namespace baophu::engine {

void IndexImpl::ViewOf(uint32_t p, std::vector<PersonCardView>* cards, PersonView* view) const {
  cards->clear();
  uint32_t i = card_begin_[p];
  if (i != kNoCards) {
    do {
      const CardRec& c = cards_[i];
      PersonCardView v;
      v.from = Date::FromDays(c.from);
      v.to = Date::FromDays(c.to);
      v.group = c.group;
      v.object[0] = c.object[0];
      v.object[1] = c.object[1];
      cards->push_back(v);
    } while (!cards_[i++].last());
  }
  view->bhxh = BhxhNumber::FromInt(bhxh_[p]);
  view->slot = slot_sex_[p] & kSlotMask;
  view->household = household_[p] == 0 ? std::string_view() : households_.name(household_[p]);
  view->birth = birth_[p] == INT32_MIN ? Date() : Date::FromDays(birth_[p]);
  view->cards = cards->data();
  view->card_count = cards->size();
}

std::shared_ptr<const IndexImpl::PeopleBySlot> IndexImpl::PeopleBySlotLocked() const {
  std::lock_guard<std::mutex> g(by_slot_mu_);
  if (by_slot_) return by_slot_;
  // A counting sort of the rows by slot: rows stay ascending within a slot.
  auto built = std::make_shared<PeopleBySlot>();
  const size_t n_slots = slots_.size();
  built->begin.assign(n_slots + 1, 0);
  for (size_t p = 0; p < bhxh_.size(); ++p) {
    const uint32_t slot = slot_sex_[p] & kSlotMask;
    if (slot < n_slots) ++built->begin[slot + 1];
  }
  for (size_t s = 0; s < n_slots; ++s) built->begin[s + 1] += built->begin[s];
  built->rows.resize(built->begin[n_slots]);
  std::vector<uint32_t> next(built->begin.begin(), built->begin.end() - 1);
  for (size_t p = 0; p < bhxh_.size(); ++p) {
    const uint32_t slot = slot_sex_[p] & kSlotMask;
    if (slot < n_slots) built->rows[next[slot]++] = static_cast<uint32_t>(p);
  }
  by_slot_ = std::move(built);
  return by_slot_;
}

void IndexImpl::ForEachPerson(const std::vector<Slot>& slots, const std::function<void(const PersonView&)>& fn) const {
  std::shared_lock lock(mu_);
  const size_t n_slots = slots_.size();
  if (!slots.empty()) {
    // A few slots (a commune, a district): their people through the per-slot rows, in row
    // order as the pass below gives them. More than a quarter of everyone: the pass.
    std::shared_ptr<const PeopleBySlot> by_slot = PeopleBySlotLocked();
    std::vector<Slot> wanted_slots(slots);
    std::sort(wanted_slots.begin(), wanted_slots.end());
    wanted_slots.erase(std::unique(wanted_slots.begin(), wanted_slots.end()), wanted_slots.end());
    size_t people = 0;
    for (Slot s : wanted_slots)
      if (s < n_slots) people += by_slot->begin[s + 1] - by_slot->begin[s];
    if (people <= bhxh_.size() / 4) {
      std::vector<uint32_t> rows;
      rows.reserve(people);
      for (Slot s : wanted_slots)
        if (s < n_slots)
          rows.insert(rows.end(), by_slot->rows.begin() + by_slot->begin[s], by_slot->rows.begin() + by_slot->begin[s + 1]);
      if (wanted_slots.size() > 1) std::sort(rows.begin(), rows.end());
      std::vector<PersonCardView> cards;
      PersonView view;
      for (uint32_t p : rows) {
        ViewOf(p, &cards, &view);
        fn(view);
      }
      return;
    }
  }
  std::vector<char> wanted(n_slots, slots.empty() ? 1 : 0);
  for (Slot s : slots)
    if (s < n_slots) wanted[s] = 1;
  std::vector<PersonCardView> cards;
  PersonView view;
  for (size_t p = 0; p < bhxh_.size(); ++p) {
    const uint32_t slot = slot_sex_[p] & kSlotMask;
    if (slot >= n_slots || !wanted[slot]) continue;
    ViewOf(static_cast<uint32_t>(p), &cards, &view);
    fn(view);
  }
}

void IndexImpl::ForEachPersonOf(const std::vector<BhxhNumber>& bhxh,
                                const std::function<void(const PersonView&)>& fn) const {
  std::shared_lock lock(mu_);
  std::vector<PersonCardView> cards;
  PersonView view;
  for (BhxhNumber b : bhxh) {
    int64_t p = FindPerson(b.value());
    if (p < 0) continue;
    ViewOf(static_cast<uint32_t>(p), &cards, &view);
    fn(view);
  }
}

}  // namespace baophu::engine
