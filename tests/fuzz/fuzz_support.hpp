// What the fuzz targets share: a keyring made once per process in a temporary folder (the key
// files are removed as soon as they are read), and a check that aborts, so that a broken
// invariant is a finding like a crash.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <string_view>

#include "crypto/keyring.hpp"

namespace capi::fuzz {

// Aborts with the failed condition: libFuzzer keeps the input as a crash.
#define CAPI_FUZZ_CHECK(condition)                                                       \
  do {                                                                                   \
    if (!(condition)) {                                                                  \
      std::fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                      \
    }                                                                                    \
  } while (false)

// Fresh keys, made on first use.
inline const crypto::Keyring& keyring() {
  static const crypto::Keyring keys = [] {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "capi-fuzz-keys-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      std::perror("mkdtemp");
      std::abort();
    }
    const std::string dir = pattern + "/keys";
    crypto::Keyring::initialise(dir);
    auto loaded = crypto::Keyring::load(dir);
    std::filesystem::remove_all(pattern);
    return loaded;
  }();
  return keys;
}

inline std::string_view as_text(const unsigned char* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Characters (code points) of valid UTF-8 text.
inline std::size_t characters(std::string_view text) {
  std::size_t count = 0;
  for (const char ch : text) {
    if ((static_cast<unsigned char>(ch) & 0xc0) != 0x80) ++count;
  }
  return count;
}

}  // namespace capi::fuzz
