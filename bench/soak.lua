-- The soak's wrk script: bench/scenarios.lua's "soak" scenario, plus a count of the answers
-- by status class (a response() callback costs wrk some speed, so the measured scenarios
-- run without it). Run from the repository's root, as bench/run does:
--
--   wrk -s bench/soak.lua URL -- soak DATA_DIR API_KEY SALT

dofile("bench/scenarios.lua")

status_2xx, status_3xx, status_4xx, status_5xx, status_other = 0, 0, 0, 0, 0

function response(status, _, _)
  if status >= 500 and status < 600 then status_5xx = status_5xx + 1
  elseif status >= 400 then status_4xx = status_4xx + 1
  elseif status >= 300 then status_3xx = status_3xx + 1
  elseif status >= 200 then status_2xx = status_2xx + 1
  else status_other = status_other + 1 end
end

function result_extra()
  local sums = { status_2xx = 0, status_3xx = 0, status_4xx = 0, status_5xx = 0,
    status_other = 0 }
  for _, thread in ipairs(threads) do
    for name, sum in pairs(sums) do sums[name] = sum + (thread:get(name) or 0) end
  end
  return string.format(',"status":{"2xx":%d,"3xx":%d,"4xx":%d,"5xx":%d,"other":%d}',
    sums.status_2xx, sums.status_3xx, sums.status_4xx, sums.status_5xx, sums.status_other)
end
