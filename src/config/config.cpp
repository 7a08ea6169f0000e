#include "config/config.hpp"

#include <ini.h>
#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <functional>
#include <regex>
#include <sstream>

namespace capi::config {
namespace {

constexpr const char* kEnvPrefix = "CUSTOMER_API_";

long parse_integer(const std::string& key, const std::string& text, long min, long max,
                   int base = 10) {
  long value = 0;
  const auto* const end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value, base);
  if (text.empty() || ec != std::errc{} || ptr != end) {
    throw ConfigError(key + ": \"" + text + "\" is not a whole number");
  }
  if (value < min || value > max) {
    throw ConfigError(key + ": " + text + " is out of range (" + std::to_string(min) + " to " +
                      std::to_string(max) + ")");
  }
  return value;
}

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r\n");
  return text.substr(first, last - first + 1);
}

struct Option {
  const char* name;
  bool secret;
  std::function<void(Config&, const std::string&)> set;
  std::function<std::string(const Config&)> show;
};

std::string show_ms(std::chrono::milliseconds ms) {
  return std::to_string(ms.count()) + "ms";
}

Option duration_option(const char* name, std::chrono::milliseconds Config::*member) {
  return {name, false, [member](Config& c, const std::string& v) { c.*member = parse_duration(v); },
          [member](const Config& c) { return show_ms(c.*member); }};
}

// A database session limit: a duration, or 0 for none (the server's own setting).
Option limit_option(const char* name, std::chrono::milliseconds Config::*member) {
  return {name, false,
          [member](Config& c, const std::string& v) {
            c.*member = v == "0" ? std::chrono::milliseconds(0) : parse_duration(v);
          },
          [member](const Config& c) {
            return (c.*member).count() == 0 ? std::string("0 (none)") : show_ms(c.*member);
          }};
}

const std::vector<Option>& options() {
  static const std::vector<Option> table = {
      {"database_url", true, [](Config& c, const std::string& v) { c.database_url = v; },
       [](const Config& c) { return mask_database_url(c.database_url); }},
      {"owner_database_url", true,
       [](Config& c, const std::string& v) { c.owner_database_url = v; },
       [](const Config& c) {
         return c.owner_database_url.empty() ? std::string("(database_url)")
                                             : mask_database_url(c.owner_database_url);
       }},
      {"listen", false,
       [](Config& c, const std::string& v) {
         if (v.empty()) throw ConfigError("listen: must not be empty");
         c.listen = v;
       },
       [](const Config& c) { return c.listen; }},
      {"listen_mode", false,
       [](Config& c, const std::string& v) {
         c.listen_mode = static_cast<unsigned>(parse_integer("listen_mode", v, 0, 0777, 8));
       },
       [](const Config& c) {
         std::ostringstream out;
         out << '0' << std::oct << c.listen_mode;
         return out.str();
       }},
      {"workers", false,
       [](Config& c, const std::string& v) {
         c.workers = static_cast<int>(parse_integer("workers", v, 1, 1024));
       },
       [](const Config& c) { return std::to_string(c.workers); }},
      {"max_requests", false,
       [](Config& c, const std::string& v) {
         c.max_requests = parse_integer("max_requests", v, 0, 1'000'000'000);
       },
       [](const Config& c) { return std::to_string(c.max_requests); }},
      duration_option("request_timeout", &Config::request_timeout),
      duration_option("shutdown_timeout", &Config::shutdown_timeout),
      limit_option("queue_timeout", &Config::queue_timeout),
      {"key_dir", false, [](Config& c, const std::string& v) { c.key_dir = v; },
       [](const Config& c) { return c.key_dir.empty() ? std::string("(not set)") : c.key_dir; }},
      {"rate_limits", false,
       [](Config& c, const std::string& v) {
         if (v == "on")
           c.rate_limits = true;
         else if (v == "off")
           c.rate_limits = false;
         else
           throw ConfigError("rate_limits: \"" + v + "\" is not on or off");
       },
       [](const Config& c) { return std::string(c.rate_limits ? "on" : "off"); }},
      {"rate_limit_default", false,
       [](Config& c, const std::string& v) {
         c.rate_limit_default =
             static_cast<int>(parse_integer("rate_limit_default", v, 1, 1'000'000));
       },
       [](const Config& c) { return std::to_string(c.rate_limit_default); }},
      duration_option("rate_limit_window", &Config::rate_limit_window),
      {"rate_limit_hosts", false,
       [](Config& c, const std::string& v) {
         c.rate_limit_hosts = static_cast<int>(parse_integer("rate_limit_hosts", v, 1, 1000));
       },
       [](const Config& c) { return std::to_string(c.rate_limit_hosts); }},
      {"failed_key_limit", false,
       [](Config& c, const std::string& v) {
         c.failed_key_limit = static_cast<int>(parse_integer("failed_key_limit", v, 1, 1'000'000));
       },
       [](const Config& c) { return std::to_string(c.failed_key_limit); }},
      {"log_level", false,
       [](Config& c, const std::string& v) {
         if (v == "debug")
           c.log_level = LogLevel::kDebug;
         else if (v == "info")
           c.log_level = LogLevel::kInfo;
         else if (v == "warn")
           c.log_level = LogLevel::kWarn;
         else if (v == "error")
           c.log_level = LogLevel::kError;
         else
           throw ConfigError("log_level: \"" + v + "\" is not one of debug, info, warn, error");
       },
       [](const Config& c) { return std::string(log_level_name(c.log_level)); }},
      limit_option("db_statement_timeout", &Config::db_statement_timeout),
      limit_option("db_lock_timeout", &Config::db_lock_timeout),
      limit_option("db_idle_in_transaction_timeout", &Config::db_idle_in_transaction_timeout),
      limit_option("db_peer_timeout", &Config::db_peer_timeout),
  };
  return table;
}

}  // namespace

