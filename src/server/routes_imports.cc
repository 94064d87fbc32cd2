// Imports from the browser: upload a CSV/XLSX (validated, nothing written), read the report and
// the rejected rows, then commit (all-or-nothing, or the valid rows only). A commit reloads the
// registry snapshot in the background. The same flow takes the outreach lists (pupils,
// beneficiaries, members, responsibles: outreach::ImportListFile), which commune accounts may
// import too.
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

#include "outreach/roster_import.h"
#include "server/access_policy.h"
#include "server/guarded_server.h"
#include "server/http_util.h"
#include "server/password.h"
#include "server/routes.h"
#include "store/outreach_store.h"

namespace baophu {
namespace {

constexpr size_t kShownErrors = 500;

std::string SafeFileName(std::string name) {
  size_t slash = name.find_last_of("/\\");
  if (slash != std::string::npos) name = name.substr(slash + 1);
  for (char& c : name) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
              c == '_';
    if (!ok) c = '_';
  }
  if (name.empty() || name[0] == '.') name = "tep" + name;
  return name;
}

Json RowErrorsJson(const std::vector<RowError>& errors) {
  Json arr = Json::array();
  for (size_t i = 0; i < errors.size() && i < kShownErrors; ++i) {
    const RowError& e = errors[i];
    arr.push_back({{"file", e.file}, {"line", e.line}, {"column", e.column}, {"value", e.value}, {"reason", e.reason}});
  }
  return arr;
}

const char* KindName(const StagedImport& s) {
  return s.list_kind ? outreach::ListImportKindName(*s.list_kind) : ImportKindName(s.kind);
}

// The `kind` parameter: a registry kind (ImportKind), else an outreach list.
Status ParseKind(const std::string& text, StagedImport* imp) {
  auto kind = ParseImportKind(text);
  if (kind.ok()) {
    imp->kind = *kind;
    return Status::Ok();
  }
  auto list = outreach::ParseListImportKind(text);
  if (!list.ok())
    return Status::InvalidArgument(kind.status().message() +
                                   " (hoặc danh sách vận động: pupils, beneficiaries, members, responsibles)");
  imp->list_kind = *list;
  return Status::Ok();
}

// Registry imports: administrator, province; outreach lists: also commune.
bool MayImportThis(const User& u, const StagedImport& imp) {
  return imp.list_kind ? MayImportLists(u) : MayImport(u);
}

// The import of the staged file, by its kind.
Result<ImportResult> RunImport(ServerContext& ctx, Store* store, const StagedImport& imp, const ImportOptions& opts) {
  if (!imp.list_kind) return ImportFile(store, ctx.rules(), imp.kind, imp.path, opts);
  auto out = ctx.outreach_stores().Acquire();
  if (!out.ok()) return out.status();
  return outreach::ImportListFile(store, out->get(), *imp.list_kind, imp.path, opts);
}

Json ImportJson(const StagedImport& s) {
  const ImportResult& r = s.committed ? s.commit_result : s.validation;
  Json j;
  j["id"] = s.id;
  j["kind"] = KindName(s);
  j["file"] = s.file_name;
  j["committed"] = s.committed;
  j["read"] = r.read;
  j["rejected"] = r.rejected;
  j["inserted"] = r.inserted;
  j["updated"] = r.updated;
  j["unchanged"] = r.unchanged;
  j["error_count"] = s.validation.errors.size();
  j["errors"] = RowErrorsJson(s.validation.errors);
  j["warning_count"] = s.validation.warnings.size();
  j["warnings"] = RowErrorsJson(s.validation.warnings);
  return j;
}

// The session of a user who may import something (CSRF checked for changes); 401/403 sent
// otherwise. Which kinds: MayImportThis.
std::optional<Session> RequireImporter(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  auto s = RequireSessionCsrf(ctx, req, res);
  if (s && !MayImportLists(s->user)) {
    SendError(res, 403, "permission_denied", "Tài khoản không được nhập dữ liệu.");
    return std::nullopt;
  }
  return s;
}

// A province or commune account writes only inside its units (administrators: anywhere); the
// units list itself is the administrators' alone.
Status ScopeImport(ServerContext& ctx, const Session& s, const StagedImport& imp, ImportOptions* opts) {
  if (!MayImportThis(s.user, imp)) return Status::PermissionDenied("tài khoản không được nhập loại dữ liệu này");
  if (IsAdministrator(s.user)) return Status::Ok();
  if (!imp.list_kind && imp.kind == ImportKind::kUnits)
    return Status::PermissionDenied("chỉ quản trị viên được nhập danh mục đơn vị hành chính");
  std::shared_ptr<const RegistrySnapshot> snap = ctx.registry();
  const User user = s.user;
  const Date today = ctx.DefaultAsOf();
  opts->unit_scope = [snap, user, today](const std::string& code) {
    return MaySeeUnitCode(user, snap->reg.tree, code, today);
  };
  return Status::Ok();
}

// Every import is written to the audit log (issue 12): who, which kind and file, and the rows
// read, rejected and written (or the file's failure). `action`: import.validate or import.commit.
Status AuditImport(ServerContext& ctx, const Session& s, const httplib::Request& req, const char* action,
                   const StagedImport& imp, const Result<ImportResult>& r) {
  std::string subject = std::string(KindName(imp)) + " " + imp.file_name;
  if (r.ok())
    subject += " read " + std::to_string(r->read) + " rejected " + std::to_string(r->rejected) + " written " +
               std::to_string(r->inserted + r->updated);
  else
    subject += " failed: " + r.status().message();
  return Audit(ctx, s, req, action, HomeUnit(s.user), subject);
}

// The staged import of the path, if it is the user's (administrators: any); 404 sent otherwise.
std::shared_ptr<StagedImport> FindOwn(ServerContext& ctx, const Session& s, const httplib::Request& req,
                                      httplib::Response& res) {
  auto imp = ctx.FindImport(req.matches[1]);
  if (!imp || (imp->username != s.user.username && !IsAdministrator(s.user))) {
    SendError(res, 404, "not_found", "Không có lần nhập '" + std::string(req.matches[1]) + "'.");
    return nullptr;
  }
  return imp;
}

// File-level failures of an import are about the file the user sent: 422, not 400. A file that
// is not what it claims (a truncated sheet, a zip bomb, a bad CRC: Corruption) is one too.
void SendImportError(httplib::Response& res, const Status& st) {
  if (st.code() == Status::Code::kInvalidArgument || st.code() == Status::Code::kCorruption)
    return SendError(res, 422, "invalid_file", st.message());
  SendStatus(res, st);
}

// An upload file, created owner-only (0600) and new, written as the body arrives.
class UploadFile {
 public:
  ~UploadFile() {
    if (fd_ >= 0) ::close(fd_);
  }
  Status Open(const std::string& path) {
    fd_ = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    return fd_ >= 0 ? Status::Ok() : Status::IOError("không tạo được tệp tải lên: " + std::string(std::strerror(errno)));
  }
  bool is_open() const { return fd_ >= 0; }
  bool Write(const char* data, size_t n) {
    while (n > 0) {
      ssize_t w = ::write(fd_, data, n);
      if (w < 0 && errno == EINTR) continue;
      if (w <= 0) return false;
      data += w;
      n -= static_cast<size_t>(w);
    }
    return true;
  }

