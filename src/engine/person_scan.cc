// IndexImpl::ForEachPerson: the people of some slots with their cards, for the outreach lists
// (who lapsed, whose card ends soon, which household is partly insured). One pass over the
// person columns under the read lock.
#include "engine/index_impl.h"

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

void IndexImpl::ForEachPerson(const std::vector<Slot>& slots, const std::function<void(const PersonView&)>& fn) const {
  std::shared_lock lock(mu_);
  const size_t n_slots = slots_.size();
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
