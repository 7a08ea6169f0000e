// Faults that a test build can be told to make, through the request header X-Capi-Fault, for
// the drills of tests/integration/drills_test.cpp and idempotency_test.cpp: a worker that
// hangs (also with a keyed write's transaction open), crashes, ignores SIGTERM, or meets
// retryable database errors. Compiled in only with CAPI_FAULT_INJECTION
// (scripts/test's builds); in any other build these are empty and the header is just an
// unknown header.
#pragma once

#include "http/message.hpp"

namespace capi::api::faults {

#ifdef CAPI_FAULT_INJECTION
// Before the request is handled: "hang" (never answers), "segv" (crashes), "ignore-term"
// (blocks SIGTERM, then takes 30 s).
void before_handling(const http::Request& request);
// Before each attempt of the handler: "retryable:N" fails the first N attempts with a
// serialization failure (SQLSTATE 40001), as a concurrent transaction would.
void before_attempt(const http::Request& request, int attempt);
// After the handler returned (its transaction committed), before the answer is written:
// "crash-after-commit".
void after_handling(const http::Request& request);
// A streamed body (an export): "fail-stream" makes it fail after its first piece, as a
// database that goes away part-way would; "slow-stream" waits 700 ms before each piece;
// "stall-stream" sends the first piece and then nothing (the master kills the worker after
// request_timeout).
http::BodyStream streamed(const http::Request& request, http::BodyStream stream);
// A keyed write whose effect and Idempotency-Key record are written, before its COMMIT:
// "hang-before-commit" (never answers, holding the transaction open, for a test to kill).
void before_commit(const http::Request& request);
#else
inline void before_handling(const http::Request& /*request*/) {}
inline void before_attempt(const http::Request& /*request*/, int /*attempt*/) {}
inline void after_handling(const http::Request& /*request*/) {}
inline http::BodyStream streamed(const http::Request& /*request*/, http::BodyStream stream) {
  return stream;
}
inline void before_commit(const http::Request& /*request*/) {}
#endif

}  // namespace capi::api::faults
