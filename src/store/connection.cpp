#include "store/connection.hpp"

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <charconv>

namespace capi::store {
namespace {

constexpr int kConnectTimeoutSeconds = 2;

std::string first_line(const char* message) {
  std::string text = message == nullptr ? "" : message;
  const auto newline = text.find('\n');
  if (newline != std::string::npos) text.resize(newline);
  return text;
}

// A statement's parameters as libpq takes them: text, NUL-terminated, so each is an owned
// copy; reserve() keeps the copies where they are, so the pointers stay valid (and the
// object is never moved: a short string's text moves with it).
class BoundParams {
 public:
  explicit BoundParams(const std::vector<Param>& params) : values_(params.size(), nullptr) {
    owned_.reserve(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) {
      if (params[i]) values_[i] = owned_.emplace_back(*params[i]).c_str();
    }
  }
  // Values owned by the caller (a queued statement's), pointed at rather than copied.
  explicit BoundParams(const std::vector<std::optional<std::string>>& values)
      : values_(values.size(), nullptr) {
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (values[i]) values_[i] = values[i]->c_str();
    }
  }
  BoundParams(const BoundParams&) = delete;
  BoundParams& operator=(const BoundParams&) = delete;
  int count() const { return static_cast<int>(values_.size()); }
  const char* const* values() const { return values_.data(); }

 private:
  std::vector<std::string> owned_;
  std::vector<const char*> values_;
};

int result_format(const Statement& statement) {
  return statement.format == ResultFormat::kBinary ? 1 : 0;
}

bool reused(const Statement& statement) {
  return statement.planning == Planning::kReused;
}

// Runs the statement and waits for its result.
PGresult* execute(PGconn* conn, const Statement& statement, const BoundParams& params) {
  return reused(statement)
             ? PQexecPrepared(conn, statement.name, params.count(), params.values(), nullptr,
                              nullptr, result_format(statement))
             : PQexecParams(conn, statement.sql, params.count(), nullptr, params.values(), nullptr,
                            nullptr, result_format(statement));
}

// Sends the statement without waiting (in pipeline mode, or ahead); 1 when sent.
int send(PGconn* conn, const Statement& statement, const BoundParams& params) {
  return reused(statement)
             ? PQsendQueryPrepared(conn, statement.name, params.count(), params.values(), nullptr,
                                   nullptr, result_format(statement))
             : PQsendQueryParams(conn, statement.sql, params.count(), nullptr, params.values(),
                                 nullptr, nullptr, result_format(statement));
}

bool succeeded(const PGresult* result) {
  const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  return status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK;
}

// The keywords PQconnectdbParams takes: the configured conninfo (expanded: a URI or
// key=value text), then ours, which take precedence over the same keys in it.
class ConnectParams {
 public:
  ConnectParams(const std::string& conninfo, const std::string& application_name,
                const SessionLimits& limits) {
    add("dbname", conninfo);
    add("connect_timeout", std::to_string(kConnectTimeoutSeconds));
    add("application_name", application_name);
    std::string options;
    const auto setting = [&](const char* name, std::chrono::milliseconds value) {
      if (value.count() > 0)
        options += std::string(" -c ") + name + "=" + std::to_string(value.count());
    };
    setting("statement_timeout", limits.statement_timeout);
    setting("lock_timeout", limits.lock_timeout);
    setting("idle_in_transaction_session_timeout", limits.idle_in_transaction_timeout);
    if (limits.peer_timeout.count() > 0) {
      const long seconds = std::max<long>(3, limits.peer_timeout.count() / 1000);
      setting("client_connection_check_interval", std::chrono::milliseconds(1000));
      add("keepalives", "1");
      add("keepalives_idle", std::to_string(seconds / 3));  // idle + count x interval < peer
      add("keepalives_interval", std::to_string(std::max<long>(1, seconds / 6)));
      add("keepalives_count", "3");
      add("tcp_user_timeout", std::to_string(limits.peer_timeout.count()));
    }
    if (!options.empty()) add("options", options.substr(1));
  }

  const char* const* keywords() {
    finish();
    return keyword_pointers_.data();
  }
  const char* const* values() {
    finish();
    return value_pointers_.data();
  }

