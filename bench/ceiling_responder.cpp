// The FastCGI ceilings of bench/run: a prefork responder (a master and N single-threaded
// workers accepting on one unix socket, as the service's pool) that does nothing but
//   (a) answer 200 with a fixed body (no --sql): the transport ceiling, or
//   (b) run one prepared statement per request (--sql FILE: $1 the business, $2 the last
//       segment of the request path) and print the row as JSON: the "nothing but the query"
//       ceiling. bench/run passes the service's own get-by-id SELECT, captured from the
//       database's log, prepared once per connection as the service prepares it.
//
//   ceiling-responder --socket PATH --workers N [--sql FILE --conninfo URL --business ID]
//
// SIGTERM or SIGINT stops it; a worker that dies stops it too (a ceiling must not limp).
#include <fcgiapp.h>
#include <fcntl.h>
#include <libpq-fe.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct Options {
  std::string socket;
  int workers = 4;
  std::string sql_file;  // empty: the empty responder
  std::string conninfo;
  std::string business;
};

std::optional<Options> parse_options(int argc, char** argv) {
  Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view name = argv[i];
    const std::string value = argv[i + 1];
    if (name == "--socket") {
      options.socket = value;
    } else if (name == "--workers") {
      options.workers = std::atoi(value.c_str());
    } else if (name == "--sql") {
      options.sql_file = value;
    } else if (name == "--conninfo") {
      options.conninfo = value;
    } else if (name == "--business") {
      options.business = value;
    } else {
      return std::nullopt;
    }
  }
  if (argc % 2 != 1 || options.socket.empty() || options.workers < 1) return std::nullopt;
  if (!options.sql_file.empty() && (options.conninfo.empty() || options.business.empty())) {
    return std::nullopt;
  }
  return options;
}

struct PgConnDeleter {
  void operator()(PGconn* conn) const { PQfinish(conn); }
};
struct PgResultDeleter {
  void operator()(PGresult* result) const { PQclear(result); }
};
using PgConn = std::unique_ptr<PGconn, PgConnDeleter>;
using PgResult = std::unique_ptr<PGresult, PgResultDeleter>;

// One accepted request at a time, on the service's own transport (src/server/worker.cpp), so
// that the ceilings differ from the service only in what a request does:
//  - the listening socket does not block: after a request the next one is accepted straight
//    away, and poll() waits only when none is queued;
//  - a request's connection is closed plainly once its input is read to the end (over a unix
//    socket nothing is lost), not with libfcgi's lingering close (shutdown, then up to 2 s of
//    reading until nginx closes first).
class AcceptedRequest {
 public:
  explicit AcceptedRequest(int listen_fd) : listen_fd_(listen_fd) {
    FCGX_InitRequest(&request_, listen_fd, 0);
  }
  ~AcceptedRequest() { close_connection(); }
  AcceptedRequest(const AcceptedRequest&) = delete;
  AcceptedRequest& operator=(const AcceptedRequest&) = delete;

  bool accept() {
    for (;;) {
      const int accepted = FCGX_Accept_r(&request_);
      if (accepted >= 0) return true;
      if (accepted != -EAGAIN && accepted != -EINTR) return false;
      pollfd listening{listen_fd_, POLLIN, 0};
      if (::poll(&listening, 1, -1) < 0 && errno != EINTR) return false;
    }
  }
  void finish() {
    const bool kept = request_.keepConnection != 0;
    const bool drained = !kept && read_to_end();
    if (drained) request_.keepConnection = 1;  // FCGX_Finish_r then leaves the fd open
    FCGX_Finish_r(&request_);
    if (drained) close_connection();
  }
  std::string_view param(const char* name) const {
    const char* const value = FCGX_GetParam(name, request_.envp);
    return value == nullptr ? std::string_view{} : std::string_view{value};
  }
  FCGX_Stream& out() const { return *request_.out; }

