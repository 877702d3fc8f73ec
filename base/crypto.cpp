#include "base/crypto.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace ln {
namespace {

std::string to_hex(const unsigned char* data, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), data, size);
  hex.pop_back();
  return hex;
}

void ensure_sodium() {
  static const bool ready = sodium_init() >= 0;
  if (!ready) throw std::runtime_error("libsodium could not start");
}

// `count` symbols of `alphabet`, each equally likely. The system's random source is asked once per
// 32 bytes, not once per symbol (a system call each): a random byte is used only when below the
// largest multiple of the alphabet's size, so that no symbol is favoured.
void append_random(std::string& out, std::string_view alphabet, std::size_t count) {
  const unsigned symbols = static_cast<unsigned>(alphabet.size());
  const unsigned usable = 256 - 256 % symbols;
  ensure_sodium();
  unsigned char bytes[32];
  std::size_t next = sizeof bytes;
  for (std::size_t made = 0; made < count;) {
    if (next == sizeof bytes) {
      randombytes_buf(bytes, sizeof bytes);
      next = 0;
    }
    const unsigned byte = bytes[next++];
    if (byte >= usable) continue;
    out += alphabet[byte % symbols];
    ++made;
  }
}

// Lower-case base32 without look-alike letters, in ASCII order (so that numbers written with it
// sort as they do).
constexpr std::string_view kIdAlphabet = "23456789abcdefghjkmnpqrstuvwxyz";

}  // namespace

std::string random_token(std::size_t bytes) {
  ensure_sodium();
  std::vector<unsigned char> raw(bytes);
  randombytes_buf(raw.data(), raw.size());
  std::string out(sodium_base64_encoded_len(bytes, sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), raw.data(), raw.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::string base64(std::string_view bytes) {
  ensure_sodium();
  std::string out(sodium_base64_encoded_len(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::string new_id(std::string_view prefix) {
  // 16 random symbols of 31: about 79 bits.
  std::string id(prefix);
  id += '_';
  append_random(id, kIdAlphabet, 16);
  return id;
}

std::string new_ordered_id(std::string_view prefix) {
  constexpr std::size_t kTimeSymbols = 9;  // 31^9 ms: until the year 2800
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  std::string time(kTimeSymbols, kIdAlphabet[0]);
  auto rest = static_cast<std::uint64_t>(ms);
  for (std::size_t i = kTimeSymbols; i-- > 0 && rest > 0; rest /= kIdAlphabet.size())
    time[i] = kIdAlphabet[rest % kIdAlphabet.size()];
  std::string id(prefix);
  id += '_';
  id += time;
  append_random(id, kIdAlphabet, 11);
  return id;
}

std::uint32_t random_below(std::uint32_t upper) {
  ensure_sodium();
  return randombytes_uniform(upper);
}

std::string hash_token(std::string_view token) {
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(token.data()),
                     token.size(), nullptr, 0);
  return to_hex(out, sizeof out);
}

std::string hash_password(std::string_view password) {
  ensure_sodium();
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str(out, password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
    throw std::runtime_error("out of memory while hashing a password");
  return out;
}

bool verify_password(const std::string& hash, std::string_view password) {
  ensure_sodium();
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

Keys Keys::load_or_create(const std::filesystem::path& key_file) {
  ensure_sodium();
  std::array<unsigned char, crypto_kdf_KEYBYTES> master{};
  if (key_file.has_parent_path()) std::filesystem::create_directories(key_file.parent_path());
  // Create it only if nobody has: O_EXCL makes instances started together agree on one key.
  int fd = ::open(key_file.c_str(), O_WRONLY | O_CREAT | O_EXCL, 0600);
  if (fd >= 0) {
    crypto_kdf_keygen(master.data());
    bool written =
        ::write(fd, master.data(), master.size()) == static_cast<ssize_t>(master.size()) &&
        ::fsync(fd) == 0;
    ::close(fd);
    if (!written) {
      std::filesystem::remove(key_file);
      throw std::runtime_error("could not write the key file " + key_file.string());
    }
  } else if (errno == EEXIST) {
    // Another instance may be writing it this instant: wait for the whole key.
    for (int attempt = 0; attempt < 50 && std::filesystem::file_size(key_file) < master.size();
         ++attempt)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    std::ifstream in(key_file, std::ios::binary);
    in.read(reinterpret_cast<char*>(master.data()), master.size());
    if (in.gcount() != static_cast<std::streamsize>(master.size()) || in.get() != EOF)
      throw std::runtime_error("the key file " + key_file.string() + " is not a langnghe key");
  } else {
    throw std::runtime_error("could not create the key file " + key_file.string());
  }
  Keys keys;
  crypto_kdf_derive_from_key(keys.identity.data(), keys.identity.size(), 1, "langngh1",
                             master.data());
  crypto_kdf_derive_from_key(keys.lookup.data(), keys.lookup.size(), 2, "langngh1", master.data());
  sodium_memzero(master.data(), master.size());
  return keys;
}

Keys Keys::for_tests() {
  Keys keys;
  keys.identity.fill(7);
  keys.lookup.fill(9);
  return keys;
}

Sealed seal(const Keys& keys, std::string_view plaintext) {
  ensure_sodium();
  Sealed sealed;
  sealed.nonce.resize(crypto_secretbox_NONCEBYTES);
  randombytes_buf(sealed.nonce.data(), sealed.nonce.size());
  sealed.ciphertext.resize(plaintext.size() + crypto_secretbox_MACBYTES);
  crypto_secretbox_easy(reinterpret_cast<unsigned char*>(sealed.ciphertext.data()),
                        reinterpret_cast<const unsigned char*>(plaintext.data()), plaintext.size(),
                        reinterpret_cast<const unsigned char*>(sealed.nonce.data()),
                        keys.identity.data());
  return sealed;
}

std::string open_sealed(const Keys& keys, const Sealed& sealed) {
  if (sealed.nonce.size() != crypto_secretbox_NONCEBYTES ||
      sealed.ciphertext.size() < crypto_secretbox_MACBYTES)
    throw std::runtime_error("sealed record has the wrong shape");
  std::string plain(sealed.ciphertext.size() - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char*>(plain.data()),
                                 reinterpret_cast<const unsigned char*>(sealed.ciphertext.data()),
                                 sealed.ciphertext.size(),
                                 reinterpret_cast<const unsigned char*>(sealed.nonce.data()),
                                 keys.identity.data()) != 0)
    throw std::runtime_error("sealed record does not open with this key");
  return plain;
}

std::string lookup_hash(const Keys& keys, std::string_view code) {
  unsigned char out[32];
  crypto_generichash(out, sizeof out, reinterpret_cast<const unsigned char*>(code.data()),
                     code.size(), keys.lookup.data(), keys.lookup.size());
  return to_hex(out, sizeof out);
}

}  // namespace ln

namespace ln {

bool same_secret(std::string_view a, std::string_view b) {
  // Digests of equal length are compared, so the time taken does not even tell how long the
  // expected secret is (a plain comparison stops at the first difference in length).
  unsigned char da[crypto_generichash_BYTES], db[crypto_generichash_BYTES];
  crypto_generichash(da, sizeof da, reinterpret_cast<const unsigned char*>(a.data()), a.size(),
                     nullptr, 0);
  crypto_generichash(db, sizeof db, reinterpret_cast<const unsigned char*>(b.data()), b.size(),
                     nullptr, 0);
  return sodium_memcmp(da, db, sizeof da) == 0;
}

}  // namespace ln
