// Imports of officials' files (.csv, .xlsx) into the store: persons, cards, population,
// targets and units. Every row is validated first; nothing is written unless every row is good
// (or the caller accepts the valid ones), and the writes happen in one store transaction.
// Thread-safety: ImportFile uses the Store it is given (one thread at a time, as Store says).
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "rules/rule_set.h"
#include "store/store.h"

namespace baophu {

enum class ImportKind {
  kPersons, kCards, kPopulation, kTargets, kUnits,
  // money (schema version 3)
  kEmployers, kDeclarations, kEmployerPayments, kReminders, kRoster, kSchools, kSchoolPupils, kSponsors,
  kSponsorFunds, kHardship, kSchoolRoster,
};
// "persons", "cards", "population", "targets", "units", "employers", "declarations",
// "employer-payments", "reminders", "roster", "schools", "school-pupils", "sponsors",
// "sponsor-funds", "hardship", "school-roster" (or their Vietnamese names, see ParseImportKind).
Result<ImportKind> ParseImportKind(std::string_view text);
const char* ImportKindName(ImportKind kind);

struct ImportOptions {
  // Write the valid rows when some are rejected (default: all-or-nothing, nothing written).
  bool accept_valid = false;
  // Sheet of an .xlsx file, by name; empty = the first sheet.
  std::string sheet;
  // Check every row and return the report without writing anything (the web import's first
  // step: the user sees the rejected rows, then commits).
  bool validate_only = false;
  // Draw a progress bar on stderr (only when stderr is a terminal).
  bool progress = false;
  // Keep the persons and cards that were inserted or updated in ImportResult::changed_*, so that
  // an in-memory index can follow the import without a rebuild (ApplyChanges in report/).
  bool collect_changes = false;
  // The units the importing user may write to (the web import of a province or commune
  // account): given a unit code, true when it lies in the user's area. A row outside it — a
  // person's commune, a card's holder's commune, a population or target unit — is rejected with
  // its reason. Units files are not scoped (only administrators import them). Empty: no limit.
  std::function<bool(const std::string& unit_code)> unit_scope;
};

// One problem with one cell (or row) of the input.
struct RowError {
  std::string file;    // base name of the input file
  int64_t line = 0;    // 1-based; the header is line 1 of a CSV; the row number in a sheet
  std::string column;  // the header as written in the file ("B: ngay_sinh" style for xlsx)
  std::string value;   // the offending value, as read
  std::string reason;  // Vietnamese
};

struct ImportResult {
  int64_t read = 0;       // data rows read (blank rows are not counted)
  int64_t inserted = 0;   // store outcomes of the rows written
  int64_t updated = 0;
  int64_t unchanged = 0;
  int64_t rejected = 0;   // rows with at least one error
  std::vector<RowError> errors;    // sorted by line
  std::vector<RowError> warnings;  // e.g. an unknown object code (counted as "chưa phân loại")
  bool committed = false;          // something was written (the transaction committed)
  // With ImportOptions::collect_changes, once committed: the rows whose store record changed.
  std::vector<Person> changed_persons;
  std::vector<Card> changed_cards;
  // Once committed: the store states the transaction was written on top of and made
  // (Store::LastCommit), for ApplyChanges to tell whether the index may follow in place.
  CommitStamp commit;
};

// File-level failures (cannot open, not UTF-8, missing required column, not an xlsx, a store
// write failing) → a non-OK Result with a Vietnamese message; the store is then unchanged.
// Row-level problems → ImportResult::errors.
Result<ImportResult> ImportFile(Store* store, const RuleSet& rules, ImportKind kind, const std::string& path,
                                const ImportOptions& opts);

// Writes errors as CSV with the header tep,dong,cot,gia_tri,ly_do, UTF-8 with a BOM so that
// Excel opens it with the diacritics intact.
Status WriteErrorsCsv(const std::vector<RowError>& errors, const std::string& path);

}  // namespace baophu
