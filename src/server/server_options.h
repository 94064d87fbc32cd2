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
  int threads = 64;                   // handler threads; each open connection holds one
  size_t max_upload_bytes = 64u << 20;  // larger uploads get 413
  int session_idle_minutes = 480;     // a session unused this long is over
  int login_max_failures = 5;         // failed logins per client or username within the window ...
  int login_window_seconds = 300;     // ... before further attempts get 429
  // Staged import files and temporary exports go to <upload_dir>/baophu-uploads (0700, emptied
  // at start, removed at a clean exit); empty = /tmp/baophu-uploads-<pid>.
  std::string upload_dir;
  // Staged imports (uploaded, validated, not yet committed or committed and kept for their
  // report) are deleted, file and all, when unused this long ...
  int staged_import_idle_minutes = 120;
  int max_staged_per_user = 8;              // ... or, oldest first, past this many per user ...
  size_t max_staged_bytes_per_user = 512u << 20;  // ... or past this many bytes of files per user
  // Slow and greedy clients (GuardedServer): the request line and headers must arrive within
  // header_timeout_seconds in total; one read waits at most read_timeout_seconds, one write
  // write_timeout_seconds; an idle kept-alive connection closes after keep_alive_seconds.
  int header_timeout_seconds = 10;
  int read_timeout_seconds = 10;
  int write_timeout_seconds = 30;
  int keep_alive_seconds = 5;
  // Connections handled at once, overall and per client address; more get 503 at once. Keep
  // max_connections_per_client well under threads, so one address cannot hold every thread.
  int max_connections = 256;
  int max_connections_per_client = 16;
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
