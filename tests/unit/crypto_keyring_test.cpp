#include <boost/test/unit_test.hpp>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "crypto/keyring.hpp"

using capi::crypto::associated_data;
using capi::crypto::KeyError;
using capi::crypto::Keyring;

BOOST_AUTO_TEST_SUITE(crypto_keyring)

namespace {

struct KeyDir {
  std::string path;
  KeyDir() {
    char pattern[] = "/tmp/capi-keys-XXXXXX";
    path = mkdtemp(pattern);
    std::filesystem::remove(path);
  }
  ~KeyDir() { std::filesystem::remove_all(path); }
};

}  // namespace

BOOST_AUTO_TEST_CASE(initialise_writes_private_key_files_once) {
  const KeyDir dir;
  BOOST_TEST(Keyring::initialise(dir.path));
  BOOST_TEST(!Keyring::initialise(dir.path));
  struct stat info {};
  BOOST_TEST_REQUIRE(stat((dir.path + "/encryption-1.key").c_str(), &info) == 0);
  BOOST_TEST((info.st_mode & 0777) == 0600u);
  BOOST_TEST(Keyring::load(dir.path).active_key_id() == 1u);
}

BOOST_AUTO_TEST_CASE(round_trip_and_binding_to_associated_data) {
  const KeyDir dir;
  Keyring::initialise(dir.path);
  const Keyring keys = Keyring::load(dir.path);
  const auto here = associated_data("b1", "c1", "email");
  const std::string sealed = keys.encrypt("ann@example.com", here);
  BOOST_TEST(sealed.find("ann@example.com") == std::string::npos);
  BOOST_TEST(*keys.decrypt(sealed, here) == "ann@example.com");
  // Copied to another record, business or field: authentication fails.
  BOOST_TEST(!keys.decrypt(sealed, associated_data("b1", "c2", "email")).has_value());
  BOOST_TEST(!keys.decrypt(sealed, associated_data("b2", "c1", "email")).has_value());
  BOOST_TEST(!keys.decrypt(sealed, associated_data("b1", "c1", "phone")).has_value());
  std::string tampered = sealed;
  tampered.back() = static_cast<char>(tampered.back() ^ 1);
  BOOST_TEST(!keys.decrypt(tampered, here).has_value());
  BOOST_TEST(!keys.decrypt("short", here).has_value());
  // Same plaintext twice: different ciphertexts (random nonces).
  BOOST_TEST(keys.encrypt("x", here) != keys.encrypt("x", here));
}

BOOST_AUTO_TEST_CASE(rotation_keeps_old_ciphertexts_readable) {
  const KeyDir dir;
  Keyring::initialise(dir.path);
  const auto here = associated_data("b", "r", "f");
  const std::string old_sealed = Keyring::load(dir.path).encrypt("secret", here);
  BOOST_TEST(Keyring::add_encryption_key(dir.path) == 2u);
  const Keyring rotated = Keyring::load(dir.path);
  BOOST_TEST(rotated.active_key_id() == 2u);
  BOOST_TEST(Keyring::key_id_of(old_sealed) == 1u);
  BOOST_TEST(*rotated.decrypt(old_sealed, here) == "secret");
  BOOST_TEST(Keyring::key_id_of(rotated.encrypt("secret", here)) == 2u);
}

BOOST_AUTO_TEST_CASE(blind_index_is_deterministic_and_scoped) {
  const KeyDir dir;
  Keyring::initialise(dir.path);
  const Keyring keys = Keyring::load(dir.path);
  const auto a = keys.blind_index("b1", "email", "ann@example.com");
  BOOST_TEST(a == keys.blind_index("b1", "email", "ann@example.com"));
  BOOST_TEST(a.size() == 64u);
  BOOST_TEST(a != keys.blind_index("b2", "email", "ann@example.com"));
  BOOST_TEST(a != keys.blind_index("b1", "phone", "ann@example.com"));
  BOOST_TEST(keys.blind_index("b1", "ab", "c") != keys.blind_index("b1", "a", "bc"));
}

BOOST_AUTO_TEST_CASE(bad_key_files_are_refused_with_the_file_named) {
  const KeyDir dir;
  Keyring::initialise(dir.path);
  std::ofstream(dir.path + "/encryption-2.key") << "not-hex\n";
  try {
    Keyring::load(dir.path);
    BOOST_ERROR("a bad key file was accepted");
  } catch (const KeyError& error) {
    BOOST_TEST(std::string(error.what()).find("encryption-2.key") != std::string::npos);
  }
  BOOST_CHECK_THROW(Keyring::load(dir.path + "/missing"), KeyError);
}

BOOST_AUTO_TEST_SUITE_END()
