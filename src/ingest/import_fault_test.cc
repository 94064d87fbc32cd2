// Fault injection under an import (issue 12): through a SQLite VFS that fails the Nth write
// (I/O error, or a full disk) or the Nth fsync, for every N of the import, the import either
// reports an error and the store is exactly as before, or reports success and the store is
// exactly as after a clean run. Nothing half-written, no error swallowed.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <filesystem>
#include <string>

#include "ingest/ingest_test_util.h"
#include "store/sqlite/fault_vfs.h"

namespace baophu::testing {
namespace {

using Fault = FaultVfs::Fault;

class ImportFaultTest : public IngestTest {
 protected:
  void SetUp() override {
    IngestTest::SetUp();
    // The base store: the units and people 1..150, each with a card.
    OpenStore();
    std::string persons = "ma_so_bhxh,so_cccd,ho_ten,ngay_sinh,gioi_tinh,ma_xa,ma_thon,ma_ho_gd\n";
    std::string cards = "ma_so_bhxh,ma_the,tu_ngay,den_ngay,ma_kcb_bd,ma_doi_tuong,muc_huong\n";
    for (int i = 1; i <= 300; ++i) {
      const std::string bhxh = std::to_string(6000000000 + i);
      const std::string row = bhxh + ",," + "Nguyễn Văn Số " + std::to_string(i) + ",01/02/1990," +
                              (i % 2 ? "Nam" : "Nữ") + ",22972," + (i % 3 ? "22972-T1" : "") + ",HGD" +
                              std::to_string(i / 4) + "\n";
      const std::string card = bhxh + ",GD460" + bhxh + ",01/01/2025,31/12/2025,,GD,4\n";
      (i <= 150 ? base_persons_ : persons_) += row;
      if (i <= 150) base_cards_ += card;
      cards_ += card;
    }
    auto r = Import(ImportKind::kPersons, Write("base_persons.csv", persons + base_persons_));
    ASSERT_TRUE(r.ok() && r->committed) << (r.ok() ? Describe(r->errors) : r.status().ToString());
    r = Import(ImportKind::kCards, Write("base_cards.csv", cards + base_cards_));
    ASSERT_TRUE(r.ok() && r->committed) << (r.ok() ? Describe(r->errors) : r.status().ToString());
    // Imported: people 101..300 (50 renamed, 150 new); or every other card of the base, renewed.
    for (int i = 101; i <= 150; ++i)
      persons_ += std::to_string(6000000000 + i) + ",,Trần Thị Đổi " + std::to_string(i) + ",01/02/1990,Nữ,22972,,\n";
    persons_file_ = Write("persons.csv", persons + persons_);
    std::string changed;
    for (int i = 1; i <= 150; i += 2)
      changed += std::to_string(6000000000 + i) + ",GD460" + std::to_string(6000000000 + i) + ",01/01/2026,31/12/2026,,GD,4\n";
    cards_file_ = Write("cards.csv", cards + changed);
    store_.reset();
    std::filesystem::copy_file(Path("test.db"), Path("base.db"));
  }

  // Every unit, person and card, in key order, as text; and SQLite's own check.
  std::string State() {
    auto s = Store::Open(Path("test.db"));
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    if (!s.ok()) return "(cannot open)";
    std::string out;
    EXPECT_TRUE((*s)->ScanPersons([&](const Person& p) {
                  out += p.bhxh.ToString() + '|' + p.full_name + '|' + p.commune.str() + '|' + p.hamlet.str() + '|' +
                         p.household_code + '\n';
                  return Status::Ok();
                }).ok());
    EXPECT_TRUE((*s)->ScanCards([&](const Card& c) {
                  out += c.bhxh.ToString() + '|' + c.card_code + '|' + c.valid_from.ToIso() + '|' + c.valid_to.ToIso() + '\n';
                  return Status::Ok();
                }).ok());
    auto counts = (*s)->Counts();
    EXPECT_TRUE(counts.ok());
    if (counts.ok())
      out += std::to_string(counts->units) + " units, " + std::to_string(counts->households) + " households\n";
    s->reset();
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(Path("test.db").c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &st, nullptr), SQLITE_OK);
    EXPECT_EQ(sqlite3_step(st), SQLITE_ROW);
    const std::string check = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
    EXPECT_EQ(check, "ok");
    return out;
  }

  void Fresh() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(Path(std::string("test.db") + suffix));
    std::filesystem::copy_file(Path("base.db"), Path("test.db"));
  }

  // One import under `vfs` armed with (fault, n): its Result's status ("" when committed).
  std::string RunImport(FaultVfs& vfs, ImportKind kind, const std::string& file, Fault fault, long n) {
    Fresh();
    auto s = Store::Open(Path("test.db"));
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    store_ = std::move(*s);
    vfs.Arm(fault, n);
    auto r = Import(kind, file);
    store_.reset();  // the checkpoint at close is part of the run
    vfs.Disarm();
    if (!r.ok()) return r.status().ToString();
    EXPECT_TRUE(r->committed) << Describe(r->errors);
    return "";
  }

  // For every write (or fsync) of the import: fail it, then the store is before or after.
  void LoopOverEveryWrite(ImportKind kind, const std::string& file) {
    FaultVfs vfs;
    Fresh();
    const std::string before = State();
    ASSERT_EQ(RunImport(vfs, kind, file, Fault::kNone, 0), "");
    const long writes = vfs.writes(), syncs = vfs.syncs();
    const std::string after = State();
    ASSERT_NE(before, after);
    ASSERT_GT(writes, 0);
    int failed = 0, succeeded = 0;
    for (Fault fault : {Fault::kWrite, Fault::kFull, Fault::kSync}) {
      const long count = fault == Fault::kSync ? syncs : writes;
      for (long n = 1; n <= count; ++n) {
        SCOPED_TRACE(std::string(fault == Fault::kSync ? "fsync " : fault == Fault::kFull ? "ENOSPC at write " : "write ") +
                     std::to_string(n) + " of " + std::to_string(count));
        const std::string error = RunImport(vfs, kind, file, fault, n);
        EXPECT_TRUE(vfs.fired());
        const std::string state = State();
        if (error.empty()) {
          ++succeeded;
          EXPECT_TRUE(state == after) << "reported success, store not as after a clean run";
        } else {
          ++failed;
          EXPECT_TRUE(state == before) << "reported '" << error << "', store changed";
        }
        if (::testing::Test::HasFailure()) return;
      }
    }
    // Faults before the commit must be reported (a write in the checkpoint at close may be after it).
    EXPECT_GT(failed, 0);
    std::printf("%ld writes, %ld fsyncs; %d faults reported with the store as before, %d after the commit\n", writes,
                syncs, failed, succeeded);
  }

  std::string base_persons_, base_cards_, persons_, cards_;
  std::string persons_file_, cards_file_;
};

TEST_F(ImportFaultTest, EveryFailedWriteOrFsyncOfAPersonsImportLeavesTheStoreWhole) {
  LoopOverEveryWrite(ImportKind::kPersons, persons_file_);
}

TEST_F(ImportFaultTest, EveryFailedWriteOrFsyncOfACardsImportLeavesTheStoreWhole) {
  LoopOverEveryWrite(ImportKind::kCards, cards_file_);
}

}  // namespace
}  // namespace baophu::testing
