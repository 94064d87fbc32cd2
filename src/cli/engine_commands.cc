// Commands about the coverage index itself: `engine snapshot` writes the snapshot file that
// later commands (and the server) load instead of rebuilding from the store; `engine info`
// prints where the index came from, its size and its memory.
#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>

#include "cli/cli_common.h"
#include "cli/exit_code.h"
#include "core/text.h"
#include "engine/snapshot.h"

namespace baophu {
namespace {

std::string Bytes(int64_t b) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f", static_cast<double>(b) / (1024.0 * 1024.0));
  std::string s = buf;
  for (char& c : s)
    if (c == '.') c = ',';
  return s + " MiB";
}

std::string Per(int64_t bytes, int64_t n) {
  if (n <= 0) return "—";
  return FormatHundredthsVn((bytes * 100 + n / 2) / n);
}

void PrintInfo(const LoadedRegistry& reg, const std::string& snapshot) {
  const CoverageIndex& x = *reg.index;
  CoverageIndex::MemoryStats m = x.Memory();
  std::printf("Chỉ mục bao phủ: %s người, %s thẻ, %s ô (xã × thôn); %s trong %s ms.\n",
              FormatIntVn(x.person_count()).c_str(), FormatIntVn(x.card_count()).c_str(),
              FormatIntVn(static_cast<int64_t>(x.slot_count())).c_str(),
              reg.index_from_snapshot ? ("nạp từ snapshot " + snapshot).c_str() : "dựng từ kho dữ liệu",
              FormatIntVn(static_cast<int64_t>(reg.index_ms + 0.5)).c_str());
  const int64_t budget = 24 * x.person_count() + 16 * x.card_count();
  std::printf("Bộ nhớ: %s (%s byte/người); giới hạn thiết kế 24 byte/người + 16 byte/thẻ = %s: %s. "
              "Gồm cột người %s byte/người, cột thẻ %s byte/thẻ, chuỗi thời gian %s (%s thay đổi theo ngày).\n",
              Bytes(x.MemoryBytes()).c_str(), Per(x.MemoryBytes(), x.person_count()).c_str(), Bytes(budget).c_str(),
              x.MemoryBytes() <= budget ? "đạt" : "VƯỢT", Per(m.person_columns, x.person_count()).c_str(),
              Per(m.card_columns, x.card_count()).c_str(), Bytes(m.series).c_str(), FormatIntVn(m.change_days).c_str());
  std::printf("Trạng thái kho: mã %lld, thế hệ dữ liệu %lld.\n", static_cast<long long>(reg.store_instance),
              static_cast<long long>(reg.store_generation));
  if (!reg.snapshot_note.empty()) std::printf("Ghi chú: %s\n", reg.snapshot_note.c_str());
}

int CmdSnapshot(const Globals& g) {
  auto rules = LoadRules();
  if (!rules.ok()) return Fail(rules.status());
  auto store = OpenStore(g);
  if (!store.ok()) return Fail(store.status());
  const std::string path = SnapshotPath(g);
  auto reg = LoadRegistryFor(g, store->get(), std::move(*rules), /*write_snapshot=*/true);
  if (!reg.ok()) return Fail(reg.status());
  if (reg->index_from_snapshot) {
    std::printf("Snapshot %s đã khớp với dữ liệu hiện tại (thế hệ %lld); không cần ghi lại.\n", path.c_str(),
                static_cast<long long>(reg->store_generation));
  } else if (!reg->snapshot_note.empty() && reg->snapshot_note.rfind("không ghi", 0) == 0) {
    return Fail(Status::IOError(reg->snapshot_note));
  } else {
    std::printf("Đã ghi snapshot %s (thế hệ dữ liệu %lld).\n", path.c_str(),
                static_cast<long long>(reg->store_generation));
  }
  PrintInfo(*reg, path);
  return kExitOk;
}

int CmdInfo(const Globals& g) {
  auto opened = OpenRegistry(g);
  if (!opened.ok()) return Fail(opened.status());
  PrintInfo(opened->reg, SnapshotPath(g));
  return kExitOk;
}

}  // namespace

void RegisterEngineCommands(CLI::App& app, const Globals& g, int* rc) {
  auto* engine = app.add_subcommand("engine", "Chỉ mục bao phủ trong bộ nhớ");
  engine->require_subcommand(1);
  engine->add_subcommand("snapshot", "Ghi snapshot của chỉ mục để các lệnh sau nạp nhanh")->callback([&g, rc] {
    *rc = CmdSnapshot(g);
  });
  engine->add_subcommand("info", "Nguồn, kích thước và bộ nhớ của chỉ mục")->callback([&g, rc] { *rc = CmdInfo(g); });
}

}  // namespace baophu
