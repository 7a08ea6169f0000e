// One Stack shared by every test case of a binary (started once: it takes a few seconds).
#pragma once

#include <boost/test/unit_test.hpp>

#include <memory>

#include "stack.hpp"

namespace capi::test {

struct SharedStack {
  SharedStack() { instance() = std::make_unique<Stack>(); }
  ~SharedStack() { instance().reset(); }
  static std::unique_ptr<Stack>& instance() {
    static std::unique_ptr<Stack> stack;
    return stack;
  }
};

inline Stack& stack() {
  return *SharedStack::instance();
}

}  // namespace capi::test
