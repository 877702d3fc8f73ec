#pragma once
// How consultations look on the wire, each view with the schema of what it builds beside it, and
// the request parts of a consultation (questions, information cards, feedback, answers) read into
// their types.
#include <nlohmann/json.hpp>

#include "consult/consultations.h"

namespace ln::api {

// A whole consultation, for the adults who plan or read it; `responses` as the results publish it.
nlohmann::json consultation_json(const Consultation& c, const ShownCount& responses);
nlohmann::json consultation_schema();
nlohmann::json response_json(const ConsultationResponse& r);
nlohmann::json response_schema();
nlohmann::json batch_json(const PaperBatch& b);
nlohmann::json batch_schema();

// What a pupil sees: a summary in lists, the whole in their band's words when opened.
nlohmann::json pupil_summary_json(const PupilSummary& s);
nlohmann::json pupil_view_json(const PupilView& v);
nlohmann::json heard_back_json(const std::vector<HeardBack>& items);
nlohmann::json heard_back_schema();
// A pupil's answers for their copy of their data.
nlohmann::json exported_answers_json(const std::vector<ExportedResponse>& responses);

nlohmann::json results_json(const ConsultationResults& r);
nlohmann::json results_schema();
nlohmann::json representativeness_json(const Representativeness& r);
nlohmann::json representativeness_schema();
nlohmann::json classes_answered_json(const ClassesAnswered& c);
nlohmann::json classes_answered_schema();

// Request parts. Each throws Invalid naming the field of the first bad part.
std::map<std::string, InfoCard> info_cards_of(const nlohmann::json& value);
std::map<std::string, BandFeedback> feedback_of(const nlohmann::json& value);
// `field` names the answers in errors ("answers"); null answers are skips, left out.
Answers answers_of(const nlohmann::json& value, const std::string& field = "answers");

}  // namespace ln::api
