// Persons: one row per person, keyed by the BHXH number. Within a file the same number with
// two birth dates, or one CCCD on two numbers, rejects every row involved; a CCCD the store
// already gives to another number is rejected too.
#include <algorithm>

#include "core/text.h"
#include "ingest/row_handler.h"

namespace baophu {
namespace {

enum Col { kBhxh, kCccd, kName, kBirth, kSex, kCommune, kHamlet, kHousehold };

const std::vector<ColumnSpec>& Specs() {
  static const std::vector<ColumnSpec> kSpecs = {
      {"ma_so_bhxh", "bhxh_number", true, {"ma bhxh", "so bhxh"}},
      {"so_cccd", "citizen_id", true, {"cccd", "so dinh danh"}},
      {"ho_ten", "full_name", true, {"ho va ten"}},
      {"ngay_sinh", "birth_date", true, {"ngay thang nam sinh"}},
      {"gioi_tinh", "sex", true, {}},
      {"ma_xa", "commune_code", true, {}},
      {"ma_thon", "hamlet_code", false, {}},
      {"ma_ho_gd", "household_code", false, {"ma ho", "ma ho gia dinh"}},
  };
  return kSpecs;
}

int64_t CccdKey(const CitizenId& c) {
  int64_t v = 0;
  for (char ch : c.str()) v = v * 10 + (ch - '0');
  return v;
}

std::string CccdText(int64_t v) {
  std::string s = std::to_string(v);
  return std::string(12 - std::min<size_t>(12, s.size()), '0') + s;
}

bool HasLevel(const UnitTree& t, const std::string& code, UnitLevel level) {
  for (UnitTree::Index i : t.Versions(code))
    if (t.unit(i).level == level) return true;
  return false;
}

class PersonsHandler final : public RowHandler {
 public:
  explicit PersonsHandler(const ImportEnv& env) : env_(env) {}
  const std::vector<ColumnSpec>& Columns() const override { return Specs(); }

  // Parses and checks one row; the Person is complete only when ctx.ok().
  void Parse(RowCtx& ctx, Person* p) const {
    std::string v = PadDigits(ctx.Get(kBhxh), ctx.Numeric(kBhxh), 10);
    if (auto b = BhxhNumber::Parse(v); b.ok()) p->bhxh = *b; else ctx.Error(kBhxh, v, b.status().message());

    v = PadDigits(ctx.Get(kCccd), ctx.Numeric(kCccd), 12);
    if (auto c = CitizenId::Parse(v); c.ok()) p->citizen_id = *c; else ctx.Error(kCccd, v, c.status().message());

    p->full_name = ctx.Get(kName);
    if (p->full_name.empty()) ctx.Error(kName, "", "thiếu họ tên");

    v = ctx.Get(kBirth);
    if (auto d = Date::Parse(v); !d.ok()) {
      ctx.Error(kBirth, v, d.status().message());
    } else if (d->year() < 1890 || d->year() > 2100) {
      ctx.Error(kBirth, v, "năm sinh " + std::to_string(d->year()) + " không hợp lý");
    } else {
      p->birth_date = *d;
    }

    v = ctx.Get(kSex);
    if (auto s = ParseSex(v)) p->sex = *s; else ctx.Error(kSex, v, "giới tính phải là Nam/Nữ, M/F hoặc 1/0");

    v = ctx.Get(kCommune);
    if (v.empty() && env_.unit_scope) {
      ctx.Error(kCommune, v, ImportEnv::OutOfScope(v));
    } else if (v.empty()) {
      // Kept, not rejected: reports show such people on a line of their own ("never dropped").
      ctx.Warn(kCommune, v, "không có mã xã: người này được tính ở dòng 'Chưa xác định xã/phường' của báo cáo");
    } else if (!env_.units->Knows(v)) {
      ctx.Error(kCommune, v, "mã xã '" + v + "' không có trong danh mục đơn vị hành chính" +
                                 std::string(env_.units->size() == 0 ? " (cơ sở dữ liệu chưa có đơn vị nào: hãy chạy "
                                                                       "'baophu units load-vn' trước)"
                                                                     : ""));
    } else if (!HasLevel(*env_.units, v, UnitLevel::kCommune)) {
      ctx.Error(kCommune, v, "mã '" + v + "' không phải đơn vị cấp xã");
    } else if (env_.unit_scope && !env_.unit_scope(v)) {
      ctx.Error(kCommune, v, ImportEnv::OutOfScope(v));
    } else {
      p->commune = UnitCode::Unchecked(v);
    }

    v = ctx.Get(kHamlet);
    if (!v.empty()) {
      if (!env_.units->Knows(v)) {
        ctx.Error(kHamlet, v, "mã thôn '" + v + "' không có trong danh mục đơn vị hành chính");
      } else if (!HasLevel(*env_.units, v, UnitLevel::kHamlet)) {
        ctx.Error(kHamlet, v, "mã '" + v + "' không phải đơn vị cấp thôn");
      } else {
        p->hamlet = UnitCode::Unchecked(v);
      }
    }
    p->household_code = ctx.Get(kHousehold);
  }

