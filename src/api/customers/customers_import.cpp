// POST /v1/customers/import: up to 10,000 customers in one request, each row answered as the
// single create (or update) would answer it, each row all-or-nothing.
//
// How it stays fast: every row is read and validated in the worker first (JSON, the domain's
// rules, blind indexes); then one transaction asks the database once which active customers
// hold the rows' emails and phones, decides every row from that answer, streams the new
// customers into one COPY as they are sealed (the database inserts while the worker seals),
// and writes the updates one by one after it. A concurrent write that takes one of the keys in
// between makes the COPY or an update fail on the unique index: the transaction rolls back
// and the decisions are made again from a fresh answer (at most kAttempts times).
//
// Choices the contract leaves open (docs/openapi.yaml, "importCustomers"):
//  - a row whose email or phone an earlier row of the same request already has fails with
//    the 409 a create after that row would give (existingId: the earlier row's customer);
//  - upsert matches the active customer with the row's email, else with its phone, and
//    applies the row as a PATCH (fields it gives; its contacts are not imported onto an
//    existing customer); a row that would change nothing is "unchanged" and writes nothing;
//  - dryRun=true decides every row exactly so, in a transaction that is rolled back.
#include <array>
#include <chrono>
#include <deque>
#include <unordered_map>

#include "api/customers/customer_input_context.hpp"
#include "api/customers/customers_handler.hpp"
#include "api/envelope.hpp"
#include "api/error.hpp"
#include "domain/object_id.hpp"
#include "http/json_rows.hpp"
#include "store/customer_copy.hpp"

namespace capi::api {
namespace {

constexpr std::size_t kMaxImportRows = 10'000;
constexpr int kAttempts = 3;

enum class ImportMode { kCreate, kUpsert };
enum class Outcome { kCreated, kUpdated, kUnchanged, kFailed };

struct ImportOptions {
  ImportMode mode = ImportMode::kCreate;
  bool dry_run = false;
};

ImportOptions import_options(const http::QueryParams& query) {
  ImportOptions options;
  ApiError::Details problems;
  if (const auto mode = query.get("mode")) {
    if (*mode == "upsert") {
      options.mode = ImportMode::kUpsert;
    } else if (*mode != "create") {
      problems.emplace_back("mode", "must be create or upsert");
    }
  }
  if (const auto dry_run = query.get("dryRun")) {
    if (*dry_run == "true") {
      options.dry_run = true;
    } else if (*dry_run != "false") {
      problems.emplace_back("dryRun", "must be true or false");
    }
  }
  if (!problems.empty()) throw ApiError::validation(std::move(problems));
  return options;
}

// One row: its text, what reading it gave, and (after the transaction) what became of it.
struct ImportRow {
  std::string_view text;
  std::optional<domain::CustomerInput> input;  // empty when the row could not be read
  std::optional<ApiError> read_error;          // why not (400 or 422, as a single create)
  std::optional<std::string> email_index;
  std::optional<std::string> phone_index;

  Outcome outcome = Outcome::kFailed;
  std::string id;
  std::optional<ApiError> error;  // read_error, or the 409/422 its decision gave
};

// The row's JSON object, parsed with the API's limits; nullopt with `error` set otherwise.
bool parse_row(ImportRow& row, http::JsonBody& body) {
  if (row.text.empty()) {
    row.read_error = ApiError::bad_request("A row must be a JSON object");
    return false;
  }
  if (const auto problem = http::parse_json_body(row.text, body)) {
    row.read_error = ApiError::bad_request(problem->message);
    return false;
  }
  if (!body.document.IsObject()) {
    row.read_error = ApiError::bad_request("A row must be a JSON object");
    return false;
  }
  return true;
}

std::optional<ApiError> as_error(const domain::CustomerInput& input) {
  if (input.errors.empty()) return std::nullopt;
  return ApiError::validation(input.errors);
}

ApiError key_taken(store::CustomerKey key, const std::string& holder_id) {
  const bool email = key == store::CustomerKey::kEmail;
  ApiError::Details details = {{"field", email ? "email" : "phone"}};
  if (!holder_id.empty()) details.emplace_back("existingId", holder_id);
  return ApiError::conflict(email ? "Another active customer already has this email"
                                  : "Another active customer already has this phone number",
                            std::move(details));
}

// The stores and records an import works with (the handler's own).
struct ImportTools {
  store::Connection& db;
  const store::CustomerStore& customers;
  const store::ContactStore& contacts;
  const records::CustomerRecords& records;
  const records::ContactRecords& contact_records;
};

class Import {
 public:
  Import(const ImportTools& tools, const Caller& caller, ImportOptions options)
      : tools_(tools), caller_(caller), options_(options) {}

