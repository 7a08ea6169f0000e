#include "crypto/keyring.hpp"

#include <sodium.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "crypto/random.hpp"

namespace capi::crypto {
namespace {

constexpr std::size_t kKeyBytes = 32;
constexpr std::size_t kIdBytes = 4;
constexpr std::size_t kNonceBytes = crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
constexpr std::size_t kTagBytes = crypto_aead_xchacha20poly1305_ietf_ABYTES;
constexpr const char* kIndexKeyFile = "blind-index.key";

SecretKey read_key_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw KeyError("cannot read key file " + path.string());
  std::string hex;
  in >> hex;
  std::string bytes(kKeyBytes, '\0');
  std::size_t length = 0;
  if (hex.size() != kKeyBytes * 2 ||
      sodium_hex2bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), hex.data(),
                     hex.size(), nullptr, &length, nullptr) != 0 ||
      length != kKeyBytes) {
    sodium_memzero(hex.data(), hex.size());
    throw KeyError("key file " + path.string() + " must hold 64 hex characters (32 bytes)");
  }
  sodium_memzero(hex.data(), hex.size());
  return SecretKey(std::move(bytes));
}

void write_key_file(const std::filesystem::path& path) {
  const std::string key = random_bytes(kKeyBytes);
  const std::string hex = to_hex(key);
  const mode_t old_mask = umask(077);
  std::ofstream out(path, std::ios::trunc);
  umask(old_mask);
  out << hex << '\n';
  if (!out) throw KeyError("cannot write key file " + path.string());
  std::filesystem::permissions(
      path, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
}

std::uint32_t highest_encryption_key(const std::string& key_dir) {
  static const std::regex name(R"(^encryption-([0-9]{1,9})\.key$)");
  std::uint32_t highest = 0;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(key_dir, ec)) {
    std::smatch match;
    const std::string file = entry.path().filename().string();
    if (std::regex_match(file, match, name)) {
      highest = std::max(highest, static_cast<std::uint32_t>(std::stoul(match[1].str())));
    }
  }
  return highest;
}

}  // namespace

SecretKey::~SecretKey() {
  if (!bytes_.empty()) sodium_memzero(bytes_.data(), bytes_.size());
}

bool SecretKey::lock_in_memory() const {
  // The bytes are not written: mlock only pins the pages they are on.
  return bytes_.empty() ||
         sodium_mlock(const_cast<char*>(bytes_.data()), bytes_.size()) == 0;  // NOLINT
}

std::vector<std::uint32_t> Keyring::key_ids() const {
  std::vector<std::uint32_t> ids;
  for (const auto& [id, key] : encryption_keys_) ids.push_back(id);
  return ids;
}

bool Keyring::lock_in_memory() const {
  bool locked = index_key_.lock_in_memory();
  for (const auto& [id, key] : encryption_keys_) locked = key.lock_in_memory() && locked;
  return locked;
}

Keyring Keyring::load(const std::string& key_dir) {
  ensure_initialised();
  static const std::regex name(R"(^encryption-([0-9]{1,9})\.key$)");
  Keyring keyring;
  std::error_code ec;
  std::filesystem::directory_iterator entries(key_dir, ec);
  if (ec) throw KeyError("cannot read key directory " + key_dir + ": " + ec.message());
  for (const auto& entry : entries) {
    std::smatch match;
    const std::string file = entry.path().filename().string();
    if (!std::regex_match(file, match, name)) continue;
    const auto id = static_cast<std::uint32_t>(std::stoul(match[1].str()));
    if (id == 0) throw KeyError("key file " + file + ": key ids start at 1");
    keyring.encryption_keys_.emplace(id, read_key_file(entry.path()));
  }
  if (keyring.encryption_keys_.empty()) {
    throw KeyError("no encryption-<N>.key file in " + key_dir);
  }
  keyring.active_id_ = keyring.encryption_keys_.rbegin()->first;
  keyring.index_key_ = read_key_file(std::filesystem::path(key_dir) / kIndexKeyFile);
  return keyring;
}

bool Keyring::initialise(const std::string& key_dir) {
  ensure_initialised();
  std::filesystem::create_directories(key_dir);
  std::filesystem::permissions(key_dir, std::filesystem::perms::owner_all);
  bool wrote = false;
  if (highest_encryption_key(key_dir) == 0) {
    write_key_file(std::filesystem::path(key_dir) / "encryption-1.key");
    wrote = true;
  }
  const auto index_path = std::filesystem::path(key_dir) / kIndexKeyFile;
  if (!std::filesystem::exists(index_path)) {
    write_key_file(index_path);
    wrote = true;
  }
  return wrote;
}

