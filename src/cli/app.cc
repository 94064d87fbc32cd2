#include "cli/app.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <memory>

#include "cli/cli_common.h"
#include "cli/exit_code.h"
#include "core/text.h"
#include "demo/demo_generator.h"
#include "ingest/importer.h"
#include "report/coverage_report.h"
#include "report/registry_loader.h"
#include "store/account_store.h"
#include "store/store.h"
#include "vnadmin/vn_admin_loader.h"

namespace baophu {
namespace {

// --- units -----------------------------------------------------------------------------------

int CmdLoadVn(const Globals& g, const std::string& dir) {
  auto store = OpenStore(g);
  if (!store.ok()) return Fail(store.status());
  auto st = LoadVnAdmin(store->get(), dir);
  if (!st.ok()) return Fail(st.status());
  std::printf(
      "Đã nạp đơn vị hành chính từ %s: %s đơn vị mới, %s cập nhật, %s không đổi; %s liên kết kế nhiệm; "
      "%s dòng dân số (Tổng điều tra 2019) và %s dòng dân số quy đổi sang đơn vị sau 01/07/2025.\n",
      dir.c_str(), FormatIntVn(st->units_inserted).c_str(), FormatIntVn(st->units_updated).c_str(),
      FormatIntVn(st->units_unchanged).c_str(), FormatIntVn(st->successors).c_str(),
      FormatIntVn(st->population_rows).c_str(), FormatIntVn(st->mapped_population_rows).c_str());
  if (st->skipped_mapping_edges)
    std::printf("Bỏ qua %s cạnh ánh xạ từ mã xã không có trong danh mục 10.035 xã (xem README dữ liệu).\n",
                FormatIntVn(st->skipped_mapping_edges).c_str());
  return kExitOk;
}

// --- import ----------------------------------------------------------------------------------

int CmdImport(const Globals& g, const std::string& kind_text, const std::string& file, const ImportOptions& opts,
              const std::string& errors_path) {
  auto kind = ParseImportKind(kind_text);
  if (!kind.ok()) return Fail(kind.status());
  auto rules = LoadRules();
  if (!rules.ok()) return Fail(rules.status());
  auto store = OpenStore(g);
  if (!store.ok()) return Fail(store.status());
  auto r = ImportFile(store->get(), *rules, *kind, file, opts);
  if (!r.ok()) return Fail(r.status());
  const ImportResult& res = *r;
  std::string name = std::filesystem::path(file).filename().string();
  if (g.en()) {
    std::printf("Import %s from %s: read %s, inserted %s, updated %s, unchanged %s, rejected %s\n", kind_text.c_str(),
                name.c_str(), FormatIntVn(res.read).c_str(), FormatIntVn(res.inserted).c_str(),
                FormatIntVn(res.updated).c_str(), FormatIntVn(res.unchanged).c_str(),
                FormatIntVn(res.rejected).c_str());
  } else {
    std::printf("Nhập %s từ %s: đọc %s, thêm mới %s, cập nhật %s, không đổi %s, bị từ chối %s\n", kind_text.c_str(),
                name.c_str(), FormatIntVn(res.read).c_str(), FormatIntVn(res.inserted).c_str(),
                FormatIntVn(res.updated).c_str(), FormatIntVn(res.unchanged).c_str(),
                FormatIntVn(res.rejected).c_str());
  }
  const size_t kShown = 20;
  for (size_t i = 0; i < res.errors.size() && i < kShown; ++i) {
    const RowError& e = res.errors[i];
    std::fprintf(stderr, "  Lỗi: %s dòng %lld, cột %s, giá trị '%s': %s\n", e.file.c_str(),
                 static_cast<long long>(e.line), e.column.c_str(), e.value.c_str(), e.reason.c_str());
  }
  if (res.errors.size() > kShown)
    std::fprintf(stderr, "  … và %zu lỗi khác%s\n", res.errors.size() - kShown,
                 errors_path.empty() ? " (dùng --errors TỆP.csv để ghi đủ danh sách)" : "");
  for (size_t i = 0; i < res.warnings.size() && i < kShown; ++i) {
    const RowError& e = res.warnings[i];
    std::fprintf(stderr, "  Cảnh báo: %s dòng %lld, cột %s, giá trị '%s': %s\n", e.file.c_str(),
                 static_cast<long long>(e.line), e.column.c_str(), e.value.c_str(), e.reason.c_str());
  }
  if (res.warnings.size() > kShown) std::fprintf(stderr, "  … và %zu cảnh báo khác\n", res.warnings.size() - kShown);
  if (!errors_path.empty()) {
    std::vector<RowError> all = res.errors;
    Status st = WriteErrorsCsv(all, errors_path);
    if (!st.ok()) return Fail(st);
    std::printf("Danh sách dòng bị từ chối: %s\n", errors_path.c_str());
  }
  if (res.rejected > 0) {
    if (!res.committed)
      std::printf(
          "Không ghi gì vào cơ sở dữ liệu (nhập tất cả hoặc không). Sửa các dòng lỗi, hoặc dùng "
          "--accept-valid để chỉ nhập %s dòng hợp lệ.\n",
          FormatIntVn(res.read - res.rejected).c_str());
    return kExitRejectedRows;
  }
  return kExitOk;
}

// --- coverage --------------------------------------------------------------------------------

int CmdCoverage(const Globals& g, const std::string& as_of, const std::string& unit, const std::string& depth,
                const std::string& by, const std::string& units_of, const std::string& format, const std::string& out) {
  CoverageQuery q;
  auto d = Date::ParseOption(as_of);
  if (!d.ok()) return Fail(d.status());
  q.as_of = *d;
  q.unit_code = unit;
  if (depth.empty() || depth == "commune" || depth == "xa") {
    q.depth = -1;
  } else {
    try {
      q.depth = std::stoi(depth);
    } catch (...) {
      return Fail(Status::InvalidArgument("--depth phải là một số hoặc 'commune': '" + depth + "'"));
    }
  }
  if (!by.empty() && by != "group" && by != "nhom")
    return Fail(Status::InvalidArgument("--by chỉ nhận 'group': '" + by + "'"));
  q.by_group = !by.empty();
  if (!units_of.empty()) {
    auto u = Date::ParseOption(units_of);
    if (!u.ok()) return Fail(u.status());
    q.units_of = *u;
  }
  auto opened = OpenRegistry(g);
  if (!opened.ok()) return Fail(opened.status());
  auto report = BuildCoverageReport(opened->reg, q);
  if (!report.ok()) return Fail(report.status());
  Lang lang = g.en() ? Lang::kEn : Lang::kVi;
  std::string text;
  if (format == "table") {
    text = FormatCoverageTable(*report, opened->reg.rules, lang);
  } else if (format == "csv") {
    text = FormatCoverageCsv(*report, opened->reg.rules);
  } else if (format == "json") {
    text = FormatCoverageJson(*report, opened->reg.rules);
  } else if (format == "xlsx") {
    return EmitXlsx(g, out, [&](const std::string& path) { return WriteCoverageXlsx(*report, opened->reg.rules, lang, path); });
  } else {
    return Fail(Status::InvalidArgument("--format phải là table, csv, json hoặc xlsx: '" + format + "'"));
  }
  return EmitText(g, text, out);
}

// --- demo ------------------------------------------------------------------------------------

int CmdDemoGenerate(const DemoOptions& opts) {
  auto rules = LoadRules();
  if (!rules.ok()) return Fail(rules.status());
  std::error_code ec;
  std::filesystem::create_directories(opts.out_dir, ec);
  auto s = GenerateDemo(*rules, opts);
  if (!s.ok()) return Fail(s.status());
  std::printf("Đã tạo kịch bản %s trong %s: %s người, %s thẻ.\n", opts.scenario.c_str(), opts.out_dir.c_str(),
              FormatIntVn(s->persons).c_str(), FormatIntVn(s->cards).c_str());
  for (const auto& f : s->files) std::printf("  %s\n", f.c_str());
  for (const auto& f : s->money_files) std::printf("  %s\n", f.c_str());
  for (const auto& f : s->outreach_files) std::printf("  %s\n", f.c_str());
  if (!s->expected.empty()) std::printf("%s\n", s->expected.c_str());
  return kExitOk;
}

}  // namespace

int Fail(const Status& s) {
  std::fprintf(stderr, "Lỗi: %s\n", s.ToString().c_str());
  return ExitCodeFor(s);
}

Result<std::unique_ptr<Store>> OpenStore(const Globals& g) {
  std::filesystem::path p(g.db);
  if (g.db.find("://") == std::string::npos && p.has_parent_path()) {  // a file path, not a server URL
    std::error_code ec;
    std::filesystem::create_directories(p.parent_path(), ec);
  }
  return Store::Open(g.db);
}

Result<RuleSet> LoadRules() { return RuleSet::LoadDefault(); }

Result<OpenedRegistry> OpenRegistry(const Globals& g) {
  auto rules = LoadRules();
  if (!rules.ok()) return rules.status();
  auto store = OpenStore(g);
  if (!store.ok()) return store.status();
  auto reg = LoadRegistryFor(g, store->get(), std::move(*rules));
  if (!reg.ok()) return reg.status();
  return OpenedRegistry{std::move(*store), std::move(*reg)};
}

Status AuditCliExport(const Globals& g, const std::string& action, const std::string& what, const std::string& unit) {
  auto acc = AccountStore::Open(g.db);
  if (!acc.ok()) return acc.status();
  AuditEntry e;
  const char* user = std::getenv("USER");
  e.username = std::string("cli:") + (user ? user : "?");
  e.action = action;
  e.unit_code = unit;
  e.subject = what;
  return (*acc)->AppendAudit(e);
}

int EmitText(const Globals& g, const std::string& text, const std::string& out) {
  if (out.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return kExitOk;
  }
  std::ofstream f(out, std::ios::binary);
  f << text;
  f.close();  // a full disk shows only when the buffer is flushed: check the close too
  if (!f) return Fail(Status::IOError("không ghi được tệp '" + out + "'"));
  std::printf(g.en() ? "Wrote %s\n" : "Đã ghi %s\n", out.c_str());
  return kExitOk;
}

int EmitXlsx(const Globals& g, const std::string& out, const std::function<Status(const std::string&)>& write) {
  if (out.empty()) return Fail(Status::InvalidArgument("--format xlsx cần --out TỆP.xlsx"));
  Status st = write(out);
  if (!st.ok()) return Fail(st);
  std::printf(g.en() ? "Wrote %s\n" : "Đã ghi %s\n", out.c_str());
  return kExitOk;
}

std::string SnapshotPath(const Globals& g) {
  if (!g.snapshot.empty()) return g.snapshot;
  if (g.db.find("://") != std::string::npos) return "var/baophu.snap";
  std::filesystem::path p(g.db);
  p.replace_extension(".snap");
  return p.string();
}

Result<LoadedRegistry> LoadRegistryFor(const Globals& g, Store* store, RuleSet rules, bool write_snapshot) {
  RegistryOptions opts;
  if (!g.no_snapshot) opts.snapshot_path = SnapshotPath(g);
  opts.write_snapshot = write_snapshot;
  return LoadRegistry(store, std::move(rules), opts);
}

struct CoreArgs {
  std::string vn_dir;
  std::string kind, file, errors_path;
  ImportOptions iopts;
  std::string as_of, unit = kCountryCode, depth, by, units_of, format = "table", out;
  DemoOptions dopts;
  CoreArgs() { dopts.vn_admin_dir = "../shared/data/vn-admin"; }
};

void RegisterCoreCommands(CLI::App& app, const Globals& g, int* rc_out) {
  // The parsed values must outlive this function: they live in one object that the callbacks own.
  auto a = std::make_shared<CoreArgs>();
  // units
  auto* units = app.add_subcommand("units", "Đơn vị hành chính");
  units->require_subcommand(1);
  auto* load_vn = units->add_subcommand("load-vn", "Nạp đơn vị hành chính thật (mã GSO) trước và sau 01/07/2025");
  load_vn->add_option("dir", a->vn_dir, "Thư mục dữ liệu vn-admin")->required();
  load_vn->callback([a, &g, rc_out] { *rc_out = CmdLoadVn(g, a->vn_dir); });

  // import
  auto* imp = app.add_subcommand("import", "Nhập dữ liệu từ tệp .csv hoặc .xlsx");
  imp->add_option("kind", a->kind,
                 "persons | cards | population | targets | units | employers | declarations | employer-payments | "
                 "reminders | roster | schools | school-pupils | school-roster | sponsors | sponsor-funds | hardship")->required();
  imp->add_option("file", a->file, "Tệp .csv hoặc .xlsx")->required()->check(CLI::ExistingFile);
  imp->add_option("--sheet", a->iopts.sheet, "Tên trang tính (.xlsx); mặc định trang đầu tiên");
  imp->add_flag("--accept-valid", a->iopts.accept_valid, "Nhập các dòng hợp lệ, bỏ các dòng lỗi");
  imp->add_option("--errors", a->errors_path, "Ghi các dòng bị từ chối vào tệp CSV");
  imp->callback([a, &g, rc_out] {
    a->iopts.progress = isatty(STDERR_FILENO);
    *rc_out = CmdImport(g, a->kind, a->file, a->iopts, a->errors_path);
  });

  // coverage
  auto* cov = app.add_subcommand("coverage", "Báo cáo tỷ lệ bao phủ BHYT tại một ngày");
  cov->add_option("--as-of", a->as_of, "Ngày báo cáo (dd/mm/yyyy hoặc yyyy-mm-dd)")->required();
  cov->add_option("--unit", a->unit, "Mã đơn vị gốc (mặc định VN: toàn quốc)");
  cov->add_option("--depth", a->depth, "Số cấp hiển thị dưới đơn vị gốc, hoặc 'commune'");
  cov->add_option("--by", a->by, "'group': chia theo nhóm đối tượng");
  cov->add_option("--units-of", a->units_of, "Tổng hợp theo đơn vị hành chính có hiệu lực ở ngày này");
  cov->add_option("--format", a->format, "table | csv | json | xlsx");
  cov->add_option("--out", a->out, "Ghi ra tệp");
  cov->callback([a, &g, rc_out] {
    *rc_out = CmdCoverage(g, a->as_of, a->unit, a->depth, a->by, a->units_of, a->format, a->out);
  });

  // demo
  auto* demo = app.add_subcommand("demo", "Dữ liệu mẫu");
  demo->require_subcommand(1);
  auto* gen = demo->add_subcommand("generate", "Tạo dữ liệu mẫu theo kịch bản");
  gen->add_option("--scenario", a->dopts.scenario, "bac-lieu-2021 | tuy-phong-2019 | national")
      ->required()
      ->check(CLI::IsMember({"bac-lieu-2021", "tuy-phong-2019", "national"}));
  gen->add_option("--persons", a->dopts.persons, "Số người (mặc định theo kịch bản)");
  gen->add_option("--seed", a->dopts.seed, "Hạt giống ngẫu nhiên");
  gen->add_option("--out", a->dopts.out_dir, "Thư mục kết quả")->required();
  gen->add_option("--vn-admin", a->dopts.vn_admin_dir, "Thư mục dữ liệu vn-admin");
  gen->callback([a, &g, rc_out] { *rc_out = CmdDemoGenerate(a->dopts); });
}

int RunCli(int argc, char** argv) {
  CLI::App app{"baophu — theo dõi bao phủ bảo hiểm y tế toàn dân (BHYT)"};
  app.set_help_all_flag("--help-all", "Trợ giúp cho mọi lệnh");
  Globals g;
  app.add_option("--db", g.db, "Cơ sở dữ liệu: tệp SQLite (mặc định var/baophu.db)");
  app.add_option("--lang", g.lang, "Ngôn ngữ: vi (mặc định) hoặc en")->check(CLI::IsMember({"vi", "en"}));
  app.add_option("--snapshot", g.snapshot, "Tệp snapshot của chỉ mục (mặc định: cạnh cơ sở dữ liệu, đuôi .snap)");
  app.add_flag("--no-snapshot", g.no_snapshot, "Luôn dựng chỉ mục từ kho dữ liệu");
  app.require_subcommand(1);
  int rc = kExitOk;
  RegisterCoreCommands(app, g, &rc);
  RegisterTimeCommands(app, g, &rc);
  RegisterEngineCommands(app, g, &rc);
  RegisterMoneyCommands(app, g, &rc);
  RegisterServeCommands(app, g, &rc);
  RegisterSteeringCommands(app, g, &rc);
  RegisterOutreachCommands(app, g, &rc);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  return rc;
}

}  // namespace baophu
