#include "base/crypto.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <set>
#include <vector>

namespace ln {
namespace {

TEST(Crypto, SealedRecordsOpenOnlyUntouched) {
  auto keys = Keys::for_tests();
  auto sealed = seal(keys, R"({"birth_date":"2015-06-10"})");
  EXPECT_EQ(sealed.ciphertext.find("2015-06-10"), std::string::npos);
  EXPECT_EQ(sealed.ciphertext.find("birth_date"), std::string::npos);
  EXPECT_EQ(open_sealed(keys, sealed), R"({"birth_date":"2015-06-10"})");
  auto tampered = sealed;
  tampered.ciphertext[3] ^= 1;
  EXPECT_THROW(open_sealed(keys, tampered), std::runtime_error);
  auto other = Keys::for_tests();
  other.identity.fill(1);
  EXPECT_THROW(open_sealed(other, sealed), std::runtime_error);
}

TEST(Crypto, PasswordsVerify) {
  auto hash = hash_password("correct horse battery");
  EXPECT_EQ(hash.rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(verify_password(hash, "correct horse battery"));
  EXPECT_FALSE(verify_password(hash, "correct horse batterY"));
}

TEST(Crypto, KeyFileIsCreatedPrivateAndReused) {
  auto dir = std::filesystem::temp_directory_path() / ("ln-key-" + std::to_string(::getpid()));
  std::filesystem::remove_all(dir);
  auto file = dir / "sub" / "langnghe.key";
  auto first = Keys::load_or_create(file);
  struct stat st {};
  ::stat(file.c_str(), &st);
  EXPECT_EQ(st.st_mode & 0777, 0600);
  auto second = Keys::load_or_create(file);
  EXPECT_EQ(first.identity, second.identity);
  EXPECT_NE(first.identity, first.lookup);
  EXPECT_EQ(lookup_hash(first, "meo-xanh-1234"), lookup_hash(second, "meo-xanh-1234"));
  std::filesystem::resize_file(file, 5);
  EXPECT_THROW(Keys::load_or_create(file), std::runtime_error);
  std::filesystem::remove_all(dir);
}

TEST(Crypto, IdsAndTokensAreRandom) {
  EXPECT_NE(new_id("acc"), new_id("acc"));
  EXPECT_EQ(new_id("acc").rfind("acc_", 0), 0u);
  EXPECT_GE(random_token().size(), 43u);
  EXPECT_EQ(hash_token("a").size(), 64u);
}

// Ids are 16 symbols of the 31-letter alphabet, each symbol equally likely: over 20,000 ids every
// symbol comes within 6 % of its share (a bias such as taking a byte modulo 31 would put the
// first nine symbols 9 % above it; chance alone stays within 1 %).
TEST(Crypto, IdSymbolsAreEquallyLikely) {
  const std::string alphabet = "abcdefghjkmnpqrstuvwxyz23456789";
  std::map<char, int> seen;
  constexpr int kIds = 20000;
  for (int i = 0; i < kIds; ++i) {
    const std::string id = new_id("sub");
    ASSERT_EQ(id.size(), 4u + 16u) << id;
    for (char c : id.substr(4)) {
      ASSERT_NE(alphabet.find(c), std::string::npos) << id;
      ++seen[c];
    }
  }
  ASSERT_EQ(seen.size(), alphabet.size());
  const double share = kIds * 16.0 / static_cast<double>(alphabet.size());
  for (const auto& [symbol, count] : seen) {
    EXPECT_GT(count, share * 0.94) << symbol;
    EXPECT_LT(count, share * 1.06) << symbol;
  }
}

// Ordered ids sort as they were made (so a table's id index grows at its right edge), across
// milliseconds, and stay unique and random within one.
TEST(Crypto, OrderedIdsSortAsTheyWereMade) {
  const std::string alphabet = "23456789abcdefghjkmnpqrstuvwxyz";
  std::vector<std::string> ids;
  const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(5);
  while (std::chrono::steady_clock::now() < until || ids.size() < 1000)
    ids.push_back(new_ordered_id("rsp"));
  for (const auto& id : ids) {
    ASSERT_EQ(id.rfind("rsp_", 0), 0u) << id;
    ASSERT_EQ(id.size(), 4u + 20u) << id;
    ASSERT_EQ(id.find_first_not_of(alphabet, 4), std::string::npos) << id;
  }
  // Made over at least 5 ms: the time part moved, and the order of making is the order of the ids
  // up to the millisecond (the random part orders ids made within the same one).
  EXPECT_NE(ids.front().substr(0, 13), ids.back().substr(0, 13));
  for (std::size_t i = 1; i < ids.size(); ++i)
    ASSERT_LE(ids[i - 1].substr(0, 13), ids[i].substr(0, 13)) << ids[i - 1] << " " << ids[i];
  std::set<std::string> distinct(ids.begin(), ids.end());
  EXPECT_EQ(distinct.size(), ids.size());
}

}  // namespace
}  // namespace ln
