#include "consult/pupils.h"

#include "base/errors.h"
#include "base/local_zone.h"
#include "base/validate.h"
#include "consult/age_bands.h"
#include "consult/consent_text.h"
#include "consult/pseudonyms.h"
#include "consult/safeguarding_leads.h"

namespace ln {
using namespace std::chrono;

namespace {

// The first day of the month after the band changes: the exact birthday stays only in the
// encrypted identity record.
std::string band_review_date(year_month_day change) {
  year_month next = change.year() / change.month() + months(1);
  return format_date(next / day(1));
}

}  // namespace

SealedIdentity Pupils::seal_identity(const Identity& identity) {
  auto sealed = seal(keys_, storage_.pupils().identity_plaintext(identity));
  return {sealed.nonce, sealed.ciphertext};
}

Pupil Pupils::require_pupil(const std::string& id) {
  auto pupil = storage_.pupils().pupil(id);
  if (!pupil || pupil->status == PupilStatus::kDeleted) throw NotFound("No such pupil.");
  return *pupil;
}

Joined Pupils::join(const JoinInput& input) {
  Guess guess{settings_.join_code_limit, "", input.client_address};
  throttle_.check(guess);
  SchoolClass k;
  try {
    k = organisation_.class_for_join_code(input.code);
  } catch (const Invalid&) {
    throttle_.failed(guess);
    throw;
  }
  auto birth = parse_date(input.birth_date);
  if (!birth) throw Invalid("birth_date", "birth_date must be a real date written YYYY-MM-DD.");
  auto today = local_date_of(clock_.now());
  if (sys_days(*birth) > sys_days(today))
    throw Invalid("birth_date", "That birth date is in the future.");
  int age = age_on(*birth, today);
  if (age < kYoungestAge)
    throw Unprocessable(
        "too_young",
        "Cảm ơn em đã muốn tham gia! Lắng Nghe dành cho các bạn từ 7 tuổi. Em hãy "
        "nhờ thầy cô hoặc bố mẹ giúp nói ý kiến nhé. / Thank you for wanting to join! "
        "Lắng Nghe is for children aged 7 and over. Ask a teacher or parent to help "
        "you share your ideas.",
        {{"birth_date", "younger than 7"}});
  auto band = band_for_age(age);
  if (!band)
    throw Unprocessable(
        "too_old", "Lắng Nghe dành cho trẻ em đến 17 tuổi. / Lắng Nghe is for children up to 17.",
        {{"birth_date", "older than 17"}});
  std::string pseudonym = check_pseudonym(input.pseudonym);
  if (personal_info_ && personal_info_(pseudonym))
    throw Invalid("pseudonym",
                  "Biệt danh này có thông tin riêng của em (như tên thật, số điện thoại hay địa "
                  "chỉ). Em hãy chọn một biệt danh khác để giữ an toàn cho mình nhé. / This "
                  "nickname has private details (like your real name, phone number or address). "
                  "Please choose another one to keep yourself safe.",
                  "personal_info");
  // Compared by look, not by bytes: a name spelled with look-alike letters is the same name.
  const std::string key = pseudonym_key(pseudonym);
  for (const auto& other : storage_.pupils().pupils_of_class(k.id))
    if (pseudonym_key(other.pseudonym) == key)
      throw Conflict("Someone in your class already uses that name. Please choose another.",
                     "pseudonym_taken");

  Joined joined;
  Pupil& p = joined.pupil;
  p.id = new_id("pup");
  p.pseudonym = pseudonym;
  p.class_id = k.id;
  p.school_id = k.school_id;
  p.unit_id = k.unit_id;
  p.age_band = band->id;
  p.band_changes_on = band_review_date(band_changes_on(*birth, today));
  p.created_at = clock_.now_text();
  SealedIdentity identity = seal_identity({format_date(*birth), k.id, std::nullopt});
  atomically(storage_, [&] {
    for (int attempt = 0;; ++attempt) {
      joined.sign_in_code = new_sign_in_code();
      p.sign_in_lookup = lookup_hash(keys_, joined.sign_in_code);
      try {
        storage_.pupils().insert_pupil(p, identity);
        break;
      } catch (const Conflict&) {
        if (attempt == 5) throw;
      }
    }
    joined.started = sessions_.start("pupil", p.id, input.user_agent);
    audit_.record({"pupil", p.id}, "pupil.join", "class", k.id);
  });
  return joined;
}

std::pair<StartedSession, Pupil> Pupils::sign_in(const std::string& code,
                                                 const std::string& client_address,
                                                 const std::string& user_agent) {
  // A code in the old, short shape can only match a short code: it is a guess in that smaller
  // space, with its own count. No right code clears either count (the attacker has one too).
  std::string typed = normalise_sign_in_code(code);
  Guess guess{is_long_sign_in_code(typed) ? settings_.sign_in_code_limit
                                          : settings_.short_sign_in_code_limit,
              "", client_address};
  throttle_.check(guess);
  std::optional<Pupil> pupil;
  if (is_long_sign_in_code(typed) || settings_.short_sign_in_codes)
    pupil = storage_.pupils().pupil_by_sign_in(lookup_hash(keys_, typed));
  if (!pupil || pupil->status == PupilStatus::kDeleted) {
    throttle_.failed(guess);
    throw Unauthorized(
        "That code is not right. Check the card with your code, or ask your teacher.");
  }
  // A code an adult handed over may be used by that adult: the session and everything done in
  // it name them.
  const auto issued_by = storage_.pupils().sign_in_code_issuer(pupil->id);
  // Move the child to their new age band once their birthday has passed it.
  const auto today = local_date_of(clock_.now());
  if (auto review = parse_date(pupil->band_changes_on);
      review && sys_days(*review) <= sys_days(today)) {
    if (auto birth = parse_date(open_identity(pupil->id).birth_date)) {
      if (auto band = band_for_age(age_on(*birth, today))) pupil->age_band = band->id;
      pupil->band_changes_on = band_review_date(band_changes_on(*birth, today));
      storage_.pupils().update_pupil(*pupil);
    }
  }
  auto started = atomically(storage_, [&] {
    auto session = sessions_.start("pupil", pupil->id, user_agent, issued_by);
    audit_.record({"pupil", pupil->id, issued_by}, "sign_in", "session", session.session.id);
    return session;
  });
  return {started, *pupil};
}

Pupil Pupils::own(const Principal& pupil) {
  return require_pupil(pupil.id);
}

std::vector<Pupil> Pupils::pupils_of_class(const Principal& actor, const std::string& class_id) {
  organisation_.school_class(actor, class_id);
  return storage_.pupils().pupils_of_class(class_id);
}

Pupil Pupils::pupil_for(const Principal& actor, const std::string& pupil_id) {
  auto pupil = storage_.pupils().pupil(pupil_id);
  if (!pupil || pupil->status == PupilStatus::kDeleted ||
      !organisation_.reaches_school(actor, pupil->school_id, pupil->unit_id))
    throw NotFound("No such pupil.");
  return *pupil;
}

std::string Pupils::reset_sign_in_code(const Principal& actor, const std::string& pupil_id) {
  Pupil p = pupil_for(actor, pupil_id);
  std::string code;
  atomically(storage_, [&] {
    for (int attempt = 0;; ++attempt) {
      code = new_sign_in_code();
      try {
        // The code is recorded as this adult's: whoever signs in with it acts under their name.
        storage_.pupils().set_sign_in_code(p.id, lookup_hash(keys_, code), actor.id);
        break;
      } catch (const Conflict&) {
        if (attempt == 5) throw;
      }
    }
    sessions_.end_all_of("pupil", p.id);
    const auto open_cases = open_safeguarding_cases(storage_, p.id);
    audit_.record(AuditActor::of(actor), "pupil.sign_in_code_reset", "pupil", p.id, "",
                  {{"open_safeguarding_cases", open_cases.size()}});
    // An adult who can sign in as a child with an open case could read or take back what the
    // child told: the leads hear of it at once.
    const std::string now = clock_.now_text();
    for (const auto& c : open_cases)
      tell_safeguarding_leads(storage_, now, c.unit_id, c.id, NotificationKind::kSignInCodeIssued,
                              "An adult (account " + actor.id + ", " + actor.name +
                                  ") gave the child in case " + c.id +
                                  " a new sign-in code. The child's other sessions were ended; "
                                  "anything done with the new code is recorded under that adult's "
                                  "name.");
  });
  return code;
}

Identity Pupils::open_identity(const std::string& pupil_id) {
  auto sealed = storage_.pupils().identity(pupil_id);
  if (!sealed) throw NotFound("This pupil's identity has been deleted.");
  return storage_.pupils().identity_of_plaintext(
      open_sealed(keys_, {sealed->nonce, sealed->ciphertext}));
}

void Pupils::set_real_name(const Principal& actor, const std::string& pupil_id,
                           const std::string& real_name) {
  Pupil p = pupil_for(actor, pupil_id);
  Identity identity = open_identity(p.id);
  identity.real_name = clean_optional_text("real_name", real_name, 120);
  atomically(storage_, [&] {
    storage_.pupils().set_identity(p.id, seal_identity(identity), clock_.now_text());
    audit_.record(AuditActor::of(actor), "pupil.identity_update", "pupil", p.id);
  });
}

Identity Pupils::reveal_identity_in_case(const Principal& lead, const std::string& pupil_id,
                                         const std::string& case_id, const std::string& reason) {
  if (lead.role != Role::kSafeguardingLead)
    throw Forbidden("Only safeguarding leads reveal who a child is, inside a case.");
  std::string why = clean_text("reason", reason, 10, 1000);
  // A deleted child's identity is kept while a case of theirs is open (purge_identities).
  if (!storage_.pupils().pupil(pupil_id)) throw NotFound("No such pupil.");
  Identity identity = open_identity(pupil_id);
  audit_.record(AuditActor::of(lead), "pupil.identity_reveal", "pupil", pupil_id, why,
                {{"case_id", case_id}});
  return identity;
}

std::vector<Consent> Pupils::consents(const Principal& viewer, const std::string& pupil_id) {
  if (viewer.is_pupil()) {
    if (viewer.id != pupil_id) throw NotFound("No such pupil.");
  } else {
    pupil_for(viewer, pupil_id);
  }
  return storage_.pupils().consents(pupil_id);
}

Consent Pupils::give_child_consent(const Principal& pupil, const std::string& text_version) {
  Pupil p = require_pupil(pupil.id);
  if (p.status != PupilStatus::kActive)
    throw Conflict("Consent was withdrawn; ask your teacher to join again with a new code.",
                   "consent_withdrawn");
  if (text_version != kConsentTextVersion)
    throw Invalid("text_version", "Please read the current explanation first (version " +
                                      std::string(kConsentTextVersion) + ").");
  for (const auto& c : storage_.pupils().consents(p.id))
    if (c.kind == ConsentKind::kChild && !c.withdrawn_at) return c;
  Consent c{new_id("cns"), p.id, ConsentKind::kChild, ConsentMethod::kOnline, text_version,
            std::nullopt,  p.id, clock_.now_text(),   std::nullopt,           std::nullopt};
  atomically(storage_, [&] {
    storage_.pupils().insert_consent(c);
    audit_.record(AuditActor::of(pupil), "consent.give", "pupil", p.id, "",
                  {{"kind", "child"}, {"text_version", text_version}});
  });
  return c;
}

Consent Pupils::record_guardian_slip(const Principal& actor, const std::string& pupil_id,
                                     const std::string& slip_number) {
  Pupil p = pupil_for(actor, pupil_id);
  if (p.status != PupilStatus::kActive)
    throw Conflict("Consent for this pupil was withdrawn.", "consent_withdrawn");
  std::string slip = clean_code("slip_number", slip_number);
  for (const auto& c : storage_.pupils().consents(p.id))
    if (c.kind == ConsentKind::kGuardian && !c.withdrawn_at) return c;
  Consent c{new_id("cns"),
            p.id,
            ConsentKind::kGuardian,
            ConsentMethod::kPaperSlip,
            std::nullopt,
            slip,
            actor.id,
            clock_.now_text(),
            std::nullopt,
            std::nullopt};
  atomically(storage_, [&] {
    storage_.pupils().insert_consent(c);
    audit_.record(AuditActor::of(actor), "consent.give", "pupil", p.id, "",
                  {{"kind", "guardian"}, {"slip_number", slip}});
  });
  return c;
}

std::string Pupils::new_guardian_code(const Principal& actor, const std::string& pupil_id) {
  Pupil p = pupil_for(actor, pupil_id);
  static constexpr char kAlphabet[] = "ACDEFGHJKMNPQRTUVWXY34679";
  std::string code = "G-";
  for (int i = 0; i < 10; ++i) {
    if (i == 5) code += '-';
    code += kAlphabet[random_below(sizeof kAlphabet - 1)];
  }
  auto now = clock_.now();
  atomically(storage_, [&] {
    storage_.pupils().insert_guardian_code(
        {lookup_hash(keys_, code), p.id, actor.id, format_time(now),
         format_time(now + days(settings_.guardian_code_days)), std::nullopt});
    audit_.record(AuditActor::of(actor), "guardian_code.create", "pupil", p.id);
  });
  return code;
}

namespace {

// A guardian code as issued (G-XXXXX-XXXXX) from what a parent typed: any case, with spaces or
// dashes anywhere or none.
std::string canonical_guardian_code(const std::string& typed) {
  std::string letters;
  for (char c : typed)
    if (std::isalnum(static_cast<unsigned char>(c)))
      letters += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (letters.size() == 11 && letters[0] == 'G')
    return "G-" + letters.substr(1, 5) + "-" + letters.substr(6, 5);
  return letters;
}

}  // namespace

std::string Pupils::guardian_pupil(const std::string& typed, const std::string& client_address) {
  Guess guess{settings_.guardian_code_limit, "", client_address};
  throttle_.check(guess);
  std::string code = canonical_guardian_code(typed);
  auto found = storage_.pupils().guardian_code(lookup_hash(keys_, code));
  auto expires = found ? parse_time(found->expires_at) : std::nullopt;
  if (!found || found->revoked_at || !expires || *expires <= clock_.now()) {
    throttle_.failed(guess);
    throw Invalid("code", "That guardian code is not right or has expired.",
                  "guardian_code_invalid");
  }
  return require_pupil(found->pupil_id).id;
}

template <typename Work>
auto Pupils::with_guardian_code(const std::string& typed, const std::string& action,
                                const std::string& client_address, Work&& work) {
  const std::string pupil_id = guardian_pupil(typed, client_address);
  return atomically(storage_, [&] {
    if (!storage_.pupils().use_guardian_code(lookup_hash(keys_, canonical_guardian_code(typed)),
                                             action, clock_.now_text()))
      throw Conflict("This guardian code has already been used for this.", "guardian_code_used");
    return work(pupil_id);
  });
}

GuardianChild Pupils::guardian_child(const std::string& code, const std::string& client_address) {
  Pupil p = require_pupil(guardian_pupil(code, client_address));
  auto k = storage_.organisation().school_class(p.class_id);
  auto school = storage_.organisation().school(p.school_id);
  return {p.pseudonym, k ? k->name : "", school ? school->name : ""};
}

Consent Pupils::guardian_consent(const std::string& code, const std::string& client_address) {
  return with_guardian_code(code, "consent", client_address, [&](const std::string& pupil_id) {
    Pupil p = require_pupil(pupil_id);
    if (p.status != PupilStatus::kActive)
      throw Conflict("Consent for this child was withdrawn.", "consent_withdrawn");
    for (const auto& c : storage_.pupils().consents(p.id))
      if (c.kind == ConsentKind::kGuardian && !c.withdrawn_at) return c;
    Consent c{new_id("cns"),
              p.id,
              ConsentKind::kGuardian,
              ConsentMethod::kGuardianCode,
              kConsentTextVersion,
              std::nullopt,
              "guardian",
              clock_.now_text(),
              std::nullopt,
              std::nullopt};
    storage_.pupils().insert_consent(c);
    audit_.record({"guardian", p.id}, "consent.give", "pupil", p.id, "", {{"kind", "guardian"}});
    return c;
  });
}

void Pupils::withdraw(const std::string& pupil_id, const AuditActor& by,
                      const std::string& reason) {
  Pupil p = require_pupil(pupil_id);
  auto now = clock_.now();
  atomically(storage_, [&] {
    storage_.pupils().withdraw_consents(p.id, format_time(now), by.kind + ":" + by.id);
    if (p.status == PupilStatus::kActive) {
      p.status = PupilStatus::kWithdrawn;
      p.withdrawn_at = format_time(now);
      p.identity_purge_at = format_time(now + days(settings_.withdrawal_purge_days));
      storage_.pupils().update_pupil(p);
    }
    audit_.record(by, "consent.withdraw", "pupil", p.id, reason,
                  {{"identity_purge_at", p.identity_purge_at.value_or("")}});
    tell_leads_of_open_cases(p.id, NotificationKind::kConsentWithdrawn,
                             "Consent for the child in case {case} was withdrawn (by " + by.kind +
                                 "). The case and the child's identity stay with the safeguarding "
                                 "leads until a lead closes it.");
  });
}

void Pupils::tell_leads_of_open_cases(const std::string& pupil_id, NotificationKind kind,
                                      const std::string& message) {
  const std::string now = clock_.now_text();
  for (const auto& c : open_safeguarding_cases(storage_, pupil_id)) {
    std::string text = message;
    if (auto at = text.find("{case}"); at != std::string::npos) text.replace(at, 6, c.id);
    tell_safeguarding_leads(storage_, now, c.unit_id, c.id, kind, text);
  }
}

void Pupils::withdraw_by_pupil(const Principal& pupil) {
  withdraw(pupil.id, AuditActor::of(pupil), "");
}

void Pupils::withdraw_by_adult(const Principal& actor, const std::string& pupil_id,
                               const std::string& reason) {
  withdraw(pupil_for(actor, pupil_id).id, AuditActor::of(actor),
           clean_text("reason", reason, 3, 500));
}

void Pupils::withdraw_by_guardian(const std::string& code, const std::string& client_address) {
  with_guardian_code(code, "withdraw", client_address, [&](const std::string& pupil_id) {
    withdraw(pupil_id, {"guardian", pupil_id}, "");
  });
}

DataRequest Pupils::open_request(const std::string& pupil_id, DataRequestKind kind,
                                 Requester requested_by, const std::string& details,
                                 const std::optional<std::string>& code_issued_by) {
  auto now = clock_.now();
  DataRequest r{new_id("drq"),
                pupil_id,
                kind,
                requested_by,
                DataRequestStatus::kOpen,
                clean_optional_text("details", details, 1000).value_or(""),
                format_time(now),
                format_time(add_working_days(now, settings_.data_request_working_days)),
                std::nullopt,
                std::nullopt,
                std::nullopt};
  atomically(storage_, [&] {
    storage_.pupils().insert_data_request(r);
    audit_.record({std::string(word(requested_by)), pupil_id, code_issued_by},
                  "data_request." + std::string(word(kind)), "data_request", r.id);
  });
  return r;
}

PupilDataExport Pupils::export_data(const Principal& pupil) {
  return export_of(pupil.id, Requester::kPupil, pupil.code_issued_by);
}

PupilDataExport Pupils::guardian_export(const std::string& code,
                                        const std::string& client_address) {
  return with_guardian_code(code, "data", client_address, [&](const std::string& pupil_id) {
    return export_of(pupil_id, Requester::kGuardian);
  });
}

PupilDataExport Pupils::export_of(const std::string& pupil_id, Requester requested_by,
                                  const std::optional<std::string>& code_issued_by) {
  Pupil p = require_pupil(pupil_id);
  auto k = storage_.organisation().school_class(p.class_id);
  auto school = storage_.organisation().school(p.school_id);
  PupilDataExport out{p,
                      requested_by == Requester::kGuardian,
                      "",
                      k ? k->name : "",
                      school ? school->name : "",
                      storage_.pupils().consents(p.id),
                      storage_.pupils().data_requests({std::nullopt, 1000}, std::nullopt, p.id),
                      sessions_.live_sessions_of("pupil", p.id)};

  atomically(storage_, [&] {
    DataRequest r = open_request(p.id, DataRequestKind::kExport, requested_by, "", code_issued_by);
    r.status = DataRequestStatus::kDone;
    r.handled_by = "langnghe";
    r.handled_at = clock_.now_text();
    r.outcome = "downloaded";
    storage_.pupils().update_data_request(r);
  });

  out.exported_at = clock_.now_text();
  return out;
}

DataRequest Pupils::request_deletion(const Principal& pupil, const std::string& details) {
  return open_request(require_pupil(pupil.id).id, DataRequestKind::kDeletion, Requester::kPupil,
                      details, pupil.code_issued_by);
}

DataRequest Pupils::guardian_request(const std::string& code, DataRequestKind kind,
                                     const std::string& details,
                                     const std::string& client_address) {
  return with_guardian_code(code, "request." + std::string(word(kind)), client_address,
                            [&](const std::string& pupil_id) {
                              return open_request(pupil_id, kind, Requester::kGuardian, details);
                            });
}

std::vector<DataRequest> Pupils::data_requests(const Page& page,
                                               const std::optional<DataRequestStatus>& status) {
  return storage_.pupils().data_requests(page, status, std::nullopt);
}

void Pupils::delete_pupil(const std::string& pupil_id, const AuditActor& by) {
  Pupil p = require_pupil(pupil_id);
  atomically(storage_, [&] {
    storage_.pupils().withdraw_consents(p.id, clock_.now_text(), by.kind + ":" + by.id);
    p.status = PupilStatus::kDeleted;
    p.pseudonym = "(deleted)";
    p.withdrawn_at = p.withdrawn_at.value_or(clock_.now_text());
    p.identity_purge_at = clock_.now_text();
    storage_.pupils().update_pupil(p);
    storage_.pupils().purge_identities(clock_.now_text());
    sessions_.end_all_of("pupil", p.id);
    audit_.record(by, "pupil.delete", "pupil", p.id);
    tell_leads_of_open_cases(p.id, NotificationKind::kPupilDeleted,
                             "The data of the child in case {case} was deleted on request. The "
                             "case and the child's identity stay with the safeguarding leads until "
                             "a lead closes it; the identity is deleted then.");
  });
}

DataRequest Pupils::handle_request(const Principal& admin, const std::string& id,
                                   DataRequestAction action, const std::string& outcome) {
  auto r = storage_.pupils().data_request(id);
  if (!r) throw NotFound("No such data request.");
  if (is_closed(r->status)) throw Conflict("This request is already closed.", "request_closed");
  atomically(storage_, [&] {
    switch (action) {
      case DataRequestAction::kAcknowledge:
        if (r->status != DataRequestStatus::kOpen)
          throw Conflict("This request was already acknowledged.", "request_acknowledged");
        r->status = DataRequestStatus::kAcknowledged;
        break;
      case DataRequestAction::kComplete:
        r->status = DataRequestStatus::kDone;
        r->outcome = clean_optional_text("outcome", outcome, 1000).value_or("completed");
        if (r->kind == DataRequestKind::kDeletion) delete_pupil(r->pupil_id, AuditActor::of(admin));
        break;
      case DataRequestAction::kRefuse:
        r->status = DataRequestStatus::kRefused;
        r->outcome = clean_text("outcome", outcome, 10, 1000);
        break;
    }
    r->handled_by = admin.id;
    r->handled_at = clock_.now_text();
    storage_.pupils().update_data_request(*r);
    audit_.record(AuditActor::of(admin), "data_request." + std::string(word(action)),
                  "data_request", r->id, r->outcome.value_or(""));
  });
  return *r;
}

std::size_t Pupils::purge_due_identities() {
  return atomically(storage_, [&] {
    auto purged = storage_.pupils().purge_identities(clock_.now_text());
    for (const auto& id : purged)
      audit_.record(AuditActor::system(), "pupil.identity_purge", "pupil", id);
    return purged.size();
  });
}

std::optional<int> Pupils::age_in_year(const std::string& pupil_id, int year) {
  if (!storage_.pupils().identity(pupil_id)) return std::nullopt;
  auto birth = parse_date(open_identity(pupil_id).birth_date);
  if (!birth) return std::nullopt;
  return year - static_cast<int>(birth->year());
}

}  // namespace ln
