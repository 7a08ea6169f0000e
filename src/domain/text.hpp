// Plain-text rules shared by every string field of a write body: length counted in
// characters, trimming, and control characters. Input is already valid UTF-8 (the JSON
// layer rejects anything else), so those rules do not re-validate the encoding; the
// project's one UTF-8 validator is here too, for text that has not been through the JSON
// layer (query strings, log messages).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace capi::domain {

// The number of code points in `text`: every byte that is not a UTF-8 continuation byte
// (10xxxxxx) starts one. Field limits ("at most 200 characters") are counted this way.
std::size_t utf8_length(std::string_view text);

// `text` without leading and trailing white space: ASCII space, \t, \n, \v, \f, \r and the
// Unicode White_Space characters (no-break space U+00A0, U+2000..U+200A, U+3000, ...) that
// text pasted from documents and spreadsheets often carries.
std::string_view trim(std::string_view text);

// Whether line breaks and tabs belong in a field.
enum class LineMode {
  kSingleLine,  // names, codes, address lines: no control character at all
  kMultiLine,   // notes, metadata values: \t, \n and \r allowed
};

// True when `text` holds a character no field stores: NUL and the other C0 controls, DEL
// and the C1 controls (U+0080..U+009F) — invisible, and a source of log and CSV injection.
// kMultiLine text may hold \t, \n and \r.
bool has_control_chars(std::string_view text, LineMode mode);

// True when `text` holds any white space (ASCII or Unicode White_Space) anywhere.
bool has_white_space(std::string_view text);

// True when `text` is well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates
// (U+D800..U+DFFF), nothing above U+10FFFF, no sequence cut short.
bool is_valid_utf8(std::string_view text);

// `text` with every byte that is not part of a well-formed UTF-8 sequence (as
// is_valid_utf8 judges it) replaced by U+FFFD, one replacement per byte: text that may
// quote anything (a log message) becomes valid UTF-8, and so can be written as JSON.
std::string replace_invalid_utf8(std::string_view text);

// `text` with A-Z lowered; other bytes (UTF-8 included) unchanged.
std::string ascii_lower(std::string_view text);

// `text` with a-z raised; other bytes unchanged.
std::string ascii_upper(std::string_view text);

}  // namespace capi::domain