 private:
  int fd_ = -1;
};

// Reads the body into imp->path (upload_dir/<id>/<name>), counting every byte against the
// upload limit whatever the encoding (Content-Length, chunked, multipart): no whole copy in
// memory. Multipart: the part named "file"; otherwise the raw body, named by ?filename=.
// *body_read: whether the body was (or began to be) read.
Status ReceiveUpload(ServerContext& ctx, const httplib::Request& req, const httplib::ContentReader& read,
                     StagedImport* imp, bool* body_read) {
  const size_t limit = ctx.options().max_upload_bytes;
  std::filesystem::path dir = std::filesystem::path(ctx.upload_dir()) / imp->id;
  std::error_code ec;
  std::filesystem::create_directory(dir, ec);
  if (ec) return Status::IOError("không tạo được thư mục tải lên: " + ec.message());
  UploadFile out;
  Status failure = Status::Ok();
  bool too_large = false, in_file_part = false;
  auto open_as = [&](const std::string& name) {
    imp->file_name = SafeFileName(name);
    imp->path = (dir / imp->file_name).string();
    failure = out.Open(imp->path);
    return failure.ok();
  };
  auto receive = [&](const char* data, size_t n) {
    if (imp->bytes + n > limit) return !(too_large = true);
    imp->bytes += n;
    if (!out.Write(data, n)) {
      failure = Status::IOError("không lưu được tệp tải lên");
      return false;
    }
    return true;
  };
  bool ok;
  *body_read = false;
  if (req.is_multipart_form_data()) {
    *body_read = true;
    ok = read(
        [&](const httplib::MultipartFormData& part) {
          in_file_part = part.name == "file" && !out.is_open();
          if (!in_file_part) return true;
          if (part.filename.empty()) {
            failure = Status::InvalidArgument("Thiếu tên tệp (.csv hoặc .xlsx).");
            return false;
          }
          return open_as(part.filename);
        },
        [&](const char* data, size_t n) { return in_file_part ? receive(data, n) : true; });
  } else {
    const std::string name = req.get_param_value("filename");
    if (name.empty()) return Status::InvalidArgument("Thiếu tên tệp (.csv hoặc .xlsx).");
    if (!open_as(name)) return failure;
    *body_read = true;
    ok = read(receive);
  }
  if (too_large) return Status::TooLarge("tệp quá lớn (tối đa " + std::to_string(limit >> 20) + " MB)");
  if (!failure.ok()) return failure;
  if (!ok) return Status::InvalidArgument("không đọc được nội dung tải lên");
  if (!out.is_open()) return Status::InvalidArgument("Thiếu tệp (trường 'file' của biểu mẫu).");
  if (imp->bytes == 0) return Status::InvalidArgument("Tệp rỗng.");
  return Status::Ok();
}

// The checks before the body is read; false when an answer was sent.
bool MayUpload(ServerContext& ctx, const httplib::Request& req, httplib::Response& res, StagedImport* imp,
               std::optional<Session>* s) {
  *s = RequireImporter(ctx, req, res);
  if (!*s) return false;
  if (Status st = ParseKind(req.get_param_value("kind"), imp); !st.ok()) {
    SendStatus(res, st);
    return false;
  }
  if (!MayImportThis((*s)->user, *imp)) {
    SendError(res, 403, "permission_denied", "Tài khoản không được nhập loại dữ liệu này.");
    return false;
  }
  return true;
}

void Upload(ServerContext& ctx, const httplib::Request& req, httplib::Response& res,
            const httplib::ContentReader& read) {
  StagedImport imp;
  std::optional<Session> s;
  if (!MayUpload(ctx, req, res, &imp, &s)) {
    // Refused before reading: the body is read and dropped (up to the limit) so that the client
    // gets the answer; past the limit the connection closes instead.
    if (!DrainBody(req, read, ctx.options().max_upload_bytes)) {
      res.set_header("Connection", "close");
      GuardedServer::CloseAfterResponse();
    }
    return;
  }
  imp.id = RandomToken(12);
  imp.username = s->user.username;
  // The folder goes unless the import is staged (then it goes with it: StagedImports).
  struct DropUnlessStaged {
    std::filesystem::path dir;
    bool staged = false;
    ~DropUnlessStaged() {
      std::error_code ec;
      if (!staged) std::filesystem::remove_all(dir, ec);
    }
  } folder{std::filesystem::path(ctx.upload_dir()) / imp.id};
  bool body_read = false;
  Status received = ReceiveUpload(ctx, req, read, &imp, &body_read);
  if (!received.ok() || res.status == 413) {
    // A body left unread (or half read) must not be parsed as the next request.
    if (body_read || !DrainBody(req, read, ctx.options().max_upload_bytes)) {
      res.set_header("Connection", "close");
      GuardedServer::CloseAfterResponse();
    }
    if (received.code() == Status::Code::kTooLarge || res.status == 413) return SendTooLarge(res);
    return SendStatus(res, received);
  }
  auto store = ctx.stores().Acquire();
  if (!store.ok()) return SendStatus(res, store.status());
  ImportOptions opts;
  opts.validate_only = true;
  if (Status st = ScopeImport(ctx, *s, imp, &opts); !st.ok()) return SendStatus(res, st);
  auto r = RunImport(ctx, store->get(), imp, opts);
  if (Status st = AuditImport(ctx, *s, req, "import.validate", imp, r); !st.ok()) return SendStatus(res, st);
  if (!r.ok()) return SendImportError(res, r.status());
  imp.validation = std::move(*r);
  Json j = ImportJson(imp);
  ctx.StageImport(std::move(imp));
  folder.staged = true;
  SendJson(res, 201, Json{{"import", j}});
}

void Commit(ServerContext& ctx, const httplib::Request& req, httplib::Response& res) {
  auto s = RequireImporter(ctx, req, res);
  if (!s) return;
  auto imp = FindOwn(ctx, *s, req, res);
  if (!imp) return;
  bool accept_valid = false;
  JsonFields body = JsonFields::Parse(req.body, /*empty_is_object=*/true);
  accept_valid = body.Bool("accept_valid", false);
  if (body.SendIfBad(res)) return;
  std::lock_guard<std::mutex> lock(ctx.import_mutex());
  if (imp->committed) return SendError(res, 409, "already_committed", "Lần nhập này đã được ghi vào cơ sở dữ liệu.");
  if (imp->validation.rejected > 0 && !accept_valid)
    return SendError(res, 422, "rows_rejected",
                     "Có " + std::to_string(imp->validation.rejected) +
                         " dòng bị từ chối; sửa tệp và tải lại, hoặc chọn chỉ nhập các dòng hợp lệ.");
  auto store = ctx.stores().Acquire();
  if (!store.ok()) return SendStatus(res, store.status());
  ImportOptions opts;
  opts.accept_valid = accept_valid;
  if (Status st = ScopeImport(ctx, *s, *imp, &opts); !st.ok()) return SendStatus(res, st);
  // People and cards go into the loaded index in place (no rebuild); units, population and
  // targets change the tree or the denominators, which are reloaded; the money kinds and the
  // outreach lists (read from the store by each request) touch neither.
  const bool registry = !imp->list_kind;
  const bool in_place = registry && (imp->kind == ImportKind::kPersons || imp->kind == ImportKind::kCards);
  const bool reload = registry && (imp->kind == ImportKind::kUnits || imp->kind == ImportKind::kPopulation ||
                                   imp->kind == ImportKind::kTargets);
  opts.collect_changes = in_place;
  auto r = RunImport(ctx, store->get(), *imp, opts);
  // Written whatever the log says: a failing audit write is reported on stderr (Audit), and
  // must not leave a committed import looking uncommitted.
  (void)AuditImport(ctx, *s, req, "import.commit", *imp, r);
  if (!r.ok()) return SendImportError(res, r.status());
  imp->commit_result = std::move(*r);
  imp->committed = imp->commit_result.committed;
  if (imp->committed && in_place) {
    ctx.ApplyImport(imp->commit_result.commit, imp->commit_result.changed_persons, imp->commit_result.changed_cards);
    imp->commit_result.changed_persons.clear();
    imp->commit_result.changed_cards.clear();
  } else if (imp->committed && reload) {
    ctx.ReloadRegistryAsync();
  } else if (imp->committed && registry) {
    // The money kinds: nothing for the index, but the store's generation moved; the registry
    // follows it (ApplyChanges with no rows) instead of the watch reloading everything.
    ctx.ApplyImport(imp->commit_result.commit, {}, {});
  }
  SendJson(res, 200, Json{{"import", ImportJson(*imp)}});
}

}  // namespace

