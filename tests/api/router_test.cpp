#include "api/http/router.h"

#include <gtest/gtest.h>

namespace ln::api {
namespace {

Handler answer(int status) {
  return [status](Request&) { return Response::json(status, {{"status", status}}); };
}

TEST(Router, MatchesLiteralBeforeParameter) {
  Router router;
  router.add("GET", "/api/v1/units/{id}", answer(1), {});
  router.add("GET", "/api/v1/units/import", answer(2), {});
  auto literal = router.match("GET", "/api/v1/units/import");
  ASSERT_NE(literal.route, nullptr);
  EXPECT_EQ(literal.route->pattern, "/api/v1/units/import");
  auto param = router.match("GET", "/api/v1/units/u-42");
  ASSERT_NE(param.route, nullptr);
  EXPECT_EQ(param.route->pattern, "/api/v1/units/{id}");
  EXPECT_EQ(param.params.at("id"), "u-42");
}

TEST(Router, ReportsAllowedMethodsWhenOnlyTheMethodIsWrong) {
  Router router;
  router.add("GET", "/things/{id}", answer(1), {});
  router.add("PATCH", "/things/{id}", answer(2), {});
  auto m = router.match("DELETE", "/things/7");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_EQ(m.allowed, (std::vector<std::string>{"GET", "PATCH"}));
}

TEST(Router, UnknownPathHasNoAllowedMethods) {
  Router router;
  router.add("GET", "/things", answer(1), {});
  auto m = router.match("GET", "/other");
  EXPECT_EQ(m.route, nullptr);
  EXPECT_TRUE(m.allowed.empty());
  EXPECT_EQ(router.match("GET", "/things/").route, nullptr);
  EXPECT_EQ(router.match("GET", "").route, nullptr);
}

TEST(Router, HeadIsServedByGet) {
  Router router;
  router.add("GET", "/healthz", answer(1), {});
  EXPECT_NE(router.match("HEAD", "/healthz").route, nullptr);
}

TEST(Router, EmptyParameterDoesNotMatch) {
  Router router;
  router.add("GET", "/a/{id}/b", answer(1), {});
  EXPECT_EQ(router.match("GET", "/a//b").route, nullptr);
}

TEST(Router, RefusesTheSameRouteTwice) {
  Router router;
  router.add("GET", "/x", answer(1), {});
  EXPECT_THROW(router.add("GET", "/x", answer(2), {}), std::logic_error);
}

}  // namespace
}  // namespace ln::api
