// One PostgreSQL connection owned by one worker: connects lazily, reconnects after the
// server went away, prepares each statement once per connection, and turns errors into typed
// exceptions decided by SQLSTATE. Callers never touch a raw PGresult.
#pragma once

#include <libpq-fe.h>

#include <chrono>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace capi::store {

// How a statement is planned. kReused: prepared once per connection under its name; after a
// few executions PostgreSQL keeps a generic plan (right for a lookup by key, whose plan never
// depends on the values). kPerExecution: sent unnamed with its values each time, so every
// execution is planned for its values (a listing or search with optional filters, where a
// generic plan cannot pick the index the values call for; measured 25-40 % slower).
enum class Planning { kReused, kPerExecution };

// How a statement's rows come back. kText: PostgreSQL's text output (what Result's readers
// parse). kBinary: each type's binary send form (big-endian integers, raw bytea, timestamps
// in microseconds since 2000; binary_fields.hpp reads them): no output function runs on the
// server and nothing is parsed from text in the worker (the bulk export).
enum class ResultFormat { kText, kBinary };

// A named statement with $n parameters; names are unique across the store.
struct Statement {
  const char* name;
  const char* sql;
  Planning planning = Planning::kReused;
  ResultFormat format = ResultFormat::kText;
};

enum class ErrorKind {
  kUniqueViolation,  // 23505
  kForeignKey,       // 23503
  kCheckViolation,   // 23514, 22xxx data errors
  kRetryable,        // 40001, 40P01
  kUnavailable,      // class 08, 57P0x, 53xxx: the database is down or overloaded
  kOther,
};

ErrorKind classify_sqlstate(std::string_view sqlstate);

// A database failure. what() is for the log only: never sent to a client.
class DbError : public std::runtime_error {
 public:
  DbError(ErrorKind kind, std::string sqlstate, const std::string& message,
          std::string constraint = {})
      : std::runtime_error(message),
        kind_(kind),
        sqlstate_(std::move(sqlstate)),
        constraint_(std::move(constraint)) {}
  ErrorKind kind() const { return kind_; }
  const std::string& sqlstate() const { return sqlstate_; }
  const std::string& constraint() const { return constraint_; }

 private:
  ErrorKind kind_;
  std::string sqlstate_;
  std::string constraint_;
};

struct PGresultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
struct PGconnDeleter {
  void operator()(PGconn* conn) const { PQfinish(conn); }
};

// The rows of a successful statement, in the statement's ResultFormat (text unless it asked
// for binary: then text() is the field's raw bytes).
class Result {
 public:
  explicit Result(PGresult* result) : result_(result) {}
  int rows() const { return PQntuples(result_.get()); }
  int columns() const { return PQnfields(result_.get()); }
  bool empty() const { return rows() == 0; }
  bool is_null(int row, int column) const { return PQgetisnull(result_.get(), row, column) != 0; }
  std::string_view text(int row, int column) const {
    return {PQgetvalue(result_.get(), row, column),
            static_cast<std::size_t>(PQgetlength(result_.get(), row, column))};
  }
  std::string str(int row, int column) const { return std::string(text(row, column)); }
  std::optional<std::string> optional_str(int row, int column) const;
  long long integer(int row, int column) const;
  bool boolean(int row, int column) const { return text(row, column) == "t"; }
  long affected() const;

 private:
  std::unique_ptr<PGresult, PGresultDeleter> result_;
};

using Param = std::optional<std::string_view>;  // nullopt is SQL NULL

// What the server lets one session spend, set when it connects (the service's workers; the
// command-line tools run without them). Zero leaves the server's setting.
struct SessionLimits {
  std::chrono::milliseconds statement_timeout{0};            // a statement is cancelled after this
  std::chrono::milliseconds lock_timeout{0};                 // a lock wait gives up after this
  std::chrono::milliseconds idle_in_transaction_timeout{0};  // the server ends such a session
  // A peer that stops answering (network partition) is given up after about this long, by
  // TCP keepalives and TCP_USER_TIMEOUT on our side and by the server's own checks on its side
  // (client_connection_check_interval: a backend whose worker died stops its query).
  std::chrono::milliseconds peer_timeout{0};
};

class Connection {
 public:
  explicit Connection(std::string conninfo, std::string application_name = "customer-api",
                      SessionLimits limits = {});

  // Connects if not connected; throws DbError(kUnavailable) if the server cannot be reached.
  // After a failed attempt, further attempts within `retry_interval` fail at once.
  void ensure_connected();
  bool connected() const;

  // Runs a prepared statement (prepared on first use on this connection).
  Result exec(const Statement& statement, std::initializer_list<Param> params);
  Result exec(const Statement& statement, const std::vector<Param>& params);
  // Runs `first` and then `second` in one round trip (libpq's pipeline mode). The second
  // starts when the first has finished, so in READ COMMITTED it sees what committed before
  // then (a lock the first took is held), whatever the first returned; it is not run when
  // the first fails. Outside a transaction the two are one implicit transaction.
  std::pair<Result, Result> exec_pair(const Statement& first,
                                      const std::vector<Param>& first_params,
                                      const Statement& second,
                                      const std::vector<Param>& second_params);
  // Queues a write whose result nobody reads (an Idempotency-Key's record): it is sent with
  // the connection's next statement or COMMIT, in the same round trip, and its failure is
  // thrown there (the COMMIT after a failed one is not run). Only inside a Transaction.
  void exec_later(const Statement& statement, const std::vector<Param>& params);

  // Runs SQL text that takes no parameters (migrations, settings); may hold several
  // statements.
  Result exec_script(const char* sql);

