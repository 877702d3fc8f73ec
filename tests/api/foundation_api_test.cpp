#include <gtest/gtest.h>
#include "tests/api/harness.h"
using ln::test::Server;
TEST(Health, HealthzAnswers200) {
  Server server;
  EXPECT_EQ(server.get("/healthz").status, 200);
}