  // Reads and validates every row (no database): create mode reads each as a create; upsert
  // reads each as a change, to find its customer by, and again as what it turns out to be.
  void read(std::vector<ImportRow>& rows) const {
    const auto mode =
        options_.mode == ImportMode::kCreate ? domain::Mode::kCreate : domain::Mode::kUpdate;
    for (auto& row : rows) {
      http::JsonBody body;
      if (!parse_row(row, body)) continue;
      auto input = domain::parse_customer(body.document, mode, input_context(caller_, nullptr),
                                          number_lookup(body));
      row.read_error = as_error(input);
      if (row.read_error) continue;
      const auto& draft = input.draft;
      if (draft.email.has_value()) {
        row.email_index = tools_.records.email_index(caller_.business_id, draft.email.value);
      }
      if (draft.phone.has_value()) {
        row.phone_index = tools_.records.phone_index(caller_.business_id, draft.phone.value);
      }
      row.input = std::move(input);
    }
  }

  // Decides and (unless a dry run) writes every readable row, in the caller's transaction.
  // New customers are streamed into one COPY as they are decided, so that the database
  // inserts the rows sent while the worker seals the next ones; updates and contacts follow
  // the COPY (nothing else may run on the connection during it).
  void write(std::vector<ImportRow>& rows) {
    load_holders(rows);
    const auto now = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch())
                         .count();
    std::optional<store::CustomerCopy> copy;
    for (auto& row : rows) {
      row.outcome = Outcome::kFailed;
      row.id.clear();
      row.error = row.read_error;
      if (!row.input) continue;
      const auto created = decide(row, now);
      if (!created || options_.dry_run) continue;
      if (!copy) copy.emplace(tools_.db);
      copy->add(*created);
    }
    if (options_.dry_run) return;  // decided only: no copy, no updates, no contacts
    if (copy) copy->finish();
    for (const auto& changed : changed_) {
      tools_.customers.update(changed);  // KeyTaken only after a concurrent write: tried again
    }
    for (const auto& [customer, draft] : with_contacts_) insert_contacts(customer, *draft);
  }

 private:
  void load_holders(const std::vector<ImportRow>& rows) {
    std::vector<std::string> emails;
    std::vector<std::string> phones;
    for (const auto& row : rows) {
      if (row.email_index) emails.push_back(*row.email_index);
      if (row.phone_index) phones.push_back(*row.phone_index);
    }
    using Lock = store::CustomerStore::Lock;
    holders_ = tools_.customers.holding(
        caller_.business_id, emails, phones,
        options_.mode == ImportMode::kUpsert ? Lock::kForUpdate : Lock::kNone);
    by_email_.clear();
    by_phone_.clear();
    for (std::size_t i = 0; i < holders_.size(); ++i) {
      if (holders_[i].email_index) by_email_[*holders_[i].email_index] = i;
      if (holders_[i].phone_index) by_phone_[*holders_[i].phone_index] = i;
    }
    claimed_email_.clear();
    claimed_phone_.clear();
    changed_.clear();
    with_contacts_.clear();
    rereads_.clear();
  }

  // The id holding `index` among the stored customers (other than `self`) or the rows
  // decided before; empty when free.
  std::string holder_of(const std::optional<std::string>& index,
                        const std::unordered_map<std::string, std::size_t>& stored,
                        const std::unordered_map<std::string, std::string>& claimed,
                        const std::string& self) const {
    if (!index) return {};
    if (const auto earlier = claimed.find(*index); earlier != claimed.end()) {
      return earlier->second;
    }
    if (const auto held = stored.find(*index); held != stored.end()) {
      if (holders_[held->second].id != self) return holders_[held->second].id;
    }
    return {};
  }

