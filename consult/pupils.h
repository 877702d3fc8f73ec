#pragma once
// Pupils: joining with a class code, personal sign-in codes, the encrypted identity record,
// both consents (child and guardian), withdrawal, and the data rights of the child.
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "base/crypto.h"
#include "consult/audit.h"
#include "consult/organisation.h"
#include "consult/sessions.h"
#include "consult/throttle.h"

namespace ln {

// Whether a text holds personal information (a name given as one's own, a phone number, an
// address, …): the screener's detector, which lives in moderation/ (api/app.h wires it in).
using PersonalInfoCheck = std::function<bool(const std::string& text)>;

struct JoinInput {
  std::string code;
  std::string pseudonym;
  std::string birth_date;
  std::string client_address;
  std::string user_agent;
};

struct Joined {
  StartedSession started;
  Pupil pupil;
  std::string sign_in_code;  // shown once; only a keyed hash is stored
};

// A pupil's copy of their data as Pupils keeps it (the pupil, consents, data requests,
// sessions); api/data_export adds what they sent and were sent.
// Who a guardian code is for, shown to the guardian before they decide: nothing more.
struct GuardianChild {
  std::string pseudonym;
  std::string class_name;
  std::string school_name;
};

struct PupilDataExport {
  Pupil pupil;
  bool for_guardian = false;
  std::string exported_at;
  std::string class_name;  // "" when the class is gone
  std::string school_name;
  std::vector<Consent> consents;
  std::vector<DataRequest> data_requests;  // made before this export
  std::vector<Session> sessions;           // live ones
};

class Pupils {
 public:
  Pupils(Storage& storage, const Clock& clock, AuditLog& audit, Sessions& sessions,
         Organisation& organisation, const Settings& settings, const Keys& keys,
         PersonalInfoCheck personal_info = nullptr, GuessCounts* guess_counts = nullptr)
      : personal_info_(std::move(personal_info)),
        storage_(storage),
        clock_(clock),
        audit_(audit),
        sessions_(sessions),
        organisation_(organisation),
        settings_(settings),
        keys_(keys),
        throttle_(storage.accounts(), clock, guess_counts) {}

  Joined join(const JoinInput& input);
  std::pair<StartedSession, Pupil> sign_in(const std::string& code,
                                           const std::string& client_address,
                                           const std::string& user_agent);
  Pupil own(const Principal& pupil);

  // Adults acting on pupils in their units.
  std::vector<Pupil> pupils_of_class(const Principal& actor, const std::string& class_id);
  Pupil pupil_for(const Principal& actor, const std::string& pupil_id);
  std::string reset_sign_in_code(const Principal& actor, const std::string& pupil_id);
  void set_real_name(const Principal& actor, const std::string& pupil_id,
                     const std::string& real_name);
  // Only inside a safeguarding case (moderation/safeguarding.h, which checks that the lead works
  // case `case_id` and that it is this pupil's): a reveal outside a case does not exist. Works
  // for a child whose data is being deleted while the case keeps their identity.
  Identity reveal_identity_in_case(const Principal& lead, const std::string& pupil_id,
                                   const std::string& case_id, const std::string& reason);

  // Consent.
  std::vector<Consent> consents(const Principal& viewer, const std::string& pupil_id);
  // A pupil's consent records, for a view the caller is already allowed to show.
  std::vector<Consent> consents_of(const Pupil& pupil) {
    return storage_.pupils().consents(pupil.id);
  }
  Consent give_child_consent(const Principal& pupil, const std::string& text_version);
  Consent record_guardian_slip(const Principal& actor, const std::string& pupil_id,
                               const std::string& slip_number);
  // A code a facilitator hands to the guardian; it lets the guardian consent, withdraw and ask
  // for the child's data or its deletion until it expires.
  std::string new_guardian_code(const Principal& actor, const std::string& pupil_id);
  // Names the child a code is for (pseudonym, class, school), under the same guess limit; it
  // does not use the code up.
  GuardianChild guardian_child(const std::string& code, const std::string& client_address);
  // Each of these uses the code once for its action: a second consent, withdrawal, copy or
  // request of the same kind with the same code is a Conflict (guardian_code_used).
  Consent guardian_consent(const std::string& code, const std::string& client_address);
  void withdraw_by_pupil(const Principal& pupil);
  void withdraw_by_adult(const Principal& actor, const std::string& pupil_id,
                         const std::string& reason);
  void withdraw_by_guardian(const std::string& code, const std::string& client_address);

  // Data rights. An export is recorded as a data request, done at once.
  PupilDataExport export_data(const Principal& pupil);
  PupilDataExport guardian_export(const std::string& code, const std::string& client_address);
  DataRequest request_deletion(const Principal& pupil, const std::string& details);
  DataRequest guardian_request(const std::string& code, DataRequestKind kind,
                               const std::string& details, const std::string& client_address);
  std::vector<DataRequest> data_requests(const Page& page,
                                         const std::optional<DataRequestStatus>& status);
  // Open → acknowledged → done | refused; a closed request (done, refused) is a Conflict
  // (request_closed), acknowledging twice too (request_acknowledged).
  DataRequest handle_request(const Principal& admin, const std::string& id,
                             DataRequestAction action, const std::string& outcome);

  // The scheduled job: deletes identity records whose time has come. Returns how many.
  std::size_t purge_due_identities();

  // The age a child reaches in calendar year `year`, counted by year of birth as schools count
  // it (`year` minus the birth year; the birthday plays no part), read from the encrypted birth
  // date for an eligibility rule (a Council's age limits); never shown to anyone. None once the
  // identity is deleted.
  std::optional<int> age_in_year(const std::string& pupil_id, int year);

 private:
  Pupil require_pupil(const std::string& id);
  std::string guardian_pupil(const std::string& code, const std::string& client_address);
  // `work(pupil id)` for a right code not yet used for `action`, in one unit of work with marking
  // it used: when the work fails the code stays unused. A wrong code is counted (and refused)
  // before the unit opens, so no rollback ever uncounts a guess.
  template <typename Work>
  auto with_guardian_code(const std::string& code, const std::string& action,
                          const std::string& client_address, Work&& work);
  void withdraw(const std::string& pupil_id, const AuditActor& by, const std::string& reason);
  // `code_issued_by`: a pupil's request made in a session from an adult-issued code.
  DataRequest open_request(const std::string& pupil_id, DataRequestKind kind,
                           Requester requested_by, const std::string& details,
                           const std::optional<std::string>& code_issued_by = std::nullopt);
  Identity open_identity(const std::string& pupil_id);
  SealedIdentity seal_identity(const Identity& identity);
  PupilDataExport export_of(const std::string& pupil_id, Requester requested_by,
                            const std::optional<std::string>& code_issued_by = std::nullopt);
  void delete_pupil(const std::string& pupil_id, const AuditActor& by);
  // Tells the safeguarding leads of each open case of the pupil; "{case}" in `message` becomes
  // the case id.
  void tell_leads_of_open_cases(const std::string& pupil_id, NotificationKind kind,
                                const std::string& message);

  PersonalInfoCheck personal_info_;
  Storage& storage_;
  const Clock& clock_;
  AuditLog& audit_;
  Sessions& sessions_;
  Organisation& organisation_;
  const Settings& settings_;
  const Keys& keys_;
  Throttle throttle_;
};

}  // namespace ln
