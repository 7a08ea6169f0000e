// An end-to-end run of the customers API through a client typed from docs/openapi.yaml:
// openapi-typescript turns the document into `paths` (generated/openapi.d.ts, made by
// ./e2e.sh, not committed) and openapi-fetch makes every call below from those types, so a
// route, parameter or field the document gets wrong fails `tsc --noEmit` before it runs,
// and a response the server shapes differently fails an assertion here.
//
// Against BASE_URL with API_KEY (a read-write key): creates a customer; find-or-create of
// that email (200, created: false) and of a new one (201, created: true); search; a listing
// paged by cursor across two pages; an order and a partial payment, with the customer's
// live figures, its orders and include=orders; GET, then PATCH with If-Match from the ETag,
// then the same stale If-Match (412); the business's stats, the customer's analytics and a
// credit check (then the list of checks); delete. Exits 1 with a message at the first mismatch.
//
// Usage: BASE_URL=http://127.0.0.1:8080 API_KEY=capi_... ./e2e.sh
import createClient from "openapi-fetch";

import type { components, paths } from "./generated/openapi.js";

type Customer = components["schemas"]["Customer"];
type Order = components["schemas"]["Order"];

class Mismatch extends Error {}

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Mismatch(message);
}

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) {
    console.error(`e2e: ${name} is not set`);
    process.exit(2);
  }
  return value;
}

// What a call gave back, for failure messages.
function shown(result: { data?: unknown; error?: unknown; response: Response }): string {
  return `${result.response.status} ${JSON.stringify(result.data ?? result.error)}`;
}

let step = "start";
function begin(name: string): void {
  step = name;
  console.log(`e2e: ${name}`);
}

