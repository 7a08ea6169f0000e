// The reference data behind the domain rules: ICU's country names and libphonenumber's
// numbering plans. Both load lazily on first use; loading them up front keeps that cost
// (about 0.1 s) off the first request of every worker.
#pragma once

namespace capi::domain {

// Loads the country-name index and the phone metadata. Call it once in the master before
// forking the workers: they inherit the loaded data (shared copy-on-write) instead of each
// building it again. Safe to call more than once and from any thread.
void preload_reference_data();

}  // namespace capi::domain
