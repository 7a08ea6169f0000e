// store::Connection against the test cluster: its transactions and savepoints, whose BEGIN,
// SAVEPOINT and RELEASE SAVEPOINT wait for the next statement and go with it in one round
// trip. What that must not change: what commits, what rolls back, and a session that is
// usable after a failure; and what it adds: a transaction in which nothing ran sends nothing,
// and one whose session was lost before anything was sent begins on the next session; and two
// statements sent as a pair run in order.
#define BOOST_TEST_MODULE connection
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <string>
#include <thread>

#include "shared_stack.hpp"
#include "store/connection.hpp"

using capi::store::Connection;
using capi::store::DbError;
using capi::store::ErrorKind;
using capi::store::Statement;
using capi::test::stack;

using capi::test::SharedStack;
BOOST_TEST_GLOBAL_FIXTURE(SharedStack);

namespace {

constexpr Statement kCreate{"connection_test_create",
                            "CREATE TABLE IF NOT EXISTS connection_test_rows (v text UNIQUE)"};
constexpr Statement kInsert{"connection_test_insert",
                            "INSERT INTO connection_test_rows (v) VALUES ($1)"};
constexpr Statement kCount{"connection_test_count",
                           "SELECT count(*) FROM connection_test_rows WHERE v = $1"};
constexpr Statement kIsolation{"connection_test_isolation",
                               "SELECT current_setting('transaction_isolation')"};
constexpr Statement kPid{"connection_test_pid", "SELECT pg_backend_pid()"};

// A connection as the schema's owner, with the test table.
Connection& db() {
  static Connection connection(stack().postgres().owner_url(), "connection-test");
  static const bool created = (connection.exec(kCreate, {}), true);
  (void)created;
  return connection;
}

// Counted on another connection: what is committed.
long long committed(const std::string& value) {
  return std::stoll(stack().postgres().psql(
      "SELECT count(*) FROM connection_test_rows WHERE v = '" + value + "'"));
}

std::string unique(const std::string& name) {
  static int serial = 0;
  return name + "-" + std::to_string(::getpid()) + "-" + std::to_string(++serial);
}

}  // namespace

BOOST_AUTO_TEST_CASE(a_transaction_in_which_nothing_ran_sends_nothing) {
  // No server at all: had anything been sent, connecting would have failed.
  Connection nowhere("host=/nonexistent dbname=nowhere connect_timeout=1");
  {
    Connection::Transaction outer(nowhere);
    {
      Connection::Transaction inner(nowhere);
      inner.commit();
    }
    { const Connection::Transaction rolled_back(nowhere); }
    outer.commit();
  }
  { const Connection::Transaction rolled_back(nowhere, Connection::Isolation::kSnapshot); }
  BOOST_TEST(!nowhere.connected());
}

BOOST_AUTO_TEST_CASE(begin_goes_with_the_first_statement_and_commit_keeps_it) {
  const std::string value = unique("commit");
  {
    Connection::Transaction snapshot(db(), Connection::Isolation::kSnapshot);
    BOOST_TEST(db().exec(kIsolation, {}).str(0, 0) == "repeatable read");
    BOOST_CHECK_THROW(db().exec(kInsert, {value}), DbError);  // read only
  }
  Connection::Transaction transaction(db());
  BOOST_TEST(db().exec(kIsolation, {}).str(0, 0) == "read committed");
  db().exec(kInsert, {value});
  BOOST_TEST(committed(value) == 0);  // not before the commit
  transaction.commit();
  BOOST_TEST(committed(value) == 1);
}

BOOST_AUTO_TEST_CASE(a_savepoint_rolled_back_undoes_only_its_own_writes) {
  const std::string kept = unique("kept");
  const std::string undone = unique("undone");
  const std::string after = unique("after");
  {
    Connection::Transaction outer(db());
    db().exec(kInsert, {kept});
    {
      const Connection::Transaction inner(db());
      db().exec(kInsert, {undone});
    }
    db().exec(kInsert, {after});
    outer.commit();
  }
  BOOST_TEST(committed(kept) == 1);
  BOOST_TEST(committed(undone) == 0);
  BOOST_TEST(committed(after) == 1);
}

