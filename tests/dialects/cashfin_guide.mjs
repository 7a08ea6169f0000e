// The request-format guide's JavaScript (shared/reference/003_...), run by
// tests/integration/dialect_cashfin_test.cpp with Node's fetch: its request is a product create,
// and products are not served here (customers only), so the nearest thing runs: the same
// fetch, headers and Idempotency-Key, with the base URL and key changed and a customer's
// create and body in place of the product's. Sent twice with the same key, as a retry
// would: prints both answers' status, Idempotent-Replayed header and body as one JSON line.
const BASE_URL = `${process.env.BASE_URL}/compat/cashfin`;
process.env.CASHFIN_API_KEY = process.env.API_KEY;
const idempotencyKey = `create-product-${Date.now()}`;

async function send() {
  const response = await fetch(
    `${BASE_URL}/business/customer/create`,
    {
      method: "POST",
      headers: {
        Authorization: process.env.CASHFIN_API_KEY,
        "Content-Type": "application/json",
        "Idempotency-Key": idempotencyKey,
      },
      body: JSON.stringify({
        name: "Premium Widget Buyer",
        email: "premium.buyer@example.com",
        type: "business",
        notes: "A high-quality widget buyer with émojis 🎉",
      }),
    }
  );
  return {
    status: response.status,
    replayed: response.headers.get("Idempotent-Replayed"),
    body: await response.json(),
  };
}

const first = await send();
const retry = await send();
console.log(JSON.stringify({ first, retry }));
