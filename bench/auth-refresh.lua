-- Refresh with rotation: every request presents a refresh token that the previous answer of its session returned.
-- Each wrk thread owns its share of the sessions in BENCH_TOKENS (one refresh token per line, each its own login):
-- a request takes a token out of the thread's pool and its answer puts the rotated token back, so no token is ever
-- sent twice (which would revoke its whole family) and no two connections share a session. The pool must hold at
-- least as many sessions as the thread has connections; an answer without a new token drops that session.
-- BENCH_TARGET=auth: POST /oauth/token for the web client's sessions; keycloak: the public client bench-web.
local target = os.getenv("BENCH_TARGET")
local threads = tonumber(os.getenv("BENCH_THREADS"))
local pool = {}
local nextId = 0
local lost = 0

function setup(thread)
  thread:set("id", nextId)
  nextId = nextId + 1
end

function init(args)
  local i = 0
  for line in io.lines(os.getenv("BENCH_TOKENS")) do
    if line ~= "" then
      if i % threads == id then table.insert(pool, line) end
      i = i + 1
    end
  end
end

function request()
  local token = table.remove(pool)
  if token == nil then
    token = "pool-exhausted"
  end
  local body = "grant_type=refresh_token&refresh_token=" .. token
  if target == "keycloak" then
    body = body .. "&client_id=bench-web"
  end
  return wrk.format("POST", nil, { ["Content-Type"] = "application/x-www-form-urlencoded" }, body)
end

function response(status, headers, body)
  local token = status == 200 and body:match('"refresh_token"%s*:%s*"([^"]+)"')
  if token then
    table.insert(pool, 1, token)
  else
    lost = lost + 1
  end
end
