// Imports of the outreach lists (.csv, .xlsx) into the OutreachStore: school rosters,
// social-protection lists, organisations' member lists, and who is responsible for a class, a
// hamlet or an organisation. As the registry's imports (ingest/importer.h): every row is
// checked, every rejected row is reported with file, line, column, value and reason, nothing is
// written unless every row is good (or the caller accepts the valid ones), the writes happen in
// one transaction, and re-importing the same file changes nothing (upserts by natural key).
// Thread-safety: uses the stores it is given (one thread at a time).
#pragma once

#include <string>
#include <string_view>

#include "core/status.h"
#include "ingest/importer.h"
#include "store/outreach_store.h"
#include "store/store.h"

namespace baophu::outreach {

enum class ListImportKind { kPupils, kBeneficiaries, kMembers, kResponsibles };
// "pupils" / "hoc_sinh", "beneficiaries" / "doi_tuong", "members" / "hoi_vien",
// "responsibles" / "phu_trach".
Result<ListImportKind> ParseListImportKind(std::string_view text);
const char* ListImportKindName(ListImportKind k);

// Beneficiary types of the social-protection lists, by their stored code.
// "ngheo" (hộ nghèo), "can_ngheo" (hộ cận nghèo), "duoi_6" (trẻ em dưới 6 tuổi), "chinh_sach"
// (người có công, đối tượng chính sách). Also accepts the Vietnamese names with or without
// diacritics. Empty optional when unknown.
std::optional<std::string> ParseBeneficiaryType(std::string_view text);
const char* BeneficiaryTypeNameVi(std::string_view code);
const char* BeneficiaryTypeNameEn(std::string_view code);

// The natural key of a roster row from what it identifies the person by.
std::string RosterRowKey(const RosterRow& r);

// The reason a scoped import rejects a row whose BHXH number (`bhxh`, else CCCD) names nobody
// in the registry within the user's units: the same for an unknown number and for someone
// outside those units (it says nothing about that person).
std::string NotInUnits(bool bhxh);

// `store` gives the units (codes are checked) and the import log; `out` receives the rows.
// ImportOptions::accept_valid, validate_only, sheet and unit_scope apply (a row of a commune
// outside the scope, or of none, is rejected, and so is a row whose BHXH number or CCCD names no
// person of the registry within the scope (NotInUnits); a class's or an organisation's responsible only
// when every imported row of that school or organisation is within it); collect_changes does not.
Result<ImportResult> ImportListFile(Store* store, OutreachStore* out, ListImportKind kind, const std::string& path,
                                    const ImportOptions& opts);

}  // namespace baophu::outreach