 private:
  void add(const char* keyword, std::string value) {
    keywords_.emplace_back(keyword);
    values_.push_back(std::move(value));
  }
  void finish() {
    if (!keyword_pointers_.empty()) return;
    for (std::size_t i = 0; i < keywords_.size(); ++i) {
      keyword_pointers_.push_back(keywords_[i].c_str());
      value_pointers_.push_back(values_[i].c_str());
    }
    keyword_pointers_.push_back(nullptr);
    value_pointers_.push_back(nullptr);
  }

  std::vector<std::string> keywords_;
  std::vector<std::string> values_;
  std::vector<const char*> keyword_pointers_;
  std::vector<const char*> value_pointers_;
};

}  // namespace

ErrorKind classify_sqlstate(std::string_view sqlstate) {
  if (sqlstate == "23505") return ErrorKind::kUniqueViolation;
  if (sqlstate == "23503") return ErrorKind::kForeignKey;
  if (sqlstate == "23514" || sqlstate.substr(0, 2) == "22") return ErrorKind::kCheckViolation;
  if (sqlstate == "40001" || sqlstate == "40P01") return ErrorKind::kRetryable;
  // A statement or a lock wait cut short by its session limit: the database is too busy.
  if (sqlstate == "57014" || sqlstate == "55P03") return ErrorKind::kUnavailable;
  if (sqlstate.substr(0, 2) == "08" || sqlstate.substr(0, 2) == "53" || sqlstate == "57P01" ||
      sqlstate == "57P02" || sqlstate == "57P03") {
    return ErrorKind::kUnavailable;
  }
  return ErrorKind::kOther;
}

std::optional<std::string> Result::optional_str(int row, int column) const {
  if (is_null(row, column)) return std::nullopt;
  return str(row, column);
}

long long Result::integer(int row, int column) const {
  const auto value = text(row, column);
  long long number = 0;
  std::from_chars(value.data(), value.data() + value.size(), number);
  return number;
}

long Result::affected() const {
  const char* const tuples = PQcmdTuples(result_.get());
  return tuples == nullptr || *tuples == '\0' ? 0 : std::strtol(tuples, nullptr, 10);
}

Connection::Connection(std::string conninfo, std::string application_name, SessionLimits limits)
    : conninfo_(std::move(conninfo)),
      application_name_(std::move(application_name)),
      limits_(limits) {}

bool Connection::connected() const {
  return conn_ && PQstatus(conn_.get()) == CONNECTION_OK;
}

void Connection::reset() {
  conn_.reset();
  ahead_ = false;
  prepared_.clear();
  // Transactions of which nothing was sent lose nothing with the session: their BEGIN and
  // SAVEPOINTs go to the next one. Any other open transaction is gone.
  const auto unsent = std::count_if(queued_.begin(), queued_.end(),
                                    [](const Queued& queued) { return queued.opener != 0; });
  if (unsent == transaction_depth_) return;
  queued_.clear();
  transaction_depth_ = 0;
  ++session_;
}

void Connection::drop_if_closed() {
  if (!conn_) return;
  settle();  // a result not received would read as the server talking unasked
  const int fd = PQsocket(conn_.get());
  char byte = 0;
  const ssize_t got = fd < 0 ? 0 : ::recv(fd, &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  // Nothing to read is the healthy idle state. The end of the stream, or anything the server
  // sent unasked (its FATAL message before it closed), means the session is gone: reconnect
  // rather than fail this request's first statement. (A rare harmless message costs one
  // reconnection.)
  const bool idle = got < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR);
  if (!idle) reset();
}

void Connection::ensure_connected() {
  settle();
  if (connected()) return;
  reset();
  const auto now = std::chrono::steady_clock::now();
  if (now < next_attempt_) {
    throw DbError(ErrorKind::kUnavailable, "08006", "database unreachable (retrying shortly)");
  }
  ConnectParams params(conninfo_, application_name_, limits_);
  conn_.reset(PQconnectdbParams(params.keywords(), params.values(), 1));
  if (!connected()) {
    const std::string message =
        conn_ ? first_line(PQerrorMessage(conn_.get())) : std::string("out of memory");
    reset();
    next_attempt_ = now + retry_interval_;
    throw DbError(ErrorKind::kUnavailable, "08006", "cannot connect to the database: " + message);
  }
}

