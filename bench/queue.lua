-- queue: the moderator pages through a moderation queue of a million pending ideas: the first
-- page and pages deep in the queue (cursor pagination, ?after=<created_at>|<id>).
package.path = os.getenv("BENCH_SRC") .. "/?.lua;" .. package.path
local common = require("common")
setup = common.setup

local headers, cursors, n
function init(args)
  headers = common.headers(common.first("moderator.token"), false)
  cursors = common.lines("queue.cursors")
  n = id * 97
end

local function escape(s)
  return (s:gsub("[^%w%-_%.~]", function(c) return string.format("%%%02X", string.byte(c)) end))
end

function request()
  n = n + 1
  local path = "/api/v1/moderation/queues/normal/items?limit=50"
  if n % 4 ~= 0 then path = path .. "&after=" .. escape(cursors[n % #cursors + 1]) end
  return wrk.format("GET", path, headers)
end
