// Runs the golden cases of testdata/ (see testdata/README.md).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "ingest/ingest_test_util.h"

namespace baophu::testing {
namespace {

namespace fs = std::filesystem;

std::string ReadText(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string Render(const Result<ImportResult>& r) {
  if (!r.ok()) return "refused: " + r.status().message() + "\n";
  std::string s = "read=" + std::to_string(r->read) + " inserted=" + std::to_string(r->inserted) +
                  " updated=" + std::to_string(r->updated) + " unchanged=" + std::to_string(r->unchanged) +
                  " rejected=" + std::to_string(r->rejected) + " committed=" + std::to_string(r->committed) + "\n";
  for (const RowError& e : r->errors)
    s += "loi " + std::to_string(e.line) + " [" + e.column + "] '" + e.value + "': " + e.reason + "\n";
  for (const RowError& e : r->warnings)
    s += "canh_bao " + std::to_string(e.line) + " [" + e.column + "] '" + e.value + "': " + e.reason + "\n";
  return s;
}

class GoldenTest : public IngestTest {};

TEST_F(GoldenTest, Cases) {
  const fs::path dir = fs::path(__FILE__).parent_path() / "testdata";
  int cases = 0;
  for (const fs::directory_entry& e : fs::directory_iterator(dir)) {
    const fs::path p = e.path();
    std::string stem = p.stem().string();
    if ((p.extension() != ".csv" && p.extension() != ".xlsx") || stem.find("__") == std::string::npos) continue;
    SCOPED_TRACE(p.filename().string());
    auto kind = ParseImportKind(stem.substr(0, stem.find("__")));
    ASSERT_TRUE(kind.ok()) << kind.status().ToString();
    store_.reset();
    fs::remove(Path("test.db"));
    OpenStore();
    auto seed = Import(ImportKind::kPersons, (dir / "seed_persons.csv").string());
    ASSERT_TRUE(seed.ok() && seed->committed) << Render(seed);
    ImportOptions opts;
    opts.accept_valid = stem.ends_with("_accept");
    EXPECT_EQ(Render(Import(*kind, p.string(), opts)), ReadText(fs::path(p).replace_extension(".expected")));
    ++cases;
  }
  EXPECT_GE(cases, 3);
}

}  // namespace
}  // namespace baophu::testing
