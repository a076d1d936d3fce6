-- wrk script: each thread POSTs its own slice of pre-signed requests, each once, from the file named by
-- the first argument (one request a line: signature, a tab, the JSON body). Running out is reported, not
-- papered over by sending one twice (a replay costs the ledger less than a fresh win).
local threads, next_id = {}, 0

function setup(thread)
  thread:set("id", next_id)
  thread:set("threads", 0)
  next_id = next_id + 1
  table.insert(threads, thread)
end

function init(args)
  local count = #args >= 2 and tonumber(args[2]) or 1
  signs, bodies, sent, ran_out = {}, {}, 0, 0
  local line_number = 0
  for line in io.lines(args[1]) do
    if line_number % count == id then
      local tab = line:find("\t", 1, true)
      table.insert(signs, line:sub(1, tab - 1))
      table.insert(bodies, line:sub(tab + 1))
    end
    line_number = line_number + 1
  end
end

function request()
  sent = sent + 1
  if sent > #bodies then
    ran_out = ran_out + 1
    sent = #bodies
  end
  local headers = { ["content-type"] = "application/json", ["x-request-sign"] = signs[sent] }
  return wrk.format("POST", wrk.path, headers, bodies[sent])
end

function done(summary, latency)
  local ran_out_total = 0
  for _, thread in ipairs(threads) do ran_out_total = ran_out_total + thread:get("ran_out") end
  local e = summary.errors
  io.write(string.format("tbb-wrk requests=%d duration_us=%d p50_us=%d p99_us=%d failed=%d ran_out=%d\n",
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    e.connect + e.read + e.write + e.status + e.timeout, ran_out_total))
end
