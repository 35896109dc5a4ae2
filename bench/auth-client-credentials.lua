-- Client credentials grant of a confidential client authenticated with HTTP Basic (RFC 6749 §2.3.1).
-- BENCH_BASIC holds the base64 of "client_id:client_secret".
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = "Basic " .. os.getenv("BENCH_BASIC")
wrk.body = "grant_type=client_credentials"