  void Check(RowCtx& ctx) override {
    Person p;
    Parse(ctx, &p);
    if (!ctx.ok()) return;
    keys_.push_back({p.bhxh.value(), p.birth_date.days(), ctx.line()});
    if (!p.citizen_id.empty()) ids_.push_back({CccdKey(p.citizen_id), p.bhxh.value(), ctx.line()});
  }

  Status Finish(const ColumnMap& cols, ImportResult* r) override {
    const std::string& f = env_.file;
    const std::string birth_col = cols.label[kBirth], cccd_col = cols.label[kCccd];
    // The same number with two birth dates: every row of it.
    std::sort(keys_.begin(), keys_.end(), [](const Key& a, const Key& b) {
      return a.bhxh != b.bhxh ? a.bhxh < b.bhxh : a.line < b.line;
    });
    for (size_t i = 0; i < keys_.size();) {
      size_t j = i;
      bool differ = false;
      while (j < keys_.size() && keys_[j].bhxh == keys_[i].bhxh) differ |= keys_[j++].birth != keys_[i].birth;
      if (differ) {
        std::vector<int64_t> lines;
        for (size_t k = i; k < j; ++k) lines.push_back(keys_[k].line);
        for (size_t k = i; k < j; ++k) {
          AddRowError(r, f, keys_[k].line, birth_col, Date::FromDays(keys_[k].birth).ToVn(),
                      "mã số BHXH " + BhxhNumber::FromInt(keys_[k].bhxh).ToString() + " có ngày sinh khác nhau ở các dòng " +
                          JoinLines(lines) + " của tệp");
        }
      }
      i = j;
    }
    BAOPHU_RETURN_IF_ERROR(CheckStoredScope(cols, r));
    keys_.clear();
    keys_.shrink_to_fit();

    // One CCCD on two numbers within the file.
    std::sort(ids_.begin(), ids_.end(), [](const Id& a, const Id& b) {
      return a.cccd != b.cccd ? a.cccd < b.cccd : a.line < b.line;
    });
    std::vector<Id> unique;  // (cccd, bhxh) pairs that are consistent within the file
    for (size_t i = 0; i < ids_.size();) {
      size_t j = i;
      bool differ = false;
      while (j < ids_.size() && ids_[j].cccd == ids_[i].cccd) differ |= ids_[j++].bhxh != ids_[i].bhxh;
      if (differ) {
        std::vector<int64_t> lines;
        for (size_t k = i; k < j; ++k) lines.push_back(ids_[k].line);
        for (size_t k = i; k < j; ++k) {
          AddRowError(r, f, ids_[k].line, cccd_col, CccdText(ids_[k].cccd),
                      "số CCCD này thuộc nhiều mã số BHXH khác nhau ở các dòng " + JoinLines(lines) + " của tệp");
        }
      } else {
        for (size_t k = i; k < j; ++k) unique.push_back(ids_[k]);
      }
      i = j;
    }
    ids_.clear();
    ids_.shrink_to_fit();

    // A CCCD that the store gives to another number. Small files ask per CCCD; large ones
    // read every stored CCCD once and merge the two sorted lists.
    // The holder's number is named only when the holder lies within the user's units (always
    // without a scope): a scoped account learns nothing of a person outside them (issue 12).
    auto conflict = [&](const Id& id, int64_t holder, bool holder_within) {
      AddRowError(r, f, id.line, cccd_col, CccdText(id.cccd),
                  holder_within ? "số CCCD này đã thuộc mã số BHXH " + BhxhNumber::FromInt(holder).ToString() +
                                      " trong cơ sở dữ liệu"
                                : std::string("số CCCD này đã gắn với một mã số BHXH khác trong cơ sở dữ liệu"));
    };
    if (unique.size() < 20000) {
      for (const Id& id : unique) {
        auto c = CitizenId::Parse(CccdText(id.cccd));
        auto holder = env_.store->FindByCitizenId(*c);
        if (!holder.ok()) return holder.status();
        if (!holder->has_value() || (*holder)->value() == id.bhxh) continue;
        bool within = true;
        if (env_.unit_scope) {
          auto p = env_.store->FindPerson(**holder);
          if (!p.ok()) return p.status();
          within = p->has_value() && Within((*p)->commune.str());
        }
        conflict(id, (*holder)->value(), within);
      }
    } else {
      struct Stored {
        int64_t cccd, bhxh;
        bool within;
        bool operator<(const Stored& o) const { return cccd != o.cccd ? cccd < o.cccd : bhxh < o.bhxh; }
      };
      std::vector<Stored> stored;
      BAOPHU_RETURN_IF_ERROR(env_.store->ScanPersons([&](const Person& p) {
        if (!p.citizen_id.empty()) stored.push_back({CccdKey(p.citizen_id), p.bhxh.value(), Within(p.commune.str())});
        return Status::Ok();
      }));
      std::sort(stored.begin(), stored.end());
      size_t s = 0;
      for (const Id& id : unique) {
        while (s < stored.size() && stored[s].cccd < id.cccd) ++s;
        if (s < stored.size() && stored[s].cccd == id.cccd && stored[s].bhxh != id.bhxh)
          conflict(id, stored[s].bhxh, stored[s].within);
      }
    }
    return Status::Ok();
  }

