#include "outreach/list_format.h"

#include "core/text.h"

namespace baophu::outreach {
namespace {

using money::Cell;
using money::MoneyTable;

enum Col {
  kGroup, kGroupName, kSubgroup, kBhxh, kName, kBirth, kCccd, kPhone, kCommune, kHamlet, kHousehold,
  kStatus, kCardEnd, kVia, kCost, kMatch, kDoubt, kAssignee, kEntry,
};
struct ColName {
  const char* vi;
  const char* en;
};
const ColName kColNames[] = {
    {"Mã", "Code"}, {"Tên", "Name"}, {"Lớp", "Class"}, {"Mã số BHXH", "BHXH number"}, {"Họ và tên", "Full name"},
    {"Ngày sinh", "Birth date"}, {"Số CCCD", "CCCD"}, {"Điện thoại", "Phone"}, {"Mã xã", "Commune"},
    {"Mã thôn", "Hamlet"}, {"Mã hộ", "Household"}, {"Tình trạng", "Status"}, {"Thẻ hết hạn ngày", "Card ends"},
    {"Nhóm thẻ", "Card group"}, {"Số tiền 12 tháng (đồng)", "12 months (đồng)"}, {"Cách đối chiếu", "Matched by"},
    {"Cần xác nhận", "To confirm"}, {"Người phụ trách", "Assigned to"}, {"Mã mục", "Entry"},
};

std::vector<Col> ColumnsOf(ListKind k) {
  switch (k) {
    case ListKind::kExpired:
    case ListKind::kExpiring:
      return {kBhxh, kName, kBirth, kCccd, kCommune, kHamlet, kHousehold, kCardEnd, kVia, kAssignee, kEntry};
    case ListKind::kHouseholds:
      return {kHousehold, kBhxh, kName, kBirth, kCccd, kCommune, kHamlet, kCost, kAssignee, kEntry};
    case ListKind::kPupils:
      return {kGroup, kGroupName, kSubgroup, kBhxh, kName, kBirth, kCccd, kPhone, kStatus, kVia, kMatch, kAssignee, kEntry};
    case ListKind::kBeneficiaries:
    case ListKind::kMembers:
      return {kGroup, kGroupName, kCommune, kBhxh, kName, kBirth, kCccd, kPhone, kStatus, kMatch, kAssignee, kEntry};
    case ListKind::kMatches:
      return {kGroup, kSubgroup, kName, kBirth, kBhxh, kDoubt, kEntry};
  }
  return {};
}

std::string GroupHeader(ListKind k, bool name, bool en) {
  switch (k) {
    case ListKind::kPupils: return name ? (en ? "School" : "Tên trường") : (en ? "School code" : "Mã trường");
    case ListKind::kMembers: return name ? (en ? "Organisation" : "Tên tổ chức") : (en ? "Organisation code" : "Mã tổ chức");
    case ListKind::kBeneficiaries: return name ? (en ? "Beneficiary type" : "Loại đối tượng") : (en ? "Type code" : "Mã loại");
    case ListKind::kMatches: return en ? "List" : "Danh sách";
    default: return name ? (en ? "Name" : "Tên") : (en ? "Code" : "Mã");
  }
}

}  // namespace

std::string ListHeadline(const OutreachList& list, bool en) {
  std::string s = std::string(en ? ListKindTitleEn(list.kind) : ListKindTitleVi(list.kind)) + " — " + list.unit_name +
                  (en ? ", on " : ", ngày ") + list.as_of.ToVn() + ": " +
                  (en ? std::to_string(list.entries.size()) : FormatIntVn(static_cast<int64_t>(list.entries.size()))) +
                  (en ? " to reach" : " người cần vận động");
  if (list.kind == ListKind::kMatches) s = s.substr(0, s.rfind(':')) + ": " + std::to_string(list.entries.size()) + (en ? " candidates" : " ứng viên");
  int64_t listed = 0, insured = 0, other = 0;
  Money cost;
  for (const ListSection& x : list.sections) {
    if (list.kind == ListKind::kPupils && x.subgroup.empty()) continue;  // the school line sums its classes
    listed += x.listed;
    insured += x.insured;
    other += x.other_group;
    cost = cost + x.cost;
  }
  if (list.kind == ListKind::kPupils || list.kind == ListKind::kBeneficiaries || list.kind == ListKind::kMembers) {
    int64_t rate = RateHundredths(insured, listed);
    s += en ? "; listed " + std::to_string(listed) + ", insured " + std::to_string(insured)
            : "; trên danh sách " + FormatIntVn(listed) + ", có thẻ " + FormatIntVn(insured);
    if (list.kind == ListKind::kPupils) s += en ? " (" + std::to_string(other) + " through other groups)" : " (" + FormatIntVn(other) + " qua nhóm khác)";
    if (rate >= 0) s += en ? ", rate " + FormatHundredthsPlain(rate) + " %" : ", tỷ lệ " + FormatHundredthsVn(rate) + " %";
  }
  if (list.kind == ListKind::kHouseholds) {
    s += en ? "; " + std::to_string(list.sections.size()) + " households, household group cost " + MoneyTable::FormatMoney(cost, true) + " đồng"
            : "; " + FormatIntVn(static_cast<int64_t>(list.sections.size())) + " hộ, chi phí theo hộ gia đình " + MoneyTable::FormatMoney(cost, false) + " đồng";
  }
  if (list.left > 0) s += en ? "; " + std::to_string(list.left) + " left out (deceased, moved away)" : "; " + FormatIntVn(list.left) + " người đã mất hoặc chuyển đi không tính";
  return s;
}

MoneyTable SectionsTable(const OutreachList& list, bool en) {
  std::vector<std::string> h;
  const bool pupils = list.kind == ListKind::kPupils, households = list.kind == ListKind::kHouseholds;
  h.push_back(households ? (en ? "Household" : "Mã hộ") : GroupHeader(list.kind, false, en));
  if (!households) h.push_back(GroupHeader(list.kind, true, en));
  if (pupils) h.push_back(en ? "Class" : "Lớp");
  h.push_back(households ? (en ? "Members" : "Số thành viên") : (en ? "Listed" : "Trên danh sách"));
  h.push_back(en ? "Insured" : "Có thẻ");
  if (pupils) h.push_back(en ? "Through other groups" : "Qua nhóm khác");
  h.push_back(en ? "Without a card" : "Chưa có thẻ");
  if (!households) h.push_back(en ? "To confirm" : "Cần xác nhận");
  h.push_back(en ? "Rate" : "Tỷ lệ");
  if (list.kind == ListKind::kMembers) h.push_back(en ? "Missing to 100 %" : "Còn thiếu để đạt 100 %");
  if (households) h.push_back(en ? "Household group, 12 months (đồng)" : "Chi phí theo hộ, 12 tháng (đồng)");
  MoneyTable t(std::string(en ? ListKindTitleEn(list.kind) : ListKindTitleVi(list.kind)) + " — " + list.unit_name +
                   " — " + list.as_of.ToVn(),
               h);
  for (const ListSection& s : list.sections) {
    std::vector<Cell> r;
    r.push_back(Cell::Text(s.group_code));
    if (!households) r.push_back(Cell::Text(s.group_name));
    if (pupils) r.push_back(Cell::Text(s.subgroup.empty() ? (en ? "(whole school)" : "(cả trường)") : s.subgroup));
    r.push_back(Cell::Int(s.listed));
    r.push_back(Cell::Int(s.insured));
    if (pupils) r.push_back(Cell::Int(s.other_group));
    r.push_back(Cell::Int(s.missing));
    if (!households) r.push_back(Cell::Int(s.uncertain));
    r.push_back(s.rate_hundredths >= 0 ? Cell::Rate(s.rate_hundredths) : Cell::Empty());
    if (list.kind == ListKind::kMembers) r.push_back(Cell::Int(s.listed - s.insured));
    if (households) r.push_back(Cell::Dong(s.cost));
    t.AddRow(std::move(r));
  }
  return t;
}

MoneyTable EntriesTable(const OutreachList& list, bool en, bool unmask) {
  std::vector<Col> cols = ColumnsOf(list.kind);
  std::vector<std::string> h;
  for (Col c : cols) {
    if (c == kGroup) h.push_back(GroupHeader(list.kind, false, en));
    else if (c == kGroupName) h.push_back(GroupHeader(list.kind, true, en));
    else h.push_back(en ? kColNames[c].en : kColNames[c].vi);
  }
  MoneyTable t(ListHeadline(list, en), h);
  for (const ListEntry& e : list.entries) {
    std::vector<Cell> r;
    for (Col c : cols) {
      switch (c) {
        case kGroup: r.push_back(Cell::Text(e.group_code)); break;
        case kGroupName: r.push_back(Cell::Text(e.group_name)); break;
        case kSubgroup: r.push_back(Cell::Text(e.subgroup)); break;
        case kBhxh: r.push_back(Cell::Text(e.bhxh.valid() ? e.bhxh.ToString() : "")); break;
        case kName: r.push_back(Cell::Text(e.full_name)); break;
        case kBirth: r.push_back(Cell::Day(e.birth_date)); break;
        case kCccd: r.push_back(Cell::Text(unmask || e.citizen_id.empty() ? e.citizen_id : MaskMiddle(e.citizen_id))); break;
        case kPhone: r.push_back(Cell::Text(unmask || e.phone.empty() ? e.phone : MaskMiddle(e.phone))); break;
        case kCommune: r.push_back(Cell::Text(e.commune.str())); break;
        case kHamlet: r.push_back(Cell::Text(e.hamlet.str())); break;
        case kHousehold: r.push_back(Cell::Text(e.household)); break;
        case kStatus: r.push_back(Cell::Text(en ? EntryStatusEn(e.status) : EntryStatusVi(e.status))); break;
        case kCardEnd: r.push_back(Cell::Day(e.card_end)); break;
        case kVia: r.push_back(Cell::Text(e.via_group)); break;
        case kCost: r.push_back(Cell::Dong(e.cost)); break;
        case kMatch: r.push_back(Cell::Text(en ? MatchMethodNameEn(e.match) : MatchMethodNameVi(e.match))); break;
        case kDoubt: r.push_back(Cell::Text(e.doubt)); break;
        case kAssignee: r.push_back(Cell::Text(e.assignee)); break;
        case kEntry: r.push_back(Cell::Text(e.entry_key)); break;
      }
    }
    t.AddRow(std::move(r));
  }
  return t;
}

MoneyTable ProgressEntriesTable(const Progress& p, bool en) {
  MoneyTable t(en ? "Follow-up on " + p.as_of.ToVn() : "Theo dõi vận động ngày " + p.as_of.ToVn(),
               en ? std::vector<std::string>{"List", "Entry", "BHXH number", "Full name", "Assigned to", "Assigned on",
                                             "Last outcome", "Date", "Note", "Enrolled", "Enrolled on"}
                  : std::vector<std::string>{"Danh sách", "Mã mục", "Mã số BHXH", "Họ và tên", "Người phụ trách",
                                             "Ngày giao", "Kết quả gần nhất", "Ngày", "Ghi chú", "Đã tham gia",
                                             "Ngày tham gia"});
  for (const EntryProgress& e : p.entries) {
    std::string enrolled = !e.enrolled ? "" : e.auto_enrolled ? (en ? "yes (new card)" : "có (thẻ mới)") : (en ? "yes" : "có");
    t.AddRow({Cell::Text(e.assignment.list), Cell::Text(e.assignment.entry_key),
              Cell::Text(e.bhxh.valid() ? e.bhxh.ToString() : ""), Cell::Text(e.full_name),
              Cell::Text(e.assignment.assignee), Cell::Day(e.assignment.assigned_on),
              Cell::Text(e.last ? (en ? OutcomeNameEn(*e.last) : OutcomeNameVi(*e.last)) : ""), Cell::Day(e.last_date),
              Cell::Text(e.last_note), Cell::Text(enrolled), Cell::Day(e.enrolled_on)});
  }
  return t;
}

MoneyTable ConversionTable(const Progress& p, bool by_unit, bool en) {
  std::vector<std::string> h;
  if (by_unit) {
    h = {en ? "Unit" : "Mã đơn vị", en ? "Name" : "Tên"};
  } else {
    h = {en ? "Assigned to" : "Người phụ trách"};
  }
  for (const char* x : {en ? "Assigned" : "Được giao", en ? "Left (moved, deceased, wrong data)" : "Loại ra (chuyển đi, đã mất, sai)",
                        en ? "Enrolled" : "Đã tham gia", en ? "Open" : "Đang vận động", en ? "Conversion" : "Tỷ lệ thành công"})
    h.push_back(x);
  MoneyTable t(by_unit ? (en ? "Conversion per unit" : "Kết quả vận động theo đơn vị")
                       : (en ? "Conversion per assignee" : "Kết quả vận động theo người phụ trách"),
               h);
  auto add = [&](const ConversionRow& r, bool total) {
    std::vector<Cell> row;
    row.push_back(Cell::Text(total ? (en ? "Total" : "Tổng") : r.key));
    if (by_unit) row.push_back(Cell::Text(total ? "" : r.name));
    row.push_back(Cell::Int(r.assigned));
    row.push_back(Cell::Int(r.left));
    row.push_back(Cell::Int(r.enrolled));
    row.push_back(Cell::Int(r.open));
    row.push_back(r.rate_hundredths >= 0 ? Cell::Rate(r.rate_hundredths) : Cell::Empty());
    t.AddRow(std::move(row));
  };
  for (const ConversionRow& r : by_unit ? p.by_unit : p.by_assignee) add(r, false);
  add(p.total, true);
  return t;
}

}  // namespace baophu::outreach
