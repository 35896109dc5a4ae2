-- Sign-in with a correct password, spread over a pool of users so that no account has two attempts in flight.
-- BENCH_TARGET=auth: POST /api/v1/auth/login (JSON); BENCH_TARGET=keycloak: password grant of the public client.
-- BENCH_USERS users named bench-<n>, BENCH_PASSWORD their password, BENCH_THREADS the wrk thread count.
local target = os.getenv("BENCH_TARGET")
local users = tonumber(os.getenv("BENCH_USERS"))
local password = os.getenv("BENCH_PASSWORD")
local threads = tonumber(os.getenv("BENCH_THREADS"))
local counter = 0
local nextId = 0

function setup(thread)
  thread:set("id", nextId)
  nextId = nextId + 1
end

function init(args)
  counter = id or 0
end

function request()
  local n = counter % users
  counter = counter + threads
  if target == "auth" then
    return wrk.format("POST", nil, { ["Content-Type"] = "application/json" },
      string.format('{"tenant":"default","email":"bench-%d@bench.local","password":"%s"}', n, password))
  end
  return wrk.format("POST", nil, { ["Content-Type"] = "application/x-www-form-urlencoded" },
    string.format("grant_type=password&client_id=bench-web&username=bench-%d&password=%s", n, password))
end
