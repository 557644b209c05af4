-- wrk script of benchmarks/peer-bench.sh: POSTs the JSON bodies of BODIES (one per line) in turn, with the
-- headers of HEADERS (one "Name: value" per line), and prints p50/p90/p99 in milliseconds and the non-2xx count.
local bodies, headers, i = {}, { ["Content-Type"] = "application/json" }, 0
for line in io.lines(os.getenv("BODIES")) do bodies[#bodies + 1] = line end
local hfile = os.getenv("HEADERS")
if hfile and hfile ~= "" then
  for line in io.lines(hfile) do
    local name, value = line:match("^([^:]+):%s*(.*)$")
    if name then headers[name] = value end
  end
end
request = function()
  i = i % #bodies + 1
  return wrk.format("POST", nil, headers, bodies[i])
end
done = function(summary, latency, requests)
  local bad = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT requests=%d seconds=%.2f rate=%.1f p50=%.1f p90=%.1f p99=%.1f errors=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, bad))
end
