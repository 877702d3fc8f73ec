#pragma once
// Recommendations: compiled by the Youth Union from children's approved submissions (or adopted
// by a Council vote), forwarded to a competent authority with a due date in working days,
// acknowledged and answered by the authority's officials, explained back to every child who
// contributed, and only then closed. Every step is logged on the recommendation and in the audit
// log; reminders and escalation run as a scheduled job.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/mail.h"
#include "base/working_days.h"
#include "consult/audit.h"
#include "consult/organisation.h"
#include "consult/screening.h"
#include "consult/suppression.h"

namespace ln {

struct RecommendationInput {
  std::string title;
  std::string text;
  std::string unit_id;
  std::optional<std::string> topic;
  std::vector<std::string> submission_ids;  // approved submissions merged into it
};

// What a Council vote hands over when it adopts a recommendation.
struct CouncilAdoption {
  std::string title;
  std::string text;
  std::string unit_id;
  std::optional<std::string> topic;
  std::string council_session_id;
  std::vector<std::string> submission_ids;  // may be empty
};

struct Forwarding {
  std::string authority_id;
  std::string dispatch_number;          // số/ký hiệu công văn
  std::string dispatch_date;            // YYYY-MM-DD
  std::optional<int> due_working_days;  // default: the authority's own
};

struct CommitmentInput {
  std::string text;
  std::string owner;
  std::string due_date;  // YYYY-MM-DD
};

struct AnswerInput {
  Decision decision = Decision::kAccepted;
  std::string reasons;                     // required unless accepted
  std::optional<std::string> referred_to;  // an authority id, when referred
  std::vector<CommitmentInput> commitments;
};

struct ProgressInput {
  std::string note;
  std::optional<CommitmentStatus> status;
};

struct RecommendationSettings {
  int remind_before_working_days = 5;
  int escalate_after_working_days = 10;  // the grace period after the due date
  // Authority figures are shown publicly from this many (the deployment's small-group rule).
  int public_min_recommendations = static_cast<int>(SmallGroupRule::kFloor);
  // Children's reactions to an answer are published under the deployment's small-group rule.
  SmallGroupRule small_groups{};
};

// How many children agreed with an answer, disagreed, or asked about it (one reaction each). As
// published (the recommendation's page, the public tracker, reports) a count of fewer children
// than the small-group threshold is nullopt: hidden, never its number.
struct ReactionCounts {
  std::optional<std::int64_t> agree, disagree, question;
};

// What the reminder job did in one run.
struct ReminderRun {
  int flagged_overdue = 0;
  int notifications = 0;
  int emails = 0;
  int escalated = 0;
};

// One authority's record on a tracker.
struct AuthorityFigures {
  std::string authority_id;
  std::string name;
  int received = 0;
  int answered = 0;
  int answered_on_time = 0;
  std::optional<double> on_time_percent;  // of those answered or past due
  std::optional<double> median_days_to_answer;
  int overdue_now = 0;
};

// A commitment whose due date has passed while it is neither done nor dropped.
bool commitment_overdue(const Commitment& commitment, std::chrono::year_month_day today);

class Recommendations {
 public:
  Recommendations(Storage& storage, const Clock& clock, AuditLog& audit, Organisation& organisation,
                  const WorkingCalendar& calendar, TextScreen screen,
                  RecommendationSettings settings = {}, Mailer* mailer = nullptr)
      : storage_(storage),
        clock_(clock),
        audit_(audit),
        organisation_(organisation),
        calendar_(calendar),
        screen_(std::move(screen)),
        settings_(settings),
        mailer_(mailer) {}

  void set_mailer(Mailer* mailer) { mailer_ = mailer; }
  const RecommendationSettings& settings() const { return settings_; }

  // Youth Union (moderators, admins) of the unit.
  Recommendation create(const Principal& actor, const RecommendationInput& input);
  // The entry point a Council vote calls once a recommendation is adopted.
  Recommendation adopt_from_council(const AuditActor& actor, const CouncilAdoption& adoption);

  // The approved ideas a Youth Union officer has gathered for their next recommendation, kept
  // on the server until the recommendation is saved. Saving checks each is an approved
  // submission of their units and drops repeats.
  std::vector<std::string> compile_draft(const Principal& actor);
  std::vector<std::string> save_compile_draft(const Principal& actor,
                                              const std::vector<std::string>& submission_ids);

