// `customer-api seed` (customer-api-seed): loads generated customers (seed/generator) into
// one business through the real write path of personal data — CustomerRecords seals every
// field and computes the blind indexes with the configured keys, exactly as a POST would —
// and streams the rows into the table with COPY, in one transaction (one COPY per batch).
// Then VACUUM ANALYZE, so that the planner and index-only scans see the new rows at once.
#include "seed/loader.hpp"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>

#include "cli/commands.hpp"
#include "cli/load_config.hpp"
#include "config/config.hpp"
#include "crypto/keyring.hpp"
#include "domain/iso_codes.hpp"
#include "domain/object_id.hpp"
#include "json/writer.hpp"
#include "records/customer_records.hpp"
#include "seed/generator.hpp"
#include "seed/order_load.hpp"
#include "store/business_store.hpp"
#include "store/customer_copy.hpp"

namespace capi::seed {
namespace {

constexpr std::int64_t kMaxCount = 100'000'000;
constexpr std::int64_t kBatchRows = 100'000;  // rows per COPY statement
// With orders, fewer customers a batch: their orders wait in memory for the customers' COPY.
constexpr std::int64_t kOrderBatchRows = 20'000;
constexpr std::int64_t kMaxOrders = 1'000'000'000;
constexpr std::size_t kSampleSize = 10'000;
constexpr std::size_t kInactiveSampleSize = 1'000;
constexpr std::size_t kFragmentCount = 40;
constexpr std::size_t kEmailWordCount = 20;

template <class T>
domain::Field<T> optional_field(const std::optional<T>& value) {
  return value ? domain::value_field(*value) : domain::null_field<T>();
}

// The customer as a validated create body would give it.
domain::CustomerDraft draft_of(const Customer& customer, const Business& business) {
  domain::CustomerDraft draft;
  draft.type = domain::value_field(customer.type);
  draft.name = domain::value_field(customer.name);
  draft.company_name = optional_field(customer.company_name);
  draft.email = domain::value_field(customer.email);
  draft.phone = optional_field(customer.phone);
  draft.tax_id = optional_field(customer.tax_id);
  draft.website = optional_field(customer.website);
  draft.country = domain::value_field(customer.country);
  draft.currency = domain::value_field(business.currency);
  draft.segment = optional_field(customer.segment);
  draft.tags = domain::value_field(customer.tags);
  draft.billing_address = optional_field(customer.billing_address);
  draft.shipping_address = optional_field(customer.shipping_address);
  draft.payment_terms = domain::value_field(customer.payment_terms);
  draft.credit_limit_minor = optional_field(customer.credit_limit_minor);
  draft.discount_rate_hundredths = domain::value_field(customer.discount_rate_hundredths);
  draft.preferred_shipping = optional_field(customer.preferred_shipping);
  draft.notes = optional_field(customer.notes);
  draft.metadata = domain::value_field(customer.metadata);
  draft.customer_since_ms = domain::value_field(customer.customer_since_ms);
  draft.money_currency = business.currency;
  return draft;
}

store::CustomerRow row_of(const Customer& customer, const Business& business,
                          const records::CustomerRecords& records) {
  store::CustomerRow row;
  row.id = customer.id;
  row.business_id = business.id;
  row.currency = business.currency;
  records.apply(draft_of(customer, business), row);
  row.version = customer.version;
  row.created_ms = customer.created_ms;
  row.updated_ms = customer.updated_ms;
  row.deleted_ms = customer.deleted_ms;
  return row;
}

struct SampledCustomer {
  std::string id;
  std::string email;
  std::string phone;
  std::string name;
};

// Uniform samples (reservoir), deterministic for the seed.
template <class T>
class Reservoir {
 public:
  Reservoir(std::size_t size, std::uint64_t key) : size_(size), key_(key) {}
  void offer(const T& item) {
    ++seen_;
    if (items_.size() < size_) {
      items_.push_back(item);
      return;
    }
    const std::uint64_t slot = mix64(key_ + seen_) % seen_;
    if (slot < size_) items_[slot] = item;
  }
  const std::vector<T>& items() const { return items_; }

