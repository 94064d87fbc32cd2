#include "ingest/importer.h"

#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>

#include "core/csv.h"
#include "ingest/file_scan.h"
#include "ingest/row_handler.h"
#include "ingest/table_reader.h"

namespace baophu {
namespace {

// A one-line progress bar on stderr, redrawn at most ten times a second.
class Progress {
 public:
  explicit Progress(bool on) : on_(on && isatty(STDERR_FILENO)) {}
  ~Progress() { Done(); }
  void Update(const char* phase, double fraction, int64_t rows) {
    if (!on_ || (rows & 1023) != 0) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    int filled = static_cast<int>(std::clamp(fraction, 0.0, 1.0) * 30);
    std::string bar(static_cast<size_t>(filled), '#');
    bar.resize(30, ' ');
    std::fprintf(stderr, "\r%s [%s] %3d%% %lld dòng", phase, bar.c_str(), static_cast<int>(fraction * 100),
                 static_cast<long long>(rows));
    drawn_ = true;
  }
  void Done() {
    if (drawn_) std::fprintf(stderr, "\r%80s\r", "");
    drawn_ = false;
  }

 private:
  bool on_;
  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_{};
};

std::string HexByte(uint8_t b) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "0x%02X", b);
  return buf;
}

std::unique_ptr<RowHandler> MakeHandler(ImportKind kind, const ImportEnv& env) {
  switch (kind) {
    case ImportKind::kPersons: return MakePersonsHandler(env);
    case ImportKind::kCards: return MakeCardsHandler(env);
    case ImportKind::kPopulation: return MakePopulationHandler(env);
    case ImportKind::kTargets: return MakeTargetsHandler(env);
    case ImportKind::kUnits: return MakeUnitsHandler(env);
    case ImportKind::kEmployers: return MakeEmployersHandler(env);
    case ImportKind::kDeclarations: return MakeDeclarationsHandler(env);
    case ImportKind::kEmployerPayments: return MakeEmployerPaymentsHandler(env);
    case ImportKind::kReminders: return MakeRemindersHandler(env);
    case ImportKind::kRoster: return MakeRosterHandler(env);
    case ImportKind::kSchools: return MakeSchoolsHandler(env);
    case ImportKind::kSchoolPupils: return MakeSchoolPupilsHandler(env);
    case ImportKind::kSponsors: return MakeSponsorsHandler(env);
    case ImportKind::kSponsorFunds: return MakeSponsorFundsHandler(env);
    case ImportKind::kHardship: return MakeHardshipHandler(env);
    case ImportKind::kSchoolRoster: return MakeSchoolRosterHandler(env);
  }
  return nullptr;
}

// Opens the table and reads up to the header (the first row that is not blank).
Result<std::unique_ptr<TableReader>> OpenAtHeader(const std::string& path, const std::string& sheet,
                                                  const std::string& file, TableRow* header) {
  auto t = OpenTable(path, sheet);
  if (!t.ok()) return t.status();
  for (;;) {
    if (!(*t)->Next(header)) {
      if (!(*t)->status().ok()) return Status::InvalidArgument("Tệp '" + file + "': " + (*t)->status().message());
      return Status::InvalidArgument("Tệp '" + file + "' trống: không có dòng tiêu đề");
    }
    if (header->defect.cell >= 0) {
      return Status::InvalidArgument("Tệp '" + file + "' dòng tiêu đề " + std::to_string(header->line) +
                                     ", cột thứ " + std::to_string(header->defect.cell + 1) + ": " +
                                     header->defect.reason);
    }
    if (!header->Blank()) return t;
  }
}

std::string CountsJson(const ImportResult& r) {
  char buf[256];
  std::snprintf(buf, sizeof buf,
                "{\"read\":%lld,\"inserted\":%lld,\"updated\":%lld,\"unchanged\":%lld,\"rejected\":%lld,"
                "\"warnings\":%lld}",
                static_cast<long long>(r.read), static_cast<long long>(r.inserted),
                static_cast<long long>(r.updated), static_cast<long long>(r.unchanged),
                static_cast<long long>(r.rejected), static_cast<long long>(r.warnings.size()));
  return buf;
}

