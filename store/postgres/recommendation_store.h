#pragma once
#include "consult/storage.h"
#include "store/postgres/connection.h"
#include "store/postgres/pool.h"

namespace ln::store::postgres {

class PostgresRecommendationStore : public RecommendationStore {
 public:
  explicit PostgresRecommendationStore(Pool& pool) : pool_(pool) {}
  void insert_recommendation(const Recommendation& r,
                             const std::vector<RecommendationSource>& sources) override;
  std::optional<Recommendation> recommendation(const std::string& id) override;
  std::vector<Recommendation> recommendations(const RecommendationFilter& filter,
                                              const Page& page) override;
  bool update_if_version(const Recommendation& r, int expected_version) override;
  std::vector<RecommendationSource> sources(const std::string& recommendation_id) override;
  std::vector<RecommendationSource> sources_of_pupil(const std::string& pupil_id) override;
  std::vector<Recommendation> awaiting_answer() override;
  void insert_reaction(const Reaction& reaction, const std::optional<Submission>& item) override;
  std::vector<Reaction> reactions(const std::string& recommendation_id) override;
  std::vector<Reaction> reactions_of_pupil(const std::string& pupil_id) override;
  std::optional<Reaction> reaction(const std::string& id) override;
  std::vector<Reaction> unanswered_questions() override;
  bool reply_to_question(const Reaction& answered, const Notification& to_child) override;
  bool insert_notification(const Notification& n) override;
  std::vector<Notification> notifications_of(const std::string& recipient_kind,
                                             const std::string& recipient_id,
                                             const Page& page) override;
  int unread_notifications(const std::string& recipient_kind,
                           const std::string& recipient_id) override;
  bool mark_notification_read(const std::string& id, const std::string& recipient_kind,
                              const std::string& recipient_id, const std::string& at) override;
  std::vector<std::string> compile_draft(const std::string& account_id) override;
  void save_compile_draft(const std::string& account_id,
                          const std::vector<std::string>& submission_ids,
                          const std::string& at) override;
  std::optional<std::string> authority_contact(const std::string& authority_id) override;
  void set_authority_contact(const std::string& authority_id, const std::string& email,
                             const std::string& at) override;

 private:
  Pool& pool_;
};

}  // namespace ln::store::postgres
