#include "store/sqlite/checkpointer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>

namespace ln::store::sqlite {
namespace {
namespace fs = std::filesystem;

class CheckpointerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ln-ckpt-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  std::string path() const { return (dir_ / "langnghe.db").string(); }

  // One transaction of `rows` rows of 1 KB: about a page each.
  static void write_rows(Connection& c, int rows) {
    Transaction tx(c);
    for (int i = 0; i < rows; ++i)
      c.prepare("INSERT INTO t(body) VALUES (?)").bind(1, std::string(1000, 'x')).run();
    tx.commit();
  }

  fs::path dir_;
};

TEST_F(CheckpointerTest, CopiesTheLogIntoTheDatabaseFileOffTheWritersThread) {
  Checkpointer checkpointer(path(), 50);
  Connection writer(path());
  checkpointer.attach(writer);
  writer.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  auto before = fs::file_size(path());

  // Past the threshold: the writer's commit returns without checkpointing (its own automatic
  // checkpoint is off), and the checkpointer's thread copies the pages into the file.
  write_rows(writer, 200);
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (checkpointer.runs() == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_GE(checkpointer.runs(), 1);
  EXPECT_GT(fs::file_size(path()), before + 150 * 1000);

  // What was copied reads back whole, from a new connection.
  Connection reader(path());
  auto count = reader.prepare("SELECT count(*) FROM t");
  ASSERT_TRUE(count.step());
  EXPECT_EQ(count.int64(0), 200);
}

TEST_F(CheckpointerTest, SmallCommitsDoNotCallForACheckpoint) {
  Checkpointer checkpointer(path(), 1000);
  Connection writer(path());
  checkpointer.attach(writer);
  writer.exec("CREATE TABLE t(id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
  for (int i = 0; i < 20; ++i) write_rows(writer, 5);
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_EQ(checkpointer.runs(), 0);
}

}  // namespace
}  // namespace ln::store::sqlite
