// The JSON a client sees of a contact.
#pragma once

#include "json/writer.hpp"
#include "records/contact_records.hpp"
#include "store/contact_row.hpp"

namespace capi::api {

void write_contact(json::Writer& writer, const store::ContactRow& row,
                   const records::OpenedContact& opened);

}  // namespace capi::api