 private:
  bool read_to_end() {
    if (request_.in == nullptr) return false;
    std::array<char, 4096> discard{};
    while (FCGX_GetStr(discard.data(), static_cast<int>(discard.size()), request_.in) > 0) {
    }
    return FCGX_HasSeenEOF(request_.in) != 0 && FCGX_GetError(request_.in) == 0;
  }
  void close_connection() {
    if (request_.ipcFd < 0) return;
    ::close(request_.ipcFd);
    request_.ipcFd = -1;
  }

  int listen_fd_;
  FCGX_Request request_{};
};

void reply(FCGX_Stream& out, int status, std::string_view body) {
  FCGX_FPrintF(&out, "Status: %d\r\nContent-Type: application/json\r\n\r\n", status);
  FCGX_PutStr(body.data(), static_cast<int>(body.size()), &out);
}

// Runs of plain characters are appended whole; only quotes, backslashes and control
// characters are escaped one by one.
void append_json_string(std::string& out, std::string_view text) {
  out += '"';
  std::size_t plain_from = 0;
  for (std::size_t at = 0; at < text.size(); ++at) {
    const char ch = text[at];
    if (ch != '"' && ch != '\\' && static_cast<unsigned char>(ch) >= 0x20) continue;
    out.append(text.data() + plain_from, at - plain_from);
    plain_from = at + 1;
    if (ch == '"' || ch == '\\') {
      out += '\\';
      out += ch;
    } else {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\u%04x", static_cast<unsigned>(ch));
      out += escaped;
    }
  }
  out.append(text.data() + plain_from, text.size() - plain_from);
  out += '"';
}

// The first row of `result` as one JSON object of text values (null for NULL).
std::string row_json(const PGresult* result) {
  std::string body;
  body.reserve(4096);
  body += "{\"data\":{";
  for (int column = 0; column < PQnfields(result); ++column) {
    if (column > 0) body += ',';
    append_json_string(body, PQfname(result, column));
    body += ':';
    if (PQgetisnull(result, 0, column)) {
      body += "null";
    } else {
      append_json_string(body, {PQgetvalue(result, 0, column),
                                static_cast<std::size_t>(PQgetlength(result, 0, column))});
    }
  }
  body += "}}\n";
  return body;
}

int serve_empty(int listen_fd) {
  AcceptedRequest request(listen_fd);
  while (request.accept()) {
    reply(request.out(), 200, "{\"success\":true}\n");
    request.finish();
  }
  return 0;
}

class PreparedQuery {
 public:
  PreparedQuery(std::string conninfo, std::string sql)
      : conninfo_(std::move(conninfo)), sql_(std::move(sql)) {}

  // Connects and prepares when needed; null (and a line on stderr) when that fails.
  PgResult run(const std::string& business, const std::string& id) {
    if (!conn_ || PQstatus(conn_.get()) != CONNECTION_OK) {
      if (!connect()) return nullptr;
    }
    const char* const values[] = {business.c_str(), id.c_str()};
    return PgResult(PQexecPrepared(conn_.get(), kName, 2, values, nullptr, nullptr, 0));
  }

 private:
  static constexpr const char* kName = "ceiling_find";

  bool connect() {
    // The service's own session settings (src/store/connection.cpp): the defaults.
    const char* const keywords[] = {"dbname", "application_name", nullptr};
    const char* const values[] = {conninfo_.c_str(), "ceiling-responder", nullptr};
    conn_.reset(PQconnectdbParams(keywords, values, 1));
    if (PQstatus(conn_.get()) != CONNECTION_OK) {
      std::cerr << "ceiling-responder: " << PQerrorMessage(conn_.get());
      conn_.reset();
      return false;
    }
    const PgResult prepared(PQprepare(conn_.get(), kName, sql_.c_str(), 2, nullptr));
    if (PQresultStatus(prepared.get()) != PGRES_COMMAND_OK) {
      std::cerr << "ceiling-responder: prepare: " << PQresultErrorMessage(prepared.get());
      conn_.reset();
      return false;
    }
    return true;
  }

