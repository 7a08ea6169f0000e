// The tables of data/seed/ (names, places, companies), compiled into the seeder by
// cmake/embed_files.cmake so that it needs no data folder at run time. Only the seeder
// links them: the service binary does not carry the benchmark's names and places.
#pragma once

#include <string_view>
#include <vector>

namespace capi::seed {

struct DataFile {
  std::string_view name;  // e.g. "cities.tsv"
  std::string_view text;
};

// Every data/seed/*.tsv file, by name (generated).
const std::vector<DataFile>& embedded_data_files();

}  // namespace capi::seed