 private:
  std::size_t size_;
  std::uint64_t key_;
  std::uint64_t seen_ = 0;
  std::vector<T> items_;
};

// Domain words of the sampled emails (labels longer than 3 characters, split at '.' and
// '-'), the most frequent first: words a whole-word email search finds many rows with.
std::vector<std::string> email_words(const std::vector<SampledCustomer>& sample) {
  std::map<std::string, int> counts;
  for (const auto& customer : sample) {
    const std::string domain = customer.email.substr(customer.email.find('@') + 1);
    std::size_t start = 0;
    while (start <= domain.size()) {
      std::size_t end = domain.find_first_of(".-", start);
      if (end == std::string::npos) end = domain.size();
      if (end - start > 3) ++counts[domain.substr(start, end - start)];
      start = end + 1;
    }
  }
  std::vector<std::pair<std::string, int>> ranked(counts.begin(), counts.end());
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::string> words;
  for (const auto& [word, count] : ranked) {
    if (words.size() >= kEmailWordCount) break;
    words.push_back(word);
  }
  return words;
}

void write_ids(std::ofstream& out, const std::string& path, const Business& business,
               std::uint64_t seed_value, std::int64_t rows, std::int64_t active,
               const std::vector<SampledCustomer>& sample,
               const std::vector<std::string>& inactive_ids, const OrderLoad* orders) {
  std::vector<std::string> names;
  names.reserve(sample.size());
  for (const auto& customer : sample) names.push_back(customer.name);
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::field(writer, "businessId", business.id);
  json::key(writer, "seed");
  writer.Uint64(seed_value);
  json::key(writer, "rows");
  writer.Int64(rows);
  json::key(writer, "active");
  writer.Int64(active);
  json::key(writer, "customers");
  writer.StartArray();
  for (const auto& customer : sample) {
    writer.StartObject();
    json::field(writer, "id", customer.id);
    json::field(writer, "email", customer.email);
    json::field(writer, "phone", customer.phone);
    json::field(writer, "name", customer.name);
    writer.EndObject();
  }
  writer.EndArray();
  json::key(writer, "inactiveIds");
  writer.StartArray();
  for (const auto& id : inactive_ids) json::string(writer, id);
  writer.EndArray();
  json::key(writer, "nameFragments");
  writer.StartArray();
  for (const auto& fragment : name_fragments(names, kFragmentCount)) json::string(writer, fragment);
  writer.EndArray();
  json::key(writer, "emailWords");
  writer.StartArray();
  for (const auto& word : email_words(sample)) json::string(writer, word);
  writer.EndArray();
  if (orders != nullptr) orders->write_samples(writer);
  writer.EndObject();
  out << json::text(buffer) << '\n';
  out.close();
  if (!out) throw std::runtime_error("cannot write " + path);
}

// Removes a file when it goes out of scope, unless told to keep it.
class RemoveUnlessKept {
 public:
  explicit RemoveUnlessKept(std::string path) : path_(std::move(path)) {}
  RemoveUnlessKept(const RemoveUnlessKept&) = delete;
  RemoveUnlessKept& operator=(const RemoveUnlessKept&) = delete;
  ~RemoveUnlessKept() {
    if (!kept_ && !path_.empty()) std::remove(path_.c_str());
  }
  void keep() { kept_ = true; }

 private:
  std::string path_;
  bool kept_ = false;
};

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// What a load copied, and the samples the ids file reports.
struct Loaded {
  std::int64_t copied = 0;
  std::int64_t orders = 0;
  std::int64_t active = 0;
  Reservoir<SampledCustomer> sample;
  Reservoir<std::string> inactive;

