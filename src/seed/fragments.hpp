// Search terms for the benchmark: fragments of generated names that an infix name search
// finds.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace capi::seed {

// Fragments of 3-4 characters (code points) of the given names, lower-case, each a
// substring of at least one name's lower-cased form: word prefixes of Latin names and
// inner pieces of words in every script. At most `limit`, in order of first appearance.
std::vector<std::string> name_fragments(const std::vector<std::string>& names, std::size_t limit);

}  // namespace capi::seed
