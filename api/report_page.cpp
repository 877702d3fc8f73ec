#include "api/report_page.h"

namespace ln::api {
namespace {

std::string value_text(const nlohmann::json& v) {
  if (v.is_null()) return "&lt;5";
  if (v.is_string()) return html_escape(v.get<std::string>());
  return v.dump();
}

// JSON that cannot end its <script> element early: <, > and & only occur inside JSON strings,
// where their \u escapes mean the same.
std::string script_safe_json(const nlohmann::json& j) {
  std::string in = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace), out;
  for (char c : in) {
    if (c == '<')
      out += "\\u003c";
    else if (c == '>')
      out += "\\u003e";
    else if (c == '&')
      out += "\\u0026";
    else
      out += c;
  }
  return out;
}

std::string label_of(const std::string& key) {
  static const std::pair<const char*, const char*> labels[] = {
      {"online", "Trực tuyến / Online"},
      {"paper", "Phiếu giấy / Paper"},
      {"forum", "Diễn đàn / Forum"},
      {"girl", "Nữ / Girls"},
      {"boy", "Nam / Boys"},
      {"other", "Khác / Other"},
      {"prefer_not_to_say", "Không nói / Prefer not to say"},
      {"unknown", "Không rõ / Unknown"},
      {"received", "Đã nhận / Received"},
      {"approved", "Được duyệt / Approved"},
      {"returned", "Trả lại để sửa / Returned"},
      {"rejected", "Không đăng / Rejected"},
      {"escalated", "Chuyển bảo vệ trẻ em / Escalated"},
      {"leaders_dialogue", "Lãnh đạo gặp gỡ thiếu nhi / Leaders meet pupils"},
      {"school_dialogue", "Đối thoại tại trường / School dialogue"},
      {"children_consulted", "Trẻ em được lấy ý kiến / Children consulted"},
      {"teenagers_participating", "Thanh thiếu niên tham gia / Teenagers participating"},
  };
  for (const auto& [k, v] : labels)
    if (key == k) return v;
  return key;
}

struct Html {
  std::string out;
  Html& add(const std::string& s) {
    out += s;
    return *this;
  }
  Html& text(const std::string& s) { return add(html_escape(s)); }
};

// A figure: its table, and a canvas the page script draws from data-chart.
void figure(Html& h, const std::string& chart, const std::string& caption,
            const std::string& table_html) {
  h.add("<figure class=\"figure\"><figcaption>").text(caption).add("</figcaption>");
  h.add("<div class=\"figure-body\"><div class=\"chart\"><canvas data-chart=\"")
      .add(chart)
      .add("\" role=\"img\" aria-label=\"")
      .text(caption)
      .add("\"></canvas></div>")
      .add(table_html)
      .add("</div></figure>");
}

}  // namespace

