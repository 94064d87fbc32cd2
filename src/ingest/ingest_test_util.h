// Test helpers for ingest: a temporary folder per test, files written byte for byte, a real
// SQLite store with a small unit tree, and the repository's rules tables.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "ingest/importer.h"
#include "store/store.h"

namespace baophu::testing {

// "file:line [column] 'value': reason" per rejected row, for exact comparisons.
inline std::string Describe(const std::vector<RowError>& errors) {
  std::string s;
  for (const RowError& e : errors)
    s += e.file + ":" + std::to_string(e.line) + " [" + e.column + "] '" + e.value + "': " + e.reason + "\n";
  return s;
}

inline Date D(int y, int m, int d) { return Date::FromYmd(y, m, d); }

class IngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    dir_ = std::filesystem::path(::testing::TempDir()) /
           ("baophu_ingest_" + std::string(info->test_suite_name()) + "_" + info->name() + "_" +
            std::to_string(getpid()));
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  std::string Write(const std::string& name, const std::string& bytes) const {
    std::ofstream(Path(name), std::ios::binary) << bytes;
    return Path(name);
  }

  // A store with VN → 60 (Bình Thuận, to 30/06/2025) → 22972 Thị trấn Phan Rí Cửa (to 30/06/2025)
  // → 22972-T1 Khu phố 1; 68 Lâm Đồng → 22972 Xã Phan Rí Cửa (from 01/07/2025); 23002 Xã Hòa Phú
  // (to 31/12/2019, merged into 22972).
  Store* OpenStore() {
    auto s = Store::Open(Path("test.db"));
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    auto unit = [&](const char* code, const char* name, UnitLevel level, const char* parent, Date from, Date to) {
      auto r = store_->UpsertUnit(MakeUnit(code, name, level, parent, from, to));
      EXPECT_TRUE(r.ok()) << r.status().ToString();
    };
    const Date end = D(2025, 6, 30), start = D(2025, 7, 1);
    unit("VN", "Việt Nam", UnitLevel::kCountry, "", Date::Min(), Date::Max());
    unit("60", "Tỉnh Bình Thuận", UnitLevel::kProvince, "VN", Date::Min(), end);
    unit("68", "Tỉnh Lâm Đồng", UnitLevel::kProvince, "VN", Date::Min(), Date::Max());
    unit("22972", "Thị trấn Phan Rí Cửa", UnitLevel::kCommune, "60", Date::Min(), end);
    unit("22972", "Xã Phan Rí Cửa", UnitLevel::kCommune, "68", start, Date::Max());
    unit("23002", "Xã Hòa Phú", UnitLevel::kCommune, "60", Date::Min(), D(2019, 12, 31));
    unit("22972-T1", "Khu phố 1", UnitLevel::kHamlet, "22972", Date::Min(), Date::Max());
    return store_.get();
  }

  const RuleSet& Rules() {
    if (!rules_) {
      auto r = RuleSet::LoadDefault();
      EXPECT_TRUE(r.ok()) << r.status().ToString();
      rules_ = std::make_unique<RuleSet>(std::move(*r));
    }
    return *rules_;
  }

  Result<ImportResult> Import(ImportKind kind, const std::string& path, ImportOptions opts = {}) {
    return ImportFile(store_.get(), Rules(), kind, path, opts);
  }

  std::filesystem::path dir_;
  std::unique_ptr<Store> store_;
  std::unique_ptr<RuleSet> rules_;
};

}  // namespace baophu::testing
