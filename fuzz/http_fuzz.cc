// Fuzzes what the server reads from a request before a handler acts on it, with an
// httplib::Request built in memory (no sockets): the query string (httplib's parser), the
// parameter readers of server/http_util.h (DateParam, IntParam, LangParam), the session cookie
// (CookieValue) and a JSON body (parsed as the routes parse it: no exceptions). The input is
// "query string \n cookie header \n JSON body". A bad date must answer 400 with a message; an
// integer parameter stays within its bounds; a parsed body prints and parses back to the same
// text. (The routes' readers of single JSON fields live in the handlers, which need a server.)
#include <cstdint>
#include <string>

#include "fuzz/fuzz_util.h"
#include "server/http_util.h"

using namespace baophu;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return 0;
  const std::string in(reinterpret_cast<const char*>(data), size);
  const size_t nl1 = in.find('\n');
  const size_t nl2 = nl1 == std::string::npos ? std::string::npos : in.find('\n', nl1 + 1);
  const std::string query = in.substr(0, nl1);
  const std::string cookie = nl1 == std::string::npos ? "" : in.substr(nl1 + 1, nl2 == std::string::npos ? nl2 : nl2 - nl1 - 1);
  const std::string body = nl2 == std::string::npos ? "" : in.substr(nl2 + 1);

  httplib::Request req;
  req.method = "GET";
  req.path = "/api/v1/coverage";
  httplib::detail::parse_query_text(query, req.params);
  req.headers.emplace("Cookie", cookie);
  req.body = body;

  for (const char* name : {"as_of", "from", "to", "date"}) {
    httplib::Response res;
    const Date fallback = Date::FromYmd(2021, 11, 10);
    auto d = DateParam(req, name, fallback, res);
    if (d) {
      FUZZ_CHECK(res.status == -1);  // nothing sent
    } else {
      FUZZ_CHECK(res.status == 400);
      FUZZ_CHECK(!res.body.empty());
      Json err = Json::parse(res.body, nullptr, false);
      FUZZ_CHECK(!err.is_discarded() && err.contains("message"));
    }
  }
  for (const char* name : {"limit", "offset", "depth", "page"}) {
    const int v = IntParam(req, name, 50, 1, 500);
    FUZZ_CHECK(v >= 1 && v <= 500);
  }
  (void)LangParam(req);
  const std::string session = CookieValue(req, kSessionCookie);
  FUZZ_CHECK(session.size() <= cookie.size());
  FUZZ_CHECK(session.find(';') == std::string::npos);

  Json j = Json::parse(body, nullptr, false);
  if (!j.is_discarded()) {
    // dump() throws on invalid UTF-8 inside strings unless told to replace it, as a response
    // echoing a value must. Printing is then stable: print, parse, print gives the same text.
    const std::string text = j.dump(-1, ' ', false, Json::error_handler_t::replace);
    Json again = Json::parse(text, nullptr, false);
    FUZZ_CHECK(!again.is_discarded());
    FUZZ_CHECK(again.dump(-1, ' ', false, Json::error_handler_t::replace) == text);
  }
  return 0;
}
