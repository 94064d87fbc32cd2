// `baophu serve` (the web application) and `baophu user add|passwd|list` (its accounts).
#include <signal.h>
#include <termios.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <memory>
#include <sstream>
#include <thread>

#include "cli/cli_common.h"
#include "cli/exit_code.h"
#include "server/password.h"
#include "server/server.h"
#include "store/account_store.h"
#include "store/postgres/pg_conn.h"

namespace baophu {
namespace {

struct ServeArgs {
  std::string listen = "127.0.0.1:8080";
  ServerOptions sopts;
  std::string username, role, units, display_name;
  bool password_stdin = false;
  int max_upload_mb = 64;
};

// The web assets beside the binary (build/web), else the source tree's web/ (without the chart
// library, which the build copies in from node_modules).
std::string DefaultWebDir() {
  std::error_code ec;
  auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    auto beside = exe.parent_path() / "web";
    if (std::filesystem::exists(beside / "index.html")) return beside.string();
  }
  return std::string(BAOPHU_SOURCE_DIR) + "/web";
}

Status ParseListen(const std::string& listen, ServerOptions* o) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return Status::InvalidArgument("--listen phải có dạng ĐỊA_CHỈ:CỔNG: '" + listen + "'");
  o->host = listen.substr(0, colon);
  if (o->host.size() > 2 && o->host.front() == '[' && o->host.back() == ']') o->host = o->host.substr(1, o->host.size() - 2);
  try {
    o->port = std::stoi(listen.substr(colon + 1));
  } catch (...) {
    return Status::InvalidArgument("cổng không hợp lệ: '" + listen + "'");
  }
  if (o->port < 0 || o->port > 65535) return Status::InvalidArgument("cổng không hợp lệ: '" + listen + "'");
  return Status::Ok();
}

int CmdServe(const Globals& g, ServeArgs& a) {
  ServerOptions o = a.sopts;
  o.db = g.db;
  if (!g.no_snapshot) o.snapshot_path = SnapshotPath(g);
  o.max_upload_bytes = static_cast<size_t>(a.max_upload_mb > 0 ? a.max_upload_mb : 1) << 20;
  Status st = ParseListen(a.listen, &o);
  if (!st.ok()) return Fail(st);
  if (o.web_dir.empty()) o.web_dir = DefaultWebDir();
  // SIGINT/SIGTERM are taken by one thread (sigwait) that stops the server; every other thread,
  // including httplib's pool, inherits the blocked mask.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  Server server(o);
  std::fprintf(stderr, "Đang nạp dữ liệu từ %s ...\n", pg::RedactUri(o.db).c_str());  // no password shown
  st = server.Start();
  if (!st.ok()) return Fail(st);
  std::string host = o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host;
  std::printf("baophu đang chạy tại http://%s:%d/ (giao diện: %s). Nhấn Ctrl+C để dừng.\n", host.c_str(), server.port(),
              o.web_dir.c_str());
  std::fflush(stdout);
  std::thread waiter([&server, set] {
    int sig = 0;
    sigwait(&set, &sig);
    server.Stop();
  });
  server.Run();
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  std::printf("Đã dừng.\n");
  return kExitOk;
}

// A password from the terminal (twice, no echo) or one line of standard input.
Result<std::string> ReadPassword(bool from_stdin) {
  std::string pw;
  if (from_stdin || !isatty(STDIN_FILENO)) {
    if (!std::getline(std::cin, pw)) return Status::InvalidArgument("không đọc được mật khẩu từ đầu vào chuẩn");
    if (!pw.empty() && pw.back() == '\r') pw.pop_back();
    return pw;
  }
  termios old{};
  tcgetattr(STDIN_FILENO, &old);
  termios quiet = old;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
  std::string again;
  std::fprintf(stderr, "Mật khẩu: ");
  std::getline(std::cin, pw);
  std::fprintf(stderr, "\nNhập lại mật khẩu: ");
  std::getline(std::cin, again);
  std::fprintf(stderr, "\n");
  tcsetattr(STDIN_FILENO, TCSANOW, &old);
  if (pw != again) return Status::InvalidArgument("hai lần nhập mật khẩu không khớp");
  return pw;
}

