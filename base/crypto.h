#pragma once
// The few cryptographic operations the domain needs, all through libsodium.
#include <array>
#include <filesystem>
#include <string>
#include <string_view>

namespace ln {

// URL-safe random text with `bytes` bytes of entropy (session tokens, CSRF tokens).
std::string random_token(std::size_t bytes = 32);
// Standard base64 with padding (MIME encoded words in e-mail headers).
std::string base64(std::string_view bytes);
// A random opaque id such as "acc_5kq3…"; the prefix says what it names.
std::string new_id(std::string_view prefix);
// An id for rows written many times a second (answer sets, children's texts): 9 symbols of the
// time in milliseconds, which sort as the time does, then 11 random ones (about 54 bits). Each
// new row's id then lands at the right edge of the table's id index, not on a random page of it
// that has to be read and written back.
std::string new_ordered_id(std::string_view prefix);
// An unkeyed hash of a bearer secret (session tokens), hex.
std::string hash_token(std::string_view token);
// A uniform random number in [0, upper).
std::uint32_t random_below(std::uint32_t upper);

// argon2id, libsodium's interactive limits.
std::string hash_password(std::string_view password);
bool verify_password(const std::string& hash, std::string_view password);

// Keys derived from one master key file (created on first run, mode 0600).
struct Keys {
  std::array<unsigned char, 32> identity;  // encrypts pupils' identity records
  std::array<unsigned char, 32> lookup;    // keyed hashes of sign-in and guardian codes

  static Keys load_or_create(const std::filesystem::path& key_file);
  // Fixed keys for unit tests only.
  static Keys for_tests();
};

struct Sealed {
  std::string nonce;
  std::string ciphertext;
};
Sealed seal(const Keys& keys, std::string_view plaintext);
// Throws std::runtime_error if the record was tampered with or the key is wrong.
std::string open_sealed(const Keys& keys, const Sealed& sealed);
// A keyed hash for looking codes up without storing them, hex.
std::string lookup_hash(const Keys& keys, std::string_view code);

}  // namespace ln

namespace ln {

// Compares two secrets (CSRF tokens, codes) in time that does not depend on where they differ
// (sodium_memcmp); only the lengths, which are not secret, may end it early.
bool same_secret(std::string_view a, std::string_view b);

}  // namespace ln
