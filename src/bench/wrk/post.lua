-- One decision request per call, POSTed as JSON with the data platform's token, and every answer checked.
-- The same script drives the bare echo app, Jurist's in-app echo and Jurist's decisions, so the checking costs the
-- same on every side. EXPECT (environment) lists the substrings every answer's body must contain, separated by "|"
-- (e.g. '"decision":"PERMIT"|"version":3' or '"id":"member-42"'); without it, what a decision for this request must
-- say: '"decision":"PERMIT"|"subjectId":"member-42"'. At the end the script prints
--   checked answers: N
--   wrong answers: M
-- where "wrong" is a status outside 2xx or a body missing any of the substrings; the scripts fail the run if M > 0.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer demo-data-platform-token"
wrk.body = '{"subject":{"id":"member-42","country":"US","age":34},"purpose":"GENAI_TRAINING",'
        .. '"consent":"NOT_SET","at":"2024-11-25T00:00:00Z"}'

local expect = {}
local wanted = os.getenv("EXPECT")
if wanted == nil or wanted == "" then
  wanted = '"decision":"PERMIT"|"subjectId":"member-42"'
end
for part in string.gmatch(wanted, "[^|]+") do
  table.insert(expect, part)
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  checked = 0
  wrong = 0
  sample = ""
end

function response(status, headers, body)
  checked = checked + 1
  local good = status >= 200 and status < 300 and body ~= nil
  if good then
    for i = 1, #expect do
      if not string.find(body, expect[i], 1, true) then
        good = false
        break
      end
    end
  end
  if not good then
    wrong = wrong + 1
    if sample == "" then
      sample = tostring(status) .. " " .. string.sub(body or "", 1, 300)
    end
  end
end

function done(summary, latency, requests)
  local c, w, s = 0, 0, ""
  for _, thread in ipairs(threads) do
    c = c + thread:get("checked")
    w = w + thread:get("wrong")
    if s == "" then s = thread:get("sample") end
  end
  io.write(string.format("checked answers: %d\nwrong answers: %d\n", c, w))
  if w > 0 then
    io.write("first wrong answer: " .. s .. "\n")
  end
end
