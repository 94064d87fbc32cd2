// GuardedServer: cpp-httplib's Server with bounds against slow and greedy clients. Debian 12's
// httplib (0.11) resets its read timeout on every recv, so a client sending one header line
// every few seconds holds a handler thread for ever; twenty such clients starve a pool of 16.
// This class replaces the per-connection loop (httplib lets a subclass do so: the loop is a
// virtual member, process_request is protected) with one that
//  - gives each request a total deadline for its request line and headers,
//  - caps the connections held at once per client address and overall (excess ones get 503
//    and are closed at once, before any read),
// and otherwise behaves as httplib's loop (keep-alive count and timeout, read/write timeouts).
// Thread-safety: the counters are guarded by mu_; everything else is per connection.
#pragma once

#include <httplib.h>

#include <chrono>
#include <map>
#include <mutex>
#include <string>

namespace baophu {

struct ConnectionLimits {
  int header_timeout_seconds = 10;   // request line + headers must arrive within this, in total
  int read_timeout_seconds = 10;     // one recv of a body or header byte waits at most this
  int write_timeout_seconds = 30;    // one send waits at most this (slow readers of exports)
  int keep_alive_seconds = 5;        // an idle kept-alive connection is closed after this
  int max_connections = 256;         // connections handled at once, all clients
  int max_connections_per_client = 32;  // ... and from one client address (offices share NAT)
};

class GuardedServer : public httplib::Server {
 public:
  explicit GuardedServer(ConnectionLimits limits) : limits_(limits) {}
  // Connections being handled now (tests).
  int active_connections() const;
  // Called by a handler (on the connection's thread): close the connection after this response
  // instead of keeping it alive — the rest of a refused body is never read, and would otherwise
  // be parsed as further requests. KeepConnection() takes it back (the body was read after all).
  static void CloseAfterResponse();
  static void KeepConnection();

 private:
  bool process_and_close_socket(socket_t sock) override;
  bool Admit(const std::string& addr);
  void Release(const std::string& addr);

  const ConnectionLimits limits_;
  mutable std::mutex mu_;
  int active_ = 0;                          // GUARDED_BY(mu_)
  std::map<std::string, int> per_client_;  // GUARDED_BY(mu_)
};

}  // namespace baophu
