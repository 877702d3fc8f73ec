#include "consult/sessions.h"

#include "consult/crypto.h"
#include "consult/errors.h"

namespace ln {

StartedSession Sessions::start(const std::string& subject_kind, const std::string& subject_id,
                               const std::string& user_agent) {
  StartedSession started;
  started.token = random_token(32);
  auto now = clock_.now();
  auto lifetime = subject_kind == "pupil" ? settings_.pupil_session : settings_.adult_session;
  started.session = {
      new_id("ses"),    hash_token(started.token), subject_kind,     subject_id,
      random_token(24), format_time(now),          format_time(now), format_time(now + lifetime),
      std::nullopt,     user_agent.substr(0, 200)};
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
    if (c.kind == "child") principal.child_consent = true;
    if (c.kind == "guardian") principal.guardian_consent = true;
  }
}

std::optional<Principal> Sessions::authenticate(const std::string& token) {
  if (token.empty() || token.size() > 200) return std::nullopt;
  auto session = storage_.accounts().session_by_token_hash(hash_token(token));
  if (!session || session->revoked_at) return std::nullopt;
  auto expires = parse_time(session->expires_at);
  if (!expires || *expires <= clock_.now()) return std::nullopt;

  // Keep "last seen" useful for the sessions list without a write on every request.
  auto last_seen = parse_time(session->last_seen_at);
  if (!last_seen || clock_.now() - *last_seen > std::chrono::minutes(1))
    touch_later(session->id, clock_.now_text());

  Principal p;
  p.session_id = session->id;
  p.csrf_token = session->csrf_token;
  p.id = session->subject_id;
  if (session->subject_kind == "account") {
    auto account = storage_.accounts().account(session->subject_id);
    if (!account || account->disabled_at) return std::nullopt;
    auto role = role_from_string(account->role);
    if (!role) return std::nullopt;
    p.kind = Principal::Kind::kAccount;
    p.role = *role;
    p.name = account->username;
    p.unit_ids = account->unit_ids;
    p.authority_id = account->authority_id;
  } else {
    auto pupil = storage_.pupils().pupil(session->subject_id);
    if (!pupil || pupil->status == "deleted") return std::nullopt;
    p.kind = Principal::Kind::kPupil;
    p.role = role_from_string(pupil->role).value_or(Role::kPupil);
    p.name = pupil->pseudonym;
    p.class_id = pupil->class_id;
    p.unit_id = pupil->unit_id;
    p.age_band = pupil->age_band;
    apply_consents(p, storage_.pupils().consents(pupil->id));
  }
  return p;
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
