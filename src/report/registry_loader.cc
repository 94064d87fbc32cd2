#include "report/registry_loader.h"

#include <utility>

namespace baophu {

Result<LoadedRegistry> LoadRegistry(Store* store, RuleSet rules) {
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

  CoverageIndexBuilder builder(reg.rules);
  BAOPHU_RETURN_IF_ERROR(store->ScanIndexInputs(
      [&](const PersonIndexRow& p) {
        builder.AddPerson(p);
        return Status::Ok();
      },
      [&](const CardIndexRow& c) {
        builder.AddCard(c);
        return Status::Ok();
      }));
  reg.index = builder.Finish(&reg.orphan_cards);
  return reg;
}

}  // namespace baophu
