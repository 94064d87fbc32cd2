#include "report/registry_loader.h"

#include <chrono>
#include <filesystem>
#include <utility>

#include "engine/snapshot.h"
#include "report/report_parts.h"

namespace baophu {

Result<LoadedRegistry> LoadRegistry(Store* store, RuleSet rules, const RegistryOptions& opts) {
  LoadedRegistry reg;
  reg.rules = std::move(rules);

  std::vector<Unit> units;
  std::vector<UnitSuccessor> successors;
  BAOPHU_RETURN_IF_ERROR(store->ListUnits(&units));
  BAOPHU_RETURN_IF_ERROR(store->ListSuccessors(&successors));
  auto tree = UnitTree::Build(std::move(units), successors);
  if (!tree.ok()) return tree.status();
  reg.tree = std::move(tree).value();

  BAOPHU_RETURN_IF_ERROR(store->ListPopulation(&reg.population));
  BAOPHU_RETURN_IF_ERROR(store->ListTargets(&reg.targets));
  reg.population_lookup = std::make_shared<report_parts::PopulationLookup>(reg.population, reg.tree);

  const auto t0 = std::chrono::steady_clock::now();
  auto elapsed_ms = [&] {
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  };
  auto instance = store->InstanceId();
  if (!instance.ok()) return instance.status();
  reg.store_instance = *instance;
  if (!opts.snapshot_path.empty() && std::filesystem::exists(opts.snapshot_path)) {
    auto generation = store->Generation();
    if (!generation.ok()) return generation.status();
    SnapshotSource source;
    auto idx = LoadSnapshot(opts.snapshot_path, reg.rules, &source);
    if (!idx.ok()) {
      reg.snapshot_note = "không dùng snapshot " + opts.snapshot_path + ": " + idx.status().message();
    } else if (source.store_instance != *instance || source.store_generation != *generation) {
      reg.snapshot_note = "snapshot " + opts.snapshot_path + " đã cũ (dữ liệu đã thay đổi sau khi ghi); dựng lại từ kho";
    } else {
      reg.index = std::move(*idx);
      reg.index_from_snapshot = true;
      reg.store_generation = *generation;
      reg.index_ms = elapsed_ms();
      return reg;
    }
  }

  CoverageIndexBuilder builder(reg.rules);
  BAOPHU_RETURN_IF_ERROR(store->ScanIndexInputs(
      [&](const PersonIndexRow& p) {
        builder.AddPerson(p);
        return Status::Ok();
      },
      [&](const CardIndexRow& c) {
        builder.AddCard(c);
        return Status::Ok();
      },
      &reg.store_generation));
  reg.index = builder.Finish(&reg.orphan_cards);
  reg.index_ms = elapsed_ms();
  if (opts.write_snapshot && !opts.snapshot_path.empty()) {
    Status st = WriteSnapshot(*reg.index, opts.snapshot_path, {reg.store_instance, reg.store_generation});
    if (!st.ok()) reg.snapshot_note = "không ghi được snapshot: " + st.message();
  }
  return reg;
}

Status ApplyChanges(LoadedRegistry* reg, Store* store, const std::vector<Person>& persons,
                    const std::vector<Card>& cards) {
  if (!reg->index) return Status::Internal("chưa nạp chỉ mục bao phủ");
  for (const Person& p : persons) BAOPHU_RETURN_IF_ERROR(reg->index->ApplyPerson(p));
  for (const Card& c : cards) {
    Status st = reg->index->ApplyCard(c);
    // A card the builder also leaves out (dates outside the index's range) is not an error.
    if (!st.ok() && st.code() != Status::Code::kInvalidArgument) return st;
  }
  auto g = store->Generation();
  if (!g.ok()) return g.status();
  reg->store_generation = *g;
  reg->index_from_snapshot = false;
  return Status::Ok();
}

Result<std::vector<CoverageIndex::Slot>> SlotsOf(const LoadedRegistry& reg, const std::string& unit, Date on) {
  UnitTree::Index root = reg.tree.Resolve(unit, on);
  if (root == UnitTree::kNone)
    return Status::NotFound("không có đơn vị hành chính mã '" + unit + "' vào ngày " + on.ToVn());
  const bool hamlet = reg.tree.unit(root).level == UnitLevel::kHamlet;
  std::vector<CoverageIndex::Slot> out;
  for (CoverageIndex::Slot s = 1; s < reg.index->slot_count(); ++s) {
    CoverageIndex::SlotKey k = reg.index->slot(s);
    if (hamlet) {
      if (k.hamlet == unit) out.push_back(s);
      continue;
    }
    UnitTree::Index c = reg.tree.Resolve(k.commune, on);
    if (c != UnitTree::kNone && reg.tree.IsWithin(c, root, on)) out.push_back(s);
  }
  return out;
}

}  // namespace baophu