  // Whether the row's keys are free for customer `self` (empty: a new one); sets the 409.
  bool keys_free(ImportRow& row, const std::string& self) const {
    for (const auto key : {store::CustomerKey::kEmail, store::CustomerKey::kPhone}) {
      const bool email = key == store::CustomerKey::kEmail;
      const std::string holder =
          holder_of(email ? row.email_index : row.phone_index, email ? by_email_ : by_phone_,
                    email ? claimed_email_ : claimed_phone_, self);
      if (!holder.empty()) {
        row.error = key_taken(key, holder);
        return false;
      }
    }
    return true;
  }

  // The stored customer an upsert row changes: the one with its email, else its phone.
  const store::CustomerRow* target_of(const ImportRow& row) const {
    if (options_.mode != ImportMode::kUpsert) return nullptr;
    if (row.email_index) {
      if (const auto held = by_email_.find(*row.email_index); held != by_email_.end()) {
        return &holders_[held->second];
      }
    }
    if (row.phone_index) {
      if (const auto held = by_phone_.find(*row.phone_index); held != by_phone_.end()) {
        return &holders_[held->second];
      }
    }
    return nullptr;
  }

  // The new customer the row makes, if it makes one; a change is kept in changed_.
  std::optional<store::CustomerRow> decide(ImportRow& row, std::int64_t now_ms) {
    const store::CustomerRow* target = target_of(row);
    // Read again as what it is: a change of `target` (its country and currency now known),
    // or a create. In create mode the first reading was already that.
    std::optional<domain::CustomerInput> reread;
    if (options_.mode == ImportMode::kUpsert) {
      http::JsonBody body;
      parse_row(row, body);  // parsed fine the first time
      reread = domain::parse_customer(body.document,
                                      target ? domain::Mode::kUpdate : domain::Mode::kCreate,
                                      input_context(caller_, target), number_lookup(body));
      row.error = as_error(*reread);
      if (row.error) return std::nullopt;
    }
    const domain::CustomerDraft& draft = reread ? reread->draft : row.input->draft;
    if (target == nullptr) return create(row, draft, now_ms);
    change(row, draft, *target);
    return std::nullopt;
  }

  std::optional<store::CustomerRow> create(ImportRow& row, const domain::CustomerDraft& draft,
                                           std::int64_t now_ms) {
    if (!keys_free(row, {})) return std::nullopt;
    store::CustomerRow created;
    created.business_id = caller_.business_id;
    created.id = domain::new_object_id(created.business_id);
    created.created_ms = now_ms;
    created.updated_ms = now_ms;
    tools_.records.apply(draft, created);
    // No customerSince: the creation time, as the copy would otherwise set on a copy of the row.
    if (!created.customer_since_ms) created.customer_since_ms = now_ms;
    claim(row, created.id);
    row.outcome = Outcome::kCreated;
    row.id = created.id;
    if (!draft.contacts.empty()) {
      // The draft outlives the copy: `row.input` or a reread kept in `rereads_`.
      const domain::CustomerDraft* kept = &draft;
      if (!row.input || &draft != &row.input->draft) {
        rereads_.push_back(draft);
        kept = &rereads_.back();
      }
      with_contacts_.emplace_back(Owner{created.business_id, created.id}, kept);
    }
    return created;
  }

  void change(ImportRow& row, const domain::CustomerDraft& draft,
              const store::CustomerRow& target) {
    row.id = target.id;
    if (!keys_free(row, target.id)) {
      row.id.clear();
      return;
    }
    claim(row, target.id);
    if (!tools_.records.changes(draft, target)) {
      row.outcome = Outcome::kUnchanged;
      return;
    }
    row.outcome = Outcome::kUpdated;
    if (options_.dry_run) return;
    store::CustomerRow changed = target;
    tools_.records.apply(draft, changed);
    changed_.push_back(std::move(changed));
  }

  void claim(const ImportRow& row, const std::string& id) {
    if (row.email_index) claimed_email_[*row.email_index] = id;
    if (row.phone_index) claimed_phone_[*row.phone_index] = id;
  }

  // The customer a new row's contacts belong to.
  struct Owner {
    std::string business_id;
    std::string id;
  };

  void insert_contacts(const Owner& customer, const domain::CustomerDraft& draft) const {
    for (const auto& contact_draft : draft.contacts) {
      store::ContactRow contact;
      contact.id = domain::new_object_id(customer.business_id);
      contact.business_id = customer.business_id;
      contact.customer_id = customer.id;
      tools_.contact_records.apply(contact_draft, contact);
      tools_.contacts.insert(contact);
    }
  }

