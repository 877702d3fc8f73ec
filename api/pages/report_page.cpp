#include "api/pages/report_page.h"

#include <chrono>
#include <cstdio>

#include "api/pages/local_time.h"

namespace ln::api {
namespace {

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

// The last day of a period that ends before `next_start` (YYYY-MM-DD), in the same form.
std::string day_before(const std::string& next_start) {
  using namespace std::chrono;
  if (next_start.size() != 10) return next_start;
  year_month_day d{year{std::stoi(next_start.substr(0, 4))},
                   month{static_cast<unsigned>(std::stoi(next_start.substr(5, 2)))},
                   day{static_cast<unsigned>(std::stoi(next_start.substr(8, 2)))}};
  year_month_day before{sys_days{d} - days{1}};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(before.year()),
                static_cast<unsigned>(before.month()), static_cast<unsigned>(before.day()));
  return text;
}

// Whether a chart would show anything: some count above zero (hidden ones are null).
bool any_above_zero(const nlohmann::json& values) {
  if (values.is_number()) return values.get<double>() > 0;
  if (values.is_array() || values.is_object())
    for (const auto& v : values)
      if (any_above_zero(v)) return true;
  return false;
}

struct Html {
  std::string out;
  Html& add(const std::string& s) {
    out += s;
    return *this;
  }
  Html& text(const std::string& s) { return add(html_escape(s)); }
};

// The page of one report in one language: every word from `words`, every figure from the report.
class ReportPage {
 public:
  ReportPage(const nlohmann::json& r, const Words& words) : r_(r), w_(words) {
    hidden_ = word("hidden");
  }

  std::string render();

 private:
  // A count as shown: a hidden (suppressed) one is null in the report and a word on the page,
  // never a number (consult/suppression.h).
  std::string count(const nlohmann::json& v) const {
    if (v.is_null()) return hidden_;
    if (v.is_string()) return v.get<std::string>();
    return v.dump();
  }
  std::string word(const std::string& key, const std::map<std::string, std::string>& vars = {}) {
    return w_("report." + key, vars);
  }
  std::string th_col(const std::string& key) {
    return "<th scope=\"col\">" + html_escape(word(key)) + "</th>";
  }
  std::string th_row(const std::string& label) {
    return "<th scope=\"row\">" + html_escape(label) + "</th>";
  }
  // An age band ("11-13") is never broken at its dash on a phone.
  std::string th_band(const std::string& band) {
    return "<th scope=\"row\" class=\"band\">" + html_escape(band) + "</th>";
  }
  std::string td(const std::string& text) { return "<td>" + html_escape(text) + "</td>"; }
  std::string td_count(const nlohmann::json& v) { return td(count(v)); }
  // A figure: its table, and a canvas the page script draws from data-chart — or, when every
  // count is zero or hidden, a line saying there is too little to draw.
  void figure(const std::string& chart, const std::string& caption_key,
              const std::string& table_html, bool drawable);

  void head();
  void children_consulted();
  void consultations();
  void submissions();
  void councils();
  void events();
  void targets();
  void recommendations();