std::chrono::milliseconds parse_duration(const std::string& text) {
  const std::string value = trim(text);
  std::size_t digits = 0;
  while (digits < value.size() && std::isdigit(static_cast<unsigned char>(value[digits]))) {
    ++digits;
  }
  const std::string unit = value.substr(digits);
  long multiplier = 0;
  if (unit == "ms")
    multiplier = 1;
  else if (unit.empty() || unit == "s")
    multiplier = 1000;
  else if (unit == "m")
    multiplier = 60'000;
  if (digits == 0 || multiplier == 0) {
    throw ConfigError("\"" + text + "\" is not a duration (e.g. 500ms, 30s, 2m)");
  }
  const long amount = parse_integer("duration", value.substr(0, digits), 1, 86'400'000);
  return std::chrono::milliseconds(amount * multiplier);
}

const std::string& owner_url(const Config& config) {
  return config.owner_database_url.empty() ? config.database_url : config.owner_database_url;
}

std::string mask_database_url(const std::string& url) {
  // URI form: scheme://user:password@host/... ; conninfo form: ... password=secret ...
  static const std::regex uri_password(R"(^([a-z]+://[^:/@]*:)[^@]*@)");
  static const std::regex kv_password(R"((password\s*=\s*)('([^'\\]|\\.)*'|\S+))");
  std::string masked = std::regex_replace(url, uri_password, "$1****@");
  masked = std::regex_replace(masked, kv_password, "$1****");
  return masked;
}

const char* log_level_name(LogLevel level) {
  switch (level) {
    case LogLevel::kDebug:
      return "debug";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kWarn:
      return "warn";
    case LogLevel::kError:
      return "error";
  }
  return "info";
}

void set_option(Config& config, const std::string& key, const std::string& value) {
  const auto& table = options();
  const auto row =
      std::find_if(table.begin(), table.end(), [&](const Option& o) { return key == o.name; });
  if (row == table.end()) throw ConfigError("unknown configuration key \"" + key + "\"");
  try {
    row->set(config, trim(value));
  } catch (const ConfigError& e) {
    const std::string what = e.what();
    if (what.rfind(key + ":", 0) == 0) throw;
    throw ConfigError(key + ": " + what);
  }
}

void validate(const Config& config) {
  if (config.database_url.empty()) throw ConfigError("database_url: must be set");
  if (config.shutdown_timeout < std::chrono::milliseconds(100)) {
    throw ConfigError("shutdown_timeout: must be at least 100ms");
  }
  // A statement must give up while its worker can still answer 503, before the master kills
  // the worker for taking too long.
  const auto shorter_than_requests = [&](const char* key, std::chrono::milliseconds limit) {
    if (limit >= config.request_timeout) {
      throw ConfigError(std::string(key) + ": must be shorter than request_timeout (" +
                        show_ms(config.request_timeout) + "), or 0 for none");
    }
  };
  shorter_than_requests("db_statement_timeout", config.db_statement_timeout);
  shorter_than_requests("db_lock_timeout", config.db_lock_timeout);
  if (!config.key_dir.empty()) {
    std::error_code ec;
    if (!std::filesystem::is_directory(config.key_dir, ec)) {
      throw ConfigError("key_dir: \"" + config.key_dir + "\" is not a readable directory");
    }
  }
}

Config load(const std::string& path, char** environ_vars) {
  Config config;
  if (!path.empty()) {
    struct Entry {
      std::string section, key, value;
    };
    std::vector<Entry> entries;
    const auto collect = [](void* user, const char* section, const char* key,
                            const char* value) -> int {
      static_cast<std::vector<Entry>*>(user)->push_back(Entry{section, key, value});
      return 1;
    };
    const int status = ini_parse(path.c_str(), collect, &entries);
    if (status == -1) throw ConfigError("cannot open config file \"" + path + "\"");
    if (status != 0) throw ConfigError(path + ":" + std::to_string(status) + ": syntax error");
    for (const auto& entry : entries) {
      if (!entry.section.empty()) {
        throw ConfigError(path + ": sections are not used; found [" + entry.section + "]");
      }
      set_option(config, entry.key, entry.value);
    }
  }
  for (char** entry = environ_vars; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view var(*entry);
    if (var.rfind(kEnvPrefix, 0) != 0) continue;
    const auto eq = var.find('=');
    if (eq == std::string_view::npos) continue;
    std::string key(var.substr(std::char_traits<char>::length(kEnvPrefix),
                               eq - std::char_traits<char>::length(kEnvPrefix)));
    std::transform(key.begin(), key.end(), key.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    if (key == "config") continue;  // CUSTOMER_API_CONFIG names the file itself
    const auto& table = options();
    const bool known =
        std::any_of(table.begin(), table.end(), [&](const Option& o) { return key == o.name; });
    if (!known) {
      throw ConfigError("unknown environment setting " + std::string(var.substr(0, eq)));
    }
    set_option(config, key, std::string(var.substr(eq + 1)));
  }
  validate(config);
  return config;
}

std::string describe(const Config& config) {
  std::string out;
  for (const auto& option : options()) {
    out += option.name;
    out += " = ";
    out += option.show(config);
    out += '\n';
  }
  return out;
}

}  // namespace capi::config