  // Reading ahead (a cursor's FETCHes): send_ahead sends a statement and returns without
  // waiting; receive() waits for its result and returns it, throwing as exec does. Between
  // the two the server computes while the caller works on what it received before. One
  // statement at a time; any other use of the connection first waits for the statement sent
  // ahead and discards its result (a caller that stopped reading, an exception on its way).
  void send_ahead(const Statement& statement, const std::vector<Param>& params);
  Result receive();

  // Drops the connection so that the next call reconnects.
  void reset();
  // Called before a request runs anything: a connection whose server side went away while
  // it sat idle (a terminated backend, a restarted server) is noticed now, with one
  // non-blocking read, and dropped, so that the request reconnects instead of failing.
  void drop_if_closed();

  // COPY ... FROM STDIN (bulk loads): begin_copy runs the statement (constant SQL text, no
  // values in it), put_copy_data streams data in the statement's format, end_copy finishes
  // and returns the number of rows; abort_copy makes the server refuse the copy (the
  // transaction then fails). Nothing else may run on the connection in between.
  void begin_copy(const char* sql);
  void put_copy_data(std::string_view data);
  long end_copy();
  void abort_copy(const char* reason) noexcept;

  // A transaction that rolls back unless committed. Nestable: one begun inside another is a
  // savepoint of it (commit releases the savepoint, the destructor rolls back to it), so that
  // a handler's own transaction joins the one around it (an Idempotency-Key's, whose record
  // must commit with the effect) and nothing commits before the outermost does. A savepoint,
  // not a plain join: a statement that fails inside (a unique violation that a handler
  // answers by reading again) leaves the outer transaction usable, as it would be alone.
  // kSnapshot: a read-only transaction whose statements all see one snapshot (REPEATABLE
  // READ), for reads whose figures must agree with each other; inside another transaction it
  // is a savepoint of that one, with that one's isolation.
  //
  // Round trips: BEGIN, SAVEPOINT and RELEASE SAVEPOINT are not sent on their own. They wait
  // for the connection's next statement (or COMMIT) and go with it in one round trip (libpq's
  // pipeline mode), and a transaction that ends before any statement sends nothing at all.
  enum class Isolation { kReadCommitted, kSnapshot };
  class Transaction {
   public:
    explicit Transaction(Connection& connection, Isolation isolation = Isolation::kReadCommitted);
    Transaction(const Transaction&) = delete;
    Transaction& operator=(const Transaction&) = delete;
    ~Transaction();
    void commit();

   private:
    // Whether this transaction still belongs to the connection's current session.
    bool same_session() const { return session_ == connection_.session_; }
    // Whether its BEGIN or SAVEPOINT still waits to be sent with nothing after it (nothing
    // ran in it, nothing waits to run in it).
    bool unsent() const;
    // Where its BEGIN or SAVEPOINT waits in the queue, if it was never sent: then none of it
    // reached the server, and all that follows it in the queue is its own (exec_later's
    // writes, inner savepoints).
    std::optional<std::size_t> queued_opener() const;
    void close();

    Connection& connection_;
    int depth_;              // 0: the outermost (BEGIN/COMMIT); n: savepoint capi_n
    unsigned long session_;  // the connection's session when it began
    unsigned long opener_;   // its BEGIN or SAVEPOINT in the connection's queue
    bool open_ = true;
  };

 private:
  // What waits for the next statement: a Transaction's BEGIN or SAVEPOINT (opener: that
  // Transaction's number), a RELEASE SAVEPOINT (opener 0), or a statement of exec_later
  // (opener 0; `statement` set, its values owned here).
  struct Queued {
    std::string sql;
    unsigned long opener;
    const Statement* statement = nullptr;
    std::vector<std::optional<std::string>> values;
  };

  // Prepares a kReused statement on its first use in the session.
  void prepare(const Statement& statement);
  Result run(const Statement& statement, const std::vector<Param>& params);
  // Sends the queued statements and then what each of `senders` sends, in one round trip
  // (pipeline mode), and returns the senders' results, error results included; an error of a
  // queued statement is thrown.
  std::vector<std::unique_ptr<PGresult, PGresultDeleter>> run_queued(
      const char* what, const std::vector<std::function<int(PGconn*)>>& senders);
  // Anything unexpected in a pipeline leaves the session in a state not worth reading: it is
  // dropped, and the statement fails as the database being unavailable.
  [[noreturn]] void broken_pipeline(const char* what);
  // Sends the queued statements now (before a script or a COPY, which cannot join them).
  void flush_queued();
  // Waits for a statement sent ahead that nobody received, and discards its result.
  void settle() noexcept;
  // COMMIT or ROLLBACK [TO SAVEPOINT capi_N]: constant text and a savepoint's number, never a
  // request's value; after what is queued, in the same round trip.
  void control(const std::string& sql, bool after_queued);
  [[noreturn]] void fail(PGresult* result, const char* what);

  std::string conninfo_;
  std::string application_name_;
  SessionLimits limits_;
  std::unique_ptr<PGconn, PGconnDeleter> conn_;
  std::unordered_set<std::string> prepared_;
  int transaction_depth_ = 0;  // Transactions open on this session
  bool ahead_ = false;         // a statement was sent ahead and its result not read
  std::string ahead_name_;     // that statement's name, for the error receive() throws
  unsigned long session_ = 0;  // counts resets: a transaction of an earlier session is gone
  std::vector<Queued> queued_;
  unsigned long openers_ = 0;  // numbers the Transactions
  std::chrono::steady_clock::time_point next_attempt_{};
  std::chrono::milliseconds retry_interval_{200};
};

}  // namespace capi::store
