#include "api/pages/letters.h"

#include <nlohmann/json.hpp>

#include "base/errors.h"
#include "base/local_zone.h"

namespace ln::api {
namespace {

struct Letter {
  std::string issuer;  // the Youth Union of the unit
  std::string number;
  std::string place_and_date;
  std::string subject;
  std::string to;
  std::vector<std::string> paragraphs;
  std::vector<std::string> quotes;
  std::vector<std::string> closing;  // after the quotes
  std::vector<std::string> recipients;
};

std::string date_words(const std::string& iso) {
  if (iso.size() != 10) return iso;
  return "ngày " + iso.substr(8, 2) + " tháng " + iso.substr(5, 2) + " năm " + iso.substr(0, 4);
}

std::string vn_date(const std::string& iso) {
  if (iso.size() != 10) return iso;
  return iso.substr(8, 2) + "/" + iso.substr(5, 2) + "/" + iso.substr(0, 4);
}

std::string render(const Letter& l, const std::string& title) {
  auto e = html_escape;
  std::string out =
      "<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n<title>" + e(title) +
      "</title>\n<link rel=\"stylesheet\" href=\"/letter.css\">\n</head>\n<body>\n"
      "<article class=\"letter\">\n<header class=\"letter-head\">\n"
      "<div class=\"issuer\"><p class=\"issuer-parent\">ĐOÀN TNCS HỒ CHÍ MINH</p>"
      "<p class=\"issuer-name\">" +
      e(l.issuer) + "</p><p class=\"number\">Số: " + e(l.number) + "</p><p class=\"subject\">V/v " +
      e(l.subject) +
      "</p></div>\n<div class=\"national\"><p class=\"motto-country\">CỘNG HÒA XÃ HỘI CHỦ NGHĨA "
      "VIỆT NAM</p><p class=\"motto\">Độc lập - Tự do - Hạnh phúc</p><p class=\"place-date\">" +
      e(l.place_and_date) + "</p></div>\n</header>\n<p class=\"to\">Kính gửi: " + e(l.to) +
      "</p>\n<section class=\"body\">\n";
  for (const auto& p : l.paragraphs) out += "<p>" + e(p) + "</p>\n";
  if (!l.quotes.empty()) {
    out += "<ul class=\"quotes\">\n";
    for (const auto& q : l.quotes) out += "<li>“" + e(q) + "”</li>\n";
    out += "</ul>\n";
  }
  for (const auto& p : l.closing) out += "<p>" + e(p) + "</p>\n";
  out +=
      "</section>\n<footer class=\"letter-foot\">\n<div class=\"recipients\"><p "
      "class=\"recipients-title\">Nơi nhận:</p><ul>\n";
  for (const auto& r : l.recipients) out += "<li>" + e(r) + ";</li>\n";
  out +=
      "</ul></div>\n<div class=\"signature\"><p class=\"signature-title\">TM. BAN THƯỜNG "
      "VỤ</p><p class=\"signature-note\">(Ký, ghi rõ họ tên, đóng dấu)</p></div>\n</footer>\n"
      "</article>\n</body>\n</html>\n";
  return out;
}

Letter base(App& app, const Recommendation& r) {
  if (r.status == RecommendationStatus::kDraft || !r.authority_id)
    throw Conflict("A letter exists once the recommendation is forwarded.", "not_forwarded");
  Letter l;
  auto unit = app.storage.organisation().unit(r.unit_id);
  auto authority = app.storage.organisation().authority(*r.authority_id);
  std::string unit_name = unit ? unit->name : "";
  l.issuer = "ĐOÀN " + unit_name;
  l.to = authority ? authority->name : "";
  l.place_and_date = unit_name + ", " + date_words(r.dispatch_date.value_or(""));
  for (const auto& q : r.quotes) l.quotes.push_back(q.text);
  l.recipients = {"Như trên", "Hội đồng trẻ em " + unit_name + " (để theo dõi)", "Lưu: VT"};
  return l;
}

}  // namespace

std::string forwarding_letter(App& app, const Recommendation& r) {
  Letter l = base(app, r);
  l.number = r.dispatch_number.value_or("");
  l.subject = "chuyển kiến nghị của trẻ em: " + r.title;
  l.paragraphs = {
      "Thực hiện Điều 77 Luật Trẻ em năm 2016 về việc tổng hợp, chuyển ý kiến, kiến nghị của trẻ "
      "em đến cơ quan có thẩm quyền, Ban Thường vụ Đoàn trân trọng chuyển đến Quý cơ quan kiến "
      "nghị "
      "sau đây của trẻ em:",
      r.title + ". " + r.text,
      "Một số ý kiến của các em (đã được biên tập để bảo vệ thông tin cá nhân):",
  };
  if (l.quotes.empty()) l.paragraphs.pop_back();
  l.closing.push_back("Kính đề nghị Quý cơ quan xem xét, trả lời trước ngày " +
                      vn_date(r.due_date.value_or("")) +
                      " để Đoàn thông tin lại cho các em. Trân trọng cảm ơn.");
  return render(l, "Công văn chuyển kiến nghị — " + r.title);
}

std::string reminder_letter(App& app, const Recommendation& r) {
  Letter l = base(app, r);
  l.number = r.dispatch_number.value_or("") + "-ĐĐ";
  l.subject = "đôn đốc trả lời kiến nghị của trẻ em: " + r.title;
  l.place_and_date = l.place_and_date.substr(0, l.place_and_date.find(',')) + ", " +
                     date_words(format_date(local_date_of(app.clock.now())));
  l.paragraphs = {
      "Ngày " + vn_date(r.dispatch_date.value_or("")) + ", Ban Thường vụ Đoàn đã có Công văn số " +
          r.dispatch_number.value_or("") + " chuyển đến Quý cơ quan kiến nghị của trẻ em: “" +
          r.title + "”, đề nghị trả lời trước ngày " + vn_date(r.due_date.value_or("")) + ".",
      r.answered_at ? "Quý cơ quan đã trả lời; Đoàn trân trọng cảm ơn."
                    : "Đến nay Đoàn chưa nhận được văn bản trả lời. Các em đang chờ câu trả lời.",
      "Kính đề nghị Quý cơ quan quan tâm, sớm có văn bản trả lời để Đoàn thông tin lại cho các "
      "em. Trân trọng cảm ơn.",
  };
  l.quotes.clear();
  return render(l, "Công văn đôn đốc — " + r.title);
}

}  // namespace ln::api
