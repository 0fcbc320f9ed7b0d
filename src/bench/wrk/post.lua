-- One decision request per call, POSTed as JSON with the data platform's token.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer demo-data-platform-token"
wrk.body = '{"subject":{"id":"member-42","country":"US","age":34},"purpose":"GENAI_TRAINING",'
        .. '"consent":"NOT_SET","at":"2024-11-25T00:00:00Z"}'

