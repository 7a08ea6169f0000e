// TalkingShops' answers, written from the core's: the customer object (list entry and the
// detailed one with orders and metrics), the list with its figures, and the stats.
#pragma once

#include <string>

#include "api/context.hpp"

namespace capi::dialects::talkingshops {

// {_id, name, mobile, email, segment, created_at, updated_at, orders, metrics} from the core's
// customer with ?include=orders ("Get Customer by ID", and "Get Customer by Mobile").
api::Reply customer_reply(const api::Reply& core);

// {customers, total, totalPages, activeCount, averageLifetimeValue, meta} from the core's
// listing and the business's stats; `sort` is the vendor's sort as meta.sort echoes it.
api::Reply list_reply(const api::Reply& listing, const api::Reply& stats, const std::string& sort);

// {totalCustomers, newCustomers, averageOrderValue, totalOrders, revenue,
// segmentDistribution, period} from the core's stats; the period's end inclusive.
api::Reply stats_reply(const api::Reply& core);

// {success: true, message} (update and delete) and {success, message, customerId} (create).
api::Reply done_reply(const api::Reply& core, const std::string& message);
api::Reply created_reply(const api::Reply& core);

}  // namespace capi::dialects::talkingshops