std::vector<std::string> SplitUnits(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, ',')) {
    while (!item.empty() && item.front() == ' ') item.erase(item.begin());
    while (!item.empty() && item.back() == ' ') item.pop_back();
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

int CmdUserAdd(const Globals& g, const ServeArgs& a) {
  auto role = ParseRole(a.role);
  if (!role) return Fail(Status::InvalidArgument("--role phải là administrator, province, commune, school, "
                                                 "organisation hoặc viewer: '" + a.role + "'"));
  User u;
  u.username = a.username;
  u.display_name = a.display_name.empty() ? a.username : a.display_name;
  u.role = *role;
  u.units = SplitUnits(a.units);
  if (u.units.empty() && u.role != Role::kAdministrator)
    return Fail(Status::InvalidArgument("--units: hãy cho ít nhất một mã đơn vị (ví dụ 95 hoặc VN)"));
  Status st = ValidateUsername(u.username);
  if (!st.ok()) return Fail(st);
  st = InitCrypto();
  if (!st.ok()) return Fail(st);
  auto pw = ReadPassword(a.password_stdin);
  if (!pw.ok()) return Fail(pw.status());
  st = CheckPasswordStrength(*pw);
  if (!st.ok()) return Fail(st);
  auto hash = HashPassword(*pw);
  if (!hash.ok()) return Fail(hash.status());
  u.password_hash = *hash;
  auto acc = AccountStore::Open(g.db);
  if (!acc.ok()) return Fail(acc.status());
  auto id = (*acc)->CreateUser(u);
  if (!id.ok()) return Fail(id.status());
  std::printf("Đã tạo người dùng %s (%s), đơn vị: %s\n", u.username.c_str(), RoleKey(u.role),
              u.units.empty() ? "toàn quốc" : a.units.c_str());
  return kExitOk;
}

int CmdUserPasswd(const Globals& g, const ServeArgs& a) {
  Status st = InitCrypto();
  if (!st.ok()) return Fail(st);
  auto pw = ReadPassword(a.password_stdin);
  if (!pw.ok()) return Fail(pw.status());
  st = CheckPasswordStrength(*pw);
  if (!st.ok()) return Fail(st);
  auto hash = HashPassword(*pw);
  if (!hash.ok()) return Fail(hash.status());
  auto acc = AccountStore::Open(g.db);
  if (!acc.ok()) return Fail(acc.status());
  st = (*acc)->SetPassword(a.username, *hash);
  if (!st.ok()) return Fail(st);
  std::printf("Đã đổi mật khẩu của %s\n", a.username.c_str());
  return kExitOk;
}

// `user deactivate NAME` / `user activate NAME`: a deactivated account cannot log in, and the
// server ends its open sessions within a second (it reads the account again, http_util.h).
int CmdUserSetActive(const Globals& g, const ServeArgs& a, bool active) {
  auto acc = AccountStore::Open(g.db);
  if (!acc.ok()) return Fail(acc.status());
  Status st = (*acc)->SetActive(a.username, active);
  if (!st.ok()) return Fail(st);
  std::printf(active ? "Đã mở lại tài khoản %s\n" : "Đã khóa tài khoản %s\n", a.username.c_str());
  return kExitOk;
}

// `s` padded with spaces to `width` characters (code points, not bytes: Vietnamese names).
std::string Pad(const std::string& s, size_t width) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n >= width ? s + " " : s + std::string(width - n, ' ');
}

int CmdUserList(const Globals& g) {
  auto acc = AccountStore::Open(g.db);
  if (!acc.ok()) return Fail(acc.status());
  std::vector<User> users;
  Status st = (*acc)->ListUsers(&users);
  if (!st.ok()) return Fail(st);
  std::printf("%s%s%s%s\n", Pad("Tên đăng nhập", 21).c_str(), Pad("Vai trò", 15).c_str(), Pad("Họ tên", 29).c_str(),
              "Đơn vị");
  for (const User& u : users) {
    std::string units;
    for (const std::string& c : u.units) units += (units.empty() ? "" : ",") + c;
    std::printf("%s%s%s%s%s\n", Pad(u.username, 21).c_str(), Pad(RoleKey(u.role), 15).c_str(),
                Pad(u.display_name, 29).c_str(), units.empty() ? "toàn quốc" : units.c_str(), u.active ? "" : " (đã khóa)");
  }
  return kExitOk;
}

}  // namespace

