// Test seam: a SQLite VFS that forwards to the default one and fails the Nth xWrite or xSync
// (SQLITE_IOERR_WRITE, SQLITE_FULL as on a full disk, or SQLITE_IOERR_FSYNC), for the tests that
// loop N over every write of an operation and check that nothing is half-written. Installed as
// the default VFS for the lifetime of a FaultVfs, so stores opened meanwhile go through it.
// Header-only and test-only (not part of the library). Not thread-safe: one FaultVfs at a time,
// counts shared by every file opened through it.
#pragma once

#include <sqlite3.h>

#include <cstdio>
#include <cstdlib>

namespace baophu::testing {

class FaultVfs {
 public:
  enum class Fault { kNone, kWrite, kFull, kSync };

  FaultVfs() {
    orig_ = sqlite3_vfs_find(nullptr);
    vfs_ = *orig_;
    vfs_.zName = "baophu-fault";
    vfs_.szOsFile = static_cast<int>(sizeof(File)) + orig_->szOsFile;
    vfs_.pAppData = this;
    vfs_.xOpen = &Open;
    if (sqlite3_vfs_register(&vfs_, /*makeDflt=*/1) != SQLITE_OK) std::abort();
    self() = this;
  }
  ~FaultVfs() {
    sqlite3_vfs_unregister(&vfs_);
    sqlite3_vfs_register(orig_, 1);
    self() = nullptr;
  }
  FaultVfs(const FaultVfs&) = delete;
  FaultVfs& operator=(const FaultVfs&) = delete;

  // Counts from zero again; the `n`th (1-based) call of the fault's kind fails, 0 = none.
  void Arm(Fault f, long n) {
    fault_ = f;
    fail_at_ = n;
    writes_ = syncs_ = 0;
    fired_ = false;
  }
  void Disarm() { fault_ = Fault::kNone; }
  long writes() const { return writes_; }
  long syncs() const { return syncs_; }
  bool fired() const { return fired_; }

 private:
  struct File {
    sqlite3_file base;
    sqlite3_file* real;  // the default VFS's file, right after this struct
  };
  static FaultVfs*& self() {
    static FaultVfs* v = nullptr;
    return v;
  }
  static sqlite3_file* Real(sqlite3_file* f) { return reinterpret_cast<File*>(f)->real; }

  static int Open(sqlite3_vfs* vfs, const char* name, sqlite3_file* file, int flags, int* out_flags) {
    auto* v = static_cast<FaultVfs*>(vfs->pAppData);
    auto* f = reinterpret_cast<File*>(file);
    f->real = reinterpret_cast<sqlite3_file*>(f + 1);
    f->base.pMethods = nullptr;
    int rc = v->orig_->xOpen(v->orig_, name, f->real, flags, out_flags);
    if (rc != SQLITE_OK) return rc;
    if (f->real->pMethods && f->real->pMethods->iVersion < 3) {
      std::fprintf(stderr, "fault_vfs: the default VFS's files are version %d, 3 needed\n", f->real->pMethods->iVersion);
      std::abort();
    }
    f->base.pMethods = f->real->pMethods ? &kMethods : nullptr;
    return SQLITE_OK;
  }

  static int Write(sqlite3_file* f, const void* data, int n, sqlite3_int64 off) {
    FaultVfs* v = self();
    ++v->writes_;
    if ((v->fault_ == Fault::kWrite || v->fault_ == Fault::kFull) && v->writes_ == v->fail_at_) {
      v->fired_ = true;
      return v->fault_ == Fault::kFull ? SQLITE_FULL : SQLITE_IOERR_WRITE;
    }
    return Real(f)->pMethods->xWrite(Real(f), data, n, off);
  }
  static int Sync(sqlite3_file* f, int flags) {
    FaultVfs* v = self();
    ++v->syncs_;
    if (v->fault_ == Fault::kSync && v->syncs_ == v->fail_at_) {
      v->fired_ = true;
      return SQLITE_IOERR_FSYNC;
    }
    return Real(f)->pMethods->xSync(Real(f), flags);
  }

  // Everything else forwards to the real file.
  static int Close(sqlite3_file* f) { return Real(f)->pMethods->xClose(Real(f)); }
  static int Read(sqlite3_file* f, void* p, int n, sqlite3_int64 off) { return Real(f)->pMethods->xRead(Real(f), p, n, off); }
  static int Truncate(sqlite3_file* f, sqlite3_int64 size) { return Real(f)->pMethods->xTruncate(Real(f), size); }
  static int FileSize(sqlite3_file* f, sqlite3_int64* size) { return Real(f)->pMethods->xFileSize(Real(f), size); }
  static int Lock(sqlite3_file* f, int l) { return Real(f)->pMethods->xLock(Real(f), l); }
  static int Unlock(sqlite3_file* f, int l) { return Real(f)->pMethods->xUnlock(Real(f), l); }
  static int CheckLock(sqlite3_file* f, int* out) { return Real(f)->pMethods->xCheckReservedLock(Real(f), out); }
  static int Control(sqlite3_file* f, int op, void* arg) { return Real(f)->pMethods->xFileControl(Real(f), op, arg); }
  static int SectorSize(sqlite3_file* f) { return Real(f)->pMethods->xSectorSize(Real(f)); }
  static int Device(sqlite3_file* f) { return Real(f)->pMethods->xDeviceCharacteristics(Real(f)); }
  static int ShmMap(sqlite3_file* f, int pg, int sz, int extend, void volatile** p) {
    return Real(f)->pMethods->xShmMap(Real(f), pg, sz, extend, p);
  }
  static int ShmLock(sqlite3_file* f, int off, int n, int flags) { return Real(f)->pMethods->xShmLock(Real(f), off, n, flags); }
  static void ShmBarrier(sqlite3_file* f) { Real(f)->pMethods->xShmBarrier(Real(f)); }
  static int ShmUnmap(sqlite3_file* f, int del) { return Real(f)->pMethods->xShmUnmap(Real(f), del); }
  static int Fetch(sqlite3_file* f, sqlite3_int64 off, int n, void** p) { return Real(f)->pMethods->xFetch(Real(f), off, n, p); }
  static int Unfetch(sqlite3_file* f, sqlite3_int64 off, void* p) { return Real(f)->pMethods->xUnfetch(Real(f), off, p); }

  static constexpr sqlite3_io_methods kMethods = {
      3,         &Close,   &Read,   &Write,     &Truncate,   &Sync,     &FileSize, &Lock,    &Unlock, &CheckLock,
      &Control, &SectorSize, &Device, &ShmMap, &ShmLock, &ShmBarrier, &ShmUnmap, &Fetch, &Unfetch};

  sqlite3_vfs* orig_ = nullptr;
  sqlite3_vfs vfs_{};
  Fault fault_ = Fault::kNone;
  long fail_at_ = 0, writes_ = 0, syncs_ = 0;
  bool fired_ = false;
};

}  // namespace baophu::testing