  Result<UpsertOutcome> Write(RowCtx& ctx) override {
    Person p;
    Parse(ctx, &p);
    if (!ctx.ok()) return Status::Internal("dòng đã kiểm tra lại không hợp lệ");
    auto r = env_.store->UpsertPerson(p);
    if (r.ok() && *r != UpsertOutcome::kUnchanged && env_.changed_persons) env_.changed_persons->push_back(std::move(p));
    return r;
  }

 private:
  struct Key {
    int64_t bhxh;
    int32_t birth;
    int64_t line;
  };

  // Without a scope everything is within; with one, a person without a commune is not.
  bool Within(const std::string& commune) const {
    return !env_.unit_scope || (!commune.empty() && env_.unit_scope(commune));
  }

  // With a scope (a province or commune account), a row whose number is a stored person's
  // outside the user's units is rejected: the row would move that person into them and change
  // their household (issue 12). A new number is a new person, written when its commune is
  // within. keys_ is sorted by number: small files ask per number, large ones merge with the
  // store's persons (in number order).
  Status CheckStoredScope(const ColumnMap& cols, ImportResult* r) {
    if (!env_.unit_scope) return Status::Ok();
    auto reject = [&](const Key& k) {
      AddRowError(r, env_.file, k.line, cols.label[kBhxh], BhxhNumber::FromInt(k.bhxh).ToString(),
                  ImportEnv::NumberOutOfScope());
    };
    size_t distinct = 0;
    for (size_t i = 0; i < keys_.size(); ++i) distinct += (i == 0 || keys_[i].bhxh != keys_[i - 1].bhxh);
    if (distinct < 20000) {
      bool outside = false;
      for (size_t i = 0; i < keys_.size(); ++i) {
        if (i == 0 || keys_[i].bhxh != keys_[i - 1].bhxh) {
          auto p = env_.store->FindPerson(BhxhNumber::FromInt(keys_[i].bhxh));
          if (!p.ok()) return p.status();
          outside = p->has_value() && !Within((*p)->commune.str());
        }
        if (outside) reject(keys_[i]);
      }
      return Status::Ok();
    }
    size_t i = 0;
    return env_.store->ScanPersons([&](const Person& p) {
      while (i < keys_.size() && keys_[i].bhxh < p.bhxh.value()) ++i;
      const bool outside = !Within(p.commune.str());
      for (; i < keys_.size() && keys_[i].bhxh == p.bhxh.value(); ++i)
        if (outside) reject(keys_[i]);
      return Status::Ok();
    });
  }
  struct Id {
    int64_t cccd;
    int64_t bhxh;
    int64_t line;
  };
  ImportEnv env_;
  std::vector<Key> keys_;
  std::vector<Id> ids_;
};

}  // namespace

std::unique_ptr<RowHandler> MakePersonsHandler(const ImportEnv& env) { return std::make_unique<PersonsHandler>(env); }

}  // namespace baophu
