// Cards: keyed by (BHXH number, valid_from). The card code is the 15-character form (object,
// level, province, number — the number must be the row's) or the bare 10-digit number, which
// then needs the object code column. The person must already be in the store; a person whose
// commune did not exist during the card is only a warning (people move, units merge), and so
// is an object code missing from the rules table (the card counts as "chưa phân loại").
#include <algorithm>
#include <functional>

#include "core/text.h"
#include "ingest/row_handler.h"

namespace baophu {
namespace {

enum Col { kBhxh, kCode, kFrom, kTo, kFacility, kObject, kLevel };

const std::vector<ColumnSpec>& Specs() {
  static const std::vector<ColumnSpec> kSpecs = {
      {"ma_so_bhxh", "bhxh_number", true, {"ma bhxh", "so bhxh"}},
      {"ma_the", "card_code", true, {"ma the bhyt", "so the"}},
      {"tu_ngay", "valid_from", true, {"gia tri tu"}},
      {"den_ngay", "valid_to", true, {"gia tri den"}},
      {"ma_kcb_bd", "facility_code", false, {"noi dang ky kcb", "ma kcb"}},
      {"ma_doi_tuong", "object_code", false, {}},
      {"muc_huong", "benefit_level", false, {}},
  };
  return kSpecs;
}

std::string Upper(std::string s) {
  for (char& c : s)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return s;
}

class CardsHandler final : public RowHandler {
 public:
  explicit CardsHandler(const ImportEnv& env) : env_(env) {}
  const std::vector<ColumnSpec>& Columns() const override { return Specs(); }

  void Parse(RowCtx& ctx, Card* c) const {
    std::string v = PadDigits(ctx.Get(kBhxh), ctx.Numeric(kBhxh), 10);
    if (auto b = BhxhNumber::Parse(v); b.ok()) c->bhxh = *b; else ctx.Error(kBhxh, v, b.status().message());

    std::string object_text = Upper(ctx.Get(kObject));
    std::string level_text = ctx.Get(kLevel);
    int level = 0;
    if (!level_text.empty()) {
      if (level_text.size() == 1 && level_text[0] >= '1' && level_text[0] <= '5') {
        level = level_text[0] - '0';
      } else {
        ctx.Error(kLevel, level_text, "mức hưởng phải là một chữ số từ 1 đến 5");
      }
    }
    ObjectCode object;
    if (!object_text.empty()) {
      if (auto o = ObjectCode::Parse(object_text); o.ok()) object = *o;
      else ctx.Error(kObject, object_text, o.status().message());
    }

    std::string code = Upper(PadDigits(ctx.Get(kCode), ctx.Numeric(kCode), 10));
    c->card_code = code;
    if (code.size() == 15) {
      auto cc = CardCode::Parse(code);
      if (!cc.ok()) {
        ctx.Error(kCode, code, cc.status().message());
      } else {
        c->object = cc->object;
        c->benefit_level = cc->benefit_level;
        c->province_code = cc->province_code;
        if (c->bhxh.valid() && cc->bhxh != c->bhxh)
          ctx.Error(kCode, code, "10 số cuối của mã thẻ (" + cc->bhxh.ToString() + ") khác mã số BHXH của dòng (" +
                                     c->bhxh.ToString() + ")");
        if (!object.empty() && object != cc->object)
          ctx.Error(kObject, object_text, "mã đối tượng khác với mã trong mã thẻ (" + cc->object.str() + ")");
        if (level != 0 && level != cc->benefit_level)
          ctx.Error(kLevel, level_text, "mức hưởng khác với mức trong mã thẻ (" + std::to_string(cc->benefit_level) + ")");
      }
    } else if (code.size() == 10 && BhxhNumber::Parse(code).ok()) {
      if (c->bhxh.valid() && *BhxhNumber::Parse(code) != c->bhxh)
        ctx.Error(kCode, code, "mã thẻ 10 số phải trùng mã số BHXH của dòng (" + c->bhxh.ToString() + ")");
      if (object_text.empty()) {
        ctx.Error(kObject, "", ctx.Has(kObject) ? "thiếu mã đối tượng (bắt buộc khi mã thẻ chỉ có 10 số)"
                                                : "tệp không có cột 'ma_doi_tuong', bắt buộc khi mã thẻ chỉ có 10 số");
      }
      c->object = object;
      c->benefit_level = level;
    } else {
      ctx.Error(kCode, code, code.empty() ? "thiếu mã thẻ"
                                          : "mã thẻ phải có 15 ký tự (ví dụ HS4010120878811) hoặc là mã số BHXH 10 số");
    }

    std::string from = ctx.Get(kFrom), to = ctx.Get(kTo);
    auto f = Date::Parse(from);
    auto t = Date::Parse(to);
    if (!f.ok()) ctx.Error(kFrom, from, f.status().message()); else c->valid_from = *f;
    if (!t.ok()) ctx.Error(kTo, to, t.status().message()); else c->valid_to = *t;
    if (f.ok() && t.ok() && *t < *f)
      ctx.Error(kTo, to, "ngày hết hạn " + t->ToVn() + " trước ngày bắt đầu " + f->ToVn());
    c->facility_code = ctx.Get(kFacility);
  }

  void Check(RowCtx& ctx) override {
    Card c;
    Parse(ctx, &c);
    if (!ctx.ok()) return;
    if (!c.object.empty() && env_.rules->Find(c.object, c.valid_from) == nullptr) {
      int col = ctx.Get(kObject).empty() ? kCode : kObject;
      ctx.Warn(col, ctx.Get(col),
               "mã đối tượng '" + c.object.str() + "' chưa có trong bảng quy định: thẻ được tính là \"chưa phân loại\"");
    }
    std::string content = c.card_code + '|' + std::to_string(c.valid_to.days()) + '|' + c.facility_code + '|' +
                          c.object.str() + std::to_string(c.benefit_level);
    keys_.push_back({c.bhxh.value(), c.valid_from.days(), c.valid_to.days(), std::hash<std::string>()(content),
                     ctx.line()});
  }

