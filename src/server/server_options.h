// Settings of `baophu serve`: where the data is, where to listen, where the web assets are.
// A plain struct, filled by the CLI; copied into the server at start.
#pragma once

#include <cstddef>
#include <string>

namespace baophu {

struct ServerOptions {
  std::string db = "var/baophu.db";   // the store (a SQLite file)
  std::string host = "127.0.0.1";     // the address to listen on
  int port = 8080;                    // 0 = any free port (tests), see Server::port()
  std::string web_dir;                // the UI's static files; empty = API only
  std::string vn_admin_dir = "../shared/data/vn-admin";  // post2025_provinces.geojson for the map
  std::string default_as_of;          // the date the screens open on (dd/mm/yyyy); empty = today
  int threads = 16;                   // handler threads; each open connection holds one
  size_t max_upload_bytes = 64u << 20;  // larger uploads get 413
  int session_idle_minutes = 480;     // a session unused this long is over
  int login_max_failures = 5;         // failed logins per client or username within the window ...
  int login_window_seconds = 300;     // ... before further attempts get 429
  std::string upload_dir;             // staged import files; empty = a folder under /tmp
  bool quiet = false;                 // no access log on stderr
  // The coverage index's snapshot file: loaded at start-up when current, rewritten after every
  // build from the store (start-up, reload after an import). Empty = always build, never write.
  std::string snapshot_path;
  // How often (ms) the server reads the store's generation and write token to notice a change
  // made by another process (a CLI import, a restore, a second server) and reload; 0 = never.
  int watch_ms = 1500;
};

// True for 127.0.0.0/8, ::1 and "localhost": cookies are then sent without Secure (plain HTTP
// on loopback); on any other address the session cookie is Secure (TLS in front).
bool IsLoopbackHost(const std::string& host);

}  // namespace baophu