  const nlohmann::json& r_;
  const Words& w_;
  std::string hidden_;
  Html h_;
};

void ReportPage::figure(const std::string& chart, const std::string& caption_key,
                        const std::string& table_html, bool drawable) {
  std::string caption = word(caption_key);
  h_.add("<figure class=\"figure\"><figcaption>").text(caption).add("</figcaption>");
  h_.add("<div class=\"figure-body\">");
  if (drawable)
    h_.add("<div class=\"chart\"><canvas data-chart=\"")
        .add(chart)
        .add("\" role=\"img\" aria-label=\"")
        .text(caption)
        .add("\"></canvas></div>");
  h_.add(table_html);
  if (!drawable) h_.add("<p class=\"note no-chart\">").text(word("too_few")).add("</p>");
  h_.add("</div></figure>");
}

void ReportPage::head() {
  std::string unit = r_["unit"]["name"];
  std::string period = r_["period"];
  std::string threshold = std::to_string(r_["threshold"].get<int>());
  h_.add("<!doctype html>\n<html lang=\"")
      .add(w_.lang())
      .add("\">\n<head>\n<meta charset=\"utf-8\">\n")
      .add("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
      .text(word("page_title", {{"period", period}, {"unit", unit}}))
      .add("</title>\n<link rel=\"stylesheet\" href=\"/app.css\">\n")
      .add("<link rel=\"stylesheet\" href=\"/report.css\">\n")
      .add("<script src=\"/vendor/chart.umd.js\" defer></script>\n")
      .add("<script src=\"/report.js\" defer></script>\n</head>\n<body class=\"report\">\n")
      // The letterhead is the issuing organisation's Vietnamese name in every language.
      .add("<main>\n<header class=\"report-head\"><p class=\"org\" lang=\"vi\">")
      .text(word("letterhead", {{"unit", unit}}))
      .add("</p><h1>")
      .text(word(period.size() == 4 ? "title_year" : "title_half", {{"period", period}}))
      .add("</h1><p class=\"sub\">")
      .text(word("subtitle", {{"period", period},
                              {"from", local_date(r_["from"].get<std::string>())},
                              {"to", local_date(day_before(r_["to"].get<std::string>()))}}))
      .add("</p><p class=\"meta\">")
      .text(word("generated", {{"at", local_date_time(r_["generated_at"].get<std::string>())}}) +
            " " + word("hidden_note", {{"n", threshold}}))
      .add("</p><button type=\"button\" class=\"print\" data-print>")
      .text(word("print"))
      .add("</button></header>\n");
}

void ReportPage::children_consulted() {
  const auto& cc = r_["children_consulted"];
  h_.add("<section><h2>")
      .text(word("children_consulted.title"))
      .add("</h2><p class=\"total\">")
      .text(word("total"))
      .add(": <strong>")
      .text(count(cc["total"]))
      .add("</strong></p>");
  std::string t = "<table><thead><tr>" + th_col("age_band");
  for (const auto& g : cc["genders"])
    t += "<th scope=\"col\">" + html_escape(word("gender." + g.get<std::string>())) + "</th>";
  t += th_col("total") + "</tr></thead><tbody>";
  for (const auto& row : cc["rows"]) {
    t += "<tr>" + th_band(row["age_band"].get<std::string>());
    for (const auto& v : row["counts"]) t += td_count(v);
    t += td_count(row["total"]) + "</tr>";
  }
  t += "</tbody><tfoot><tr>" + th_row(word("total"));
  for (const auto& v : cc["totals"]) t += td_count(v);
  t += "</tr></tfoot></table>";
  figure("children", "children_consulted.by_age_gender", t, any_above_zero(cc["totals"]));
  t = "<table><thead><tr>" + th_col("channel") + th_col("children") + "</tr></thead><tbody>";
  for (const auto& [k, v] : cc["by_channel"].items())
    t += "<tr>" + th_row(word("channel." + k)) + td_count(v) + "</tr>";
  t += "</tbody></table>";
  figure("channels", "children_consulted.by_channel", t, any_above_zero(cc["by_channel"]));
  h_.add("<p class=\"note\">").text(word("children_consulted.note")).add("</p></section>\n");
}

void ReportPage::consultations() {
  const auto& c = r_["consultations"];
  h_.add("<section><h2>").text(word("consultations.title", {{"n", count(c["held"])}})).add("</h2>");
  if (!c["items"].empty()) {
    h_.add("<table class=\"list\"><thead><tr>")
        .add(th_col("name") + th_col("status") + th_col("opens") + th_col("closes"))
        .add("</tr></thead><tbody>");
    for (const auto& x : c["items"])
      h_.add("<tr>")
          .add(td(x["title"]) + td(word("consultation_status." + x["status"].get<std::string>())) +
               td(local_date_time(x["opens_at"])) + td(local_date_time(x["closes_at"])))
          .add("</tr>");
    h_.add("</tbody></table>");
  }
  h_.add("</section>\n");
}

void ReportPage::submissions() {
  std::string t =
      "<table><thead><tr>" + th_col("outcome") + th_col("submissions") + "</tr></thead><tbody>";
  for (const char* k : {"received", "approved", "returned", "rejected", "escalated"})
    t += "<tr>" + th_row(word(std::string("submission.") + k)) + td_count(r_["submissions"][k]) +
         "</tr>";
  t += "</tbody></table>";
  h_.add("<section><h2>").text(word("submissions.title")).add("</h2>");
  figure("submissions", "submissions.by_outcome", t, any_above_zero(r_["submissions"]));
  h_.add("</section>\n");
}

void ReportPage::councils() {
  const auto& councils = r_["councils"];
  h_.add("<section><h2>")
      .text(word("councils.title", {{"n", count(councils["sessions_held"])}}))
      .add("</h2>");
  std::string year = r_["period"].get<std::string>().substr(0, 4);
  for (const auto& c : councils["items"])
    if (c.contains("warning"))
      h_.add("<p class=\"warning\" role=\"note\">⚠ ")
          .text(word("councils.too_few_sessions", {{"council", c["name"].get<std::string>()},
                                                   {"n", count(c["sessions_held_in_year"])},
                                                   {"year", year}}))
          .add("</p>");
  if (!councils["items"].empty()) {
    h_.add("<table><thead><tr>")
        .add(th_col("council") + th_col("sessions_in_period") + th_col("sessions_in_year"))
        .add("</tr></thead><tbody>");
    for (const auto& c : councils["items"])
      h_.add("<tr>")
          .add(th_row(c["name"].get<std::string>()) + td_count(c["sessions_held"]) +
               td_count(c["sessions_held_in_year"]))
          .add("</tr>");
    h_.add("</tbody></table>");
  }
  h_.add("</section>\n");
}

void ReportPage::events() {
  const auto& ev = r_["events"];
  h_.add("<section><h2>").text(word("events.title", {{"n", count(ev["held"])}})).add("</h2>");
  std::string t = "<table><thead><tr>" + th_col("kind") + th_col("held") + "</tr></thead><tbody>";
  for (const auto& [k, v] : ev["by_kind"].items())
    t += "<tr>" + th_row(word("event_kind." + k)) + td_count(v) + "</tr>";
  t += "</tbody></table>";
  figure("events", "events.by_kind", t, any_above_zero(ev["by_kind"]));
  t = "<table><thead><tr>" + th_col("age_band") + th_col("children_present") +
      "</tr></thead><tbody>";
  for (const auto& b : ev["participants_by_band"])
    t += "<tr>" + th_band(b["age_band"].get<std::string>()) + td_count(b["participants"]) + "</tr>";
  t += "</tbody><tfoot><tr>" + th_row(word("total")) + td_count(ev["participants"]) +
       "</tr></tfoot></table>";
  figure("participants", "events.present_by_age", t, any_above_zero(ev["participants_by_band"]));
  if (!ev["items"].empty()) {
    h_.add("<table class=\"list\"><thead><tr>")
        .add(th_col("date") + th_col("name") + th_col("children") + th_col("outcomes"))
        .add("</tr></thead><tbody>");
    for (const auto& e : ev["items"]) {
      h_.add("<tr>")
          .add(td(local_date(e["held_on"])) + td(e["title"]) + td_count(e["participants"]))
          .add("<td><ul>");
      for (const auto& o : e["outcomes"]) h_.add("<li>").text(o).add("</li>");
      h_.add("</ul></td></tr>");
    }
    h_.add("</tbody></table>");
  }
  h_.add("</section>\n");
}

void ReportPage::targets() {
  h_.add("<section><h2>").text(word("targets.title")).add("</h2>");
  if (r_["targets"].empty()) {
    h_.add("<p>").text(word("targets.none")).add("</p>");
  } else {
    std::string t = "<table><thead><tr>" + th_col("target") + th_col("target_period") +
                    th_col("goal") + th_col("reached") + th_col("percent") + "</tr></thead><tbody>";
    for (const auto& x : r_["targets"]) {
      std::string percent = hidden_;  // hidden with the total it is worked out from
      if (x["progress"]["percent"].is_number()) {
        char text[32];
        std::snprintf(text, sizeof text, "%.1f", x["progress"]["percent"].get<double>());
        percent = text;
      }
      t += "<tr>" + th_row(word("target_kind." + x["kind"].get<std::string>())) +
           td(local_date(x["period_start"]) + " – " + local_date(x["period_end"])) +
           td_count(x["target"]) + td_count(x["progress"]["total"]) + td(percent) + "</tr>";
    }
    t += "</tbody></table>";
    bool some = false;
    for (const auto& x : r_["targets"]) some = some || any_above_zero(x["progress"]["percent"]);
    figure("targets", "targets.progress", t, some);
  }
  h_.add("</section>\n");
}

void ReportPage::recommendations() {
  const auto& rec = r_["recommendations"];
  h_.add("<section><h2>")
      .text(word("recommendations.title", {{"n", count(rec["forwarded"])}}))
      .add("</h2>");
  h_.add("<table><thead><tr>")
      .add(th_col("status") + th_col("recommendations.count"))
      .add("</tr></thead><tbody>")
      .add("<tr>" + th_row(word("recommendations.answered")) + td_count(rec["answered"]) + "</tr>")
      .add("<tr>" + th_row(word("recommendations.overdue_now")) + td_count(rec["overdue_now"]) +
           "</tr>")
      .add("</tbody></table>");
  // What the children who heard back said about the answers: each count under the threshold,
  // and any total that would give one away, is the word for hidden.
  const auto& reactions = rec["reactions"];
  h_.add("<h3>").text(word("recommendations.reactions")).add("</h3>");
  if (reactions["items"].empty()) {
    h_.add("<p>").text(word("recommendations.no_reactions")).add("</p>");
  } else {
    h_.add("<table class=\"list\" id=\"reactions\"><thead><tr>")
        .add(th_col("recommendation") + th_col("agree") + th_col("disagree"))
        .add("</tr></thead><tbody>");
    for (const auto& x : reactions["items"])
      h_.add("<tr>" + th_row(x["title"].get<std::string>()) + td_count(x["agree"]) +
             td_count(x["disagree"]) + "</tr>");
    h_.add("</tbody><tfoot><tr>" + th_row(word("total")) + td_count(reactions["agree"]) +
           td_count(reactions["disagree"]) + "</tr></tfoot></table>");
  }
  h_.add("</section>\n");
}

std::string ReportPage::render() {
  head();
  children_consulted();
  consultations();
  submissions();
  councils();
  events();
  targets();
  recommendations();
  // The figures, and the words the charts label them with, for web/report.js.
  h_.add("<script type=\"application/json\" id=\"report-data\">")
      .add(script_safe_json(r_))
      .add("</script>\n<script type=\"application/json\" id=\"report-words\">")
      .add(script_safe_json(w_.to_json()))
      .add("</script>\n</main>\n</body>\n</html>\n");
  return h_.out;
}

}  // namespace

std::string report_page(const nlohmann::json& report, const Words& words) {
  return ReportPage(report, words).render();
}

}  // namespace ln::api
