// Server: `baophu serve` — the JSON API (/api/v1, docs/api.md) and the web UI's static files
// on one address, over cpp-httplib's thread pool. Start() loads the registry once and binds;
// Run() serves until Stop() (from another thread or a signal handler's thread).
// Thread-safety: Start/Run/Stop as described; the handlers share a ServerContext.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "server/server_options.h"

namespace httplib {
class Server;
}

namespace baophu {

class ServerContext;

class Server {
 public:
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Loads the registry and binds the address; IOError when the port is taken.
  Status Start();
  int port() const { return port_; }
  // Serves until Stop(); returns when the listener closed.
  void Run();
  void Stop();
  // ("GET", "/api/v1/people/{bhxh}") ... as registered, for the docs test.
  const std::vector<std::pair<std::string, std::string>>& routes() const { return routes_; }

 private:
  void Register();
  ServerOptions options_;
  std::unique_ptr<ServerContext> ctx_;
  std::unique_ptr<httplib::Server> http_;
  std::vector<std::pair<std::string, std::string>> routes_;
  int port_ = 0;
};

}  // namespace baophu
