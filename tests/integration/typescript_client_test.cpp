// docs/openapi.yaml as a real client sees it: clients/typescript/e2e.sh generates TypeScript
// types from the document (openapi-typescript) and type-checks clients/typescript/e2e.ts
// against them (tsc --noEmit, strict); then e2e.ts, an openapi-fetch client, runs against the
// whole stack: create, find-or-create, search, cursor paging, If-Match updates, delete.
// The stack also serves a docs root given by CAPI_DOCS_ROOT, checked here at /docs/.
#define BOOST_TEST_MODULE typescript_client
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <string>

#include "process.hpp"
#include "stack.hpp"

using capi::test::read_file;
using capi::test::run_command;
using capi::test::Stack;
using capi::test::write_file;

namespace {

const std::string kSource = CAPI_SOURCE_DIR;

// The build directory: the one that holds the customer-api binary.
std::string binary_dir() {
  const std::string binary = CAPI_BINARY;
  return binary.substr(0, binary.rfind('/'));
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_typed_client_runs_against_the_stack) {
  const std::string work = binary_dir() + "/typescript-client";

  // Types from the document, and e2e.ts type-checked against them.
  const auto typecheck =
      run_command({"bash", kSource + "/clients/typescript/e2e.sh", "--typecheck-only", work});
  BOOST_TEST_REQUIRE(typecheck.exit_code == 0,
                     "generating the types or type-checking e2e.ts failed:\n" + typecheck.output);

  // A docs root holding the document, served by the stack's nginx at /docs/.
  const std::string docs_root = work + "/docs-root";
  BOOST_TEST_REQUIRE(run_command({"mkdir", "-p", docs_root + "/docs"}).exit_code == 0);
  const std::string document = read_file(kSource + "/docs/openapi.yaml");
  BOOST_TEST_REQUIRE(!document.empty(), "docs/openapi.yaml is missing");
  write_file(docs_root + "/docs/openapi.yaml", document);
  BOOST_TEST_REQUIRE(run_command({"chmod", "-R", "a+rX", docs_root}).exit_code == 0);
  setenv("CAPI_DOCS_ROOT", docs_root.c_str(), 1);

  Stack stack;
  BOOST_TEST_REQUIRE(stack.wait_ready(30000), "the stack did not become ready");

  const auto served = stack.client().get("/docs/openapi.yaml");
  BOOST_TEST(served.status == 200);
  BOOST_TEST((served.body == document), "/docs/openapi.yaml is not docs/openapi.yaml");

  const auto run =
      run_command({"node", kSource + "/docs/node_modules/tsx/dist/cli.mjs", work + "/e2e.ts"},
                  {{"BASE_URL", stack.base_url()}, {"API_KEY", stack.key()}});
  BOOST_TEST(run.exit_code == 0,
             "e2e.ts failed (exit " + std::to_string(run.exit_code) + "):\n" + run.output);
  BOOST_TEST_MESSAGE(run.output);
}
