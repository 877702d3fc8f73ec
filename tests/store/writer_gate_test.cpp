// The writers' gate (store/sqlite/writer_gate.h, passed by Transaction): writers of one process
// queue at one gate per database, pooled connections and connections of their own alike, and each
// transaction, committed or rolled back, lets the next writer through.
#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <future>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/sqlite/pool.h"

namespace ln::store::sqlite {
namespace {
namespace fs = std::filesystem;

class WriterGateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ln-gate-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    pool_ = std::make_unique<Pool>((dir_ / "langnghe.db").string());
    pool_->acquire()->exec("CREATE TABLE t(writer TEXT NOT NULL)");
  }
  void TearDown() override {
    pool_.reset();
    fs::remove_all(dir_);
  }
  // Whether another thread finds the gate free (its holder may pass again).
  bool free_for_another_thread(Connection& c) {
    return std::async(std::launch::async,
                      [&] {
                        if (!c.writer_gate()->enter(std::chrono::milliseconds(0))) return false;
                        c.writer_gate()->leave();
                        return true;
                      })
        .get();
  }
  std::vector<std::string> writers() {
    auto c = pool_->acquire();
    auto s = c->prepare("SELECT writer FROM t ORDER BY rowid");
    std::vector<std::string> out;
    while (s.step()) out.push_back(s.text(0));
    return out;
  }

  fs::path dir_;
  std::unique_ptr<Pool> pool_;
};

TEST_F(WriterGateTest, OneGatePerDatabaseForPooledConnectionsAndOwnOnes) {
  auto own = pool_->open();
  auto pooled = pool_->acquire();
  ASSERT_NE(own->writer_gate(), nullptr);
  EXPECT_EQ(own->writer_gate(), pooled->writer_gate());
  Pool other((dir_ / "other.db").string());
  EXPECT_NE(other.open()->writer_gate(), own->writer_gate());
}

TEST_F(WriterGateTest, ATransactionHoldsTheGateUntilItCommitsOrRollsBack) {
  auto c = pool_->open();
  {
    Transaction tx(*c);
    EXPECT_FALSE(free_for_another_thread(*c));
    c->prepare("INSERT INTO t VALUES ('committed')").run();
    tx.commit();
    EXPECT_TRUE(free_for_another_thread(*c));
  }
  {
    Transaction tx(*c);
    c->prepare("INSERT INTO t VALUES ('rolled back')").run();
    EXPECT_FALSE(free_for_another_thread(*c));
  }
  EXPECT_TRUE(free_for_another_thread(*c));
  EXPECT_EQ(writers(), std::vector<std::string>{"committed"});
}

// A writer that arrives while another thread's transaction is open begins only after it ends,
// and both writes are kept, in that order.
TEST_F(WriterGateTest, AWriterWaitsForTheOpenTransactionThenWrites) {
  auto first = pool_->open();
  std::promise<void> begun;
  std::promise<void> finish;
  std::thread holder([&] {
    Transaction tx(*first);
    first->prepare("INSERT INTO t VALUES ('first')").run();
    begun.set_value();
    finish.get_future().wait();
    tx.commit();
  });
  begun.get_future().wait();
  std::atomic<bool> second_began = false;
  std::thread second([&] {
    auto c = pool_->acquire();
    Transaction tx(*c);
    second_began = true;
    c->prepare("INSERT INTO t VALUES ('second')").run();
    tx.commit();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_FALSE(second_began) << "began while another transaction was open";
  finish.set_value();
  holder.join();
  second.join();
  EXPECT_EQ(writers(), (std::vector<std::string>{"first", "second"}));
}

// The group committer comes back for its next batch the moment it is done: writers that were
// already waiting go first, in the order they came, so that none of them is kept out.
TEST(WriterGate, WritersPassInTheOrderTheyCame) {
  WriterGate gate;
  const auto forever = std::chrono::milliseconds(60'000);
  ASSERT_TRUE(gate.enter(forever));
  std::mutex order_mutex;
  std::vector<std::string> order;
  auto writer = [&](std::string name) {
    return std::thread([&, name] {
      ASSERT_TRUE(gate.enter(forever));
      {
        std::lock_guard lock(order_mutex);
        order.push_back(name);
      }
      gate.leave();
    });
  };
  auto wait_for_waiting = [&](std::size_t n) {
    while (gate.waiting() < n) std::this_thread::yield();
  };
  std::thread b = writer("b");
  wait_for_waiting(1);
  std::thread c = writer("c");
  wait_for_waiting(2);
  gate.leave();
  ASSERT_TRUE(gate.enter(forever));  // at once again, as the committer does
  {
    std::lock_guard lock(order_mutex);
    order.push_back("a again");
  }
  gate.leave();
  b.join();
  c.join();
  EXPECT_EQ(order, (std::vector<std::string>{"b", "c", "a again"}));
}

TEST(WriterGate, AWriterThatGivesUpLeavesTheLine) {
  WriterGate gate;
  ASSERT_TRUE(gate.enter(std::chrono::milliseconds(0)));
  EXPECT_TRUE(gate.enter(std::chrono::milliseconds(0))) << "the holder may pass again";
  gate.leave();
  EXPECT_FALSE(std::async(std::launch::async, [&] {
                 return gate.enter(std::chrono::milliseconds(20));
               }).get());
  EXPECT_EQ(gate.waiting(), 0u);
  gate.leave();
  EXPECT_TRUE(std::async(std::launch::async, [&] {
                bool in = gate.enter(std::chrono::milliseconds(0));
                if (in) gate.leave();
                return in;
              }).get());
}

}  // namespace
}  // namespace ln::store::sqlite
