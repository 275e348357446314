-- Rotates bearer tokens (one per line in tokens.txt, "token id") over the path given in PATH_KIND:
-- me, detail, list or create. Creates use each user once per account and task policy (unique open request).
local kind = os.getenv("PATH_KIND")
local users = {}
for line in io.lines(os.getenv("TOKENS")) do
  local token, id = line:match("^(%S+)%s+(%d+)$")
  users[#users + 1] = { token = token, id = id }
end
local combos = {}
for _, account in ipairs({ "111122223333", "444455556666", "777788889999" }) do
  for _, policy in ipairs({ "IAMAuditRootUserCredentials", "S3UnlockBucketPolicy", "SQSUnlockQueuePolicy" }) do
    combos[#combos + 1] = { account, policy }
  end
end
local counter = 0
local warmup = os.getenv("WARMUP") == "1"
local next_index = 0
-- Set per thread by setup() (thread:set and thread:get see globals only).
thread_index = 0
statuses = {}
local threads = tonumber(os.getenv("THREADS"))

local all_threads = {}
function setup(thread)
  thread:set("thread_index", next_index)
  next_index = next_index + 1
  all_threads[#all_threads + 1] = thread
end

function request()
  counter = counter + 1
  -- Each wrk thread walks its own slice of (combo, user) pairs, so no pair is used twice.
  local k = counter * threads + thread_index
  if warmup then
    -- The warm-up walks the pairs from the other end, so the measured run still finds each pair unused.
    k = #users * #combos - 1 - k
  end
  local user = users[(k % #users) + 1]
  local headers = { ["Authorization"] = "Bearer " .. user.token, ["Content-Type"] = "application/json" }
  if kind == "me" then
    return wrk.format("GET", "/api/v1/me", headers)
  elseif kind == "detail" then
    return wrk.format("GET", "/api/v1/requests/" .. user.id, headers)
  elseif kind == "list" then
    return wrk.format("GET", "/api/v1/requests?size=20", headers)
  end
  local combo = combos[(math.floor(k / #users) % #combos) + 1]
  local body = string.format('{"accountId":"%s","taskPolicy":"%s","justification":"benchmark"}', combo[1], combo[2])
  return wrk.format("POST", "/api/v1/requests", headers, body)
end

function response(status)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local by_status = {}
  for _, thread in ipairs(all_threads) do
    for status, count in pairs(thread:get("statuses")) do
      by_status[status] = (by_status[status] or 0) + count
    end
  end
  local parts = {}
  for status, count in pairs(by_status) do
    parts[#parts + 1] = status .. ":" .. count
  end
  table.sort(parts)
  io.write("STATUS " .. kind .. " " .. table.concat(parts, " ") .. "\n")
  io.write(string.format("RESULT %s p50_ms=%.1f p99_ms=%.1f rps=%.0f requests=%d non2xx=%d socket_errors=%d\n",
    kind, latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests / secs, summary.requests,
    summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
