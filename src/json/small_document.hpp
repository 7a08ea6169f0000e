// Parsing a short JSON text that the service stored itself (an address, a list of tags) into
// a DOM without touching the heap for it.
//
// rapidjson::Document takes its first 64 KiB block from the heap on the first value it
// parses and gives it back when it goes: a customer read this way two or three times per
// answer made glibc's allocator merge its free lists (malloc_consolidate) on every request,
// the largest allocator cost in a worker's profile under get-by-id. Here the values and the
// parser's stack live in buffers inside the object (on the caller's stack); a text that
// outgrows them continues in small heap chunks.
#pragma once

#include <rapidjson/document.h>

#include <array>
#include <cstddef>
#include <string_view>

namespace capi::json {

class SmallDocument {
 public:
  SmallDocument()
      : values_(value_buffer_.data(), value_buffer_.size(), kChunk),
        stack_(stack_buffer_.data(), stack_buffer_.size(), kChunk),
        document_(&values_, kStackBytes, &stack_) {}
  SmallDocument(const SmallDocument&) = delete;  // the allocators point into the object
  SmallDocument& operator=(const SmallDocument&) = delete;
  SmallDocument(SmallDocument&&) = delete;
  SmallDocument& operator=(SmallDocument&&) = delete;
  ~SmallDocument() = default;

  // Parses `text`; whether it was well-formed JSON. root() is its value when it was.
  bool parse(std::string_view text) {
    document_.Parse(text.data(), text.size());
    return !document_.HasParseError();
  }
  const rapidjson::Value& root() const { return document_; }

 private:
  using Pool = rapidjson::MemoryPoolAllocator<>;
  static constexpr std::size_t kValueBytes = 2048;  // 16 bytes a value, and long strings
  static constexpr std::size_t kStackBytes = 512;   // the parser's stack (nesting)
  static constexpr std::size_t kChunk = 4096;       // heap chunks beyond the buffers

  alignas(std::max_align_t) std::array<char, kValueBytes> value_buffer_{};
  alignas(std::max_align_t) std::array<char, kStackBytes + 64> stack_buffer_{};
  Pool values_;
  Pool stack_;
  rapidjson::GenericDocument<rapidjson::UTF8<>, Pool, Pool> document_;
};

}  // namespace capi::json