void RegisterServeCommands(CLI::App& app, const Globals& g, int* rc_out) {
  auto a = std::make_shared<ServeArgs>();
  auto* serve = app.add_subcommand("serve", "Chạy ứng dụng web (API JSON và giao diện)");
  serve->add_option("--listen", a->listen, "Địa chỉ:cổng (mặc định 127.0.0.1:8080)");
  serve->add_option("--web", a->sopts.web_dir, "Thư mục giao diện web (mặc định build/web cạnh chương trình)");
  serve->add_option("--vn-admin", a->sopts.vn_admin_dir, "Thư mục dữ liệu vn-admin (bản đồ tỉnh)");
  serve->add_option("--as-of", a->sopts.default_as_of, "Ngày mở màn hình (mặc định hôm nay)");
  serve->add_option("--threads", a->sopts.threads, "Số luồng xử lý (mặc định 64; mỗi kết nối mở giữ một luồng)");
  serve->add_option("--max-upload-mb", a->max_upload_mb, "Cỡ tệp tải lên tối đa, MB (mặc định 64)");
  serve->add_option("--upload-dir", a->sopts.upload_dir, "Thư mục tệp tải lên (mặc định một thư mục trong /tmp)");
  serve->add_option("--staged-idle-minutes", a->sopts.staged_import_idle_minutes,
                    "Lần nhập đã tải lên bị xóa sau chừng ấy phút không dùng (mặc định 120)");
  serve->add_option("--max-staged-per-user", a->sopts.max_staged_per_user,
                    "Số lần nhập đang chờ tối đa của một người (mặc định 8; cũ nhất bị xóa trước)");
  serve->add_option("--header-timeout", a->sopts.header_timeout_seconds,
                    "Giây tối đa để nhận xong dòng yêu cầu và phần đầu (mặc định 10)");
  serve->add_option("--read-timeout", a->sopts.read_timeout_seconds, "Giây chờ tối đa cho một lần đọc (mặc định 10)");
  serve->add_option("--write-timeout", a->sopts.write_timeout_seconds, "Giây chờ tối đa cho một lần ghi (mặc định 30)");
  serve->add_option("--max-connections", a->sopts.max_connections, "Số kết nối đồng thời tối đa (mặc định 256)");
  serve->add_option("--max-connections-per-client", a->sopts.max_connections_per_client,
                    "Số kết nối đồng thời tối đa từ một địa chỉ (mặc định 16)");
  serve->add_flag("--quiet", a->sopts.quiet, "Không in nhật ký yêu cầu");
  serve->callback([a, &g, rc_out] { *rc_out = CmdServe(g, *a); });

  auto* user = app.add_subcommand("user", "Tài khoản người dùng của ứng dụng web");
  user->require_subcommand(1);
  auto* add = user->add_subcommand("add", "Tạo người dùng (mật khẩu đọc từ bàn phím hoặc đầu vào chuẩn)");
  add->add_option("username", a->username, "Tên đăng nhập")->required();
  add->add_option("--role", a->role, "administrator | province | commune | school | organisation | viewer")
      ->required();
  add->add_option("--units", a->units, "Mã các đơn vị được xem, cách nhau bởi dấu phẩy (ví dụ 95 hoặc 95,96)");
  add->add_option("--name", a->display_name, "Họ tên hiển thị");
  add->add_flag("--password-stdin", a->password_stdin, "Đọc mật khẩu từ một dòng của đầu vào chuẩn");
  add->callback([a, &g, rc_out] { *rc_out = CmdUserAdd(g, *a); });
  auto* passwd = user->add_subcommand("passwd", "Đổi mật khẩu");
  passwd->add_option("username", a->username, "Tên đăng nhập")->required();
  passwd->add_flag("--password-stdin", a->password_stdin, "Đọc mật khẩu từ một dòng của đầu vào chuẩn");
  passwd->callback([a, &g, rc_out] { *rc_out = CmdUserPasswd(g, *a); });
  auto* off = user->add_subcommand("deactivate", "Khóa tài khoản (các phiên đang mở kết thúc)");
  off->add_option("username", a->username, "Tên đăng nhập")->required();
  off->callback([a, &g, rc_out] { *rc_out = CmdUserSetActive(g, *a, false); });
  auto* on = user->add_subcommand("activate", "Mở lại tài khoản đã khóa");
  on->add_option("username", a->username, "Tên đăng nhập")->required();
  on->callback([a, &g, rc_out] { *rc_out = CmdUserSetActive(g, *a, true); });
  auto* list = user->add_subcommand("list", "Danh sách người dùng");
  list->callback([&g, rc_out] { *rc_out = CmdUserList(g); });
}

}  // namespace baophu