BOOST_AUTO_TEST_CASE(a_failure_inside_a_savepoint_leaves_the_outer_transaction_usable) {
  const std::string first = unique("first");
  const std::string second = unique("second");
  {
    Connection::Transaction outer(db());
    db().exec(kInsert, {first});
    try {
      Connection::Transaction inner(db());
      db().exec(kInsert, {first});  // a unique violation
      inner.commit();
      BOOST_FAIL("the duplicate was accepted");
    } catch (const DbError& error) {
      BOOST_TEST((error.kind() == ErrorKind::kUniqueViolation));
    }
    db().exec(kInsert, {second});
    outer.commit();
  }
  BOOST_TEST(committed(first) == 1);
  BOOST_TEST(committed(second) == 1);
}

// A released savepoint's RELEASE waits for the next statement; when that statement fails, the
// rollback must still end the transaction (a queued RELEASE would fail in it) and leave a
// session that runs the next request.
BOOST_AUTO_TEST_CASE(a_failure_after_a_released_savepoint_rolls_back_everything) {
  const std::string value = unique("released");
  try {
    Connection::Transaction outer(db());
    {
      Connection::Transaction inner(db());
      db().exec(kInsert, {value});
      inner.commit();
    }
    db().exec(kInsert, {value});  // a unique violation, sent with the RELEASE
    outer.commit();
    BOOST_FAIL("the duplicate was accepted");
  } catch (const DbError& error) {
    BOOST_TEST((error.kind() == ErrorKind::kUniqueViolation));
  }
  BOOST_TEST(committed(value) == 0);
  BOOST_TEST(db().exec(kCount, {value}).integer(0, 0) == 0);  // not an aborted transaction
  BOOST_TEST(db().exec(kIsolation, {}).str(0, 0) == "read committed");
}

