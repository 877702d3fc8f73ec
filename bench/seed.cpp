// langnghe-bench-seed: fills a fresh database for `make bench` through the domain and storage
// layers, in large transactions: the demo city, a published 10-question consultation, pupils with
// both consents and a session each, millions of paper answers and a moderation queue of pending
// ideas. Writes the tokens and ids the wrk scripts need into --out. Not for real deployments.
#include <spdlog/spdlog.h>
#include <CLI/CLI.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <random>

#include "api/app.h"
#include "api/views/consultation_views.h"
#include "base/crypto.h"
#include "consult/questions.h"
#include "demo/demo.h"
#include "moderation/repeats.h"
#include "store/consultation_columns.h"
#include "store/open_storage.h"
#include "store/postgres/postgres_storage.h"
#include "store/postgres/sql.h"
#include "store/sqlite/sqlite_storage.h"

namespace {

using Clock = std::chrono::steady_clock;

double since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The demo's six questions and four more of the same kinds: a 10-question answer set.
nlohmann::json ten_questions(const nlohmann::json& demo) {
  nlohmann::json out = demo;
  for (const char* id : {"q_space", "q_safe", "q_voice", "q_needs"}) {
    for (const auto& q : demo)
      if (q["id"] == id) {
        auto copy = q;
        copy["id"] = std::string(id) + "_2";
        for (auto& [band, text] : copy["text"].items()) text = text.get<std::string>() + " (2)";
        out.push_back(copy);
      }
  }
  return out;
}

// One random, valid answer set (paper sheets carry no free text).
nlohmann::json random_answers(const std::vector<ln::Question>& questions, std::mt19937& rng,
                              bool with_text) {
  nlohmann::json a = nlohmann::json::object();
  auto pick = [&](std::size_t n) {
    return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng);
  };
  for (const auto& q : questions) {
    if (pick(10) == 0) continue;  // skipped
    if (q.type == ln::QuestionType::kSingle) {
      a[q.id] = q.options[pick(q.options.size())].id;
    } else if (q.type == ln::QuestionType::kMultiple) {
      auto first = pick(q.options.size()), second = pick(q.options.size());
      a[q.id] = first == second ? nlohmann::json{q.options[first].id}
                                : nlohmann::json{q.options[first].id, q.options[second].id};
    } else if (q.type == ln::QuestionType::kScale) {
      a[q.id] = static_cast<int>(pick(5)) + 1;
    } else if (q.type == ln::QuestionType::kYesNo) {
      a[q.id] = pick(2) == 0;
    } else if (q.type == ln::QuestionType::kRanking) {
      auto first = pick(q.options.size());
      auto second = (first + 1 + pick(q.options.size() - 1)) % q.options.size();
      a[q.id] = {q.options[first].id, q.options[second].id};
    } else if (q.type == ln::QuestionType::kText && with_text) {
      a[q.id] = "Em mong phường trồng thêm cây xanh và lắp đèn ở sân chơi gần nhà.";
    }
  }
  return a;
}

const std::vector<std::string> kIdeas = {
    "Em muốn phường làm thêm sân bóng đá mini cho các bạn nhỏ chơi vào cuối tuần.",
    "Please add more trees and benches in the park near our school, it is too hot in summer.",
    "Đường đến trường của em rất tối, mong phường lắp thêm đèn đường ở hẻm 42.",
    "Thư viện trường nên mở cửa cả thứ Bảy để tụi em đọc sách và làm bài tập nhóm.",
    "We need a safe crossing in front of the school gate, cars drive very fast there.",
    "Em đề nghị có thêm thùng rác phân loại ở công viên và sân chơi của khu phố.",
    "Sân chơi gần nhà em có xích đu bị gãy, mong các cô chú sửa sớm để các em nhỏ không bị ngã.",
    "Our class wants a vegetable garden at school so we can learn how to grow food.",
    "Mong phường tổ chức lớp học bơi miễn phí cho trẻ em vào mùa hè.",
    "Em muốn có một góc vẽ tranh trên tường ở nhà văn hoá để các bạn cùng trang trí.",
};

}  // namespace

