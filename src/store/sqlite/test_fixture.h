// Test helpers for the SQLite store: a fresh database file per test (removed with its -wal and
// -shm files afterwards) and a small unit tree to hang people on.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdio>
#include <string>

#include "store/sqlite/sqlite_store.h"

namespace baophu::testing {

inline Date D(int y, int m, int d) { return Date::FromYmd(y, m, d); }

inline void RemoveDbFiles(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm", "-journal"}) std::remove((path + suffix).c_str());
}

inline Person MakePerson(int64_t bhxh, const char* name, const char* commune) {
  Person p;
  p.bhxh = BhxhNumber::FromInt(bhxh);
  p.full_name = name;
  p.birth_date = D(2010, 5, 17);
  p.sex = Sex::kFemale;
  p.commune = UnitCode::Unchecked(commune);
  return p;
}

// An HS (pupil) card of `bhxh` from `from` to `to`.
inline Card MakeCard(int64_t bhxh, Date from, Date to) {
  Card c;
  c.bhxh = BhxhNumber::FromInt(bhxh);
  c.card_code = "HS4600123456789";
  c.object = *ObjectCode::Parse("HS");
  c.benefit_level = 4;
  c.province_code = "60";
  c.valid_from = from;
  c.valid_to = to;
  c.facility_code = "60-031";
  return c;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = ::testing::TempDir() + "baophu_store_" + info->test_suite_name() + "_" + info->name() + "_" +
            std::to_string(getpid()) + ".db";
    RemoveDbFiles(path_);
    Reopen();
  }
  void TearDown() override {
    store_.reset();
    RemoveDbFiles(path_);
  }
  void Reopen(SqliteStoreOptions options = {}) {
    store_.reset();
    auto s = SQLiteStore::Open(path_, options);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
  }
  // VN → province 60 (Bình Thuận, until 2025-06-30) and 68 (Lâm Đồng) → commune 22972, whose
  // code GSO reused on 2025-07-01 for the merged Xã Phan Rí Cửa of Lâm Đồng.
  void AddUnits() {
    const Date end = D(2025, 6, 30), start = D(2025, 7, 1);
    for (const Unit& u : {MakeUnit("VN", "Việt Nam", UnitLevel::kCountry, ""),
                          MakeUnit("60", "Tỉnh Bình Thuận", UnitLevel::kProvince, "VN", Date::Min(), end),
                          MakeUnit("68", "Tỉnh Lâm Đồng", UnitLevel::kProvince, "VN"),
                          MakeUnit("22972", "Thị trấn Phan Rí Cửa", UnitLevel::kCommune, "60", Date::Min(), end),
                          MakeUnit("22972", "Xã Phan Rí Cửa", UnitLevel::kCommune, "68", start),
                          MakeUnit("22972-T1", "Khu phố 1", UnitLevel::kHamlet, "22972")}) {
      auto r = store_->UpsertUnit(u);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
    }
  }

  // One integer from a query on a separate raw connection (what another reader sees).
  int64_t RawInt(const std::string& sql) {
    auto db = sqlite::Db::Open(path_);
    EXPECT_TRUE(db.ok());
    if (!db.ok()) return -1;
    auto v = (*db)->QueryInt(sql.c_str());
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : -1;
  }
  std::string RawText(const std::string& sql) {
    auto db = sqlite::Db::Open(path_);
    EXPECT_TRUE(db.ok());
    if (!db.ok()) return "";
    auto v = (*db)->QueryText(sql.c_str());
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : "";
  }

  std::string path_;
  std::unique_ptr<SQLiteStore> store_;
};

}  // namespace baophu::testing