// The worker checks its session before each request (drop_if_closed); a transaction begun
// before the check and not sent yet begins on the new session.
BOOST_AUTO_TEST_CASE(a_session_lost_before_anything_was_sent_loses_nothing) {
  const std::string value = unique("resent");
  const std::string pid = db().exec(kPid, {}).str(0, 0);
  Connection::Transaction transaction(db());
  stack().postgres().psql("SELECT pg_terminate_backend(" + pid + ")");
  for (int i = 0; i < 100 && db().connected(); ++i) {
    db().drop_if_closed();
    if (db().connected()) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  BOOST_TEST_REQUIRE(!db().connected());
  db().exec(kInsert, {value});
  BOOST_TEST(db().exec(kPid, {}).str(0, 0) != pid);
  transaction.commit();
  BOOST_TEST(committed(value) == 1);
}

// Two statements in one round trip: the second starts when the first has finished (it sees
// the first's write), and is not run when the first fails.
BOOST_AUTO_TEST_CASE(a_pair_runs_in_order_and_stops_at_a_failure) {
  const std::string value = unique("pair");
  {
    Connection::Transaction transaction(db());
    const auto [inserted, counted] = db().exec_pair(kInsert, {value}, kCount, {value});
    BOOST_TEST(inserted.affected() == 1);
    BOOST_TEST(counted.integer(0, 0) == 1);
    transaction.commit();
  }
  BOOST_TEST(committed(value) == 1);
  const std::string skipped = unique("skipped");
  try {
    db().exec_pair(kInsert, {value}, kInsert, {skipped});  // the first is a unique violation
    BOOST_FAIL("the duplicate was accepted");
  } catch (const DbError& error) {
    BOOST_TEST((error.kind() == ErrorKind::kUniqueViolation));
  }
  BOOST_TEST(committed(skipped) == 0);
  BOOST_TEST(db().exec(kCount, {skipped}).integer(0, 0) == 0);  // the session goes on
}

// A statement sent ahead: its result is the one received, its writes are made in the
// caller's transaction, and its failure is thrown by receive() as exec would throw it.
BOOST_AUTO_TEST_CASE(a_statement_sent_ahead_is_received_later) {
  const std::string value = unique("ahead");
  {
    Connection::Transaction transaction(db());
    db().send_ahead(kInsert, {value});
    BOOST_TEST(db().receive().affected() == 1);
    db().send_ahead(kCount, {value});
    BOOST_TEST(db().receive().integer(0, 0) == 1);
    transaction.commit();
  }
  BOOST_TEST(committed(value) == 1);
  db().send_ahead(kInsert, {value});  // a unique violation
  try {
    db().receive();
    BOOST_FAIL("the duplicate was accepted");
  } catch (const DbError& error) {
    BOOST_TEST((error.kind() == ErrorKind::kUniqueViolation));
    // Named as exec names it: by the statement, not by the call that read its result.
    BOOST_TEST(std::string(error.what()).rfind(std::string(kInsert.name) + ": ", 0) == 0u);
  }
  BOOST_CHECK_THROW(db().receive(), DbError);  // nothing was sent ahead any more
  BOOST_TEST(db().exec(kCount, {value}).integer(0, 0) == 1);
}

// A caller that stops reading (an export whose client went away) leaves a statement in
// flight: the next use of the connection waits for it, and the session goes on, its
// transaction rolled back as usual.
BOOST_AUTO_TEST_CASE(a_statement_sent_ahead_and_never_received_is_discarded) {
  const std::string value = unique("abandoned");
  {
    Connection::Transaction transaction(db());
    db().send_ahead(kInsert, {value});
  }  // rolled back with the insert it ran
  BOOST_TEST(committed(value) == 0);
  db().send_ahead(kCount, {value});
  db().drop_if_closed();  // before the next request: the session is healthy, not dropped
  BOOST_TEST(db().connected());
  BOOST_TEST(db().exec(kCount, {value}).integer(0, 0) == 0);
}

// A write queued for the COMMIT's round trip: committed with it, dropped by a rollback, and
// when it fails the COMMIT fails too and nothing of the transaction stays.
BOOST_AUTO_TEST_CASE(a_write_sent_with_the_commit_commits_or_fails_with_it) {
  const std::string alone = unique("later-alone");
  {
    Connection::Transaction transaction(db());  // BEGIN, the write and COMMIT: one round trip
    db().exec_later(kInsert, {alone});
    BOOST_TEST(committed(alone) == 0);  // not sent yet
    transaction.commit();
  }
  BOOST_TEST(committed(alone) == 1);

  const std::string dropped = unique("later-dropped");
  {
    Connection::Transaction transaction(db());
    db().exec(kCount, {dropped});
    db().exec_later(kInsert, {dropped});
  }  // rolled back
  BOOST_TEST(committed(dropped) == 0);

  const std::string before = unique("later-before");
  try {
    Connection::Transaction transaction(db());
    db().exec(kInsert, {before});
    db().exec_later(kInsert, {alone});  // a unique violation, found at the commit
    transaction.commit();
    BOOST_FAIL("the duplicate was accepted");
  } catch (const DbError& error) {
    BOOST_TEST((error.kind() == ErrorKind::kUniqueViolation));
  }
  BOOST_TEST(committed(before) == 0);
  BOOST_TEST(db().exec(kCount, {before}).integer(0, 0) == 0);  // the session goes on

  BOOST_CHECK_THROW(db().exec_later(kInsert, {unique("later-outside")}), DbError);
}

// A transaction or savepoint that only queued writes never reached the server: rolled back,
// its writes are dropped and nothing is sent for it. A ROLLBACK TO a savepoint that was
// never made would fail and abort the enclosing transaction.
BOOST_AUTO_TEST_CASE(a_transaction_of_queued_writes_alone_rolls_back_without_a_trace) {
  const std::string kept = unique("later-kept");
  const std::string inner = unique("later-inner");
  {
    Connection::Transaction outer(db());
    db().exec(kInsert, {kept});  // the outer transaction has begun on the server
    {
      Connection::Transaction savepoint(db());
      db().exec_later(kInsert, {inner});
    }  // rolled back before anything of it was sent
    BOOST_TEST(db().exec(kCount, {kept}).integer(0, 0) == 1);  // still a live transaction
    outer.commit();
  }
  BOOST_TEST(committed(kept) == 1);
  BOOST_TEST(committed(inner) == 0);

  const std::string outer_only = unique("later-outer-only");
  {
    Connection::Transaction transaction(db());
    db().exec_later(kInsert, {outer_only});
  }  // rolled back: BEGIN and the write dropped, no lone ROLLBACK
  BOOST_TEST(committed(outer_only) == 0);
  BOOST_TEST(db().exec(kCount, {outer_only}).integer(0, 0) == 0);  // the session goes on
}
