#pragma once
// Consulting children (Circular 36/2018): plan → publish → answer → close → results → feedback.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/epoch_cache.h"
#include "consult/audit.h"
#include "consult/consultation_results.h"
#include "consult/organisation.h"
#include "consult/questions.h"
#include "consult/results_cache.h"
#include "consult/screening.h"
#include "consult/suppression.h"

namespace ln {

// Fields of a consultation a request may set; absent ones stay as they are.
struct ConsultationInput {
  std::optional<std::string> title, purpose, owner_unit_id;
  std::optional<std::vector<std::string>> audience_unit_ids, audience_bands;
  std::optional<std::string> opens_at, closes_at, decision, decision_maker, decision_due,
      feedback_due;
  std::optional<std::map<std::string, InfoCard>> info_cards;  // by age band
  std::optional<std::vector<Question>> questions;
};

struct PaperSheet {
  std::string age_band;
  std::string gender;
  std::optional<Answers> answers;  // none: what was sent is not question id → answer
};

struct PaperInput {
  std::string reference;
  std::string unit_id;
  std::optional<int> sheet_count;
  std::vector<PaperSheet> sheets;
};

struct ForumTally {
  std::string question_id;
  std::string option;
  std::string age_band;
  std::int64_t count = 0;
};

struct ForumInput {
  std::string reference;
  std::string unit_id;
  std::string notes;
  std::map<std::string, std::int64_t> participants;  // age band → children present
  std::vector<ForumTally> tallies;
};

struct SavedAnswer {
  ConsultationResponse response;
  bool replaced = false;
  bool needs_support = false;  // a free-text answer suggests the child may be at risk
};

// What a pupil sees of a consultation: a summary in lists, and the whole of it in their band's
// words when they open it.
struct PupilSummary {
  std::string id;
  std::string title;
  std::string closes_at;
  std::string feedback_due;
  std::string age_band;
  InfoCard info_card;
  int info_version = 1;
  ConsultationStatus status = ConsultationStatus::kDraft;
};

struct PupilView {
  PupilSummary summary;
  std::vector<BandQuestion> questions;
  bool one_question_per_screen = false;
  // Once feedback is given: the band's feedback ("" when the band has none).
  std::optional<BandFeedback> feedback;
};

// A consultation a pupil answered whose feedback was given.
struct HeardBack {
  std::string id;
  std::string title;
  std::string age_band;
  std::optional<BandFeedback> feedback;
  std::string given_at;
};

// A pupil's answer set for their copy of their data, in the words of their band.
struct ExportedAnswer {
  std::string question_id;
  std::string question;
  AnswerValue answer;
  AnswerValue answer_in_words;
};
struct ExportedResponse {
  std::string consultation_id;
  std::string consultation;  // its title
  std::string answered_at;
  std::string changed_at;
  std::vector<ExportedAnswer> answers;
};

// An answer set checked and ready to write: `write` is what to save (none for a retry of answers
// already saved), `reply` what to tell the pupil once it is saved.
struct PreparedAnswer {
  SavedAnswer reply;
  std::optional<ChildWrite> write;
};

class Consultations {
 public:
  Consultations(Storage& storage, const Clock& clock, AuditLog& audit, Organisation& organisation,
                std::int64_t suppression_threshold, TextScreen screen = nullptr)
      : screen_(std::move(screen)),
        storage_(storage),
        clock_(clock),
        audit_(audit),
        organisation_(organisation),
        rule_(suppression_threshold) {}

  Consultation create(const Principal& actor, const ConsultationInput& input);
  Consultation update(const Principal& actor, const std::string& id,
                      const ConsultationInput& input);
  Consultation publish(const Principal& actor, const std::string& id);
  Consultation close(const Principal& actor, const std::string& id);
  Consultation publish_results(const Principal& actor, const std::string& id);
  // `feedback`: age band → the children's feedback in that band's words, either one text or
  // its four parts. Every child who answered online is notified.
  Consultation give_feedback(const Principal& actor, const std::string& id,
                             const std::map<std::string, BandFeedback>& feedback);
  // The consultations this pupil answered online whose feedback has been given, newest first,
  // each with the feedback in the words of the band they answered in.
  std::vector<HeardBack> heard_back(const Principal& pupil);