  explicit Loaded(std::uint64_t seed_value)
      : sample(kSampleSize, mix64(seed_value) ^ 1),
        inactive(kInactiveSampleSize, mix64(seed_value) ^ 2) {}
  void note(const Customer& customer) {
    if (customer.active()) {
      ++active;
      if (customer.phone) {
        sample.offer({customer.id, customer.email, *customer.phone, customer.name});
      }
    } else {
      inactive.offer(customer.id);
    }
  }
};

// The options' own checks, before anything is opened: an exit code when they fail.
std::optional<int> refuse_options(const cli::SeedOptions& options) {
  if (!domain::is_object_id(options.business_id)) {
    std::cerr << "customer-api: --business must be a business id (24 hex characters)\n";
    return cli::kExitUsage;
  }
  if (options.count < 1 || options.count > kMaxCount) {
    std::cerr << "customer-api: --count must be 1 to " << kMaxCount << '\n';
    return cli::kExitUsage;
  }
  if (options.orders < 0 || options.orders > kMaxOrders) {
    std::cerr << "customer-api: --orders must be 0 to " << kMaxOrders << '\n';
    return cli::kExitUsage;
  }
  return std::nullopt;
}

std::int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Generates the rows and streams them in with COPY, in one transaction; each batch of
// customers is followed by their orders when `orders` is given.
Loaded copy_customers(store::Connection& connection, const records::CustomerRecords& records,
                      const Business& business, const cli::SeedOptions& options, std::int64_t now,
                      OrderLoad* orders) {
  const std::int64_t count = options.count;
  const std::int64_t batch_rows = orders != nullptr ? kOrderBatchRows : kBatchRows;
  Generator generator(Options{options.seed, business, count, now});
  Loaded loaded(options.seed);
  store::Connection::Transaction transaction(connection);
  // Memory for this load only: GIN indexes (names, companies, email words, tags) take new
  // entries into a larger pending list and merge it in larger, cheaper steps.
  connection.exec_script("SET LOCAL work_mem = '256MB'");
  connection.exec_script("SET LOCAL gin_pending_list_limit = '64MB'");
  while (loaded.copied < count) {
    store::CustomerCopy copy(connection);
    const std::int64_t batch = std::min(batch_rows, count - loaded.copied);
    for (std::int64_t i = 0; i < batch; ++i) {
      const Customer customer = generator.next();
      store::CustomerRow row = row_of(customer, business, records);
      if (orders != nullptr) orders->add(customer, row);
      copy.add(row);
      loaded.note(customer);
    }
    loaded.copied += copy.finish();
    if (orders != nullptr) loaded.orders += orders->send();
  }
  if (orders != nullptr) orders->finish();
  transaction.commit();
  return loaded;
}

// Loads into the business, VACUUM ANALYZE, then the ids file and the summary line.
int load_business(const config::Config& config, const cli::SeedOptions& options,
                  std::ofstream& ids_file, RemoveUnlessKept& partial_ids) {
  const crypto::Keyring keys = crypto::Keyring::load(config.key_dir);
  const records::CustomerRecords records(keys);
  store::Connection connection(config::owner_url(config), "customer-api-seed");
  store::BusinessStore businesses(connection);
  const auto found = businesses.find(options.business_id);
  if (!found) {
    std::cerr << "customer-api: no business " << options.business_id << '\n';
    return cli::kExitFailed;
  }
  const Business business{found->id, found->country, found->currency,
                          domain::currency_digits(found->currency)};
  const std::int64_t now = now_ms();
  std::optional<OrderLoad> orders;
  if (options.orders > 0) {
    orders.emplace(keys, connection, business, options.seed, options.count, options.orders, now);
  }
  OrderLoad* order_load = orders ? &*orders : nullptr;
  const auto started = std::chrono::steady_clock::now();
  const Loaded loaded = copy_customers(connection, records, business, options, now, order_load);
  const double load_seconds = seconds_since(started);
  const auto vacuum_started = std::chrono::steady_clock::now();
  connection.exec_script("VACUUM (ANALYZE) customers, customer_search");
  if (order_load != nullptr) {
    connection.exec_script(
        "VACUUM (ANALYZE) orders, order_items, order_payments, order_number_counters,"
        " customer_order_months, customer_product_months, customer_products");
  }
  const double vacuum_seconds = seconds_since(vacuum_started);

  if (!options.ids_out.empty()) {
    write_ids(ids_file, options.ids_out, business, options.seed, loaded.copied, loaded.active,
              loaded.sample.items(), loaded.inactive.items(), order_load);
    partial_ids.keep();
  }
  std::cerr << std::fixed << std::setprecision(1) << "customer-api: seeded " << loaded.copied
            << " customers (" << loaded.active << " active) and " << loaded.orders
            << " orders into business " << business.id << " in " << load_seconds << " s ("
            << static_cast<std::int64_t>(static_cast<double>(loaded.copied) / load_seconds)
            << " rows/s); vacuum analyze " << vacuum_seconds << " s\n";
  return cli::kExitOk;
}

}  // namespace

int load(const std::string& config_path, const cli::SeedOptions& options) {
  if (const auto refused = refuse_options(options)) return *refused;
  const auto loaded = cli::load_config(config_path, "seed");
  if (!loaded) return cli::kExitUsage;
  // Opened first: a path that cannot be written is refused before anything is loaded. A
  // failed load leaves no ids file behind (a stale one would point at rows that are not).
  std::ofstream ids_file;
  if (!options.ids_out.empty()) {
    ids_file.open(options.ids_out, std::ios::binary | std::ios::trunc);
    if (!ids_file) {
      std::cerr << "customer-api: --ids-out: cannot write " << options.ids_out << '\n';
      return cli::kExitUsage;
    }
  }
  RemoveUnlessKept partial_ids(options.ids_out);
  try {
    return load_business(*loaded, options, ids_file, partial_ids);
  } catch (const crypto::KeyError& error) {
    std::cerr << "customer-api: " << error.what() << '\n';
    return cli::kExitUsage;
  } catch (const store::DbError& error) {
    std::cerr << "customer-api: database error: " << error.what() << '\n';
    if (error.kind() == store::ErrorKind::kUniqueViolation) {
      std::cerr << "customer-api: a generated email, phone or id is taken in this business"
                   " (seeded before?): seed a new business; nothing was loaded\n";
    }
    return cli::kExitFailed;
  } catch (const std::exception& error) {
    std::cerr << "customer-api: " << error.what() << '\n';
    return cli::kExitFailed;
  }
}

}  // namespace capi::seed