const baseUrl = requireEnv("BASE_URL");
const apiKey = requireEnv("API_KEY");
const api = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${apiKey}` } });

// Unique to this run: the run's customers are told apart from everything else by segment.
const run = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
const segment = `e2e-${run}`;
const adaEmail = `ada.${run}@example.com`;
const graceEmail = `grace.${run}@example.com`;

async function main(): Promise<void> {
  begin("GET /v1/business: the key's business");
  const business = await api.GET("/v1/business");
  check(business.response.status === 200 && business.data, `expected 200, got ${shown(business)}`);
  check(/^[0-9a-f]{24}$/.test(business.data.data.id), `business id ${business.data.data.id}`);

  begin("POST /v1/customers: create");
  const created = await api.POST("/v1/customers", {
    body: {
      name: `  Ada Lovelace ${run} `,
      email: ` ${adaEmail.toUpperCase()} `,
      segment,
      tags: ["e2e", "vip"],
      creditLimit: 2500,
    },
  });
  check(created.response.status === 201 && created.data, `expected 201, got ${shown(created)}`);
  const ada: Customer = created.data.data;
  check(created.data.success === true, "success is not true");
  check(/^[0-9a-f]{24}$/.test(ada.id), `id ${ada.id}`);
  check(ada.name === `Ada Lovelace ${run}`, `name not trimmed: ${JSON.stringify(ada.name)}`);
  check(ada.email === adaEmail, `email not normalised: ${ada.email}`);
  check(ada.segment === segment, `segment ${ada.segment}`);
  check(ada.isActive === true && ada.version === 1, `isActive ${ada.isActive}, version ${ada.version}`);
  check(created.response.headers.get("ETag") === '"1"', `ETag ${created.response.headers.get("ETag")}`);

  begin("POST /v1/customers/find-or-create: an existing email");
  const found = await api.POST("/v1/customers/find-or-create", {
    body: { email: adaEmail, name: "Someone Else" },
  });
  check(found.response.status === 200 && found.data, `expected 200, got ${shown(found)}`);
  check(found.data.data.created === false, `created ${found.data.data.created}, expected false`);
  check(found.data.data.id === ada.id, `found ${found.data.data.id}, expected ${ada.id}`);
  check(found.data.data.name === ada.name, `the existing customer was changed: ${found.data.data.name}`);

  begin("POST /v1/customers/find-or-create: a new email");
  const made = await api.POST("/v1/customers/find-or-create", { body: { email: graceEmail, segment } });
  check(made.response.status === 201 && made.data, `expected 201, got ${shown(made)}`);
  const grace: Customer = made.data.data;
  check(made.data.data.created === true, `created ${made.data.data.created}, expected true`);
  check(grace.id !== ada.id, "find-or-create returned the other customer");
  check(grace.name === `grace.${run}`, `name ${JSON.stringify(grace.name)}, expected the email's local part`);

  begin("POST /v1/customers: a third customer");
  const third = await api.POST("/v1/customers", {
    body: { name: `Charles Babbage ${run}`, email: `charles.${run}@example.com`, segment, type: "business" },
  });
  check(third.response.status === 201 && third.data, `expected 201, got ${shown(third)}`);
  const charles: Customer = third.data.data;
  check(charles.type === "business", `type ${charles.type}`);

  begin("GET /v1/customers/search: by name and by exact email");
  const byName = await api.GET("/v1/customers/search", { params: { query: { q: `LOVELACE ${run}` } } });
  check(byName.response.status === 200 && byName.data, `expected 200, got ${shown(byName)}`);
  const nameHits = byName.data.data.map((c) => c.id);
  check(nameHits.length === 1 && nameHits[0] === ada.id, `hits ${JSON.stringify(nameHits)}, expected [${ada.id}]`);
  check(byName.data.meta.count === nameHits.length, `meta.count ${byName.data.meta.count}`);
  const byEmail = await api.GET("/v1/customers/search", { params: { query: { q: adaEmail, limit: 5 } } });
  check(byEmail.response.status === 200 && byEmail.data, `expected 200, got ${shown(byEmail)}`);
  check(byEmail.data.data[0]?.id === ada.id, `first hit ${byEmail.data.data[0]?.id}, expected ${ada.id}`);

  begin("GET /v1/customers: two pages by cursor");
  const first = await api.GET("/v1/customers", { params: { query: { segment, sort: "name", limit: 2 } } });
  check(first.response.status === 200 && first.data, `expected 200, got ${shown(first)}`);
  const meta1 = first.data.meta;
  check(first.data.data.length === 2, `page 1 has ${first.data.data.length} customers, expected 2`);
  check(meta1.total === 3 && meta1.totalExact, `total ${meta1.total} (exact: ${meta1.totalExact}), expected 3`);
  check(meta1.hasMore && typeof meta1.nextCursor === "string", `hasMore ${meta1.hasMore}, nextCursor ${meta1.nextCursor}`);
  const second = await api.GET("/v1/customers", {
    params: { query: { segment, sort: "name", limit: 2, cursor: meta1.nextCursor } },
  });
  check(second.response.status === 200 && second.data, `expected 200, got ${shown(second)}`);
  const meta2 = second.data.meta;
  check(second.data.data.length === 1, `page 2 has ${second.data.data.length} customers, expected 1`);
  check(!meta2.hasMore && meta2.nextCursor === null, `page 2: hasMore ${meta2.hasMore}, nextCursor ${meta2.nextCursor}`);
  check(meta2.page === null, `page 2: meta.page ${meta2.page}, expected null with a cursor`);
  const listed = [...first.data.data, ...second.data.data].map((c) => c.id);
  const expected = [ada, charles, grace]
    .sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase()))
    .map((c) => c.id);
  check(JSON.stringify(listed) === JSON.stringify(expected), `listed ${JSON.stringify(listed)}, expected ${JSON.stringify(expected)}`);

  begin("POST /v1/orders: an order of Ada's");
  const ordered = await api.POST("/v1/orders", {
    body: {
      customerId: ada.id,
      items: [
        { productId: "engine", productName: "Analytical Engine", quantity: 2, unitPrice: 300.5 },
        { productId: "cards", productName: "Punched cards", quantity: 1, unitPriceMinor: 19900 },
      ],
    },
  });
  check(ordered.response.status === 201 && ordered.data, `expected 201, got ${shown(ordered)}`);
  const order: Order = ordered.data.data;
  check(order.totalMinor === 80000 && order.total === 800, `total ${order.total} (${order.totalMinor})`);
  check(order.status === "pending" && order.paymentStatus === "unpaid", `${order.status} ${order.paymentStatus}`);
  check(/^SO-[0-9]{4}-[0-9]{6}$/.test(order.orderNumber), `orderNumber ${order.orderNumber}`);
  check(order.items?.length === 2, `items ${JSON.stringify(order.items)}`);

  begin("POST /v1/orders/{id}/payments: a partial payment");
  const payment = await api.POST("/v1/orders/{id}/payments", {
    params: { path: { id: order.id } },
    body: { amount: 300 },
  });
  check(payment.response.status === 201 && payment.data, `expected 201, got ${shown(payment)}`);
  check(payment.data.data.paymentStatus === "partial", `paymentStatus ${payment.data.data.paymentStatus}`);
  check(payment.data.data.balanceDueMinor === 50000, `balanceDue ${payment.data.data.balanceDue}`);

  begin("GET /v1/customers/{id}/orders and ?include=orders: the live figures");
  const orders = await api.GET("/v1/customers/{id}/orders", { params: { path: { id: ada.id } } });
  check(orders.response.status === 200 && orders.data, `expected 200, got ${shown(orders)}`);
  check(orders.data.data.length === 1 && orders.data.data[0]?.id === order.id, `orders ${shown(orders)}`);
  check(orders.data.meta.total === 1, `meta.total ${orders.data.meta.total}`);
  const withOrders = await api.GET("/v1/customers/{id}", {
    params: { path: { id: ada.id }, query: { include: "orders" } },
  });
  check(withOrders.response.status === 200 && withOrders.data, `expected 200, got ${shown(withOrders)}`);
  const figures = withOrders.data.data;
  check(figures.orders?.[0]?.id === order.id, `include=orders ${JSON.stringify(figures.orders)}`);
  check(figures.accountBalanceMinor === 50000, `accountBalance ${figures.accountBalance}`);
  check(figures.metrics.orderCount === 1 && figures.metrics.lifetimeValue === 800,
        `metrics ${JSON.stringify(figures.metrics)}`);

  begin("GET /v1/customers/{id}, then PATCH with If-Match");
  const got = await api.GET("/v1/customers/{id}", { params: { path: { id: ada.id } } });
  check(got.response.status === 200 && got.data, `expected 200, got ${shown(got)}`);
  check(got.data.data.id === ada.id && Array.isArray(got.data.data.contacts), "not the customer with its contacts");
  const etag = got.response.headers.get("ETag");
  check(etag === `"${got.data.data.version}"`, `ETag ${etag}, version ${got.data.data.version}`);
  const patched = await api.PATCH("/v1/customers/{id}", {
    params: { path: { id: ada.id }, header: { "If-Match": etag } },
    body: { notes: "Wrote the first program.", tags: ["e2e"] },
  });
  check(patched.response.status === 200 && patched.data, `expected 200, got ${shown(patched)}`);
  check(patched.data.data.notes === "Wrote the first program.", `notes ${patched.data.data.notes}`);
  check(JSON.stringify(patched.data.data.tags) === '["e2e"]', `tags ${JSON.stringify(patched.data.data.tags)}`);
  check(patched.data.data.version === got.data.data.version + 1, `version ${patched.data.data.version}`);
  const newEtag = patched.response.headers.get("ETag");
  check(newEtag === `"${patched.data.data.version}"`, `ETag after the update ${newEtag}`);

  begin("PATCH /v1/customers/{id} with the stale If-Match: 412");
  const stale = await api.PATCH("/v1/customers/{id}", {
    params: { path: { id: ada.id }, header: { "If-Match": etag } },
    body: { notes: "Lost update." },
  });
  check(stale.response.status === 412 && stale.error, `expected 412, got ${shown(stale)}`);
  check(stale.error.success === false, "success is not false");
  check(stale.error.error.code === "precondition_failed", `error code ${stale.error.error.code}`);

  begin("GET /v1/customers/stats: the current month");
  const stats = await api.GET("/v1/customers/stats");
  check(stats.response.status === 200 && stats.data, `expected 200, got ${shown(stats)}`);
  check(stats.data.data.totalCustomers >= 3, `totalCustomers ${stats.data.data.totalCustomers}`);
  check(stats.data.data.newCustomers >= 3, `newCustomers ${stats.data.data.newCustomers}`);

  begin("GET /v1/customers/{id}/analytics?period=90d");
  const analytics = await api.GET("/v1/customers/{id}/analytics", {
    params: { path: { id: ada.id }, query: { period: "90d" } },
  });
  check(analytics.response.status === 200 && analytics.data, `expected 200, got ${shown(analytics)}`);
  check(analytics.data.data.customer.id === ada.id, "the analytics of another customer");
  check(analytics.data.data.orderHistory.length >= 3, `${analytics.data.data.orderHistory.length} months`);
  // Ada's one order, made above today, counts: a first order within 90 days makes her "new".
  const overview = analytics.data.data.overview;
  check(overview.totalOrders === 1, `totalOrders ${overview.totalOrders}`);
  check(analytics.data.data.customerSegment === "new", `segment ${analytics.data.data.customerSegment}`);

  begin("POST /v1/customers/{id}/credit-check, then the list");
  const credit = await api.POST("/v1/customers/{id}/credit-check", { params: { path: { id: ada.id } } });
  check(credit.response.status === 201 && credit.data, `expected 201, got ${shown(credit)}`);
  const score = credit.data.data.creditScore;
  check(score >= 300 && score <= 850 && credit.data.data.factors.length === 5, `score ${score}`);
  const checks = await api.GET("/v1/customers/{id}/credit-checks", { params: { path: { id: ada.id } } });
  check(checks.response.status === 200 && checks.data, `expected 200, got ${shown(checks)}`);
  check(checks.data.data[0]?.id === credit.data.data.id, "the new check is not listed first");

  begin("DELETE /v1/customers/{id}");
  const deleted = await api.DELETE("/v1/customers/{id}", {
    params: { path: { id: ada.id }, header: { "If-Match": newEtag } },
  });
  check(deleted.response.status === 200 && deleted.data, `expected 200, got ${shown(deleted)}`);
  check(deleted.data.data.isActive === false && deleted.data.data.deletedAt !== null, "not soft-deleted");
  const afterDelete = await api.GET("/v1/customers/{id}", { params: { path: { id: ada.id } } });
  check(afterDelete.response.status === 200 && afterDelete.data, `expected 200, got ${shown(afterDelete)}`);
  check(afterDelete.data.data.isActive === false, "a deleted customer reads as active");
  const gone = await api.GET("/v1/customers/search", { params: { query: { q: adaEmail } } });
  check(gone.data && !gone.data.data.some((c) => c.id === ada.id), `a deleted customer is still found: ${shown(gone)}`);

  for (const customer of [grace, charles]) {
    const cleanup = await api.DELETE("/v1/customers/{id}", { params: { path: { id: customer.id } } });
    check(cleanup.response.status === 200, `deleting ${customer.id}: ${shown(cleanup)}`);
  }
}

try {
  await main();
  console.log("e2e: all checks passed");
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`e2e: FAIL at "${step}": ${message}`);
  if (!(error instanceof Mismatch) && error instanceof Error && error.stack) console.error(error.stack);
  process.exit(1);
}