  // Youth Union: their units' recommendations; officials: those addressed to their authority.
  std::vector<Recommendation> list(const Principal& actor, RecommendationFilter filter,
                                   const Page& page);
  Recommendation get(const Principal& actor, const std::string& id);
  std::vector<RecommendationSource> sources(const Recommendation& r);
  std::vector<Reaction> reactions(const Recommendation& r);
  // Every reaction counted; reports protect them together (consult/reports.cpp).
  ReactionCounts reaction_tally(const Recommendation& r);
  // The same, each small count hidden.
  ReactionCounts published_reactions(const Recommendation& r);

  Recommendation forward(const Principal& actor, const std::string& id, const Forwarding& input);
  Recommendation acknowledge(const Principal& official, const std::string& id);
  Recommendation answer(const Principal& official, const std::string& id, const AnswerInput& input);
  // `commitment_id` is "<recommendation id>~<n>".
  Recommendation record_progress(const Principal& official, const std::string& commitment_id,
                                 const ProgressInput& input);
  Recommendation write_feedback(const Principal& actor, const std::string& id,
                                const std::map<std::string, FeedbackText>& feedback);
  Recommendation report_back(const Principal& actor, const std::string& id);
  Recommendation close(const Principal& actor, const std::string& id);

  // A pupil's view: the recommendations their submission went into that have been reported back.
  std::vector<Recommendation> outcomes_of_submission(const Principal& pupil,
                                                     const std::string& submission_id);
  // Every recommendation their submission went into, once it left the Youth Union (forwarded).
  std::vector<Recommendation> containing(const Principal& pupil, const std::string& submission_id);
  // The feedback in the pupil's age band's words (or the text for all bands, or else the first
  // band's); nullopt before any feedback is written.
  std::optional<FeedbackText> feedback_for(const Recommendation& r,
                                           const std::string& age_band) const;
  std::optional<Reaction> reaction_of(const Recommendation& r, const std::string& pupil_id);
  Reaction react(const Principal& pupil, const std::string& id, ReactionKind kind,
                 const std::optional<std::string>& text);

  std::vector<Notification> notifications(const Principal& who, const Page& page);

  // For a pupil's copy of their data: each reaction with the title of what it reacts to, and
  // every in-app notification they were sent.
  std::vector<std::pair<Reaction, std::string>> reactions_for_export(const std::string& pupil_id);
  std::vector<Notification> notifications_for_export(const std::string& pupil_id);
  void mark_read(const Principal& who, const std::string& notification_id);
  // How many of my notifications I have not opened yet.
  int unread(const Principal& who);

  // The public tracker of a unit (and every unit under it): every forwarded recommendation.
  std::vector<Recommendation> tracker(const std::string& unit_id);
  std::vector<AuthorityFigures> figures(const std::vector<Recommendation>& forwarded);
  // What the public sees: the tracker's items, and the figures of only those authorities with
  // at least `public_min_recommendations` (how many were held back is said).
  struct PublicTracker {
    std::vector<Recommendation> items;
    std::vector<AuthorityFigures> authorities;
    int authorities_not_shown = 0;
  };
  PublicTracker public_tracker(const std::string& unit_id);

  void set_authority_contact(const Principal& admin, const std::string& authority_id,
                             const std::string& email);
  std::optional<std::string> authority_contact(const std::string& authority_id);

  // The scheduled job: due-soon reminders, overdue flags, e-mail, escalation. Safe to run on
  // several instances at once: each notification and e-mail is claimed by a unique key, and each
  // state change is a versioned update that only one instance wins.
  ReminderRun run_reminders();

  // Working days from today until the due date (negative once it has passed).
  std::optional<int> working_days_left(const Recommendation& r) const;
  bool answered_on_time(const Recommendation& r) const;

 private:
  Recommendation visible(const Principal& actor, const std::string& id);
  Recommendation make(const std::string& by, const std::string& unit_id, const std::string& title,
                      const std::string& text, const std::optional<std::string>& topic,
                      const std::vector<std::string>& submission_ids, const Principal* scope,
                      std::vector<RecommendationSource>& sources);
  Recommendation save(const AuditActor& actor, const std::string& by, Recommendation r,
                      int expected_version, const std::string& action,
                      const AuditDetails& details = {});
  int remind_commitments(std::chrono::year_month_day today);
  int notify(const std::vector<Account>& to, const Recommendation& r, NotificationKind kind,
             const std::string& message);
  int remind(const std::vector<Account>& to, const Recommendation& r, ReminderKind kind,
             const std::string& message);
  bool email(const Recommendation& r, ReminderKind kind, const std::string& subject,
             const std::string& body);

  Storage& storage_;
  const Clock& clock_;
  AuditLog& audit_;
  Organisation& organisation_;
  const WorkingCalendar& calendar_;
  TextScreen screen_;
  RecommendationSettings settings_;
  Mailer* mailer_ = nullptr;
};

}  // namespace ln
