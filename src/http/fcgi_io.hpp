// Moving requests and responses across libfcgi's FCGX_Request.
#pragma once

#include <fcgiapp.h>

#include "http/message.hpp"

namespace capi::http {

// Copies the params of an accepted request (not the body) into a Request.
Request read_request_head(FCGX_Request& fcgi);

// Reads the body into request.body, up to `limit` bytes. Returns false, reading nothing more,
// when the declared or actual length is over the limit.
bool read_request_body(FCGX_Request& fcgi, Request& request, std::size_t limit);

// Writes the status line, headers and body (no body for HEAD). A streamed body is written as
// it is made; an exception from it leaves the head (and what was sent) out already: the
// caller must then cut the connection (abort_response) so that the client sees it end short.
void write_response(FCGX_Request& fcgi, const Response& response, bool head_only);

// Ends a request whose body could not be finished: closes the connection to the web server
// without FastCGI's end of request, so that nginx drops the client's connection instead of
// ending the answer as if it were whole.
void abort_response(FCGX_Request& fcgi);

}  // namespace capi::http
