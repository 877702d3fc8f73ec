-- submit: a pupil sends an idea in their own words; it is screened and queued for moderation.
package.path = os.getenv("BENCH_SRC") .. "/?.lua;" .. package.path
local common = require("common")
setup = common.setup

local texts = {
  "Em muốn phường làm thêm sân bóng đá mini cho các bạn nhỏ chơi vào cuối tuần.",
  "Please add more trees and benches in the park near our school, it is too hot in summer.",
  "Đường đến trường của em rất tối, mong phường lắp thêm đèn đường ở hẻm 42 để tụi em đi học thêm buổi tối về không bị sợ.",
  "Bạn nào muốn chơi bóng thì gọi em số 0912 345 678 nha, tụi mình lập đội đá giải phường.",
  "Thư viện trường nên mở cửa cả thứ Bảy để tụi em đọc sách và làm bài tập nhóm.",
  "Some older kids at the park keep taking our ball, we need an adult there in the evening.",
}

local tokens, bodies, n
function init(args)
  tokens = common.lines("pupils.tokens")
  bodies = {}
  for i, t in ipairs(texts) do bodies[i] = '{"kind":"idea","text":"' .. t .. '"}' end
  n = id * math.floor(#tokens / 2) + 7
end

function request()
  n = n + 1
  return wrk.format("POST", "/api/v1/submissions", common.headers(tokens[n % #tokens + 1], true),
                    bodies[n % #bodies + 1])
end
