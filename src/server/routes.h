// The API's routes, one file per area; each handler parses the request, checks access, makes
// one domain call and writes JSON (see docs/api.md, which a test compares with Router::routes()).
// Thread-safety: handlers share only the ServerContext; the Router is used before the server
// starts.
#pragma once

#include <httplib.h>

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "server/server_context.h"

namespace baophu {

// Registers handlers under documented paths: "/api/v1/people/{bhxh}" becomes the regular
// expression "/api/v1/people/(\d{10})" ({bhxh}: 10 digits, {id}: hex, any other {name}: one path
// segment) and is remembered as ("GET", "/api/v1/people/{bhxh}").
//
// A POST body is read by the Router, counted against `max_body` however it is sent (httplib 0.11
// checks only Content-Length: chunked bodies passed unbounded): past it, 413 and the connection
// closes. PostStream hands the handler the body reader instead (uploads stream to disk).
class Router {
 public:
  Router(httplib::Server* svr, size_t max_body) : svr_(svr), max_body_(max_body) {}
  // Runs after every handler registered from now on (the audit of refused requests).
  using After = std::function<void(const httplib::Request&, const httplib::Response&)>;
  void SetAfter(After after) { after_ = std::move(after); }
  void Get(const std::string& path, httplib::Server::Handler h);
  void Post(const std::string& path, httplib::Server::Handler h);
  void PostStream(const std::string& path, httplib::Server::HandlerWithContentReader h);
  const std::vector<std::pair<std::string, std::string>>& routes() const { return routes_; }
  static std::string PatternOf(const std::string& path);

 private:
  httplib::Server::Handler Wrap(httplib::Server::Handler h) const;
  httplib::Server* svr_;
  After after_;
  size_t max_body_;
  std::vector<std::pair<std::string, std::string>> routes_;
};

void AddAuthRoutes(Router& r, ServerContext& ctx);      // auth, config, map, users, audit
void AddCoverageRoutes(Router& r, ServerContext& ctx);  // units, coverage, exports
void AddPeopleRoutes(Router& r, ServerContext& ctx);    // people and cards
void AddImportRoutes(Router& r, ServerContext& ctx);    // uploads, validation, commit
void AddMoneyRoutes(Router& r, ServerContext& ctx);     // the contribution calculator
void AddSteeringRoutes(Router& r, ServerContext& ctx);  // the weekly report (routes_steering.cc)
void AddOutreachRoutes(Router& r, ServerContext& ctx);  // outreach lists, assignments, outcomes
void AddExchangeRoutes(Router& r, ServerContext& ctx);  // DHIS2 data value set, FHIR R4 Bundle

}  // namespace baophu