  std::vector<Consultation> list_for_adult(const Principal& actor, const Page& page,
                                           const std::optional<ConsultationStatus>& status);
  Consultation get_for_adult(const Principal& actor, const std::string& id);
  // Open to this pupil now (their unit, their band).
  std::vector<Consultation> open_for_pupil(const Principal& pupil);
  // The consultation in the pupil's band's wording, with its information card.
  PupilView view_for_pupil(const Principal& pupil, const std::string& id);
  // What a child of `band` would see of the consultation (drafts too), for those who plan it.
  PupilView preview_for_band(const Principal& actor, const std::string& id,
                             const std::string& band);
  static PupilSummary summary_for_pupil(const Consultation& c, const std::string& band);

  // A pupil's answer set: checks everything (consent, once per pupil, Idempotency-Key, each
  // answer against its question) and builds the write without saving it — the caller hands the
  // write to the GroupCommitter and replies when its batch is on disk.
  PreparedAnswer prepare_answer(const Principal& pupil, const std::string& id,
                                const Answers& answers, const std::optional<std::string>& gender,
                                const std::optional<std::string>& idempotency_key);
  std::optional<ConsultationResponse> my_answers(const Principal& pupil, const std::string& id);
  // Every answer set a pupil sent, each question and answer in the words of `band`, for their
  // copy of their data; free-text answers that became one of `withheld` are left out.
  std::vector<ExportedResponse> answers_for_export(const std::string& pupil_id,
                                                   const std::string& band,
                                                   const std::vector<Submission>& withheld);

  PaperBatch add_paper(const Principal& actor, const std::string& id, const PaperInput& input);
  PaperBatch add_forum(const Principal& actor, const std::string& id, const ForumInput& input);
  std::vector<PaperBatch> batches(const Principal& actor, const std::string& id);

  ConsultationResults results(const Principal& actor, const std::string& id);
  std::string results_csv(const Principal& actor, const std::string& id);
  Representativeness representativeness(const Principal& actor, const std::string& id);
  // The approved words of its free-text answers (at most 50, newest first).
  std::vector<std::string> quotes(const Principal& actor, const std::string& id);
  // The respondents of `c` as its results publish them, for the publications that count the same
  // children.
  PublishedRespondents published_respondents(const Consultation& c);
  // How many children answered, as the results publish it: none when the count is under the
  // minimum group or would give a hidden group away (shown beside the plan and in lists).
  ShownCount published_total(const Consultation& c);
  // How many pupils of each of the actor's classes in the audience answered online, protected
  // with the results (none when under the minimum group or when it would give a hidden group
  // away). Counts only, never who.
  ClassesAnswered class_answers(const Principal& actor, const std::string& id);

 private:
  // The same for anyone who may read them (results() checks who may): the results, the
  // respondents by group and the classes, protected together as one publication; kept until
  // the counters or the consultation change.
  std::shared_ptr<const ComputedResults> computed(const Consultation& c);
  ComputedResults compute_results(const Consultation& c);
  Consultation require(const std::string& id);
  Consultation managed(const Principal& actor, const std::string& id);
  Consultation readable(const Principal& actor, const std::string& id);
  // `epoch`: the pupil's reference epoch, under which the unit's ancestors may be kept.
  bool in_audience(const Consultation& c, const std::string& unit_id,
                   const std::optional<std::int64_t>& epoch = std::nullopt);
  Consultation open_to(const Principal& pupil, const std::string& id);
  bool open_to_classes_of(const Principal& actor, const Consultation& c);
  PupilView view_for_band(const Consultation& c, const std::string& band);
  void apply(Consultation& c, const ConsultationInput& input, bool answers_exist);
  std::vector<Unprocessable::Problem> plan_problems(const Consultation& c);
  Consultation move(const Principal& actor, Consultation c, ConsultationStatus to);
  std::string batch_unit(const Principal& actor, const Consultation& c, const std::string& unit_id);

  TextScreen screen_;
  ResultsCache results_;
  EpochCache<std::shared_ptr<const Consultation>> kept_consultations_{1000};
  EpochCache<std::shared_ptr<const std::vector<std::string>>> kept_ancestors_{20000};
  Storage& storage_;
  const Clock& clock_;
  AuditLog& audit_;
  Organisation& organisation_;
  SmallGroupRule rule_;
};

const std::vector<std::string>& genders();

}  // namespace ln