void AddImportRoutes(Router& r, ServerContext& ctx) {
  r.PostStream("/api/v1/imports",
               [&ctx](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& read) {
                 Upload(ctx, req, res, read);
               });
  r.Get("/api/v1/imports/{id}", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto s = RequireImporter(ctx, req, res);
    if (!s) return;
    auto imp = FindOwn(ctx, *s, req, res);
    if (!imp) return;
    SendJson(res, 200, Json{{"import", ImportJson(*imp)}});
  });
  r.Get("/api/v1/imports/{id}/errors.csv", [&ctx](const httplib::Request& req, httplib::Response& res) {
    auto s = RequireImporter(ctx, req, res);
    if (!s) return;
    auto imp = FindOwn(ctx, *s, req, res);
    if (!imp) return;
    std::string path = imp->path + ".errors.csv";
    Status st = WriteErrorsCsv(imp->validation.errors, path);
    if (!st.ok()) return SendStatus(res, st);
    res.set_header("Content-Disposition", "attachment; filename=\"dong-bi-tu-choi-" + imp->file_name + ".csv\"");
    SendFile(res, path, "text/csv; charset=utf-8", /*remove=*/true);
  });
  r.Post("/api/v1/imports/{id}/commit",
           [&ctx](const httplib::Request& req, httplib::Response& res) { Commit(ctx, req, res); });
}

}  // namespace baophu
