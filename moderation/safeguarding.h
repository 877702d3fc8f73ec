#pragma once
// Safeguarding cases: the items of the safeguarding queue, worked only by safeguarding leads.
// A lead acknowledges (late after the deadline), records what was done (a referral to 111, the
// police, the commune's child-protection officer or the school), may reveal who the child is with
// a reason (audited; the case shows the other leads), and closes it — as "no concern" only when a
// second lead confirms. A safeguarding item is never published, and only a lead's decision takes
// it out of the leads' view: a child who takes it back leaves a request on the case
// (`withdrawal_request`), which the leads see and are told of.
#include <string>
#include <vector>

#include "consult/pupils.h"
#include "consult/settings.h"

namespace ln::moderation {

struct SafeguardingAction {
  SafeguardingActionKind kind = SafeguardingActionKind::kOther;
  std::string date;  // YYYY-MM-DD
  std::string reference;
  std::string note;
};

class SafeguardingCases {
 public:
  SafeguardingCases(Storage& storage, const Clock& clock, AuditLog& audit,
                    Organisation& organisation, Pupils& pupils, const Settings& settings)
      : storage_(storage),
        clock_(clock),
        audit_(audit),
        organisation_(organisation),
        pupils_(pupils),
        settings_(settings) {}

  std::vector<Submission> open_cases(const Principal& lead, const Page& page);
  Submission get(const Principal& lead, const std::string& id);
  Submission acknowledge(const Principal& lead, const std::string& id);
  Submission record_action(const Principal& lead, const std::string& id,
                           const SafeguardingAction& action);
  Identity reveal(const Principal& lead, const std::string& id, const std::string& reason);
  // The same reveal reached from the pupil: `case_id` must be a case of this pupil's that the
  // lead works (NotFound otherwise). There is no reveal outside a case.
  Identity reveal_for_pupil(const Principal& lead, const std::string& pupil_id,
                            const std::string& case_id, const std::string& reason);
  // no_concern needs a second lead's confirm; referred and resolved close the case at once.
  Submission close(const Principal& lead, const std::string& id, CaseOutcome outcome,
                   const std::string& reason);
  Submission confirm_closure(const Principal& lead, const std::string& id);

  // When the acknowledgement is due, and whether it is (or was) late.
  struct Timing {
    std::string acknowledge_by;
    bool late = false;
  };
  Timing timing(const Submission& item) const;

 private:
  Submission change(const Principal& lead, Submission item, const std::string& action,
                    const std::string& reason = "");
  Identity reveal_in(const Principal& lead, Submission item, const std::string& reason);
  // An in-app notification to every other safeguarding lead of the item's unit.
  void tell_other_leads(const Principal& lead, const Submission& item, NotificationKind kind,
                        const std::string& message);

  Storage& storage_;
  const Clock& clock_;
  AuditLog& audit_;
  Organisation& organisation_;
  Pupils& pupils_;
  const Settings& settings_;
};

}  // namespace ln::moderation