  Status Finish(const ColumnMap& cols, ImportResult* r) override {
    const std::string& f = env_.file;
    std::sort(keys_.begin(), keys_.end(), [](const Key& a, const Key& b) {
      if (a.bhxh != b.bhxh) return a.bhxh < b.bhxh;
      if (a.from != b.from) return a.from < b.from;
      return a.line < b.line;
    });
    // One card (number, valid_from) given twice with different contents: every row of it.
    std::vector<bool> bad(keys_.size(), false);
    for (size_t i = 0; i < keys_.size();) {
      size_t j = i;
      bool differ = false;
      while (j < keys_.size() && keys_[j].bhxh == keys_[i].bhxh && keys_[j].from == keys_[i].from)
        differ |= keys_[j++].content != keys_[i].content;
      if (differ) {
        std::vector<int64_t> lines;
        for (size_t k = i; k < j; ++k) lines.push_back(keys_[k].line);
        for (size_t k = i; k < j; ++k) {
          bad[k] = true;
          AddRowError(r, f, keys_[k].line, cols.label[kFrom], Date::FromDays(keys_[k].from).ToVn(),
                      "thẻ của mã số BHXH " + BhxhNumber::FromInt(keys_[k].bhxh).ToString() +
                          " bắt đầu cùng ngày nhưng khác nội dung ở các dòng " + JoinLines(lines) + " của tệp");
        }
      }
      i = j;
    }

    // The person must be in the store; their commune should exist during the card.
    auto check = [&](const Key& k, const std::optional<std::string>& commune) {
      // With a scope, a holder unknown, without a commune or outside the user's units gets one
      // reason, which says nothing about a person outside them (issue 12).
      if (env_.unit_scope && (!commune || commune->empty() || !env_.unit_scope(*commune))) {
        AddRowError(r, f, k.line, cols.label[kBhxh], BhxhNumber::FromInt(k.bhxh).ToString(),
                    ImportEnv::NumberOutOfScope() +
                        " (hoặc chưa có trong cơ sở dữ liệu: hãy nhập danh sách người (persons) trước)");
        return;
      }
      if (!commune) {
        AddRowError(r, f, k.line, cols.label[kBhxh], BhxhNumber::FromInt(k.bhxh).ToString(),
                    "chưa có người mang mã số BHXH này trong cơ sở dữ liệu: hãy nhập danh sách người (persons) trước");
        return;
      }
      if (commune->empty()) return;
      bool overlaps = false;
      for (UnitTree::Index i : env_.units->Versions(*commune)) {
        const Unit& u = env_.units->unit(i);
        overlaps |= u.valid_from.days() <= k.to && k.from <= u.valid_to.days();
      }
      if (!overlaps) {
        r->warnings.push_back({f, k.line, cols.label[kFrom], Date::FromDays(k.from).ToVn(),
                               "xã " + *commune + " của người này không có hiệu lực trong thời hạn thẻ " +
                                   Date::FromDays(k.from).ToVn() + " – " + Date::FromDays(k.to).ToVn()});
      }
    };
    size_t distinct = 0;
    for (size_t i = 0; i < keys_.size(); ++i) distinct += (i == 0 || keys_[i].bhxh != keys_[i - 1].bhxh);
    if (distinct < 20000) {
      std::optional<std::string> commune;
      for (size_t i = 0; i < keys_.size(); ++i) {
        if (bad[i]) continue;
        if (i == 0 || keys_[i].bhxh != keys_[i - 1].bhxh) {
          auto p = env_.store->FindPerson(BhxhNumber::FromInt(keys_[i].bhxh));
          if (!p.ok()) return p.status();
          commune = p->has_value() ? std::optional<std::string>((*p)->commune.str()) : std::nullopt;
        }
        check(keys_[i], commune);
      }
    } else {
      // Merge with the store's persons, which come in number order.
      size_t i = 0;
      auto advance_to = [&](int64_t bhxh, const std::optional<std::string>& commune) {
        for (; i < keys_.size() && keys_[i].bhxh <= bhxh; ++i) {
          if (bad[i]) continue;
          check(keys_[i], keys_[i].bhxh == bhxh ? commune : std::nullopt);
        }
      };
      BAOPHU_RETURN_IF_ERROR(env_.store->ScanPersons([&](const Person& p) {
        advance_to(p.bhxh.value(), p.commune.str());
        return Status::Ok();
      }));
      advance_to(INT64_MAX, std::nullopt);
    }
    keys_.clear();
    keys_.shrink_to_fit();
    return Status::Ok();
  }

  Result<UpsertOutcome> Write(RowCtx& ctx) override {
    Card c;
    Parse(ctx, &c);
    if (!ctx.ok()) return Status::Internal("dòng đã kiểm tra lại không hợp lệ");
    auto r = env_.store->UpsertCard(c);
    if (r.ok() && *r != UpsertOutcome::kUnchanged && env_.changed_cards) env_.changed_cards->push_back(std::move(c));
    return r;
  }

 private:
  struct Key {
    int64_t bhxh;
    int32_t from, to;
    size_t content;
    int64_t line;
  };
  ImportEnv env_;
  std::vector<Key> keys_;
};

}  // namespace

std::unique_ptr<RowHandler> MakeCardsHandler(const ImportEnv& env) { return std::make_unique<CardsHandler>(env); }

}  // namespace baophu
