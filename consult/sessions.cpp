#include "consult/sessions.h"

#include <algorithm>

#include "base/crypto.h"
#include "base/errors.h"

namespace ln {

StartedSession Sessions::start(const std::string& subject_kind, const std::string& subject_id,
                               const std::string& user_agent,
                               const std::optional<std::string>& issued_by) {
  StartedSession started;
  started.token = random_token(32);
  auto now = clock_.now();
  auto lifetime = subject_kind == "pupil" ? settings_.pupil_session : settings_.adult_session;
  started.session = {
      new_id("ses"),    hash_token(started.token), subject_kind,     subject_id,
      random_token(24), format_time(now),          format_time(now), format_time(now + lifetime),
      std::nullopt,     user_agent.substr(0, 200),     issued_by};
  storage_.accounts().insert_session(started.session);
  return started;
}

Sessions::~Sessions() {
  {
    std::lock_guard lock(touch_mutex_);
    stopping_ = true;
  }
  touch_waiting_.notify_one();
  if (toucher_.joinable()) toucher_.join();
}

void Sessions::touch_later(const std::string& session_id, const std::string& at) {
  {
    std::lock_guard lock(touch_mutex_);
    if (stopping_) return;
    touches_[session_id] = at;
    if (!toucher_.joinable()) toucher_ = std::thread([this] { write_touches(); });
  }
  touch_waiting_.notify_one();
}

void Sessions::write_touches() {
  while (true) {
    std::map<std::string, std::string> batch;
    {
      std::unique_lock lock(touch_mutex_);
      touch_waiting_.wait(lock, [this] { return stopping_ || !touches_.empty(); });
      if (touches_.empty()) return;
      batch.swap(touches_);
    }
    // One transaction (one sync) for every session seen since the last write.
    try {
      storage_.accounts().touch_sessions(batch);
    } catch (...) {
      // "Last seen" is informative only; the next request tries again.
    }
  }
}

void Sessions::apply_consents(Principal& principal, const std::vector<Consent>& consents) {
  principal.child_consent = principal.guardian_consent = false;
  for (const auto& c : consents) {
    if (c.withdrawn_at) continue;
    if (c.kind == ConsentKind::kChild) principal.child_consent = true;
    if (c.kind == ConsentKind::kGuardian) principal.guardian_consent = true;
  }
}

std::optional<Principal> Sessions::authenticate(const std::string& token) {
  if (token.empty() || token.size() > 200) return std::nullopt;
  std::string token_hash = hash_token(token);
  // Read before the sign-in itself, so what is kept is at least as new as the epoch says.
  auto epoch = storage_.reference_epoch();
  std::shared_ptr<SignedIn> signed_in;
  if (epoch) signed_in = signed_in_.get(*epoch, token_hash).value_or(nullptr);
  if (!signed_in) {
    signed_in = read_signed_in(token_hash);
    if (!signed_in) return std::nullopt;
    if (epoch) signed_in_.put(*epoch, token_hash, signed_in);
  }
  auto now = clock_.now();
  if (signed_in->expires <= now) return std::nullopt;

  // Keep "last seen" useful for the sessions list without a write on every request.
  auto now_s = std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  auto last_seen_s = signed_in->last_seen_s.load();
  if (now_s - last_seen_s > 60 &&
      signed_in->last_seen_s.compare_exchange_strong(last_seen_s, now_s))
    touch_later(signed_in->principal.session_id, format_time(now));

  Principal p = signed_in->principal;
  p.reference_epoch = epoch;
  return p;
}

std::shared_ptr<Sessions::SignedIn> Sessions::read_signed_in(const std::string& token_hash) {
  auto session = storage_.accounts().session_by_token_hash(token_hash);
  if (!session || session->revoked_at) return nullptr;
  auto expires = parse_time(session->expires_at);
  if (!expires) return nullptr;

  auto signed_in = std::make_shared<SignedIn>();
  signed_in->expires = *expires;
  auto last_seen = parse_time(session->last_seen_at);
  signed_in->last_seen_s =
      last_seen
          ? std::chrono::duration_cast<std::chrono::seconds>(last_seen->time_since_epoch()).count()
          : 0;
  Principal& p = signed_in->principal;
  p.session_id = session->id;
  p.csrf_token = session->csrf_token;
  p.id = session->subject_id;
  p.code_issued_by = session->issued_by;
  if (session->subject_kind == "account") {
    auto account = storage_.accounts().account(session->subject_id);
    if (!account || account->disabled_at) return nullptr;
    auto role = role_from_string(account->role);
    if (!role) return nullptr;
    p.kind = Principal::Kind::kAccount;
    p.role = *role;
    p.name = account->username;
    p.unit_ids = account->unit_ids;
    p.authority_id = account->authority_id;
    if (p.role == Role::kFacilitator) {
      // A facilitator acts for their own schools: their units are those schools' units.
      p.school_ids = account->school_ids;
      p.unit_ids.clear();
      for (const auto& id : account->school_ids)
        if (auto school = storage_.organisation().school(id);
            school && std::find(p.unit_ids.begin(), p.unit_ids.end(), school->unit_id) ==
                          p.unit_ids.end())
          p.unit_ids.push_back(school->unit_id);
    }
  } else {
    auto pupil = storage_.pupils().pupil(session->subject_id);
    if (!pupil || pupil->status == PupilStatus::kDeleted) return nullptr;
    p.kind = Principal::Kind::kPupil;
    p.role = role_from_string(pupil->role).value_or(Role::kPupil);
    p.name = pupil->pseudonym;
    p.class_id = pupil->class_id;
    p.unit_id = pupil->unit_id;
    p.age_band = pupil->age_band;
    apply_consents(p, storage_.pupils().consents(pupil->id));
  }
  return signed_in;
}

std::vector<Session> Sessions::live_sessions_of(const std::string& subject_kind,
                                                const std::string& subject_id) {
  std::vector<Session> live;
  auto now = clock_.now();
  for (auto& s : storage_.accounts().sessions_of(subject_kind, subject_id)) {
    auto expires = parse_time(s.expires_at);
    if (!s.revoked_at && expires && *expires > now) live.push_back(std::move(s));
  }
  return live;
}

void Sessions::end_own(const Principal& principal, const std::string& session_id) {
  auto kind = principal.is_pupil() ? "pupil" : "account";
  for (const auto& s : live_sessions_of(kind, principal.id)) {
    if (s.id == session_id) {
      end(session_id);
      return;
    }
  }
  throw NotFound("No such session.");
}

}  // namespace ln
