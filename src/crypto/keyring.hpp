// The application's keys for personal data: AEAD encryption keys (XChaCha20-Poly1305) that
// can rotate, and one HMAC key for blind indexes. Loaded from a directory of files:
//   encryption-<N>.key   N = 1, 2, ...: the highest N encrypts; every one decrypts
//   blind-index.key      HMAC-SHA-256 key for exact-match lookups
// Each file holds 32 random bytes as 64 hex characters. Keys never reach logs or the database.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace capi::crypto {

class KeyError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// 32 key bytes, wiped when freed.
class SecretKey {
 public:
  SecretKey() = default;
  explicit SecretKey(std::string bytes) : bytes_(std::move(bytes)) {}
  SecretKey(const SecretKey&) = default;
  SecretKey& operator=(const SecretKey&) = default;
  ~SecretKey();
  const unsigned char* data() const {
    return reinterpret_cast<const unsigned char*>(bytes_.data());
  }
  std::size_t size() const { return bytes_.size(); }
  bool lock_in_memory() const;

 private:
  std::string bytes_;
};

class Keyring {
 public:
  // Reads every key file of `key_dir`; throws KeyError naming the file and the problem.
  static Keyring load(const std::string& key_dir);

  // Writes encryption-1.key and blind-index.key into `key_dir` (made if missing, mode 0700)
  // unless they exist; files are 0600. Returns true when it wrote anything.
  static bool initialise(const std::string& key_dir);
  // Adds encryption-<N+1>.key and returns N+1: the new key encrypts once workers reload.
  static std::uint32_t add_encryption_key(const std::string& key_dir);

  std::uint32_t active_key_id() const { return active_id_; }
  // Every encryption key's id, ascending.
  std::vector<std::uint32_t> key_ids() const;

  // key id (4 bytes, big-endian) || 24-byte nonce || ciphertext with its 16-byte tag.
  // `associated_data` binds the ciphertext to its place (business, record, field).
  std::string encrypt(std::string_view plaintext, std::string_view associated_data) const;
  // nullopt when the key is unknown or authentication fails (tampered, or moved elsewhere).
  std::optional<std::string> decrypt(std::string_view sealed,
                                     std::string_view associated_data) const;
  // The key that sealed `sealed` (0 when too short to tell).
  static std::uint32_t key_id_of(std::string_view sealed);

  // HMAC-SHA-256 of the business, the field and the normalised value, hex: equal inputs give
  // equal indexes within one business, and nothing about the value can be read back.
  std::string blind_index(std::string_view business_id, std::string_view field,
                          std::string_view normalized_value) const;

  // Keeps the key bytes out of swap and core dumps (mlock, MADV_DONTDUMP). Locks are not
  // inherited across fork(): each process that holds the keyring calls it. False when the
  // system refused (RLIMIT_MEMLOCK, a seccomp filter): the keys still work.
  bool lock_in_memory() const;

 private:
  std::map<std::uint32_t, SecretKey> encryption_keys_;
  SecretKey index_key_;
  std::uint32_t active_id_ = 0;
};

// The associated data for one field of one record.
std::string associated_data(std::string_view business_id, std::string_view record_id,
                            std::string_view field);

}  // namespace capi::crypto