  const ImportTools& tools_;
  const Caller& caller_;
  ImportOptions options_;
  std::vector<store::CustomerRow> holders_;
  std::unordered_map<std::string, std::size_t> by_email_, by_phone_;            // into holders_
  std::unordered_map<std::string, std::string> claimed_email_, claimed_phone_;  // by rows
  std::vector<store::CustomerRow> changed_;  // upserts' changes, written after the copy
  std::vector<std::pair<Owner, const domain::CustomerDraft*>> with_contacts_;  // new, with contacts
  std::deque<domain::CustomerDraft> rereads_;                                  // stable addresses
};

const char* outcome_name(Outcome outcome) {
  switch (outcome) {
    case Outcome::kCreated:
      return "created";
    case Outcome::kUpdated:
      return "updated";
    case Outcome::kUnchanged:
      return "unchanged";
    case Outcome::kFailed:
      return "failed";
  }
  return "failed";
}

Reply import_reply(const std::vector<ImportRow>& rows, const ImportOptions& options) {
  std::array<long long, 4> totals{};
  json::Buffer buffer;
  json::Writer writer(buffer);
  writer.StartObject();
  json::key(writer, "results");
  writer.StartArray();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const ImportRow& row = rows[i];
    ++totals[static_cast<std::size_t>(row.outcome)];
    writer.StartObject();
    json::key(writer, "index");
    writer.Uint64(i);
    json::field(writer, "outcome", outcome_name(row.outcome));
    json::key(writer, "id");
    row.id.empty() ? writer.Null() : writer.String(row.id.data(), row.id.size());
    json::key(writer, "error");
    if (row.error) {
      write_error(writer, *row.error);
    } else {
      writer.Null();
    }
    writer.EndObject();
  }
  writer.EndArray();
  json::key(writer, "totals");
  writer.StartObject();
  for (const auto outcome :
       {Outcome::kCreated, Outcome::kUpdated, Outcome::kUnchanged, Outcome::kFailed}) {
    json::key(writer, outcome_name(outcome));
    writer.Int64(totals[static_cast<std::size_t>(outcome)]);
  }
  writer.EndObject();
  writer.EndObject();

  json::Buffer meta_buffer;
  json::Writer meta(meta_buffer);
  meta.StartObject();
  json::field(meta, "mode", options.mode == ImportMode::kCreate ? "create" : "upsert");
  json::key(meta, "dryRun");
  meta.Bool(options.dry_run);
  json::key(meta, "rows");
  meta.Uint64(rows.size());
  meta.EndObject();

  Reply answer;
  answer.data = json::text(buffer);
  answer.meta = json::text(meta_buffer);
  answer.message = options.dry_run ? "Dry run: nothing was written" : "Import finished";
  return answer;
}

}  // namespace

Reply CustomersHandler::import_all(const RequestContext& context) const {
  const ImportOptions options = import_options(context.query);
  const auto format = http::rows_format(context.request.param("CONTENT_TYPE"));
  http::JsonRows split;
  if (const auto problem =
          http::split_json_rows(context.request.body, format.value_or(http::RowsFormat::kJsonArray),
                                kMaxImportRows, split)) {
    if (problem->kind == http::JsonRowsError::kTooManyRows) {
      throw ApiError::validation({{"body", problem->message}});
    }
    throw ApiError::bad_request(problem->message);
  }
  std::vector<ImportRow> rows(split.rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) rows[i].text = split.rows[i];

  const ImportTools tools{db_, customers_, contacts_, records_, contact_records_};
  for (int attempt = 1;; ++attempt) {
    Import import(tools, *context.caller, options);
    if (attempt == 1) import.read(rows);
    try {
      store::Connection::Transaction transaction(db_);
      import.write(rows);
      if (!options.dry_run) transaction.commit();
      return import_reply(rows, options);
    } catch (const store::KeyTaken&) {
      if (attempt == kAttempts) throw ApiError::unavailable();
    } catch (const store::DbError& error) {
      if (error.kind() != store::ErrorKind::kUniqueViolation || attempt == kAttempts) throw;
    }
  }
}

}  // namespace capi::api