  std::string conninfo_;
  std::string sql_;
  PgConn conn_;
};

int serve_query(int listen_fd, const Options& options, const std::string& sql) {
  PreparedQuery query(options.conninfo, sql);
  AcceptedRequest request(listen_fd);
  while (request.accept()) {
    const std::string_view path = request.param("DOCUMENT_URI");
    const std::string id(path.substr(path.rfind('/') + 1));
    const PgResult result = query.run(options.business, id);
    if (!result || PQresultStatus(result.get()) != PGRES_TUPLES_OK) {
      if (result) std::cerr << "ceiling-responder: " << PQresultErrorMessage(result.get());
      reply(request.out(), 503, "{\"success\":false}\n");
    } else if (PQntuples(result.get()) == 0) {
      reply(request.out(), 404, "{\"success\":false}\n");
    } else {
      reply(request.out(), 200, row_json(result.get()));
    }
    request.finish();
  }
  return 0;
}

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The master: waits for a stop signal or a worker's death, then stops every worker.
int supervise(const std::vector<pid_t>& workers, const sigset_t& signals) {
  int signal_number = 0;
  sigwait(&signals, &signal_number);
  const int code = signal_number == SIGCHLD ? 1 : 0;
  if (code != 0) std::cerr << "ceiling-responder: a worker died; stopping\n";
  for (const pid_t pid : workers) kill(pid, SIGTERM);
  for (const pid_t pid : workers) waitpid(pid, nullptr, 0);
  return code;
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = parse_options(argc, argv);
  if (!options) {
    std::cerr << "usage: ceiling-responder --socket PATH --workers N"
                 " [--sql FILE --conninfo URL --business ID]\n";
    return 2;
  }
  std::string sql;
  if (!options->sql_file.empty()) {
    const auto text = read_file(options->sql_file);
    if (!text) {
      std::cerr << "ceiling-responder: cannot read " << options->sql_file << '\n';
      return 2;
    }
    sql = *text;
  }
  if (FCGX_Init() != 0) return 1;
  ::unlink(options->socket.c_str());
  const int listen_fd = FCGX_OpenSocket(options->socket.c_str(), 1024);
  if (listen_fd < 0 || ::chmod(options->socket.c_str(), 0666) != 0 ||
      ::fcntl(listen_fd, F_SETFL, ::fcntl(listen_fd, F_GETFL) | O_NONBLOCK) != 0) {
    std::cerr << "ceiling-responder: cannot listen on " << options->socket << '\n';
    return 1;
  }

  sigset_t signals;
  sigemptyset(&signals);
  for (const int signal_number : {SIGTERM, SIGINT, SIGCHLD}) sigaddset(&signals, signal_number);
  sigprocmask(SIG_BLOCK, &signals, nullptr);
  const pid_t master = getpid();
  std::vector<pid_t> workers;
  for (int i = 0; i < options->workers; ++i) {
    const pid_t pid = fork();
    if (pid < 0) {
      std::perror("ceiling-responder: fork");
      return supervise(workers, signals) + 1;
    }
    if (pid == 0) {
      // libfcgi's FCGX_Init handled SIGTERM (a flag its blocking accept() looks at); the
      // accept loop here waits in poll(), which would go back to waiting: a ceiling just
      // stops.
      std::signal(SIGTERM, SIG_DFL);
      sigprocmask(SIG_UNBLOCK, &signals, nullptr);
      ::prctl(PR_SET_PDEATHSIG, SIGTERM);
      if (getppid() != master) return 0;
      return sql.empty() ? serve_empty(listen_fd) : serve_query(listen_fd, *options, sql);
    }
    workers.push_back(pid);
  }
  const int code = supervise(workers, signals);
  ::unlink(options->socket.c_str());
  return code;
}
