#include "seed/fragments.hpp"

#include <algorithm>
#include <set>
#include <string_view>

namespace capi::seed {
namespace {

// The code points of a UTF-8 string, as byte offsets (plus the end).
std::vector<std::size_t> code_point_offsets(std::string_view text) {
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) offsets.push_back(i);
  }
  offsets.push_back(text.size());
  return offsets;
}

// Fragments in order of first appearance, lower-cased (ASCII), letters only.
class FragmentList {
 public:
  explicit FragmentList(std::size_t limit) : limit_(limit) {}

  bool full() const { return fragments_.size() >= limit_; }
  void add(std::string fragment) {
    for (char& ch : fragment) {
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch + 32);
    }
    // Letters only: no spaces, digits or punctuation ("A.Ş.", "«", U+0080..U+00BF).
    const bool letters = std::all_of(fragment.begin(), fragment.end(), [](char ch) {
      return ((ch & 0x80) != 0 && ch != '\xC2') || (ch >= 'a' && ch <= 'z');
    });
    if (!letters) return;
    if (seen_.insert(fragment).second) fragments_.push_back(std::move(fragment));
  }
  std::vector<std::string> take() { return std::move(fragments_); }

 private:
  std::size_t limit_;
  std::vector<std::string> fragments_;
  std::set<std::string> seen_;
};

// One word's fragment, if it has at least 4 code points: the first word's prefix (Latin
// letters only: the database lower-cases the rest the same way under any locale) every
// third turn, otherwise an inner piece; 3 code points long on even turns, else 4 when the
// word is long enough. Returns whether the word took a turn.
bool add_word_fragment(std::string_view word, bool first_word, std::size_t turn,
                       FragmentList& fragments) {
  const auto offsets = code_point_offsets(word);
  const std::size_t points = offsets.size() - 1;
  if (points < 4) return false;
  const std::size_t length = (turn % 2 == 0 || points < 5) ? 3 : 4;
  const bool ascii_word =
      std::all_of(word.begin(), word.end(), [](char ch) { return (ch & 0x80) == 0; });
  if (first_word && ascii_word && turn % 3 == 0) {
    fragments.add(std::string(word.substr(0, offsets[length])));
  } else if (points >= length + 1) {
    fragments.add(std::string(word.substr(offsets[1], offsets[1 + length] - offsets[1])));
  }
  return true;
}

}  // namespace

std::vector<std::string> name_fragments(const std::vector<std::string>& names, std::size_t limit) {
  FragmentList fragments(limit);
  std::size_t turn = 0;
  for (const auto& name : names) {
    if (fragments.full()) break;
    std::size_t start = 0;
    bool first_word = true;
    while (start < name.size() && !fragments.full()) {
      std::size_t end = name.find(' ', start);
      if (end == std::string::npos) end = name.size();
      const std::string_view word(name.data() + start, end - start);
      if (add_word_fragment(word, first_word, turn, fragments)) ++turn;
      first_word = false;
      start = end + 1;
    }
  }
  return fragments.take();
}

}  // namespace capi::seed
