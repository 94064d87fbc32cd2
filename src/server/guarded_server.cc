#include "server/guarded_server.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace baophu {
namespace {

using Clock = std::chrono::steady_clock;

std::string PeerAddress(int sock, int* port) {
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  *port = 0;
  if (getpeername(sock, reinterpret_cast<sockaddr*>(&addr), &len) != 0) return "";
  char host[NI_MAXHOST] = "", serv[NI_MAXSERV] = "";
  if (getnameinfo(reinterpret_cast<sockaddr*>(&addr), len, host, sizeof host, serv, sizeof serv,
                  NI_NUMERICHOST | NI_NUMERICSERV) != 0)
    return "";
  *port = std::atoi(serv);
  return host;
}

// Waits for `events` on the socket for at most `ms` milliseconds; true when ready.
bool WaitFor(int sock, short events, int ms) {
  pollfd p{sock, events, 0};
  for (;;) {
    int n = poll(&p, 1, std::max(ms, 0));
    if (n < 0 && errno == EINTR) continue;
    return n > 0;
  }
}

// httplib's SocketStream is not in the header of the shared library, so this is its small
// equivalent: buffered reads (headers are read a byte at a time), timeouts per call, and the
// header deadline: until the handler sees the request (get_remote_ip_and_port, which httplib
// calls right after parsing the headers), no read waits past `header_deadline`.
class GuardedStream : public httplib::Stream {
 public:
  GuardedStream(int sock, const ConnectionLimits& limits, std::string addr, int port)
      : sock_(sock), limits_(limits), addr_(std::move(addr)), port_(port) {}

  void StartRequest() {
    header_deadline_ = Clock::now() + std::chrono::seconds(limits_.header_timeout_seconds);
    headers_done_ = false;
  }

  bool is_readable() const override { return pos_ < len_ || WaitFor(sock_, POLLIN, ReadWaitMs()); }
  bool is_writable() const override { return WaitFor(sock_, POLLOUT, limits_.write_timeout_seconds * 1000); }

  ssize_t read(char* ptr, size_t size) override {
    if (pos_ >= len_) {
      if (!WaitFor(sock_, POLLIN, ReadWaitMs())) return -1;
      ssize_t n;
      do n = recv(sock_, buf_, sizeof buf_, 0);
      while (n < 0 && errno == EINTR);
      if (n <= 0) return n;
      pos_ = 0;
      len_ = static_cast<size_t>(n);
    }
    size_t n = std::min(size, len_ - pos_);
    std::memcpy(ptr, buf_ + pos_, n);
    pos_ += n;
    return static_cast<ssize_t>(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable()) return -1;
    ssize_t n;
    do n = send(sock_, ptr, size, MSG_NOSIGNAL);
    while (n < 0 && errno == EINTR);
    return n;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    headers_done_ = true;
    ip = addr_;
    port = port_;
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage a{};
    socklen_t len = sizeof a;
    char host[NI_MAXHOST] = "", serv[NI_MAXSERV] = "";
    ip.clear();
    port = 0;
    if (getsockname(sock_, reinterpret_cast<sockaddr*>(&a), &len) == 0 &&
        getnameinfo(reinterpret_cast<sockaddr*>(&a), len, host, sizeof host, serv, sizeof serv,
                    NI_NUMERICHOST | NI_NUMERICSERV) == 0) {
      ip = host;
      port = std::atoi(serv);
    }
  }
  socket_t socket() const override { return sock_; }

 private:
  int ReadWaitMs() const {
    int ms = limits_.read_timeout_seconds * 1000;
    if (headers_done_) return ms;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(header_deadline_ - Clock::now()).count();
    return static_cast<int>(std::clamp<long long>(left, 0, ms));
  }

  int sock_;
  const ConnectionLimits& limits_;
  std::string addr_;
  int port_;
  Clock::time_point header_deadline_{};
  mutable bool headers_done_ = false;
  char buf_[4096];
  size_t pos_ = 0, len_ = 0;
};

void SendBusy(int sock) {
  static const char kBusy[] =
      "HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Type: application/json; charset=utf-8\r\n"
      "Retry-After: 5\r\nContent-Length: 75\r\n\r\n"
      "{\"code\":\"busy\",\"message\":\"Quá nhiều kết nối; hãy thử lại sau.\"}";
  // Best effort, never waits: the client may not read at all.
  (void)send(sock, kBusy, sizeof kBusy - 1, MSG_NOSIGNAL | MSG_DONTWAIT);
}

thread_local bool close_after_response = false;

}  // namespace

void GuardedServer::CloseAfterResponse() { close_after_response = true; }
void GuardedServer::KeepConnection() { close_after_response = false; }

int GuardedServer::active_connections() const {
  std::lock_guard<std::mutex> lock(mu_);
  return active_;
}

bool GuardedServer::Admit(const std::string& addr) {
  std::lock_guard<std::mutex> lock(mu_);
  int& mine = per_client_[addr];
  if (active_ >= limits_.max_connections || mine >= limits_.max_connections_per_client) {
    if (mine == 0) per_client_.erase(addr);
    return false;
  }
  ++active_;
  ++mine;
  return true;
}

void GuardedServer::Release(const std::string& addr) {
  std::lock_guard<std::mutex> lock(mu_);
  --active_;
  if (--per_client_[addr] <= 0) per_client_.erase(addr);
}

bool GuardedServer::process_and_close_socket(socket_t sock) {
  int port = 0;
  std::string addr = PeerAddress(sock, &port);
  bool ret = false;
  if (!Admit(addr)) {
    SendBusy(sock);
  } else {
    GuardedStream strm(sock, limits_, addr, port);
    for (size_t count = keep_alive_max_count_; count > 0 && svr_sock_ != INVALID_SOCKET; --count) {
      if (!WaitFor(sock, POLLIN, limits_.keep_alive_seconds * 1000)) break;
      strm.StartRequest();
      bool connection_closed = false;
      close_after_response = false;
      ret = process_request(strm, count == 1, connection_closed, nullptr);
      if (!ret || connection_closed || close_after_response) break;
    }
    Release(addr);
  }
  shutdown(sock, SHUT_RDWR);
  close(sock);
  return ret;
}

}  // namespace baophu