std::uint32_t Keyring::add_encryption_key(const std::string& key_dir) {
  ensure_initialised();
  const std::uint32_t next = highest_encryption_key(key_dir) + 1;
  write_key_file(std::filesystem::path(key_dir) / ("encryption-" + std::to_string(next) + ".key"));
  return next;
}

std::string Keyring::encrypt(std::string_view plaintext, std::string_view associated) const {
  const SecretKey& key = encryption_keys_.at(active_id_);
  std::string sealed(kIdBytes + kNonceBytes + plaintext.size() + kTagBytes, '\0');
  auto* const out = reinterpret_cast<unsigned char*>(sealed.data());
  out[0] = static_cast<unsigned char>(active_id_ >> 24);
  out[1] = static_cast<unsigned char>(active_id_ >> 16);
  out[2] = static_cast<unsigned char>(active_id_ >> 8);
  out[3] = static_cast<unsigned char>(active_id_);
  randombytes_buf(out + kIdBytes, kNonceBytes);
  unsigned long long written = 0;
  crypto_aead_xchacha20poly1305_ietf_encrypt(
      out + kIdBytes + kNonceBytes, &written,
      reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
      reinterpret_cast<const unsigned char*>(associated.data()), associated.size(), nullptr,
      out + kIdBytes, key.data());
  return sealed;
}

std::uint32_t Keyring::key_id_of(std::string_view sealed) {
  if (sealed.size() < kIdBytes) return 0;
  const auto* const in = reinterpret_cast<const unsigned char*>(sealed.data());
  return (static_cast<std::uint32_t>(in[0]) << 24) | (static_cast<std::uint32_t>(in[1]) << 16) |
         (static_cast<std::uint32_t>(in[2]) << 8) | static_cast<std::uint32_t>(in[3]);
}

std::optional<std::string> Keyring::decrypt(std::string_view sealed,
                                            std::string_view associated) const {
  if (sealed.size() < kIdBytes + kNonceBytes + kTagBytes) return std::nullopt;
  const auto key = encryption_keys_.find(key_id_of(sealed));
  if (key == encryption_keys_.end()) return std::nullopt;
  const auto* const in = reinterpret_cast<const unsigned char*>(sealed.data());
  const std::size_t cipher_length = sealed.size() - kIdBytes - kNonceBytes;
  std::string plaintext(cipher_length - kTagBytes, '\0');
  unsigned long long length = 0;
  const int status = crypto_aead_xchacha20poly1305_ietf_decrypt(
      reinterpret_cast<unsigned char*>(plaintext.data()), &length, nullptr,
      in + kIdBytes + kNonceBytes, cipher_length,
      reinterpret_cast<const unsigned char*>(associated.data()), associated.size(), in + kIdBytes,
      key->second.data());
  if (status != 0) return std::nullopt;
  plaintext.resize(length);
  return plaintext;
}

std::string Keyring::blind_index(std::string_view business_id, std::string_view field,
                                 std::string_view normalized_value) const {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, index_key_.data(), index_key_.size());
  // Length-prefixed parts, so that no two different triples hash the same input.
  for (const std::string_view part : {business_id, field, normalized_value}) {
    const auto length = static_cast<std::uint32_t>(part.size());
    const unsigned char prefix[4] = {
        static_cast<unsigned char>(length >> 24), static_cast<unsigned char>(length >> 16),
        static_cast<unsigned char>(length >> 8), static_cast<unsigned char>(length)};
    crypto_auth_hmacsha256_update(&state, prefix, sizeof prefix);
    crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(part.data()),
                                  part.size());
  }
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_final(&state, mac);
  return to_hex(std::string_view(reinterpret_cast<const char*>(mac), sizeof mac));
}

std::string associated_data(std::string_view business_id, std::string_view record_id,
                            std::string_view field) {
  std::string data;
  data.reserve(business_id.size() + record_id.size() + field.size() + 2);
  data.append(business_id).append(1, '\x1f').append(record_id).append(1, '\x1f').append(field);
  return data;
}

}  // namespace capi::crypto
