-- Shared by the wrk scripts: reads what langnghe-bench-seed wrote into $BENCH_DIR, and gives each
-- wrk thread its own slice of pupils so that connections do not answer as the same child at once.
local common = {}

function common.lines(name)
  local out = {}
  for line in io.lines(os.getenv("BENCH_DIR") .. "/" .. name) do
    if line ~= "" then out[#out + 1] = line end
  end
  return out
end

function common.first(name)
  return common.lines(name)[1]
end

local next_id = 0
function common.setup(thread)
  thread:set("id", next_id)
  next_id = next_id + 1
end

-- Keep-alive as nginx would use upstream (Pistache closes after each reply otherwise).
function common.headers(token, with_body)
  local h = { ["Connection"] = "keep-alive", ["Authorization"] = "Bearer " .. token }
  if with_body then h["Content-Type"] = "application/json" end
  return h
end

return common
