#include "http/fcgi_io.hpp"

#include <sys/socket.h>

#include <string>

namespace capi::http {

Request read_request_head(FCGX_Request& fcgi) {
  Request request;
  std::size_t count = 0;
  std::size_t text_bytes = 0;
  for (char** env = fcgi.envp; env != nullptr && *env != nullptr; ++env) {
    ++count;
    text_bytes += std::string_view(*env).size();
  }
  request.params.reserve(count, text_bytes);
  for (char** env = fcgi.envp; env != nullptr && *env != nullptr; ++env) {
    const std::string_view entry(*env);
    const auto eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    request.params.add(entry.substr(0, eq), entry.substr(eq + 1));
  }
  request.method = std::string(request.param("REQUEST_METHOD"));
  std::string uri(request.param("REQUEST_URI"));
  if (uri.empty()) uri = std::string(request.param("DOCUMENT_URI"));
  const auto question = uri.find('?');
  request.path = uri.substr(0, question);
  request.query_string = std::string(request.param("QUERY_STRING"));
  return request;
}

bool read_request_body(FCGX_Request& fcgi, Request& request, std::size_t limit) {
  if (request.content_length() > limit) return false;
  request.body.clear();
  char buffer[16384];
  while (true) {
    const int n = FCGX_GetStr(buffer, sizeof buffer, fcgi.in);
    if (n <= 0) break;
    if (request.body.size() + static_cast<std::size_t>(n) > limit) return false;
    request.body.append(buffer, static_cast<std::size_t>(n));
  }
  return true;
}

void write_response(FCGX_Request& fcgi, const Response& response, bool head_only) {
  std::string head = "Status: " + std::to_string(response.status) + ' ' +
                     std::string(reason_phrase(response.status)) + "\r\n";
  if (!response.content_type.empty()) {
    head += "Content-Type: " + response.content_type + "\r\n";
  }
  for (const auto& [name, value] : response.headers) {
    head += name;
    head += ": ";
    head += value;
    head += "\r\n";
  }
  if (!response.stream) {
    head += "Content-Length: " + std::to_string(response.body.size()) + "\r\n";
  }
  head += "\r\n";
  FCGX_PutStr(head.data(), static_cast<int>(head.size()), fcgi.out);
  if (head_only) return;
  if (response.stream) {
    response.stream([&fcgi](std::string_view piece) {
      if (!piece.empty()) FCGX_PutStr(piece.data(), static_cast<int>(piece.size()), fcgi.out);
    });
    return;
  }
  if (!response.body.empty()) {
    FCGX_PutStr(response.body.data(), static_cast<int>(response.body.size()), fcgi.out);
  }
}

void abort_response(FCGX_Request& fcgi) {
  // Whatever libfcgi still buffers is dropped with the connection.
  if (fcgi.ipcFd >= 0) shutdown(fcgi.ipcFd, SHUT_RDWR);
}

}  // namespace capi::http
