#include "server/server.h"

#include <httplib.h>

#include <chrono>
#include <cstdio>
#include <ctime>

#include "server/guarded_server.h"
#include "server/http_util.h"
#include "server/password.h"
#include "server/routes.h"
#include "server/server_context.h"

namespace baophu {

std::string Router::PatternOf(const std::string& path) {
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] != '{') {
      if (path[i] == '.') out += '\\';
      out += path[i];
      continue;
    }
    size_t end = path.find('}', i);
    std::string name = path.substr(i + 1, end - i - 1);
    out += name == "bhxh" ? R"((\d{10}))" : name == "id" ? "([0-9a-f]+)" : "([^/]+)";
    i = end;
  }
  return out;
}

httplib::Server::Handler Router::Wrap(httplib::Server::Handler h) const {
  if (!after_) return h;
  return [h = std::move(h), after = after_](const httplib::Request& req, httplib::Response& res) {
    h(req, res);
    after(req, res);
  };
}

void Router::Get(const std::string& path, httplib::Server::Handler h) {
  svr_->Get(PatternOf(path), Wrap(std::move(h)));
  routes_.emplace_back("GET", path);
}

void Router::Post(const std::string& path, httplib::Server::Handler h) {
  const size_t limit = max_body_;
  svr_->Post(PatternOf(path), [h = Wrap(std::move(h)), limit](const httplib::Request& req, httplib::Response& res,
                                                      const httplib::ContentReader& read) {
    if (req.is_multipart_form_data()) {  // httplib's reader would want a part handler
      if (!DrainBody(req, read, limit)) return SendTooLarge(res);
      return SendError(res, 400, "invalid_argument", "Nội dung yêu cầu phải là JSON.");
    }
    std::string body;
    bool too_large = false;
    bool ok = read([&](const char* data, size_t n) {
      if (body.size() + n > limit) return !(too_large = true);
      body.append(data, n);
      return true;
    });
    if (too_large || res.status == 413) return SendTooLarge(res);
    if (!ok) {
      res.set_header("Connection", "close");
      GuardedServer::CloseAfterResponse();
      return SendError(res, 400, "invalid_argument", "Không đọc được nội dung yêu cầu.");
    }
    // httplib hands handlers a const Request; the object itself is its own, not const, and
    // this is where httplib would have put the body.
    const_cast<httplib::Request&>(req).body = std::move(body);
    h(req, res);
  });
  routes_.emplace_back("POST", path);
}

void Router::PostStream(const std::string& path, httplib::Server::HandlerWithContentReader h) {
  svr_->Post(PatternOf(path), [h = std::move(h), after = after_](const httplib::Request& req, httplib::Response& res,
                                                         const httplib::ContentReader& read) {
    h(req, res, read);
    if (after) after(req, res);
  });
  routes_.emplace_back("POST", path);
}

Server::Server(ServerOptions options)
    : options_(std::move(options)),
      ctx_(std::make_unique<ServerContext>(options_)),
      http_(std::make_unique<GuardedServer>(ConnectionLimits{
          options_.header_timeout_seconds, options_.read_timeout_seconds, options_.write_timeout_seconds,
          options_.keep_alive_seconds, options_.max_connections, options_.max_connections_per_client})) {
  Register();
}

Server::~Server() { Stop(); }

void Server::Register() {
  httplib::Server& svr = *http_;
  int threads = options_.threads > 0 ? options_.threads : 16;
  svr.new_task_queue = [threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  svr.set_keep_alive_max_count(10000);
  svr.set_tcp_nodelay(true);  // headers and body go out in two writes: no 40 ms Nagle/delayed-ACK stall
  svr.set_payload_max_length(options_.max_upload_bytes);
  svr.set_read_timeout(options_.read_timeout_seconds);
  svr.set_write_timeout(options_.write_timeout_seconds);
  svr.set_keep_alive_timeout(options_.keep_alive_seconds);
  svr.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                           {"X-Frame-Options", "DENY"},
                           {"Referrer-Policy", "no-referrer"},
                           {"Content-Security-Policy",
                            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'"}});
  Router r(&svr, options_.max_upload_bytes);
  ServerContext* ctx = ctx_.get();
  r.SetAfter([ctx](const httplib::Request& req, const httplib::Response& res) { AuditRefusal(*ctx, req, res); });
  AddAuthRoutes(r, *ctx_);
  AddCoverageRoutes(r, *ctx_);
  AddPeopleRoutes(r, *ctx_);
  AddImportRoutes(r, *ctx_);
  AddMoneyRoutes(r, *ctx_);
  AddSteeringRoutes(r, *ctx_);
  AddOutreachRoutes(r, *ctx_);
  AddExchangeRoutes(r, *ctx_);
  routes_ = r.routes();
  // Errors the router or the parser produce (no route, body too large) become JSON too.
  svr.set_error_handler([](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 413) return SendTooLarge(res);
    if (res.status == 404 && req.path.rfind("/api/", 0) == 0)
      return SendError(res, 404, "not_found", "Không có địa chỉ API " + req.method + " " + req.path + ".");
    if (res.status == 404) return;
    SendError(res, res.status, "http_" + std::to_string(res.status), "Yêu cầu không hợp lệ.");
  });
  // The library's text goes to the log, never to the client (it may name internals).
  svr.set_exception_handler([](const httplib::Request& req, httplib::Response& res, std::exception_ptr ep) {
    std::string what = "lỗi không xác định";
    try {
      if (ep) std::rethrow_exception(ep);
    } catch (const std::exception& e) {
      what = e.what();
    } catch (...) {
    }
    std::fprintf(stderr, "Lỗi máy chủ (%s %s): %s\n", req.method.c_str(), req.path.c_str(), what.c_str());
    SendError(res, 500, "internal", "Lỗi máy chủ; chi tiết đã được ghi vào nhật ký.");
  });
  if (!options_.quiet) {
    svr.set_logger([](const httplib::Request& req, const httplib::Response& res) {
      std::time_t t = std::time(nullptr);
      char when[32];
      std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
      std::fprintf(stderr, "%s %s %s %s %d\n", when, req.remote_addr.c_str(), req.method.c_str(), req.path.c_str(),
                   res.status);
    });
  }
  if (!options_.web_dir.empty()) {
    svr.set_file_extension_and_mimetype_mapping("js", "text/javascript; charset=utf-8");
    svr.set_file_extension_and_mimetype_mapping("mjs", "text/javascript; charset=utf-8");
    svr.set_file_extension_and_mimetype_mapping("css", "text/css; charset=utf-8");
    svr.set_file_extension_and_mimetype_mapping("html", "text/html; charset=utf-8");
    svr.set_mount_point("/", options_.web_dir);
  }
}

Status Server::Start() {
  BAOPHU_RETURN_IF_ERROR(InitCrypto());
  BAOPHU_RETURN_IF_ERROR(ctx_->Init());
  if (options_.port == 0) {
    port_ = http_->bind_to_any_port(options_.host);
    if (port_ <= 0) return Status::IOError("không mở được cổng nào trên " + options_.host);
  } else {
    if (!http_->bind_to_port(options_.host, options_.port))
      return Status::IOError("không mở được " + options_.host + ":" + std::to_string(options_.port) +
                             " (cổng đang được dùng?)");
    port_ = options_.port;
  }
  return Status::Ok();
}

void Server::Run() { http_->listen_after_bind(); }

void Server::Stop() {
  if (http_ && http_->is_running()) http_->stop();
}

}  // namespace baophu
