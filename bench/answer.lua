-- answer: pupils send a 10-question answer set; 201 means synced to disk (group commit).
package.path = os.getenv("BENCH_SRC") .. "/?.lua;" .. package.path
local common = require("common")
setup = common.setup

local tokens, path, bodies, n

local ideas = {
  "Em mong phường trồng thêm cây xanh và lắp đèn ở sân chơi gần nhà.",
  "Please open the school yard on weekends so we can play football safely.",
  "Sân bóng gần nhà em hay bị ngập nước khi mưa, mong các cô chú sửa lại.",
}

local function answer_set(i)
  local spaces = { "park", "school", "alley", "house" }
  local needs = { "trees", "light", "sport", "books" }
  local first = { "fix", "new", "open" }
  local a = i % 4 + 1
  local b = math.floor(i / 4) % 4 + 1
  local parts = {
    string.format('"q_space":"%s"', spaces[a]),
    string.format('"q_needs":["%s","%s"]', needs[a], needs[(a % 4) + 1]),
    string.format('"q_safe":%d', i % 5 + 1),
    string.format('"q_voice":%s', (i % 2 == 0) and "true" or "false"),
    string.format('"q_first":["%s","%s"]', first[i % 3 + 1], first[(i + 1) % 3 + 1]),
    string.format('"q_space_2":"%s"', spaces[b]),
    string.format('"q_safe_2":%d', math.floor(i / 5) % 5 + 1),
    string.format('"q_voice_2":%s', (i % 3 == 0) and "true" or "false"),
    string.format('"q_needs_2":["%s"]', needs[b]),
  }
  -- One answer set in five carries a free-text idea, screened and queued for moderation.
  if i % 5 == 0 then parts[#parts + 1] = string.format('"q_idea":"%s"', ideas[i % 3 + 1]) end
  return '{"answers":{' .. table.concat(parts, ",") .. '}}'
end

function init(args)
  tokens = common.lines("pupils.tokens")
  path = "/api/v1/consultations/" .. common.first("consultation.id") .. "/responses"
  bodies = {}
  for i = 0, 59 do bodies[#bodies + 1] = answer_set(i) end
  n = id * math.floor(#tokens / 2)
end

function request()
  n = n + 1
  local token = tokens[n % #tokens + 1]
  return wrk.format("POST", path, common.headers(token, true), bodies[n % #bodies + 1])
end
