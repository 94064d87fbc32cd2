-- wrk script for the soak (scripts/soak-http.sh): the requests of a working day in turn — the
-- overview on a different day each time (cache misses), a list of people to reach, a person
-- looked up by BHXH number, and an XLSX export. The days stop before 01/07/2025: the reform ended
-- province 95 then, and a unit that does not exist on the day answers 404. UNIT, COMMUNE and BHXH from the environment.
local n = 0
local unit = os.getenv("UNIT") or "95"
local commune = os.getenv("COMMUNE") or "31813"
local bhxh = os.getenv("BHXH") or "9500000101"
request = function()
  n = n + 1
  local k = n % 4
  local path
  if k == 0 then
    local t = os.time({year = 2015, month = 1, day = 1, hour = 12}) + (n % 3800) * 86400
    path = string.format("/api/v1/coverage?unit=%s&as_of=%s&depth=1&by=group", unit, os.date("!%Y-%m-%d", t))
  elseif k == 1 then
    path = string.format("/api/v1/lists/expired?unit=%s&as_of=2021-11-10", commune)
  elseif k == 2 then
    path = string.format("/api/v1/people?q=%s&as_of=2021-11-10", bhxh)
  else
    path = string.format("/api/v1/coverage/export.xlsx?unit=%s&as_of=2021-11-%02d&depth=1", unit, 1 + n % 28)
  end
  return wrk.format("GET", path)
end
