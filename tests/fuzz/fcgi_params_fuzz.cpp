// FastCGI parameter handling: what a worker does with the params and the body stream libfcgi
// hands it, before any route runs. The input is
//   one byte: the body stream's fragment size (1-4081 bytes) and which body limit applies;
//   params "NAME=value" separated by NUL, ended by an empty one (two NULs);
//   the body.
// read_request_head builds the Request (method, path, query, params), choose_request_id picks
// the id that goes back as X-Request-ID, content_length and is_json_content_type read the
// declared body, read_request_body reads the stream within its limit, and write_response
// writes the head: no request byte may split or add a header line.
#include <fcgiapp.h>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "api/app.hpp"
#include "api/endpoint.hpp"
#include "fuzz_support.hpp"
#include "http/fcgi_io.hpp"

namespace {

using namespace capi;

// A reader stream over `body`, handed over `fragment` bytes at a time like libfcgi's records.
struct BodySource {
  std::string_view body;
  std::size_t fragment;
  std::size_t given = 0;
};

void fill(FCGX_Stream* stream) {
  auto* source = static_cast<BodySource*>(stream->data);
  if (source->given >= source->body.size()) {
    stream->isClosed = 1;
    return;
  }
  const std::size_t n = std::min(source->fragment, source->body.size() - source->given);
  auto* start =
      reinterpret_cast<unsigned char*>(const_cast<char*>(source->body.data())) + source->given;
  stream->rdNext = start;
  stream->stopUnget = start;
  stream->stop = start + n;
  source->given += n;
}

// The response head fits the buffer: a second buffer is never asked for.
void no_more_room(FCGX_Stream*, int) {
  std::fprintf(stderr, "the response head outgrew its buffer\n");
  std::abort();
}

bool printable(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char ch) { return ch >= 0x20 && ch <= 0x7e; });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::size_t fragment = 1 + std::size_t{data[0]} * 16;
  const std::size_t limit = (data[0] & 1) != 0 ? 512 : api::kBodyLimit;
  std::string_view rest = fuzz::as_text(data + 1, size - 1);

  // Params as libfcgi gives them: NUL-terminated "NAME=value" strings.
  std::vector<std::string> entries;
  while (!rest.empty()) {
    const auto nul = rest.find('\0');
    const auto entry = rest.substr(0, nul);
    rest.remove_prefix(nul == std::string_view::npos ? rest.size() : nul + 1);
    if (entry.empty()) break;
    entries.emplace_back(entry);
  }
  std::vector<char*> envp;
  for (auto& entry : entries) envp.push_back(entry.data());
  envp.push_back(nullptr);
  const std::string_view body = rest;

  BodySource source{body, fragment};
  FCGX_Stream in{};
  in.isReader = 1;
  in.fillBuffProc = fill;
  in.data = &source;
  static std::vector<unsigned char> out_buffer(64 * 1024);
  FCGX_Stream out{};
  out.wrNext = out_buffer.data();
  out.stop = out_buffer.data() + out_buffer.size();
  out.emptyBuffProc = no_more_room;
  FCGX_Request fcgi{};
  fcgi.envp = envp.data();
  fcgi.in = &in;
  fcgi.out = &out;

  http::Request request = http::read_request_head(fcgi);
  CAPI_FUZZ_CHECK(request.path.find('?') == std::string::npos);
  CAPI_FUZZ_CHECK(request.params.size() <= entries.size());

  const std::string id = api::choose_request_id(request);
  CAPI_FUZZ_CHECK(!id.empty() && id.size() <= 128 && printable(id));

  (void)api::is_json_content_type(request.param("CONTENT_TYPE"));
  const std::size_t declared = request.content_length();
  if (declared != 0) CAPI_FUZZ_CHECK(!request.param("CONTENT_LENGTH").empty());

  const bool read = http::read_request_body(fcgi, request, limit);
  if (read) {
    CAPI_FUZZ_CHECK(declared <= limit);
    CAPI_FUZZ_CHECK(request.body == body);
  } else {
    CAPI_FUZZ_CHECK(declared > limit || body.size() > limit);
    CAPI_FUZZ_CHECK(request.body.size() <= limit);
  }

  // An error answer as App::serve sends it.
  http::Response response;
  response.status = read ? 400 : 413;
  response.body = R"({"success":false})";
  response.set_header("X-Request-ID", id);
  response.set_header("Cache-Control", "no-store");
  const bool head_only = request.method == "HEAD";
  http::write_response(fcgi, response, head_only);
  const std::string written(reinterpret_cast<const char*>(out_buffer.data()),
                            static_cast<std::size_t>(out.wrNext - out_buffer.data()));
  const auto end = written.find("\r\n\r\n");
  CAPI_FUZZ_CHECK(end != std::string::npos);
  std::size_t lines = 0;
  for (std::size_t start = 0; start < end + 2;) {
    const auto eol = written.find("\r\n", start);
    CAPI_FUZZ_CHECK(printable(std::string_view(written).substr(start, eol - start)));
    ++lines;
    start = eol + 2;
  }
  CAPI_FUZZ_CHECK(lines == 5);  // Status, Content-Type, X-Request-ID, Cache-Control, Length
  CAPI_FUZZ_CHECK(written.size() - end - 4 == (head_only ? 0 : response.body.size()));
  return 0;
}
