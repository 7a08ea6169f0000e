-- The wrk scenarios of bench/run. One script, the scenario chosen by argument:
--
--   wrk -s bench/scenarios.lua URL -- SCENARIO DATA_DIR API_KEY SALT
--
-- SCENARIO: get, finora_get and erp_get (get-by-id through the Finora and ERP dialects),
-- lookup, list, cursor, search, create, create_keyed (create with a fresh Idempotency-Key on
-- every request), update, mixed (80 % reads: get 50, lookup 10, list 10, search 10; 20 %
-- writes: create 10, update 10), soak (the mixed one with
-- 10 % of it hostile requests, each answered 4xx), or empty (GET /v1/customers/<id>, for the
-- ceiling responders); with seeded orders (bench/run --scale orders): order_create (POST
-- /v1/orders, one to three lines, for a customer without a credit limit), order_create_top
-- (the same for the customer with the most orders, lines at price 0 so that its credit limit,
-- if any, never refuses one), order_pay and order_pay_top (POST /v1/orders/{id}/payments of
-- 0.01 on an order with a balance due, any customer's or the top customer's), analytics and
-- analytics_top (GET /v1/customers/{id}/analytics of a customer with orders, or of the top
-- customer), stats (GET /v1/customers/stats for the last full UTC month), get_buyer and
-- get_orders (GET /v1/customers/{id} of a customer with orders, without and with
-- ?include=orders), list_ltv (GET /v1/customers?sort=-lifetimeValue). DATA_DIR holds one
-- value a line:
-- ids.txt (existing customers), emails.txt (their emails), fragments.txt (3-4 letter name
-- fragments), cursors.txt (list cursors deep in the name order); for the order scenarios
-- order_customers.txt (customers without a credit limit), buyers.txt (customers with
-- orders), open_orders.txt and top_open_orders.txt (orders with a balance due),
-- top_customer.txt (one id) and stats_month.txt (one line "FROM TO"). SALT (0-97; 98 and 99 are
-- bench/run's own) keeps the emails and phone numbers of one run's creates apart from every
-- other run's.
--
-- done() prints one line "WRK_RESULT {json}": requests, seconds, rps, latency percentiles
-- (ms), non-2xx answers and socket errors.

local thread_count = 0
threads = {}  -- the thread objects, for a done() that reads their counters (bench/soak.lua)

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_number", thread_count)
  threads[#threads + 1] = thread
end

local scenario, salt
local ids, emails, fragments, cursors = {}, {}, {}, {}
local order_customers, buyers, open_orders, top_open_orders, top_customer, stats_month =
  {}, {}, {}, {}, {}, {}
local read_headers, json_headers, keyed_headers
local created = 0

local function read_lines(path)
  local list = {}
  local file = io.open(path, "r")
  if file == nil then return list end
  for line in file:lines() do
    if line ~= "" then list[#list + 1] = line end
  end
  file:close()
  return list
end

local function pick(list)
  return list[math.random(#list)]
end

local function url_encode(text)
  return (text:gsub("[^%w%-%._~]", function(ch) return string.format("%%%02X", ch:byte()) end))
end

-- Names as the data generator makes them: several scripts, so that search and sorting see
-- the mix a real customer base has. The ASCII ones make the emails.
local first_names = { "Wanjiru", "Otieno", "Amina", "Kofi", "Chen", "Priya", "Olga", "Lucas",
  "Fatima", "Hiroshi", "Zanele", "Mateo", "Ana", "Yusuf", "Ingrid", "Jamal", "Mei", "Chinedu",
  "Aroha", "Søren", "Дмитрий", "Ελένη", "美咲" }
local last_names = { "Kamau", "Mensah", "Okafor", "Wang", "Patel", "Ivanova", "Silva", "Hassan",
  "Tanaka", "Dlamini", "Costa", "Demir", "Larsen", "Bello", "Nakamura", "Mwangi", "Nkosi",
  "García", "Müller", "Смирнов" }

-- A new customer with an email and a phone number no other run uses: +254 79 SS NNNNN
-- (salt, then counter and thread: up to 4 threads of 25,000 creates each). The data
-- generator draws Kenyan numbers from other blocks (+254 712...).
local function create_body()
  created = created + 1
  local first, last = pick(first_names), pick(last_names)
  local serial = string.format("%02d%05d", salt, (created * 4 + thread_number - 1) % 100000)
  local email = string.format("new.%s@bench.example.com", serial)
  return string.format('{"name":"%s %s","email":"%s","phone":"+25479%s","type":"individual",'
    .. '"country":"KE","segment":"retail","tags":["bench"],"creditLimit":5000.00,'
    .. '"billingAddress":{"line1":"12 Moi Avenue","city":"Nairobi","postalCode":"00100",'
    .. '"country":"KE"},"notes":"created by bench/run"}', first, last, email, serial)
end

-- A key no other request of any run sends: the salt, the thread, its counter and a random
-- part (a run's keys stay stored for 24 hours; a reused key with another body would be 422).
local function idempotency_key()
  return string.format("bench-%02d-%d-%d-%08x", salt, thread_number, created,
    math.random(0, 0x7fffffff))
end

local function update_body()
  created = created + 1
  return string.format('{"segment":"wholesale","notes":"updated by bench/run %d-%d"}',
    thread_number, created)
end

-- An order of one to three lines from a small catalogue; `price` fixes every unit price.
local function order_body(customer, price)
  local lines = {}
  for i = 1, math.random(3) do
    local product = math.random(400)
    lines[i] = string.format('{"productId":"PRD-%04d","productName":"Bench product %d",'
      .. '"quantity":%d,"unitPrice":%s}', product, product, math.random(4),
      price or string.format("%d.%02d", math.random(2, 400), math.random(0, 99)))
  end
  return string.format('{"customerId":"%s","items":[%s]}', customer, table.concat(lines, ","))
end

local function stats_path()
  local from, to = stats_month[1]:match("^(%S+)%s+(%S+)$")
  return "/v1/customers/stats?from=" .. from .. "&to=" .. to
end

local requests = {
  get = function() return wrk.format("GET", "/v1/customers/" .. pick(ids), read_headers) end,
  -- The same read through Finora's dialect (src/dialects/finora): its cost over get.
  finora_get = function()
    return wrk.format("GET", "/compat/finora/v1/customers/" .. pick(ids), read_headers)
  end,
  -- And through the ERP's (snake_case: every name of the customer rewritten).
  erp_get = function()
    return wrk.format("GET", "/compat/erp/api/customers/" .. pick(ids), read_headers)
  end,
  empty = function() return wrk.format("GET", "/v1/customers/" .. pick(ids), read_headers) end,
  lookup = function()
    return wrk.format("GET", "/v1/customers/lookup?email=" .. url_encode(pick(emails)),
      read_headers)
  end,
  list = function() return wrk.format("GET", "/v1/customers", read_headers) end,
  cursor = function()
    return wrk.format("GET", "/v1/customers?cursor=" .. pick(cursors), read_headers)
  end,
  search = function()
    return wrk.format("GET", "/v1/customers/search?q=" .. url_encode(pick(fragments)),
      read_headers)
  end,
  create = function() return wrk.format("POST", "/v1/customers", json_headers, create_body()) end,
  create_keyed = function()
    local body = create_body()
    keyed_headers["Idempotency-Key"] = idempotency_key()
    return wrk.format("POST", "/v1/customers", keyed_headers, body)
  end,
  update = function()
    return wrk.format("PATCH", "/v1/customers/" .. pick(ids), json_headers, update_body())
  end,
  order_create = function()
    return wrk.format("POST", "/v1/orders", json_headers, order_body(pick(order_customers)))
  end,
  order_create_top = function()
    return wrk.format("POST", "/v1/orders", json_headers, order_body(top_customer[1], "0.00"))
  end,
  order_pay = function()
    return wrk.format("POST", "/v1/orders/" .. pick(open_orders) .. "/payments", json_headers,
      '{"amount":0.01}')
  end,
  order_pay_top = function()
    return wrk.format("POST", "/v1/orders/" .. pick(top_open_orders) .. "/payments",
      json_headers, '{"amount":0.01}')
  end,
  analytics = function()
    return wrk.format("GET", "/v1/customers/" .. pick(buyers) .. "/analytics", read_headers)
  end,
  analytics_top = function()
    return wrk.format("GET", "/v1/customers/" .. top_customer[1] .. "/analytics", read_headers)
  end,
  stats = function() return wrk.format("GET", stats_path(), read_headers) end,
  get_buyer = function()
    return wrk.format("GET", "/v1/customers/" .. pick(buyers), read_headers)
  end,
  get_orders = function()
    return wrk.format("GET", "/v1/customers/" .. pick(buyers) .. "?include=orders", read_headers)
  end,
  list_ltv = function()
    return wrk.format("GET", "/v1/customers?sort=-lifetimeValue", read_headers)
  end,
}

-- Requests that must each get a 4xx and cost the worker nothing lasting: the soak sends them
-- among the others (tests/integration/data/hostile_corpus.ndjson has the full corpus, with
-- the status each must get).
local hostile_count = 0
local hostile_cases
local function make_hostile_cases()
  local plain = { ["Authorization"] = read_headers["Authorization"],
    ["Content-Type"] = "text/plain" }
  local many_tags = string.rep('x","', 5000)
  local long_notes = string.rep("n", 200000)
  return {
    function() return wrk.format("POST", "/v1/customers", json_headers, '{"name":') end,
    function() return wrk.format("POST", "/v1/customers", plain, '{"name":"x"}') end,
    function() return wrk.format("GET", "/v1/customers?limit=100000", read_headers) end,
    function() return wrk.format("GET", "/v1/customers?page=-1", read_headers) end,
    function() return wrk.format("GET", "/v1/customers?cursor=bm90LWEtY3Vyc29y", read_headers) end,
    function() return wrk.format("GET", "/v1/customers/not-an-id%00", read_headers) end,
    function() return wrk.format("GET", "/v1/customers/search?q=" .. string.rep("a", 300),
      read_headers) end,
    function()
      return wrk.format("GET", "/v1/customers/lookup?email=%27%20OR%201%3D1--", read_headers)
    end,
    function() return wrk.format("GET", "/v1/customers", { ["Authorization"] = "Bearer nope" }) end,
    function()
      return wrk.format("POST", "/v1/customers", json_headers,
        '{"name":"Bad Email","email":"not an email"}')
    end,
    function()
      return wrk.format("POST", "/v1/customers", json_headers,
        '{"name":"Many Tags","email":"t@example.com","tags":["' .. many_tags .. 'x"]}')
    end,
    function()
      return wrk.format("POST", "/v1/customers", json_headers,
        string.rep('{"a":', 40) .. '1' .. string.rep("}", 40))
    end,
    function()
      return wrk.format("POST", "/v1/customers", json_headers, '{"name":"\xff\xfe"}')
    end,
    function()
      return wrk.format("PATCH", "/v1/customers/" .. pick(ids), json_headers,
        '{"notes":"' .. long_notes .. '"}')
    end,
    function()
      return wrk.format("POST", "/v1/customers", json_headers,
        '{"name":"Robert\'); DROP TABLE customers;--","email":"x\' OR \'1\'=\'1"}')
    end,
  }
end
local function hostile()
  hostile_count = hostile_count + 1
  hostile_cases = hostile_cases or make_hostile_cases()
  return hostile_cases[hostile_count % #hostile_cases + 1]()
end

local function mix_of(entries)
  return function()
    local roll = math.random(100)
    for _, entry in ipairs(entries) do
      roll = roll - entry[1]
      if roll <= 0 then return requests[entry[2]]() end
    end
  end
end
requests.hostile = hostile
requests.mixed = mix_of({ { 50, "get" }, { 10, "lookup" }, { 10, "list" }, { 10, "search" },
  { 10, "create" }, { 10, "update" } })
requests.soak = mix_of({ { 45, "get" }, { 10, "lookup" }, { 10, "list" }, { 10, "search" },
  { 5, "create" }, { 10, "update" }, { 10, "hostile" } })

function init(args)
  scenario = args[1]
  local dir = args[2]
  salt = tonumber(args[4]) or 0
  read_headers = { ["Authorization"] = "Bearer " .. args[3] }
  json_headers = { ["Authorization"] = "Bearer " .. args[3],
    ["Content-Type"] = "application/json" }
  keyed_headers = { ["Authorization"] = "Bearer " .. args[3],
    ["Content-Type"] = "application/json" }
  math.randomseed(os.time() * 1000 + thread_number * 7919 + salt)
  ids = read_lines(dir .. "/ids.txt")
  emails = read_lines(dir .. "/emails.txt")
  fragments = read_lines(dir .. "/fragments.txt")
  cursors = read_lines(dir .. "/cursors.txt")
  order_customers = read_lines(dir .. "/order_customers.txt")
  buyers = read_lines(dir .. "/buyers.txt")
  open_orders = read_lines(dir .. "/open_orders.txt")
  top_open_orders = read_lines(dir .. "/top_open_orders.txt")
  top_customer = read_lines(dir .. "/top_customer.txt")
  stats_month = read_lines(dir .. "/stats_month.txt")
  if requests[scenario] == nil then error("unknown scenario " .. tostring(scenario)) end
end

function request()
  -- wrk.format keeps the headers table it is given: Content-Length is set per body.
  return requests[scenario]()
end

-- More fields for the WRK_RESULT line (",\"name\":value..."); bench/soak.lua adds some.
function result_extra() return "" end

function done(summary, latency, _)
  local errors = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format('WRK_RESULT {"requests":%d,"seconds":%.3f,"rps":%.1f,'
    .. '"p50_ms":%.3f,"p90_ms":%.3f,"p99_ms":%.3f,"max_ms":%.3f,"non2xx":%d,'
    .. '"socket_errors":%d%s}\n',
    summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout, result_extra()))
end