bool ByLine(const RowError& a, const RowError& b) { return a.line < b.line; }

}  // namespace

namespace {
// Each kind's English name (the one documented and logged) and its Vietnamese name.
struct KindName {
  ImportKind kind;
  const char* en;
  const char* vi;
};
constexpr KindName kKindNames[] = {
    {ImportKind::kPersons, "persons", "nguoi"},
    {ImportKind::kCards, "cards", "the"},
    {ImportKind::kPopulation, "population", "dan_so"},
    {ImportKind::kTargets, "targets", "chi_tieu"},
    {ImportKind::kUnits, "units", "don_vi"},
    {ImportKind::kEmployers, "employers", "don_vi_sdld"},
    {ImportKind::kDeclarations, "declarations", "to_khai"},
    {ImportKind::kEmployerPayments, "employer-payments", "nop_tien"},
    {ImportKind::kReminders, "reminders", "don_doc"},
    {ImportKind::kRoster, "roster", "lao_dong"},
    {ImportKind::kSchools, "schools", "truong"},
    {ImportKind::kSchoolPupils, "school-pupils", "hoc_sinh_co_the"},
    {ImportKind::kSponsors, "sponsors", "nha_tai_tro"},
    {ImportKind::kSponsorFunds, "sponsor-funds", "tai_tro"},
    {ImportKind::kHardship, "hardship", "ho_kho_khan"},
    {ImportKind::kSchoolRoster, "school-roster", "danh_sach_hoc_sinh"},
};
}  // namespace

Result<ImportKind> ParseImportKind(std::string_view text) {
  for (const KindName& k : kKindNames)
    if (text == k.en || text == k.vi) return k.kind;
  std::string all;
  for (const KindName& k : kKindNames) all += std::string(all.empty() ? "" : ", ") + k.en;
  return Status::InvalidArgument("loại dữ liệu nhập không hợp lệ '" + std::string(text) + "': cần một trong " + all);
}

const char* ImportKindName(ImportKind kind) {
  for (const KindName& k : kKindNames)
    if (k.kind == kind) return k.en;
  return "";
}