void Connection::fail(PGresult* result, const char* what) {
  const std::unique_ptr<PGresult, PGresultDeleter> owner(result);
  const char* const state = result ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  const char* const constraint =
      result ? PQresultErrorField(result, PG_DIAG_CONSTRAINT_NAME) : nullptr;
  std::string sqlstate = state ? state : "";
  const bool lost = !conn_ || PQstatus(conn_.get()) != CONNECTION_OK;
  if (sqlstate.empty() && lost) sqlstate = "08006";
  const ErrorKind kind = lost ? ErrorKind::kUnavailable : classify_sqlstate(sqlstate);
  std::string message = std::string(what) + ": " +
                        first_line(result ? PQresultErrorMessage(result)
                                          : (conn_ ? PQerrorMessage(conn_.get()) : ""));
  if (kind == ErrorKind::kUnavailable) reset();
  throw DbError(kind, std::move(sqlstate), message, constraint ? constraint : "");
}

void Connection::prepare(const Statement& statement) {
  if (!reused(statement) || prepared_.count(statement.name) != 0) return;
  PGresult* const prepared = PQprepare(conn_.get(), statement.name, statement.sql, 0, nullptr);
  if (prepared == nullptr || PQresultStatus(prepared) != PGRES_COMMAND_OK) {
    fail(prepared, statement.name);
  }
  PQclear(prepared);
  prepared_.insert(statement.name);
}

Result Connection::run(const Statement& statement, const std::vector<Param>& params) {
  ensure_connected();
  prepare(statement);
  const BoundParams bound(params);
  PGresult* const result =
      queued_.empty()
          ? execute(conn_.get(), statement, bound)
          : run_queued(statement.name, {[&](PGconn* conn) { return send(conn, statement, bound); }})
                .front()
                .release();
  if (!succeeded(result)) fail(result, statement.name);
  return Result(result);
}

std::pair<Result, Result> Connection::exec_pair(const Statement& first,
                                                const std::vector<Param>& first_params,
                                                const Statement& second,
                                                const std::vector<Param>& second_params) {
  ensure_connected();
  prepare(first);
  prepare(second);
  const BoundParams first_bound(first_params);
  const BoundParams second_bound(second_params);
  auto results =
      run_queued(first.name, {[&](PGconn* conn) { return send(conn, first, first_bound); },
                              [&](PGconn* conn) { return send(conn, second, second_bound); }});
  if (!succeeded(results[0].get())) fail(results[0].release(), first.name);
  if (!succeeded(results[1].get())) fail(results[1].release(), second.name);
  return {Result(results[0].release()), Result(results[1].release())};
}

Result Connection::exec(const Statement& statement, std::initializer_list<Param> params) {
  return run(statement, std::vector<Param>(params));
}

Result Connection::exec(const Statement& statement, const std::vector<Param>& params) {
  return run(statement, params);
}

