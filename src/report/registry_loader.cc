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
  // The fingerprint costs a count of the people and cards: only when a snapshot is involved.
  const bool with_snapshot = !opts.snapshot_path.empty();
  auto state = store->State(with_snapshot);
  if (!state.ok()) return state.status();
  reg.store_instance = state->instance;
  if (with_snapshot && std::filesystem::exists(opts.snapshot_path)) {
    SnapshotSource source;
    auto idx = LoadSnapshot(opts.snapshot_path, reg.rules, &source);
    std::string why;
    if (!idx.ok()) {
      reg.snapshot_note = "không dùng snapshot " + opts.snapshot_path + ": " + idx.status().message();
    } else if (!SnapshotMatches(source, *state, &why)) {
      reg.snapshot_note = "snapshot " + opts.snapshot_path + " đã cũ (" + why + "); dựng lại từ kho";
    } else {
      reg.index = std::move(*idx);
      reg.index_from_snapshot = true;
      reg.store_generation = state->generation;
      reg.store_token = state->write_token;
      reg.store_fingerprint = state->fingerprint;
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
  // The token (and fingerprint) of the state scanned: known when the states read before and
  // after the scan are that very generation (a token changes only with the generation). Else
  // the index is labelled with its generation alone: never written to a snapshot, and a
  // server's watch (ServerContext) sees it differ from the store and reloads.
  auto after = store->State(with_snapshot);
  if (!after.ok()) return after.status();
  if (state->generation == reg.store_generation && *after == *state) {
    reg.store_token = state->write_token;
    reg.store_fingerprint = state->fingerprint;
  }
  if (opts.write_snapshot && with_snapshot) {
    if (reg.store_token == 0) {
      reg.snapshot_note = "không ghi snapshot: dữ liệu thay đổi trong khi dựng chỉ mục";
    } else {
      Status st = WriteSnapshot(*reg.index, opts.snapshot_path,
                                {reg.store_instance, reg.store_generation, reg.store_token, reg.store_fingerprint});
      if (!st.ok()) reg.snapshot_note = "không ghi được snapshot: " + st.message();
    }
  }
  return reg;
}

bool SnapshotMatches(const SnapshotSource& source, const StoreState& store, std::string* why) {
  auto differ = [&](const char* what) {
    if (why) *why = what;
    return false;
  };
  if (source.store_instance != store.instance) return differ("của một kho dữ liệu khác");
  if (source.store_generation < 0 || source.store_generation != store.generation)
    return differ("dữ liệu đã thay đổi sau khi ghi");
  if (source.write_token == 0 || source.write_token != store.write_token)
    return differ("kho dữ liệu đã được khôi phục hoặc ghi lại sau khi ghi snapshot");
  if (source.fingerprint == 0 || source.fingerprint != store.fingerprint)
    return differ("số người hoặc số thẻ trong kho khác với lúc ghi: có chương trình khác đã ghi vào kho");
  return true;
}

Status ApplyChanges(LoadedRegistry* reg, const CommitStamp& commit, const std::vector<Person>& persons,
                    const std::vector<Card>& cards) {
  if (!reg->index) return Status::Internal("chưa nạp chỉ mục bao phủ");
  if (commit.after.generation < 0) {
    if (persons.empty() && cards.empty()) return Status::Ok();  // the commit changed nothing
    return Status::Internal("lần ghi không cho biết trạng thái kho sau khi ghi");
  }
  const StoreState& b = commit.before;
  if (reg->store_instance != b.instance || reg->store_generation != b.generation || reg->store_token == 0 ||
      reg->store_token != b.write_token) {
    return Status::Conflict("chỉ mục phản ánh thế hệ dữ liệu " + std::to_string(reg->store_generation) +
                            " nhưng lần ghi được thực hiện sau thế hệ " + std::to_string(b.generation) +
                            " (một tiến trình khác đã ghi vào kho ở giữa); cần nạp lại toàn bộ");
  }
  // Halfway through, the index is in no state of the store: it says so (generation -1) until
  // the caller's reload replaces it.
  auto half_done = [&](Status st) {
    reg->store_generation = -1;
    reg->store_token = 0;
    return st;
  };
  for (const Person& p : persons) {
    Status st = reg->index->ApplyPerson(p);
    if (!st.ok()) return half_done(st);
  }
  for (const Card& c : cards) {
    Status st = reg->index->ApplyCard(c);
    // A card the builder also leaves out (dates outside the index's range) is not an error.
    if (!st.ok() && st.code() != Status::Code::kInvalidArgument) return half_done(st);
  }
  reg->store_generation = commit.after.generation;
  reg->store_token = commit.after.write_token;
  reg->store_fingerprint = 0;  // counted again by whoever writes the snapshot file
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