int main(int argc, char** argv) {
  CLI::App cli{"Seed a benchmark database (make bench)"};
  std::string db, key_file, out_dir;
  long long answers = 10'000'000, pending = 1'000'000;
  int pupils = 5000, batch = 50'000;
  cli.add_option("--db", db)->required();
  cli.add_option("--key-file", key_file)->required();
  cli.add_option("--out", out_dir)->required();
  cli.add_option("--answers", answers);
  cli.add_option("--pending", pending);
  cli.add_option("--pupils", pupils);
  cli.add_option("--batch", batch);
  CLI11_PARSE(cli, argc, argv);
  spdlog::set_level(spdlog::level::warn);

  auto started = Clock::now();
  auto storage = ln::store::open_storage(db);
  // A bulk load, as sqlite3's .import would do it: no sync per transaction and a larger page
  // cache on the seeding connections. The server reopens the file with synchronous=FULL, and the
  // last checkpoint at close writes everything to the database file.
  if (auto* lite = dynamic_cast<ln::store::sqlite::SqliteStorage*>(storage.get())) {
    auto& pool = lite->pool();
    auto a = pool.acquire(), b = pool.acquire(), c = pool.acquire(), d = pool.acquire();
    for (auto* connection : {&*a, &*b, &*c, &*d})
      connection->exec("PRAGMA synchronous=OFF; PRAGMA cache_size=-262144");
  }
  if (auto* pg = dynamic_cast<ln::store::postgres::PostgresStorage*>(storage.get())) {
    auto& pool = pg->pool();
    auto a = pool.acquire(), b = pool.acquire(), c = pool.acquire(), d = pool.acquire();
    for (auto* connection : {&*a, &*b, &*c, &*d})
      connection->exec_script(ln::store::postgres::sql::kBulkLoadSession);
  }
  auto keys = ln::Keys::load_or_create(key_file);
  ln::api::ServeOptions options;
  options.db = db;
  options.lexicons = ln::moderation::default_lexicon_dir().string();
  options.screener_model = ln::moderation::default_model_file().string();
  options.calendar = ln::default_calendar_file().string();
  ln::api::App app(*storage, options, keys);
  if (!ln::seed_demo(*storage, app.clock, app.organisation, app.accounts, app.pupils,
                     app.consultations, keys, app.calendar)) {
    std::fprintf(stderr, "the database is not empty\n");
    return 1;
  }
  std::filesystem::create_directories(out_dir);

  // Adults: the moderator (plans the consultation, works the queue).
  auto moderator = storage->accounts().account_by_username("moderator");
  auto moderator_session = app.sessions.start("account", moderator->id, "bench");
  auto as_moderator = *app.sessions.authenticate(moderator_session.token);
  std::ofstream(out_dir + "/moderator.token") << moderator_session.token;

  // The demo consultation gives the city, the audience and the wording; ours has 10 questions
  // and is open to the whole district.
  auto demo = storage->consultations().consultations({std::nullopt, 10},
                                                     ln::ConsultationStatus::kPublished);
  const auto& d = demo.at(0);
  ln::ConsultationInput plan;
  plan.title = "Tham vấn trẻ em toàn quận: sân chơi, đường đến trường, thư viện";
  plan.purpose = d.purpose;
  plan.owner_unit_id = d.owner_unit_id;
  plan.audience_unit_ids = std::vector<std::string>{d.owner_unit_id};
  plan.audience_bands = d.audience_bands;
  plan.opens_at = d.opens_at;
  plan.closes_at = d.closes_at;
  plan.decision = d.decision;
  plan.decision_maker = d.decision_maker;
  plan.decision_due = d.decision_due;
  plan.feedback_due = d.feedback_due;
  plan.info_cards = d.info_cards;
  plan.questions =
      ln::store::parse_questions(ten_questions(ln::store::questions_json(*d.questions)));
  auto consultation = app.consultations.create(as_moderator, plan);
  consultation = app.consultations.publish(as_moderator, consultation.id);
  auto questions = *consultation.questions;
  std::ofstream(out_dir + "/consultation.id") << consultation.id;

  // Pupils of class 6A (the join code's class), both consents, one session each.
  auto code = storage->organisation().join_code(ln::kDemoJoinCode);
  auto school_class = storage->organisation().school_class(code->class_id);
  auto school = storage->organisation().school(school_class->school_id);
  std::vector<ln::Pupil> seeded;
  {
    std::ofstream tokens(out_dir + "/pupils.tokens");
    const std::vector<std::string> bands = consultation.audience_bands;
    for (int i = 0; i < pupils; ++i) {
      ln::Pupil p;
      p.id = ln::new_id("pup");
      p.pseudonym = "Bạn " + std::to_string(i);
      p.class_id = school_class->id;
      p.school_id = school->id;
      p.unit_id = school->unit_id;
      p.age_band = bands[static_cast<std::size_t>(i) % bands.size()];
      p.band_changes_on = "2030-01-01";
      p.sign_in_lookup = ln::lookup_hash(keys, "bench-" + p.id);
      p.created_at = app.clock.now_text();
      auto sealed = ln::seal(keys, "Học sinh " + std::to_string(i) + "|2013-05-05");
      storage->pupils().insert_pupil(p, {sealed.nonce, sealed.ciphertext});
      for (const char* kind : {"child", "guardian"})
        storage->pupils().insert_consent({ln::new_id("cns"), p.id, kind,
                                          kind == std::string("child") ? "online" : "paper_slip",
                                          std::string("2026-11-v1"), std::optional<std::string>(),
                                          p.id, p.created_at, std::nullopt, std::nullopt});
      tokens << app.sessions.start("pupil", p.id, "bench").token << "\n";
      seeded.push_back(p);
    }
  }
  std::printf("seed pupils=%d seconds=%.1f\n", pupils, since(started));

  // Paper answers: a pool of valid answer sets, checked by the domain once each.
  std::mt19937 rng(20261124);
  struct Pattern {
    ln::Answers answers;
    std::vector<std::pair<std::string, std::string>> keys;
  };
  std::vector<Pattern> patterns;
  for (int i = 0; i < 997; ++i) {
    auto checked =
        ln::check_answers(questions, ln::api::answers_of(random_answers(questions, rng, false)));
    patterns.push_back({checked.answers, checked.keys});
  }
  auto wards = storage->organisation().units({std::nullopt, 200}, consultation.owner_unit_id);
  std::vector<std::string> units;
  for (const auto& w : wards) units.push_back(w.id);
  if (units.empty()) units.push_back(consultation.owner_unit_id);
  static const std::vector<std::string> genders = {"girl", "boy", "other", "prefer_not_to_say",
                                                   "unknown"};
  auto answers_started = Clock::now();
  long long written = 0;
  for (int b = 0; written < answers; ++b) {
    std::string unit = units[static_cast<std::size_t>(b) % units.size()];
    std::string now = app.clock.now_text();
    long long n = std::min<long long>(batch, answers - written);
    ln::PaperBatch pb{ln::new_id("bat"),
                      consultation.id,
                      ln::Channel::kPaper,
                      "SEED-" + std::to_string(b),
                      static_cast<int>(n),
                      static_cast<int>(n),
                      {},
                      unit,
                      "",
                      as_moderator.id,
                      now};
    std::vector<ln::ConsultationResponse> sheets;
    sheets.reserve(static_cast<std::size_t>(n));
    std::map<std::tuple<std::string, std::string, std::string, std::string>, std::int64_t> cells;
    for (long long i = 0; i < n; ++i) {
      const auto& p = patterns[static_cast<std::size_t>(written + i) % patterns.size()];
      const auto& band = consultation.audience_bands[static_cast<std::size_t>(written + i) % 4 %
                                                     consultation.audience_bands.size()];
      const auto& gender = genders[static_cast<std::size_t>(written + i) % 7 % genders.size()];
      char id[40];
      std::snprintf(id, sizeof id, "rsp_seed%010lld", written + i);
      sheets.push_back({id, consultation.id, std::nullopt, ln::Channel::kPaper, band, gender, unit,
                        consultation.info_version, p.answers, std::nullopt, pb.id, now, now});
      ++cells[{"_all", "_respondents", band, gender}];
      for (const auto& [q, key] : p.keys) ++cells[{q, key, band, gender}];
    }
    std::vector<ln::ResultCounter> deltas;
    for (const auto& [k, count] : cells)
      deltas.push_back({std::get<0>(k), std::get<1>(k), std::get<2>(k), std::get<3>(k), unit,
                        ln::Channel::kPaper, count});
    storage->consultations().save_batch(pb, sheets, deltas, {});
    written += n;
  }
  double answer_seconds = since(answers_started);
  // The seeded counters must equal a recount of the stored sheets.
  std::int64_t stored = storage->consultations().response_count(consultation.id);
  std::int64_t respondents = 0;
  for (const auto& k : storage->consultations().counters(consultation.id))
    if (k.question_id == "_all" && k.option_key == "_respondents") respondents += k.count;
  if (stored != written || respondents != written) {
    std::fprintf(stderr, "seeded %lld answers but %lld are stored and the counters say %lld\n",
                 written, static_cast<long long>(stored), static_cast<long long>(respondents));
    return 1;
  }
  std::printf("seed answers=%lld seconds=%.1f rows_per_s=%.0f\n", written, answer_seconds,
              written / std::max(answer_seconds, 1e-9));

  // A moderation queue of pending ideas from the seeded pupils, screened by the real screener.
  // Each with its repeat fingerprints, as Submissions::prepare sets them.
  std::vector<ln::Submission> screened;
  for (const auto& text : kIdeas) {
    auto verdict = app.screen(text);
    ln::Submission s;
    s.text = text;
    s.screening = verdict.screening;
    ln::moderation::fingerprint(s);
    screened.push_back(std::move(s));
  }
  auto pending_started = Clock::now();
  long long queued = 0;
  auto base = std::chrono::system_clock::now() - std::chrono::hours(24 * 30);
  std::ofstream cursors(out_dir + "/queue.cursors");
  while (queued < pending) {
    long long n = std::min<long long>(batch, pending - queued);
    std::vector<ln::Submission> subs;
    subs.reserve(static_cast<std::size_t>(n));
    for (long long i = 0; i < n; ++i) {
      long long k = queued + i;
      const auto& p = seeded[static_cast<std::size_t>(k) % seeded.size()];
      ln::Submission s;
      char id[40];
      std::snprintf(id, sizeof id, "sub_seed%010lld", k);
      s.id = id;
      s.pupil_id = p.id;
      s.unit_id = p.unit_id;
      s.kind = "idea";
      s.text = kIdeas[static_cast<std::size_t>(k) % kIdeas.size()];
      s.status = ln::SubmissionStatus::kQueued;
      s.created_at = s.updated_at = ln::format_time(
          std::chrono::time_point_cast<std::chrono::seconds>(base + std::chrono::seconds(k)));
      const auto& like = screened[static_cast<std::size_t>(k) % kIdeas.size()];
      s.screening = like.screening;
      s.fingerprint = like.fingerprint;
      s.simhash = like.simhash;
      s.queue = ln::Queue::kNormal;
      // Cursors deep into the queue for the wrk script (?after=<created_at>|<id>).
      if (k % 997 == 0) cursors << s.created_at << "|" << s.id << "\n";
      subs.push_back(std::move(s));
    }
    storage->submissions().insert_submissions(subs);
    queued += n;
  }
  double pending_seconds = since(pending_started);
  std::printf("seed pending=%lld seconds=%.1f rows_per_s=%.0f\n", queued, pending_seconds,
              queued / std::max(pending_seconds, 1e-9));
  app.group_committer.stop();
  if (auto* pg = dynamic_cast<ln::store::postgres::PostgresStorage*>(storage.get())) {
    auto vacuum_started = Clock::now();
    pg->pool().acquire()->exec_script(ln::store::postgres::sql::kAfterBulkLoad);
    std::printf("seed vacuum_analyze seconds=%.1f\n", since(vacuum_started));
  }
  std::printf("seed total_seconds=%.1f\n", since(started));
  return 0;
}
