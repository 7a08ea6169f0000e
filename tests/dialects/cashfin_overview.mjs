// The JavaScript of Cashfin's CRM overview (shared/reference/000_...), as printed but for the
// base URL and the key, run by tests/integration/dialect_cashfin_test.cpp with Node's fetch against
// the stack: BASE_URL (the server) and API_KEY come from the environment. Prints the answers
// of both functions as one JSON line for the test to check.
const BASE_URL = `${process.env.BASE_URL}/compat/cashfin`;
const API_KEY = process.env.API_KEY;

// "E-commerce Customer Sync", as printed.
async function syncCustomer(externalCustomer) {
  const response = await fetch(
    `${BASE_URL}/business/customer/create`,
    {
      method: "POST",
      headers: {
        Authorization: API_KEY,
        "Content-Type": "application/json",
      },
      body: JSON.stringify({
        name: externalCustomer.fullName,
        email: externalCustomer.email,
        phone: externalCustomer.phone,
        country: externalCustomer.country,
        currency: "KES",
        type: externalCustomer.isCompany ? "business" : "individual",
      }),
    }
  );
  return response.json();
}

// "Customer-First Order Creation", as printed.
async function createOrderWithCustomer(orderData, customerData) {
  // 1. Create or find customer
  const customerResponse = await fetch(
    `${BASE_URL}/business/customer/create`,
    {
      method: "POST",
      headers: {
        Authorization: API_KEY,
        "Content-Type": "application/json",
      },
      body: JSON.stringify(customerData),
    }
  );
  const { data: customer } = await customerResponse.json();
  // 2. Create order with customer ID
  const orderResponse = await fetch(
    `${BASE_URL}/business/order/checkout`,
    {
      method: "POST",
      headers: {
        Authorization: API_KEY,
        "Content-Type": "application/json",
      },
      body: JSON.stringify({
        ...orderData,
        customeremail: customer.email,
      }),
    }
  );
  return orderResponse.json();
}

// The page leaves externalCustomer, orderData and customerData to the reader: these follow
// its field names (the guide's lower-case names in orderData).
const person = await syncCustomer({
  fullName: "John Doe",
  email: "john.doe@example.com",
  phone: "+254712345678",
  country: "Kenya",
  isCompany: false,
});
const company = await syncCustomer({
  fullName: "Doe Trading Ltd",
  email: "accounts@doetrading.example",
  phone: "+254712345680",
  country: "Kenya",
  isCompany: true,
});
const order = await createOrderWithCustomer(
  {
    items: [
      { productid: "507f1f77bcf86cd799439011", title: "Premium Widget Pro", quantity: 2,
        price: 2999.99 },
    ],
  },
  {
    name: "Jane Wanjiru",
    email: "jane.wanjiru@example.com",
    phone: "+254712345679",
    country: "Kenya",
    currency: "KES",
  }
);
console.log(JSON.stringify({ person, company, order }));