std::string report_page(const nlohmann::json& r) {
  Html h;
  std::string unit = r["unit"]["name"];
  std::string period = r["period"];
  h.add("<!doctype html>\n<html lang=\"vi\">\n<head>\n<meta charset=\"utf-8\">\n")
      .add("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
      .text("Báo cáo " + period + " — " + unit)
      .add("</title>\n<link rel=\"stylesheet\" href=\"/app.css\">\n")
      .add("<link rel=\"stylesheet\" href=\"/report.css\">\n")
      .add("<script src=\"/vendor/chart.umd.js\" defer></script>\n")
      .add("<script src=\"/report.js\" defer></script>\n</head>\n<body class=\"report\">\n")
      .add("<main>\n<header class=\"report-head\"><p class=\"org\">")
      .text("Đoàn TNCS Hồ Chí Minh — " + unit)
      .add("</p><h1>")
      .text(std::string(period.size() == 4 ? "Báo cáo năm " : "Báo cáo 6 tháng ") + period)
      .add("</h1><p class=\"sub\">")
      .text("Thúc đẩy quyền tham gia của trẻ em — Report on children's participation, " + period +
            " (" + r["from"].get<std::string>() + " – before " + r["to"].get<std::string>() + ")")
      .add("</p><p class=\"meta\">")
      .text("Lập lúc / generated " + r["generated_at"].get<std::string>() + ". Nhóm dưới " +
            std::to_string(r["threshold"].get<int>()) + " em được ẩn (<5) / groups under " +
            std::to_string(r["threshold"].get<int>()) + " children are hidden.")
      .add("</p><button type=\"button\" class=\"print\" data-print>In / Print</button></header>\n");

  // 1. Children consulted.
  const auto& cc = r["children_consulted"];
  h.add("<section><h2>1. Trẻ em được lấy ý kiến / Children consulted</h2><p class=\"total\">")
      .add("Tổng / Total: <strong>")
      .add(value_text(cc["total"]))
      .add("</strong></p>");
  std::string t = "<table><thead><tr><th scope=\"col\">Độ tuổi / Age band</th>";
  for (const auto& g : cc["genders"])
    t += "<th scope=\"col\">" + html_escape(label_of(g)) + "</th>";
  t += "<th scope=\"col\">Tổng / Total</th></tr></thead><tbody>";
  for (const auto& row : cc["rows"]) {
    t += "<tr><th scope=\"row\">" + html_escape(row["age_band"].get<std::string>()) + "</th>";
    for (const auto& v : row["counts"]) t += "<td>" + value_text(v) + "</td>";
    t += "<td>" + value_text(row["total"]) + "</td></tr>";
  }
  t += "</tbody><tfoot><tr><th scope=\"row\">Tổng / Total</th>";
  for (const auto& v : cc["totals"]) t += "<td>" + value_text(v) + "</td>";
  t += "</tr></tfoot></table>";
  figure(h, "children", "Theo độ tuổi và giới / By age band and gender", t);
  t = "<table><thead><tr><th scope=\"col\">Kênh / Channel</th><th scope=\"col\">Số em / "
      "Children</th></tr></thead><tbody>";
  for (const auto& [k, v] : cc["by_channel"].items())
    t += "<tr><th scope=\"row\">" + html_escape(label_of(k)) + "</th><td>" + value_text(v) +
         "</td></tr>";
  t += "</tbody></table>";
  figure(h, "channels", "Theo kênh / By channel", t);
  h.add("<p class=\"note\">").text(cc["note"].get<std::string>()).add("</p></section>\n");

  // 2. Consultations.
  h.add("<section><h2>2. Các đợt lấy ý kiến / Consultations held: ")
      .add(value_text(r["consultations"]["held"]))
      .add("</h2>");
  if (!r["consultations"]["items"].empty()) {
    h.add(
        "<table class=\"list\"><thead><tr><th scope=\"col\">Tên / Title</th><th "
        "scope=\"col\">Trạng thái / "
        "Status</th><th scope=\"col\">Mở / Opens</th><th scope=\"col\">Đóng / "
        "Closes</th></tr></thead><tbody>");
    for (const auto& c : r["consultations"]["items"])
      h.add("<tr><td>")
          .text(c["title"])
          .add("</td><td>")
          .text(c["status"])
          .add("</td><td>")
          .text(c["opens_at"])
          .add("</td><td>")
          .text(c["closes_at"])
          .add("</td></tr>");
    h.add("</tbody></table>");
  }
  h.add("</section>\n");

  // 3. Submissions.
  t = "<table><thead><tr><th scope=\"col\">Kết quả / Outcome</th><th scope=\"col\">Số ý kiến / "
      "Submissions</th></tr></thead><tbody>";
  for (const char* k : {"received", "approved", "returned", "rejected", "escalated"})
    t += "<tr><th scope=\"row\">" + html_escape(label_of(k)) + "</th><td>" +
         value_text(r["submissions"][k]) + "</td></tr>";
  t += "</tbody></table>";
  h.add("<section><h2>3. Ý kiến của trẻ em / Children's submissions</h2>");
  figure(h, "submissions", "Theo kết quả kiểm duyệt / By moderation outcome", t);
  h.add("</section>\n");

  // 4. Councils.
  const auto& councils = r["councils"];
  h.add("<section><h2>4. Hội đồng trẻ em / Children's Councils — kỳ họp / sessions held: ")
      .add(value_text(councils["sessions_held"]))
      .add("</h2>");
  for (const auto& w : councils["warnings"])
    h.add("<p class=\"warning\" role=\"note\">⚠ ").text(w["message"]).add("</p>");
  if (!councils["items"].empty()) {
    h.add(
        "<table><thead><tr><th scope=\"col\">Hội đồng / Council</th><th scope=\"col\">Kỳ họp "
        "trong kỳ báo cáo / In the period</th><th scope=\"col\">Trong năm / In the "
        "year</th></tr></thead><tbody>");
    for (const auto& c : councils["items"])
      h.add("<tr><td>")
          .text(c["name"])
          .add("</td><td>")
          .add(value_text(c["sessions_held"]))
          .add("</td><td>")
          .add(value_text(c["sessions_held_in_year"]))
          .add("</td></tr>");
    h.add("</tbody></table>");
  }
  h.add("</section>\n");

  // 5. Events.
  const auto& ev = r["events"];
  h.add("<section><h2>5. Diễn đàn và đối thoại / Forums and dialogues: ")
      .add(value_text(ev["held"]))
      .add("</h2>");
  t = "<table><thead><tr><th scope=\"col\">Hình thức / Kind</th><th scope=\"col\">Số lần / "
      "Held</th></tr></thead><tbody>";
  for (const auto& [k, v] : ev["by_kind"].items())
    t += "<tr><th scope=\"row\">" +
         html_escape(k == "forum" ? "Diễn đàn lắng nghe tiếng nói trẻ em / Forum" : label_of(k)) +
         "</th><td>" + value_text(v) + "</td></tr>";
  t += "</tbody></table>";
  figure(h, "events", "Theo hình thức / By kind", t);
  t = "<table><thead><tr><th scope=\"col\">Độ tuổi / Age band</th><th scope=\"col\">Số em tham "
      "dự / Children present</th></tr></thead><tbody>";
  for (const auto& b : ev["participants_by_band"])
    t += "<tr><th scope=\"row\">" + html_escape(b["age_band"].get<std::string>()) + "</th><td>" +
         value_text(b["participants"]) + "</td></tr>";
  t += "</tbody><tfoot><tr><th scope=\"row\">Tổng / Total</th><td>" +
       value_text(ev["participants"]) + "</td></tr></tfoot></table>";
  figure(h, "participants", "Trẻ em tham dự theo độ tuổi / Children present by age band", t);
  if (!ev["items"].empty()) {
    h.add(
        "<table class=\"list\"><thead><tr><th scope=\"col\">Ngày / Date</th><th scope=\"col\">Tên "
        "/ "
        "Title</th><th scope=\"col\">Số em / Children</th><th scope=\"col\">Kết quả / "
        "Outcomes</th></tr></thead><tbody>");
    for (const auto& e : ev["items"]) {
      h.add("<tr><td>")
          .text(e["held_on"])
          .add("</td><td>")
          .text(e["title"])
          .add("</td><td>")
          .add(value_text(e["participants"]))
          .add("</td><td><ul>");
      for (const auto& o : e["outcomes"]) h.add("<li>").text(o).add("</li>");
      h.add("</ul></td></tr>");
    }
    h.add("</tbody></table>");
  }
  h.add("</section>\n");

  // 6. Targets.
  h.add("<section><h2>6. Tiến độ so với chỉ tiêu / Progress against targets</h2>");
  if (r["targets"].empty()) {
    h.add("<p>Chưa đặt chỉ tiêu / No targets set.</p>");
  } else {
    t = "<table><thead><tr><th scope=\"col\">Chỉ tiêu / Target</th><th scope=\"col\">Giai đoạn / "
        "Period</th><th scope=\"col\">Mục tiêu / Goal</th><th scope=\"col\">Đạt / "
        "Reached</th><th scope=\"col\">%</th></tr></thead><tbody>";
    for (const auto& x : r["targets"]) {
      char percent[32];
      std::snprintf(percent, sizeof percent, "%.1f", x["progress"]["percent"].get<double>());
      t += "<tr><th scope=\"row\">" + html_escape(label_of(x["kind"])) + "</th><td>" +
           html_escape(x["period_start"].get<std::string>() + " – " +
                       x["period_end"].get<std::string>()) +
           "</td><td>" + value_text(x["target"]) + "</td><td>" +
           value_text(x["progress"]["total"]) + "</td><td>" + percent + "</td></tr>";
    }
    t += "</tbody></table>";
    figure(h, "targets", "Tiến độ / Progress (%)", t);
  }
  h.add("</section>\n");

  h.add("<script type=\"application/json\" id=\"report-data\">")
      .add(script_safe_json(r))
      .add("</script>\n</main>\n</body>\n</html>\n");
  return h.out;
}

}  // namespace ln::api
