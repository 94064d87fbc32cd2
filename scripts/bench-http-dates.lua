-- wrk script: the overview API for a different day on each request (2015-01-01 + n, n < 4000),
-- so that most requests miss the server's response cache (512 entries) and build the report.
local n = 0
request = function()
  n = (n + 1) % 4000
  local t = os.time({year = 2015, month = 1, day = 1, hour = 12}) + n * 86400
  local path = string.format("/api/v1/coverage?unit=%s&as_of=%s&depth=1&by=group", os.getenv("UNIT") or "95",
                             os.date("!%Y-%m-%d", t))
  return wrk.format("GET", path)
end
