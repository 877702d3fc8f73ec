#include "api/http/json_body.h"

#include <gtest/gtest.h>

#include "base/errors.h"

namespace ln::api {
namespace {

Request with_body(std::string body) {
  Request r;
  r.body = std::move(body);
  return r;
}

std::string code_of(const std::string& body) {
  try {
    parse_json_object(with_body(body));
  } catch (const Invalid& e) {
    return e.code();
  }
  return "accepted";
}

TEST(Utf8, AcceptsVietnameseAndEmoji) {
  EXPECT_TRUE(is_valid_utf8("Tiếng nói trẻ em 🙂"));
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8(std::string("a\0b", 3)));
}

TEST(Utf8, RejectsBrokenSequences) {
  EXPECT_FALSE(is_valid_utf8("\xff"));
  EXPECT_FALSE(is_valid_utf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(is_valid_utf8("\xed\xa0\x80"));      // lone surrogate U+D800
  EXPECT_FALSE(is_valid_utf8("\xe1\xba"));          // truncated
  EXPECT_FALSE(is_valid_utf8("\xf4\x90\x80\x80"));  // past U+10FFFF
}

TEST(JsonBody, ParsesAnObject) {
  auto value = parse_json_object(with_body(R"({"name":"Hội đồng trẻ em","n":2})"));
  EXPECT_EQ(value["name"], "Hội đồng trẻ em");
  EXPECT_EQ(value["n"], 2);
}

TEST(JsonBody, NamesEachKindOfBadBody) {
  EXPECT_EQ(code_of("{\"a\":\"\xff\"}"), "invalid_utf8");
  EXPECT_EQ(code_of(""), "malformed_json");
  EXPECT_EQ(code_of("{\"a\":"), "malformed_json");
  EXPECT_EQ(code_of("{'a':1}"), "malformed_json");
  EXPECT_EQ(code_of("[1,2]"), "invalid");
  EXPECT_EQ(code_of("\"text\""), "invalid");
  EXPECT_EQ(code_of(R"({"a":"\ud800"})"), "malformed_json");
}

TEST(JsonBody, RefusesDeepNestingButAllowsBracketsInStrings) {
  std::string deep = std::string(100, '[') + std::string(100, ']');
  EXPECT_EQ(code_of("{\"a\":" + deep + "}"), "malformed_json");
  EXPECT_EQ(code_of(R"({"a":"[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["})"), "accepted");
}

}  // namespace
}  // namespace ln::api