std::vector<std::unique_ptr<PGresult, PGresultDeleter>> Connection::run_queued(
    const char* what, const std::vector<std::function<int(PGconn*)>>& senders) {
  // A queued statement's session may be new (its transaction had sent nothing): prepared
  // here, before the pipeline, if it is not yet.
  for (const auto& entry : queued_) {
    if (entry.statement != nullptr) prepare(*entry.statement);
  }
  std::vector<Queued> queued;
  queued.swap(queued_);  // sent now, whatever becomes of them
  PGconn* const conn = conn_.get();
  if (PQenterPipelineMode(conn) != 1) broken_pipeline(what);
  bool sent = true;
  for (const auto& entry : queued) {
    if (entry.statement != nullptr) {
      const BoundParams bound(entry.values);
      sent = sent && send(conn, *entry.statement, bound) == 1;
    } else {
      sent = sent && PQsendQueryParams(conn, entry.sql.c_str(), 0, nullptr, nullptr, nullptr,
                                       nullptr, 0) == 1;
    }
  }
  for (const auto& sender : senders) sent = sent && sender(conn) == 1;
  if (!sent || PQpipelineSync(conn) != 1) broken_pipeline(what);
  // Each statement's result, then nullptr; after all of them the sync. A statement after a
  // failed one is not run (PGRES_PIPELINE_ABORTED).
  std::unique_ptr<PGresult, PGresultDeleter> failed;
  std::vector<std::unique_ptr<PGresult, PGresultDeleter>> results;
  results.reserve(senders.size());
  for (std::size_t i = 0; i < queued.size() + senders.size(); ++i) {
    PGresult* const result = PQgetResult(conn);
    if (result == nullptr) broken_pipeline(what);
    if (i >= queued.size()) {
      results.emplace_back(result);
    } else if (PQresultStatus(result) != PGRES_COMMAND_OK && !failed) {
      failed.reset(result);
    } else {
      PQclear(result);
    }
    while (PGresult* const rest = PQgetResult(conn)) PQclear(rest);
  }
  PGresult* const sync = PQgetResult(conn);
  const bool synced = sync != nullptr && PQresultStatus(sync) == PGRES_PIPELINE_SYNC;
  PQclear(sync);
  if (!synced || PQexitPipelineMode(conn) != 1) broken_pipeline(what);
  if (failed) fail(failed.release(), what);
  return results;
}

void Connection::broken_pipeline(const char* what) {
  std::string message =
      std::string(what) + ": pipeline: " + first_line(conn_ ? PQerrorMessage(conn_.get()) : "");
  reset();
  throw DbError(ErrorKind::kUnavailable, "08006", message);
}

void Connection::flush_queued() {
  if (!queued_.empty()) run_queued("queued", {});
}

void Connection::control(const std::string& sql, bool after_queued) {
  if (!after_queued) queued_.clear();
  if (queued_.empty()) {
    exec_script(sql.c_str());
    return;
  }
  ensure_connected();
  const auto send_text = [&](PGconn* conn) {
    return PQsendQueryParams(conn, sql.c_str(), 0, nullptr, nullptr, nullptr, nullptr, 0);
  };
  PGresult* const result = run_queued(sql.c_str(), {send_text}).front().release();
  if (!succeeded(result)) fail(result, sql.c_str());
  PQclear(result);
}

void Connection::exec_later(const Statement& statement, const std::vector<Param>& params) {
  if (transaction_depth_ == 0) {
    throw DbError(ErrorKind::kOther, "XX000", "exec_later outside a transaction");
  }
  Queued entry{{}, 0, &statement, {}};
  entry.values.reserve(params.size());
  for (const auto& param : params) {
    entry.values.push_back(param ? std::optional<std::string>(*param) : std::nullopt);
  }
  queued_.push_back(std::move(entry));
}

void Connection::send_ahead(const Statement& statement, const std::vector<Param>& params) {
  ensure_connected();
  flush_queued();
  prepare(statement);
  const BoundParams bound(params);
  if (send(conn_.get(), statement, bound) != 1) fail(nullptr, statement.name);
  ahead_ = true;
  ahead_name_ = statement.name;
}

Result Connection::receive() {
  if (!ahead_ || !conn_) {
    throw DbError(ErrorKind::kOther, "XX000", "receive: nothing was sent ahead");
  }
  ahead_ = false;
  PGresult* const result = PQgetResult(conn_.get());
  // The statement's result, then nullptr (read, so that the connection is idle again).
  while (PGresult* const rest = PQgetResult(conn_.get())) PQclear(rest);
  if (!succeeded(result)) fail(result, ahead_name_.c_str());
  return Result(result);
}

void Connection::settle() noexcept {
  if (!ahead_) return;
  ahead_ = false;
  if (!conn_) return;
  while (PGresult* const result = PQgetResult(conn_.get())) PQclear(result);
}

Result Connection::exec_script(const char* sql) {
  ensure_connected();
  flush_queued();
  PGresult* const result = PQexec(conn_.get(), sql);
  const auto status = result ? PQresultStatus(result) : PGRES_FATAL_ERROR;
  if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) fail(result, "script");
  return Result(result);
}

