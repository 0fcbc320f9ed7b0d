-- Like post.lua, but each connection waits PACE_MS milliseconds after each answer before the next
-- request, holding the offered rate near connections * 1000 / PACE_MS (wrk2 is not available here).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer demo-data-platform-token"
wrk.body = '{"subject":{"id":"member-42","country":"US","age":34},"purpose":"GENAI_TRAINING",'
        .. '"consent":"NOT_SET","at":"2024-11-25T00:00:00Z"}'

local pace = tonumber(os.getenv("PACE_MS") or "10")

function delay()
  return pace
end
