#pragma once
// Sign-in sessions for accounts and pupils: an opaque random token, stored only as a hash,
// usable as a Bearer token or an HttpOnly cookie (cookie writes also need the CSRF token).
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "base/clock.h"
#include "base/epoch_cache.h"
#include "consult/principal.h"
#include "consult/settings.h"
#include "consult/storage.h"

namespace ln {

struct StartedSession {
  std::string token;  // shown once, never stored
  Session session;
};

class Sessions {
 public:
  Sessions(Storage& storage, const Clock& clock, const Settings& settings)
      : storage_(storage), clock_(clock), settings_(settings) {}
  Sessions(const Sessions&) = delete;
  Sessions& operator=(const Sessions&) = delete;
  // Writes the "last seen" times still waiting.
  ~Sessions();

  // `issued_by`: for a pupil signing in with a code an adult handed over, that adult.
  StartedSession start(const std::string& subject_kind, const std::string& subject_id,
                       const std::string& user_agent,
                       const std::optional<std::string>& issued_by = std::nullopt);
  // The signed-in principal for a live token; nullopt when unknown, expired, revoked or the
  // account is disabled.
  std::optional<Principal> authenticate(const std::string& token);
  void end(const std::string& session_id) {
    storage_.accounts().revoke_session(session_id, clock_.now_text());
  }
  void end_all_of(const std::string& subject_kind, const std::string& subject_id,
                  const std::string& keep_session_id = "") {
    storage_.accounts().revoke_sessions_of(subject_kind, subject_id, keep_session_id,
                                           clock_.now_text());
  }
  std::vector<Session> live_sessions_of(const std::string& subject_kind,
                                        const std::string& subject_id);
  // Ends one of the principal's own sessions; NotFound for anyone else's.
  void end_own(const Principal& principal, const std::string& session_id);

  // The pupil's view of their consent, used by authenticate and the consent endpoints.
  static void apply_consents(Principal& principal, const std::vector<Consent>& consents);

 private:
  // A live session as read from storage: kept under the reference epoch, so a request signs in
  // from memory until something it depends on (the session ended, the pupil or account changed,
  // consent given or withdrawn) moves the epoch.
  struct SignedIn {
    Principal principal;
    TimePoint expires;
    std::atomic<std::int64_t> last_seen_s{0};  // seconds since 1970, as last written
  };
  std::shared_ptr<SignedIn> read_signed_in(const std::string& token_hash);

  // "Last seen" is written by a thread of its own: a request never waits for that write (on
  // SQLite it would queue for the write lock behind the answers' group commit).
  void touch_later(const std::string& session_id, const std::string& at);
  void write_touches();

  Storage& storage_;
  const Clock& clock_;
  const Settings& settings_;

  std::mutex touch_mutex_;
  std::condition_variable touch_waiting_;
  std::map<std::string, std::string> touches_;  // session id → last seen
  bool stopping_ = false;
  std::thread toucher_;  // started on the first touch

  EpochCache<std::shared_ptr<SignedIn>> signed_in_{50000};
};

}  // namespace ln