void Connection::begin_copy(const char* sql) {
  ensure_connected();
  flush_queued();
  PGresult* const result = PQexec(conn_.get(), sql);
  if (result == nullptr || PQresultStatus(result) != PGRES_COPY_IN) fail(result, "copy");
  PQclear(result);
}

void Connection::put_copy_data(std::string_view data) {
  if (!conn_ || PQputCopyData(conn_.get(), data.data(), static_cast<int>(data.size())) != 1) {
    fail(nullptr, "copy data");
  }
}

long Connection::end_copy() {
  if (!conn_ || PQputCopyEnd(conn_.get(), nullptr) != 1) fail(nullptr, "copy end");
  long rows = 0;
  // The copy's own result, then nullptr; an error result is thrown after draining.
  std::unique_ptr<PGresult, PGresultDeleter> failed;
  while (PGresult* const result = PQgetResult(conn_.get())) {
    if (PQresultStatus(result) == PGRES_COMMAND_OK) {
      rows = Result(result).affected();
    } else if (!failed) {
      failed.reset(result);
    } else {
      PQclear(result);
    }
  }
  if (failed) fail(failed.release(), "copy");
  return rows;
}

void Connection::abort_copy(const char* reason) noexcept {
  if (!conn_) return;
  if (PQputCopyEnd(conn_.get(), reason) == 1) {
    while (PGresult* const result = PQgetResult(conn_.get())) PQclear(result);
  }
}

Connection::Transaction::Transaction(Connection& connection, Isolation isolation)
    : connection_(connection),
      depth_(connection.transaction_depth_),
      session_(connection.session_),
      opener_(++connection.openers_) {
  std::string sql = depth_ > 0 ? "SAVEPOINT capi_" + std::to_string(depth_)
                    : isolation == Isolation::kSnapshot
                        ? "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY"
                        : "BEGIN";
  connection_.queued_.push_back({std::move(sql), opener_});
  ++connection_.transaction_depth_;
}

bool Connection::Transaction::unsent() const {
  return same_session() && !connection_.queued_.empty() &&
         connection_.queued_.back().opener == opener_;
}

std::optional<std::size_t> Connection::Transaction::queued_opener() const {
  if (!same_session()) return std::nullopt;
  const auto& queued = connection_.queued_;
  for (std::size_t at = 0; at < queued.size(); ++at) {
    if (queued[at].opener == opener_) return at;
  }
  return std::nullopt;
}

Connection::Transaction::~Transaction() {
  if (!open_) return;
  const auto opener_at = queued_opener();
  close();
  if (!same_session()) return;  // the session ended, and its transaction with it
  if (opener_at) {
    // Never begun on the server: what it queued is dropped, and there is nothing to roll
    // back (a ROLLBACK TO a savepoint never made would abort the enclosing transaction).
    auto& queued = connection_.queued_;
    queued.erase(queued.begin() + static_cast<std::ptrdiff_t>(*opener_at), queued.end());
    return;
  }
  try {
    if (!connection_.connected()) return;
    // What is queued is this transaction's own (inner savepoints' RELEASEs, statements of
    // exec_later): the rollback undoes them anyway (and they would fail in a transaction that
    // an error aborted).
    connection_.control(depth_ == 0 ? std::string("ROLLBACK")
                                    : "ROLLBACK TO SAVEPOINT capi_" + std::to_string(depth_),
                        false);
  } catch (const DbError&) {
    // The connection is already reset by fail(); nothing else to undo.
  }
}

void Connection::Transaction::commit() {
  if (!same_session()) {
    close();
    throw DbError(ErrorKind::kUnavailable, "08006", "the transaction's session was lost");
  }
  if (unsent()) {
    connection_.queued_.pop_back();  // nothing ran in it: nothing to commit
  } else if (depth_ == 0) {
    connection_.control("COMMIT", true);
  } else {
    connection_.queued_.push_back({"RELEASE SAVEPOINT capi_" + std::to_string(depth_), 0});
  }
  close();
}

void Connection::Transaction::close() {
  open_ = false;
  if (same_session()) connection_.transaction_depth_ = depth_;
}

}  // namespace capi::store
