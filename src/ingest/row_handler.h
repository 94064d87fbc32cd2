// RowHandler: what one kind of import (persons, cards, population, targets, units) knows —
// its columns, how a row is validated, the checks across rows and against the store once the
// file has been read, and how a valid row is written. The importer (importer.cc) drives it in
// two passes over the file: Check every row, Finish, then (when allowed) Write the good rows
// again from the file, so that only compact keys are held for a million-row file.
// Not thread-safe.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ingest/columns.h"
#include "ingest/importer.h"
#include "registry/unit_tree.h"

namespace baophu {

// What the handlers share: the store, the rules, the units the store knows, the file's name.
struct ImportEnv {
  Store* store = nullptr;
  const RuleSet* rules = nullptr;
  const UnitTree* units = nullptr;
  std::string file;  // base name
  int64_t file_size = 0;
  // Where Write keeps the records it inserted or updated (ImportOptions::collect_changes); null
  // when not asked.
  std::vector<Person>* changed_persons = nullptr;
  std::vector<Card>* changed_cards = nullptr;
  // ImportOptions::unit_scope (empty: no limit).
  std::function<bool(const std::string& unit_code)> unit_scope;
  // The reason a scoped import rejects a row whose BHXH number belongs to a person stored
  // outside unit_scope: it says nothing about that person (neither their commune nor that the
  // number is theirs), only what the user could see for themselves (issue 12).
  static std::string NumberOutOfScope() { return "mã số BHXH này không thuộc đơn vị được giao cho tài khoản này"; }
  // The reason a row outside unit_scope is rejected.
  static std::string OutOfScope(const std::string& unit_code) {
    return unit_code.empty() ? "không có mã xã: tài khoản này chỉ được nhập dữ liệu trong địa bàn được giao"
                             : "đơn vị '" + unit_code + "' nằm ngoài địa bàn được giao cho tài khoản này";
  }
};

class RowHandler {
 public:
  virtual ~RowHandler() = default;
  virtual const std::vector<ColumnSpec>& Columns() const = 0;
  // Pass 1: validates one data row; errors and warnings go to ctx. Remembers the compact keys
  // the cross-row checks need.
  virtual void Check(RowCtx& ctx) = 0;
  // After pass 1: checks across rows and against the store; adds row errors to `result`.
  virtual Status Finish(const ColumnMap& cols, ImportResult* result) = 0;
  // Pass 2 (inside the transaction): writes one row that passed every check.
  virtual Result<UpsertOutcome> Write(RowCtx& ctx) = 0;
  // After pass 2, still inside the transaction (units write their successors here).
  virtual Status FinishWrite(ImportResult*) { return Status::Ok(); }
};

std::unique_ptr<RowHandler> MakePersonsHandler(const ImportEnv& env);
std::unique_ptr<RowHandler> MakeCardsHandler(const ImportEnv& env);
std::unique_ptr<RowHandler> MakePopulationHandler(const ImportEnv& env);
std::unique_ptr<RowHandler> MakeTargetsHandler(const ImportEnv& env);
std::unique_ptr<RowHandler> MakeUnitsHandler(const ImportEnv& env);
// money_handlers.cc
std::unique_ptr<RowHandler> MakeEmployersHandler(const ImportEnv& env);
std::unique_ptr<RowHandler> MakeDeclarationsHandler(const ImportEnv& env);
std::unique_ptr<RowHandler> MakeEmployerPaymentsHandler(const ImportEnv& env);
std::unique_ptr<RowHandler> MakeRemindersHandler(const ImportEnv& env);
std::unique_ptr<RowHandler> MakeRosterHandler(const ImportEnv& env);
std::unique_ptr<RowHandler> MakeSchoolsHandler(const ImportEnv& env);
std::unique_ptr<RowHandler> MakeSchoolPupilsHandler(const ImportEnv& env);
std::unique_ptr<RowHandler> MakeSponsorsHandler(const ImportEnv& env);
std::unique_ptr<RowHandler> MakeSponsorFundsHandler(const ImportEnv& env);
std::unique_ptr<RowHandler> MakeHardshipHandler(const ImportEnv& env);
std::unique_ptr<RowHandler> MakeSchoolRosterHandler(const ImportEnv& env);

// Shared value parsers for the handlers (Vietnamese reasons in the Status).
// A code from an .xlsx number cell gets back the leading zeros Excel dropped (width digits).
std::string PadDigits(const std::string& v, bool numeric_cell, size_t width);
// A non-negative whole number, with optional thousands separators ("1.234.567", "1 234 567").
Result<int64_t> ParseCount(std::string_view text);
// A percentage as hundredths: "91" → 9100, "85,45" / "85.45" → 8545, "91 %" → 9100.
Result<int32_t> ParsePercentHundredths(std::string_view text);
// Reporting group by code ("HSSV") or id; empty = all groups.
Result<ReportingGroupId> ParseGroup(const RuleSet& rules, std::string_view text);
// person_scope.cc: false, with the row's error, when env.unit_scope is set and `bhxh` is a
// stored person's outside it; a failed look-up goes to *status (the import then fails).
bool PersonWithinScope(RowCtx& ctx, const ImportEnv& env, int col, BhxhNumber bhxh, Status* status);
// Adds an error about a whole row found by cross-row checks.
void AddRowError(ImportResult* r, const std::string& file, int64_t line, const std::string& column,
                 std::string value, std::string reason);
// "3, 7 và 12" for a list of lines (at most a few, then "…").
std::string JoinLines(const std::vector<int64_t>& lines);

}  // namespace baophu
