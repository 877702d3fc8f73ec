-- results: the moderator reads the results of the consultation holding millions of answers.
package.path = os.getenv("BENCH_SRC") .. "/?.lua;" .. package.path
local common = require("common")
setup = common.setup

local req
function init(args)
  local path = "/api/v1/consultations/" .. common.first("consultation.id") .. "/results"
  req = wrk.format("GET", path, common.headers(common.first("moderator.token"), false))
end

function request()
  return req
end
