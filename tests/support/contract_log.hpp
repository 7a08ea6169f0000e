// The contract log: when the environment variable CAPI_CONTRACT_LOG names a file, every HTTP
// exchange of the test client is appended to it as one JSON line, for
// tests/contract/validate.mjs to check against docs/openapi.yaml. The file is truncated the
// first time a process writes to it, so it holds one run's exchanges. Thread-safe: clients
// of many threads write whole lines under one lock to one O_APPEND descriptor.
#pragma once

#include <string>

#include "http_client.hpp"

namespace capi::test {

// Records one exchange when the log is enabled; a no-op otherwise. Of the request headers
// only those the contract speaks of are kept (content-type, if-match, idempotency-key,
// x-request-id), and never the credentials.
void record_exchange(const std::string& method, const std::string& path, const Headers& headers,
                     const std::string& body, const HttpResponse& response);

}  // namespace capi::test
