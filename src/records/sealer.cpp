#include "records/sealer.hpp"

namespace capi::records {

std::optional<std::string> Sealer::seal(const std::string& business_id,
                                        const std::string& record_id, const char* field,
                                        const std::optional<std::string>& plaintext) const {
  if (!plaintext) return std::nullopt;
  return keys_.encrypt(*plaintext, crypto::associated_data(business_id, record_id, field));
}

std::optional<std::string> Sealer::open(const std::string& business_id,
                                        const std::string& record_id, const char* field,
                                        const std::optional<std::string>& sealed,
                                        std::vector<std::string>& unreadable) const {
  if (!sealed) return std::nullopt;
  auto plaintext = keys_.decrypt(*sealed, crypto::associated_data(business_id, record_id, field));
  if (!plaintext) unreadable.emplace_back(field);
  return plaintext;
}

std::string Sealer::blind_index(const std::string& business_id, const char* field,
                                const std::string& value) const {
  return keys_.blind_index(business_id, field, value);
}

}  // namespace capi::records