Result<ImportResult> ImportFile(Store* store, const RuleSet& rules, ImportKind kind, const std::string& path,
                                const ImportOptions& opts) {
  const std::string file = std::filesystem::path(path).filename().string();
  TableRow header;
  auto table = OpenAtHeader(path, opts.sheet, file, &header);  // also refuses .xls and non-zip .xlsx
  if (!table.ok()) return table.status();
  const bool text_file = !(*table)->HasColumnLetters();

  // The bytes: their hash for the import log and, for text, the encoding.
  auto scan = ScanFile(path, text_file);
  if (!scan.ok()) return scan.status();
  if (!scan->utf8) {
    return Status::Unsupported("Tệp '" + file + "' không phải UTF-8 (dòng " + std::to_string(scan->bad_line) +
                               " có byte " + HexByte(scan->bad_byte) +
                               "): hãy lưu lại bằng 'CSV UTF-8' trong Excel (có thể tệp đang ở mã Windows-1258, "
                               "TCVN3 hoặc VNI)");
  }

  std::vector<Unit> unit_list;
  std::vector<UnitSuccessor> successors;
  BAOPHU_RETURN_IF_ERROR(store->ListUnits(&unit_list));
  BAOPHU_RETURN_IF_ERROR(store->ListSuccessors(&successors));
  auto tree = UnitTree::Build(std::move(unit_list), successors);
  if (!tree.ok()) return tree.status();

  ImportResult result;
  ImportEnv env{store, &rules, &*tree, file, scan->size};
  env.unit_scope = opts.unit_scope;
  if (opts.collect_changes) {
    env.changed_persons = &result.changed_persons;
    env.changed_cards = &result.changed_cards;
  }
  std::unique_ptr<RowHandler> handler = MakeHandler(kind, env);
  auto cols = MapColumns(handler->Columns(), header, !text_file, file);
  if (!cols.ok()) return cols.status();

  Progress progress(opts.progress);
  TableRow row;
  // Pass 1: validate.
  while ((*table)->Next(&row)) {
    if (row.Blank()) continue;
    ++result.read;
    RowCtx ctx(row, *cols, file, &result.errors, &result.warnings);
    if (ctx.CheckShape(handler->Columns())) handler->Check(ctx);
    progress.Update("Kiểm tra", (*table)->Progress(), result.read);
  }
  if (!(*table)->status().ok()) return Status::InvalidArgument("Tệp '" + file + "': " + (*table)->status().message());
  table->reset();
  BAOPHU_RETURN_IF_ERROR(handler->Finish(*cols, &result));
  progress.Done();

  std::stable_sort(result.errors.begin(), result.errors.end(), ByLine);
  std::stable_sort(result.warnings.begin(), result.warnings.end(), ByLine);
  std::vector<int64_t> rejected;
  for (const RowError& e : result.errors)
    if (rejected.empty() || rejected.back() != e.line) rejected.push_back(e.line);
  result.rejected = static_cast<int64_t>(rejected.size());
  if (opts.validate_only || (result.rejected > 0 && !opts.accept_valid)) return result;

  // Pass 2: write the good rows in one transaction.
  table = OpenAtHeader(path, opts.sheet, file, &header);
  if (!table.ok()) return table.status();
  Transaction tx(store);
  BAOPHU_RETURN_IF_ERROR(tx.Begin());
  std::vector<RowError> scratch_errors, scratch_warnings;
  int64_t rows = 0;
  auto rej = rejected.begin();
  while ((*table)->Next(&row)) {
    if (row.Blank()) continue;
    ++rows;
    while (rej != rejected.end() && *rej < row.line) ++rej;
    if (rej != rejected.end() && *rej == row.line) continue;
    RowCtx ctx(row, *cols, file, &scratch_errors, &scratch_warnings);
    auto outcome = handler->Write(ctx);
    if (!outcome.ok()) {
      const Status& st = outcome.status();
      std::string msg = "Tệp '" + file + "' dòng " + std::to_string(row.line) + ": " + st.message() +
                        "; không có gì được ghi vào cơ sở dữ liệu";
      return st.code() == Status::Code::kIOError ? Status::IOError(msg) : Status::Conflict(msg);
    }
    switch (*outcome) {
      case UpsertOutcome::kInserted: ++result.inserted; break;
      case UpsertOutcome::kUpdated: ++result.updated; break;
      case UpsertOutcome::kUnchanged: ++result.unchanged; break;
    }
    progress.Update("Ghi", (*table)->Progress(), rows);
  }
  if (!(*table)->status().ok()) return Status::InvalidArgument("Tệp '" + file + "': " + (*table)->status().message());
  BAOPHU_RETURN_IF_ERROR(handler->FinishWrite(&result));
  BAOPHU_RETURN_IF_ERROR(store->LogImport(ImportKindName(kind), file, scan->sha256, CountsJson(result)));
  BAOPHU_RETURN_IF_ERROR(tx.Commit());
  result.committed = true;
  result.commit = store->LastCommit();
  return result;
}

Status WriteErrorsCsv(const std::vector<RowError>& errors, const std::string& path) {
  std::string out = "\xEF\xBB\xBF";
  AppendCsvRecord({"tep", "dong", "cot", "gia_tri", "ly_do"}, &out);
  for (const RowError& e : errors) AppendCsvRecord({e.file, std::to_string(e.line), e.column, e.value, e.reason}, &out);
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return Status::IOError("không ghi được tệp '" + path + "'");
  bool ok = std::fwrite(out.data(), 1, out.size(), f) == out.size();
  ok = (std::fclose(f) == 0) && ok;
  if (!ok) return Status::IOError("không ghi được tệp '" + path + "'");
  return Status::Ok();
}

}  // namespace baophu
