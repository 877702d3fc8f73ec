#include "store/sqlite/migrations.h"

#include <chrono>
#include <thread>

#include "store/sqlite/sql.h"

namespace ln::store::sqlite {

const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1, "settings",
       R"sql(
CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value      TEXT NOT NULL,
  updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ','now'))
) STRICT;
)sql"},
      {2, "organisation, accounts, pupils, consent, audit",
       R"sql(
CREATE TABLE units (
  id          TEXT PRIMARY KEY,
  parent_id   TEXT REFERENCES units(id),
  kind        TEXT NOT NULL CHECK (kind IN ('province', 'district', 'ward')),
  name        TEXT NOT NULL,
  code        TEXT UNIQUE,
  merged_into TEXT REFERENCES units(id),
  retired_at  TEXT,
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX units_parent ON units(parent_id);

CREATE TABLE schools (
  id         TEXT PRIMARY KEY,
  unit_id    TEXT NOT NULL REFERENCES units(id),
  name       TEXT NOT NULL,
  code       TEXT UNIQUE,
  retired_at TEXT,
  created_at TEXT NOT NULL
) STRICT;
CREATE INDEX schools_unit ON schools(unit_id);

CREATE TABLE classes (
  id          TEXT PRIMARY KEY,
  school_id   TEXT NOT NULL REFERENCES schools(id),
  name        TEXT NOT NULL,
  grade       INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 12),
  school_year TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  retired_at  TEXT,
  created_at  TEXT NOT NULL
) STRICT;
CREATE INDEX classes_school ON classes(school_id);

CREATE TABLE join_codes (
  code       TEXT PRIMARY KEY,
  class_id   TEXT NOT NULL REFERENCES classes(id),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT;
CREATE INDEX join_codes_class ON join_codes(class_id);

CREATE TABLE authorities (
  id         TEXT PRIMARY KEY,
  name       TEXT NOT NULL,
  kind       TEXT NOT NULL,
  unit_id    TEXT NOT NULL REFERENCES units(id),
  code       TEXT UNIQUE,
  due_days   INTEGER NOT NULL DEFAULT 30 CHECK (due_days BETWEEN 1 AND 365),
  retired_at TEXT,
  created_at TEXT NOT NULL
) STRICT;

CREATE TABLE authority_units (
  authority_id TEXT NOT NULL REFERENCES authorities(id),
  unit_id      TEXT NOT NULL REFERENCES units(id),
  PRIMARY KEY (authority_id, unit_id)
) STRICT;

CREATE TABLE accounts (
  id                  TEXT PRIMARY KEY,
  username            TEXT NOT NULL UNIQUE,
  display_name        TEXT NOT NULL,
  role                TEXT NOT NULL CHECK (role IN ('facilitator', 'moderator', 'safeguarding_lead', 'official', 'admin')),
  password_hash       TEXT NOT NULL,
  authority_id        TEXT REFERENCES authorities(id),
  disabled_at         TEXT,
  password_changed_at TEXT NOT NULL,
  created_at          TEXT NOT NULL
) STRICT;

CREATE TABLE account_units (
  account_id TEXT NOT NULL REFERENCES accounts(id),
  unit_id    TEXT NOT NULL REFERENCES units(id),
  PRIMARY KEY (account_id, unit_id)
) STRICT;

CREATE TABLE pupils (
  id                TEXT PRIMARY KEY,
  pseudonym         TEXT NOT NULL,
  class_id          TEXT NOT NULL REFERENCES classes(id),
  age_band          TEXT NOT NULL,
  band_changes_on   TEXT NOT NULL,
  sign_in_lookup    TEXT NOT NULL UNIQUE,
  role              TEXT NOT NULL DEFAULT 'pupil' CHECK (role IN ('pupil', 'council_member')),
  status            TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn', 'deleted')),
  withdrawn_at      TEXT,
  identity_purge_at TEXT,
  created_at        TEXT NOT NULL
) STRICT;
CREATE INDEX pupils_class ON pupils(class_id);
CREATE INDEX pupils_purge ON pupils(identity_purge_at) WHERE identity_purge_at IS NOT NULL;

CREATE TABLE pupil_identities (
  pupil_id   TEXT PRIMARY KEY REFERENCES pupils(id),
  nonce      BLOB NOT NULL,
  ciphertext BLOB NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

CREATE TABLE consents (
  id           TEXT PRIMARY KEY,
  pupil_id     TEXT NOT NULL REFERENCES pupils(id),
  kind         TEXT NOT NULL CHECK (kind IN ('child', 'guardian')),
  method       TEXT NOT NULL CHECK (method IN ('online', 'paper_slip', 'guardian_code')),
  text_version TEXT,
  slip_number  TEXT,
  recorded_by  TEXT NOT NULL,
  given_at     TEXT NOT NULL,
  withdrawn_at TEXT,
  withdrawn_by TEXT
) STRICT;
CREATE INDEX consents_pupil ON consents(pupil_id);

CREATE TABLE guardian_codes (
  lookup     TEXT PRIMARY KEY,
  pupil_id   TEXT NOT NULL REFERENCES pupils(id),
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  revoked_at TEXT
) STRICT;

CREATE TABLE sessions (
  id           TEXT PRIMARY KEY,
  token_hash   TEXT NOT NULL UNIQUE,
  subject_kind TEXT NOT NULL CHECK (subject_kind IN ('account', 'pupil')),
  subject_id   TEXT NOT NULL,
  csrf_token   TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  last_seen_at TEXT NOT NULL,
  expires_at   TEXT NOT NULL,
  revoked_at   TEXT,
  user_agent   TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX sessions_subject ON sessions(subject_kind, subject_id);

CREATE TABLE sign_in_failures (
  key          TEXT PRIMARY KEY,
  failures     INTEGER NOT NULL,
  locked_until TEXT,
  last_at      TEXT NOT NULL
) STRICT;

CREATE TABLE data_requests (
  id           TEXT PRIMARY KEY,
  pupil_id     TEXT NOT NULL REFERENCES pupils(id),
  kind         TEXT NOT NULL CHECK (kind IN ('export', 'deletion', 'correction')),
  requested_by TEXT NOT NULL CHECK (requested_by IN ('pupil', 'guardian')),
  status       TEXT NOT NULL CHECK (status IN ('open', 'acknowledged', 'done', 'refused')),
  details      TEXT NOT NULL DEFAULT '',
  requested_at TEXT NOT NULL,
  due_at       TEXT NOT NULL,
  handled_by   TEXT,
  handled_at   TEXT,
  outcome      TEXT
) STRICT;
CREATE INDEX data_requests_status ON data_requests(status, due_at);

CREATE TABLE audit_log (
  seq         INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  actor_kind  TEXT NOT NULL,
  actor_id    TEXT NOT NULL,
  action      TEXT NOT NULL,
  object_type TEXT NOT NULL,
  object_id   TEXT NOT NULL,
  reason      TEXT NOT NULL DEFAULT '',
  details     TEXT NOT NULL DEFAULT '{}',
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
) STRICT;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
)sql"},
      {3, "submissions",
       R"sql(
CREATE TABLE submissions (
  id         TEXT PRIMARY KEY,
  pupil_id   TEXT NOT NULL REFERENCES pupils(id),
  unit_id    TEXT NOT NULL REFERENCES units(id),
  kind       TEXT NOT NULL CHECK (kind IN ('idea', 'opinion', 'recommendation')),
  text       TEXT NOT NULL,
  topic      TEXT,
  status     TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX submissions_pupil ON submissions(pupil_id, id);
CREATE INDEX submissions_status ON submissions(status, unit_id);
)sql"},
      {4, "consultations",
       R"sql(
ALTER TABLE submissions ADD COLUMN consultation_id TEXT;
ALTER TABLE submissions ADD COLUMN response_id TEXT;
CREATE INDEX submissions_response ON submissions(response_id) WHERE response_id IS NOT NULL;

CREATE TABLE consultations (
  id                TEXT PRIMARY KEY,
  title             TEXT NOT NULL,
  purpose           TEXT NOT NULL,
  owner_unit_id     TEXT NOT NULL REFERENCES units(id),
  audience_unit_ids TEXT NOT NULL,
  audience_bands    TEXT NOT NULL,
  opens_at          TEXT NOT NULL,
  closes_at         TEXT NOT NULL,
  decision          TEXT NOT NULL,
  decision_maker    TEXT NOT NULL,
  decision_due      TEXT NOT NULL,
  feedback_due      TEXT NOT NULL,
  info_cards        TEXT NOT NULL,
  info_version      INTEGER NOT NULL,
  questions         TEXT NOT NULL,
  status            TEXT NOT NULL CHECK (status IN ('draft', 'published', 'closed', 'results_published', 'feedback_given')),
  lifecycle         TEXT NOT NULL,
  feedback          TEXT NOT NULL,
  created_by        TEXT NOT NULL,
  created_at        TEXT NOT NULL,
  updated_at        TEXT NOT NULL
) STRICT;
CREATE INDEX consultations_status ON consultations(status, id);

CREATE TABLE consultation_responses (
  id              TEXT PRIMARY KEY,
  consultation_id TEXT NOT NULL REFERENCES consultations(id),
  pupil_id        TEXT REFERENCES pupils(id),
  channel         TEXT NOT NULL CHECK (channel IN ('online', 'paper', 'forum')),
  age_band        TEXT NOT NULL,
  gender          TEXT NOT NULL,
  unit_id         TEXT NOT NULL,
  info_version    INTEGER NOT NULL,
  answers         TEXT NOT NULL,
  idempotency_key TEXT,
  batch_id        TEXT,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX consultation_responses_pupil ON consultation_responses(consultation_id, pupil_id)
  WHERE pupil_id IS NOT NULL;
CREATE INDEX consultation_responses_unit ON consultation_responses(unit_id, created_at);

CREATE TABLE consultation_counters (
  consultation_id TEXT NOT NULL,
  question_id     TEXT NOT NULL,
  option_key      TEXT NOT NULL,
  age_band        TEXT NOT NULL,
  gender          TEXT NOT NULL,
  unit_id         TEXT NOT NULL,
  channel         TEXT NOT NULL,
  count           INTEGER NOT NULL,
  PRIMARY KEY (consultation_id, question_id, option_key, age_band, gender, unit_id, channel)
) STRICT, WITHOUT ROWID;

CREATE TABLE consultation_batches (
  id              TEXT PRIMARY KEY,
  consultation_id TEXT NOT NULL REFERENCES consultations(id),
  channel         TEXT NOT NULL CHECK (channel IN ('paper', 'forum')),
  reference       TEXT NOT NULL,
  sheets          INTEGER NOT NULL,
  participants    INTEGER NOT NULL,
  participants_by_band TEXT NOT NULL,
  unit_id         TEXT NOT NULL,
  notes           TEXT NOT NULL,
  created_by      TEXT NOT NULL,
  created_at      TEXT NOT NULL
) STRICT;
CREATE INDEX consultation_batches_unit ON consultation_batches(unit_id, created_at);

CREATE TABLE targets (
  id           TEXT PRIMARY KEY,
  unit_id      TEXT NOT NULL REFERENCES units(id),
  kind         TEXT NOT NULL CHECK (kind IN ('children_consulted', 'teenagers_participating')),
  period_start TEXT NOT NULL,
  period_end   TEXT NOT NULL,
  target       INTEGER NOT NULL CHECK (target > 0),
  created_by   TEXT NOT NULL,
  created_at   TEXT NOT NULL
) STRICT;
)sql"},
      {5, "screening",
       R"sql(
ALTER TABLE submissions ADD COLUMN screening TEXT NOT NULL DEFAULT '{}';
ALTER TABLE submissions ADD COLUMN queue TEXT;
CREATE INDEX submissions_queue ON submissions(queue, unit_id) WHERE queue IS NOT NULL;
)sql"},
      {6, "moderation claims and decisions",
       R"sql(
ALTER TABLE submissions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE submissions ADD COLUMN claimed_by TEXT;
ALTER TABLE submissions ADD COLUMN claim_expires_at TEXT;
ALTER TABLE submissions ADD COLUMN decision TEXT NOT NULL DEFAULT '{}';
ALTER TABLE submissions ADD COLUMN redacted_text TEXT;
CREATE INDEX submissions_waiting ON submissions(queue, created_at, id) WHERE status IN ('queued', 'claimed');
)sql"},
      {7, "safeguarding cases",
       R"sql(
ALTER TABLE submissions ADD COLUMN safeguarding TEXT NOT NULL DEFAULT '{}';
)sql"},
      {8, "moderation measures, repeats and revisions",
       R"sql(
ALTER TABLE submissions ADD COLUMN fingerprint TEXT NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN simhash INTEGER NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN resent_at TEXT;
ALTER TABLE submissions ADD COLUMN first_reviewed_at TEXT;
ALTER TABLE submissions ADD COLUMN revisions TEXT NOT NULL DEFAULT '[]';
CREATE INDEX submissions_recent ON submissions(unit_id, created_at);
CREATE TABLE moderation_rule_outcomes (
  unit_id    TEXT NOT NULL,
  rule       TEXT NOT NULL,
  agreed     INTEGER NOT NULL DEFAULT 0,
  disagreed  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (unit_id, rule)
) STRICT;
)sql"},
      {9, "recommendations and official responses",
       R"sql(
CREATE TABLE recommendations (
  id                 TEXT PRIMARY KEY,
  unit_id            TEXT NOT NULL REFERENCES units(id),
  title              TEXT NOT NULL,
  text               TEXT NOT NULL,
  topic              TEXT,
  origin             TEXT NOT NULL CHECK (origin IN ('moderators', 'council')),
  council_session_id TEXT,
  status             TEXT NOT NULL CHECK (status IN ('draft', 'forwarded', 'acknowledged', 'answered', 'reported_back', 'closed')),
  overdue            INTEGER NOT NULL DEFAULT 0,
  authority_id       TEXT REFERENCES authorities(id),
  dispatch_number    TEXT,
  dispatch_date      TEXT,
  due_date           TEXT,
  forwarded_at       TEXT,
  answered_at        TEXT,
  quotes             TEXT NOT NULL,
  answer             TEXT NOT NULL,
  commitments        TEXT NOT NULL,
  feedback           TEXT NOT NULL,
  history            TEXT NOT NULL,
  reminders          TEXT NOT NULL,
  version            INTEGER NOT NULL,
  created_by         TEXT NOT NULL,
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
) STRICT;
CREATE INDEX recommendations_authority ON recommendations(authority_id, id);
CREATE INDEX recommendations_awaiting ON recommendations(status) WHERE status IN ('forwarded', 'acknowledged');

CREATE TABLE recommendation_sources (
  recommendation_id TEXT NOT NULL REFERENCES recommendations(id),
  submission_id     TEXT NOT NULL REFERENCES submissions(id),
  pupil_id          TEXT NOT NULL,
  PRIMARY KEY (recommendation_id, submission_id)
) STRICT;
CREATE INDEX recommendation_sources_pupil ON recommendation_sources(pupil_id);

CREATE TABLE recommendation_reactions (
  id                TEXT PRIMARY KEY,
  recommendation_id TEXT NOT NULL REFERENCES recommendations(id),
  pupil_id          TEXT NOT NULL,
  kind              TEXT NOT NULL CHECK (kind IN ('agree', 'disagree', 'question')),
  text              TEXT,
  submission_id     TEXT,
  created_at        TEXT NOT NULL,
  UNIQUE (recommendation_id, pupil_id)
) STRICT;

CREATE TABLE notifications (
  id             TEXT PRIMARY KEY,
  recipient_kind TEXT NOT NULL CHECK (recipient_kind IN ('account', 'pupil', 'email')),
  recipient_id   TEXT NOT NULL,
  kind           TEXT NOT NULL,
  object_type    TEXT NOT NULL,
  object_id      TEXT NOT NULL,
  message        TEXT NOT NULL,
  dedupe_key     TEXT NOT NULL UNIQUE,
  created_at     TEXT NOT NULL,
  read_at        TEXT
) STRICT;
CREATE INDEX notifications_recipient ON notifications(recipient_kind, recipient_id, id);

CREATE TABLE authority_contacts (
  authority_id TEXT PRIMARY KEY REFERENCES authorities(id),
  email        TEXT NOT NULL,
  updated_at   TEXT NOT NULL
) STRICT;
)sql"},
      {10, "councils, sessions, proposals, events",
       R"sql(
CREATE TABLE councils (
  id          TEXT PRIMARY KEY,
  unit_id     TEXT NOT NULL REFERENCES units(id),
  name        TEXT NOT NULL,
  term_start  TEXT NOT NULL,
  term_end    TEXT NOT NULL,
  member_cap  INTEGER NOT NULL CHECK (member_cap > 0),
  min_age     INTEGER NOT NULL,
  max_age     INTEGER NOT NULL,
  adviser_ids TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX councils_unit ON councils(unit_id);

CREATE TABLE council_members (
  id         TEXT PRIMARY KEY,
  council_id TEXT NOT NULL REFERENCES councils(id),
  pupil_id   TEXT NOT NULL REFERENCES pupils(id),
  role       TEXT NOT NULL CHECK (role IN ('chair', 'vice_chair', 'member')),
  joined_by  TEXT NOT NULL CHECK (joined_by IN ('nomination', 'election')),
  joined_on  TEXT NOT NULL,
  left_on    TEXT,
  created_by TEXT NOT NULL,
  created_at TEXT NOT NULL
) STRICT;
CREATE UNIQUE INDEX council_members_current ON council_members(council_id, pupil_id)
  WHERE left_on IS NULL;
CREATE INDEX council_members_pupil ON council_members(pupil_id);

CREATE TABLE council_sessions (
  id          TEXT PRIMARY KEY,
  council_id  TEXT NOT NULL REFERENCES councils(id),
  title       TEXT NOT NULL,
  planned_for TEXT NOT NULL,
  location    TEXT NOT NULL,
  status      TEXT NOT NULL CHECK (status IN ('planned', 'held', 'minuted')),
  agenda      TEXT NOT NULL,
  held_on     TEXT,
  attendance  TEXT NOT NULL,
  minutes     TEXT NOT NULL,
  lifecycle   TEXT NOT NULL,
  created_by  TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
) STRICT;
CREATE INDEX council_sessions_council ON council_sessions(council_id, planned_for);

CREATE TABLE council_proposals (
  id                TEXT PRIMARY KEY,
  session_id        TEXT NOT NULL REFERENCES council_sessions(id),
  council_id        TEXT NOT NULL REFERENCES councils(id),
  title             TEXT NOT NULL,
  text              TEXT NOT NULL,
  present           INTEGER NOT NULL,
  votes_for         INTEGER NOT NULL,
  votes_against     INTEGER NOT NULL,
  abstentions       INTEGER NOT NULL,
  votes             TEXT NOT NULL,
  adopted           INTEGER NOT NULL CHECK (adopted IN (0, 1)),
  recommendation_id TEXT,
  position          INTEGER NOT NULL,
  created_by        TEXT NOT NULL,
  created_at        TEXT NOT NULL
) STRICT;
CREATE INDEX council_proposals_session ON council_proposals(session_id, created_at);

CREATE TABLE events (
  id           TEXT PRIMARY KEY,
  unit_id      TEXT NOT NULL REFERENCES units(id),
  kind         TEXT NOT NULL CHECK (kind IN ('forum', 'leaders_dialogue', 'school_dialogue')),
  title        TEXT NOT NULL,
  held_on      TEXT NOT NULL,
  participants_by_band TEXT NOT NULL,
  participants INTEGER NOT NULL,
  outcomes     TEXT NOT NULL,
  council_id   TEXT REFERENCES councils(id),
  created_by   TEXT NOT NULL,
  created_at   TEXT NOT NULL
) STRICT;
CREATE INDEX events_unit ON events(unit_id, held_on);
)sql"},
      // Repeat detection reads a unit's 500 latest fingerprints for every idea sent: from the
      // index alone, not 500 rows of the table.
      {11, "covering index for repeat detection",
       R"sql(
DROP INDEX submissions_recent;
CREATE INDEX submissions_recent
  ON submissions(unit_id, created_at, pupil_id, fingerprint, simhash);
)sql"},
      // Results are cached per version of a consultation's counters.
      {12, "results version",
       R"sql(
-- Its own small table: the consultation's row (with every band's questions) is not
-- rewritten with every batch of answers.
CREATE TABLE results_versions (
  consultation_id TEXT PRIMARY KEY REFERENCES consultations(id),
  version         INTEGER NOT NULL
) STRICT;
)sql"},
      // Sign-in and audience data are kept in memory while this number stays the same.
      {13, "reference epoch",
       R"sql(
-- One number that moves, in the same transaction, with every change to what a request's
-- sign-in or a pupil's audience check reads: sessions ended, pupils, consents, accounts and
-- their units, the unit tree, consultations. A server keeps those in memory for as long as the
-- number it reads at sign-in is the one it kept them under, so a change made by any instance is
-- seen by the next request everywhere. Triggers, so no write path can forget it. Inserts of
-- sessions, pupils, units and consultations need no move: nothing is kept for what is new.
CREATE TABLE reference_epoch (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  epoch INTEGER NOT NULL
) STRICT;
INSERT INTO reference_epoch(id, epoch) VALUES (1, 0);
CREATE TRIGGER sessions_end_moves_epoch
  AFTER UPDATE OF token_hash, subject_kind, subject_id, csrf_token, expires_at, revoked_at
  ON sessions BEGIN UPDATE reference_epoch SET epoch = epoch + 1; END;
CREATE TRIGGER sessions_delete_moves_epoch AFTER DELETE ON sessions
  BEGIN UPDATE reference_epoch SET epoch = epoch + 1; END;
CREATE TRIGGER pupils_update_moves_epoch AFTER UPDATE ON pupils
  BEGIN UPDATE reference_epoch SET epoch = epoch + 1; END;
CREATE TRIGGER pupils_delete_moves_epoch AFTER DELETE ON pupils
  BEGIN UPDATE reference_epoch SET epoch = epoch + 1; END;
CREATE TRIGGER consents_insert_moves_epoch AFTER INSERT ON consents
  BEGIN UPDATE reference_epoch SET epoch = epoch + 1; END;
CREATE TRIGGER consents_update_moves_epoch AFTER UPDATE ON consents
  BEGIN UPDATE reference_epoch SET epoch = epoch + 1; END;
CREATE TRIGGER consents_delete_moves_epoch AFTER DELETE ON consents
  BEGIN UPDATE reference_epoch SET epoch = epoch + 1; END;
CREATE TRIGGER accounts_update_moves_epoch AFTER UPDATE ON accounts
  BEGIN UPDATE reference_epoch SET epoch = epoch + 1; END;
CREATE TRIGGER accounts_delete_moves_epoch AFTER DELETE ON accounts
  BEGIN UPDATE reference_epoch SET epoch = epoch + 1; END;
CREATE TRIGGER account_units_insert_moves_epoch AFTER INSERT ON account_units
  BEGIN UPDATE reference_epoch SET epoch = epoch + 1; END;
CREATE TRIGGER account_units_update_moves_epoch AFTER UPDATE ON account_units
  BEGIN UPDATE reference_epoch SET epoch = epoch + 1; END;
CREATE TRIGGER account_units_delete_moves_epoch AFTER DELETE ON account_units
  BEGIN UPDATE reference_epoch SET epoch = epoch + 1; END;
CREATE TRIGGER units_update_moves_epoch AFTER UPDATE ON units
  BEGIN UPDATE reference_epoch SET epoch = epoch + 1; END;
CREATE TRIGGER units_delete_moves_epoch AFTER DELETE ON units
  BEGIN UPDATE reference_epoch SET epoch = epoch + 1; END;
CREATE TRIGGER consultations_update_moves_epoch AFTER UPDATE ON consultations
  BEGIN UPDATE reference_epoch SET epoch = epoch + 1; END;
CREATE TRIGGER consultations_delete_moves_epoch AFTER DELETE ON consultations
  BEGIN UPDATE reference_epoch SET epoch = epoch + 1; END;
)sql"},
      // A child's data export lists their reactions to feedback.
      {14, "reactions by pupil",
       R"sql(
CREATE INDEX recommendation_reactions_pupil ON recommendation_reactions(pupil_id, created_at);
)sql"},
      // Adults never act as a child: who handed a child the sign-in code a session came from.
      {15, "sign-in codes issued by adults",
       R"sql(
-- The adult who last gave the pupil a new sign-in code (NULL: the child's own, from joining).
ALTER TABLE pupils ADD COLUMN sign_in_code_issued_by TEXT;
-- Copied onto each session started with that code, so every action taken in it names the adult.
ALTER TABLE sessions ADD COLUMN issued_by TEXT;
)sql"},
      // Nothing routed to safeguarding leaves the leads' view except by a lead's decision.
      {16, "safeguarding cases stay with the leads",
       R"sql(
-- A child's withdrawal used to take a possible disclosure out of the safeguarding queue. Nothing
-- routed to safeguarding leaves the leads' view except by a lead's decision: put those back,
-- marked as the child's request to withdraw.
UPDATE submissions
   SET status = 'queued',
       safeguarding = json_set(safeguarding, '$.withdrawal_request',
                               json_object('at', updated_at, 'by', 'pupil', 'restored', 1))
 WHERE queue = 'safeguarding' AND status = 'withdrawn';
-- A case proposed for closing as no concern waits for a second lead: it stays in their queue.
DROP INDEX submissions_waiting;
CREATE INDEX submissions_waiting ON submissions(queue, created_at, id)
  WHERE status IN ('queued', 'claimed', 'closure_pending');
)sql"},
      // A facilitator reaches only the classes of their own school.
      {17, "facilitators' schools",
       R"sql(
-- A facilitator reaches only the classes of their own school(s), not every class of a ward.
CREATE TABLE account_schools (
  account_id TEXT NOT NULL REFERENCES accounts(id),
  school_id  TEXT NOT NULL REFERENCES schools(id),
  PRIMARY KEY (account_id, school_id)
) STRICT;
-- Facilitators so far keep the schools they created classes in; an admin names the others.
INSERT INTO account_schools(account_id, school_id)
  SELECT DISTINCT c.created_by, c.school_id FROM classes c JOIN accounts a ON a.id = c.created_by
   WHERE a.role = 'facilitator';
CREATE TRIGGER account_schools_insert_moves_epoch AFTER INSERT ON account_schools
  BEGIN UPDATE reference_epoch SET epoch = epoch + 1; END;
CREATE TRIGGER account_schools_update_moves_epoch AFTER UPDATE ON account_schools
  BEGIN UPDATE reference_epoch SET epoch = epoch + 1; END;
CREATE TRIGGER account_schools_delete_moves_epoch AFTER DELETE ON account_schools
  BEGIN UPDATE reference_epoch SET epoch = epoch + 1; END;
)sql"},
      // A child's question about an answer reaches the Youth Union, and their reply the child.
      {18, "replies to children's questions",
       R"sql(
ALTER TABLE recommendation_reactions ADD COLUMN reply TEXT;
ALTER TABLE recommendation_reactions ADD COLUMN replied_by TEXT;
ALTER TABLE recommendation_reactions ADD COLUMN replied_at TEXT;
CREATE INDEX recommendation_reactions_unanswered ON recommendation_reactions(created_at)
  WHERE kind = 'question' AND replied_at IS NULL;
CREATE INDEX notifications_unread ON notifications(recipient_kind, recipient_id)
  WHERE read_at IS NULL;
)sql"},
      {19, "guardian code uses and compile drafts",
       R"sql(
-- A guardian code works once for each action (consent, withdraw, data, a request of each kind).
CREATE TABLE guardian_code_uses (
  lookup  TEXT NOT NULL REFERENCES guardian_codes(lookup) ON DELETE CASCADE,
  action  TEXT NOT NULL,
  used_at TEXT NOT NULL,
  PRIMARY KEY (lookup, action)
) STRICT;
-- The approved ideas a Youth Union officer has gathered for the next recommendation.
CREATE TABLE compile_drafts (
  account_id     TEXT NOT NULL PRIMARY KEY REFERENCES accounts(id),
  submission_ids TEXT NOT NULL,
  updated_at     TEXT NOT NULL
) STRICT;
)sql"},
  };
  return all;
}

int current_version(Connection& connection) {
  connection.exec(sql::kCreateSchemaTable);
  auto stmt = connection.prepare(sql::kSchemaVersion);
  stmt.step();
  return static_cast<int>(stmt.int64(0));
}

namespace {

MigrationReport migrate_once(Connection& connection);

}  // namespace

MigrationReport migrate(Connection& connection) {
  // Several processes may start on a new file at once; BUSY that skipped the busy handler is
  // worth another try (each step is its own transaction, so a retry is safe).
  for (int attempt = 0;; ++attempt) {
    try {
      return migrate_once(connection);
    } catch (const SqliteError& e) {
      if (!e.is_busy() || attempt >= 250) throw;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
  }
}

namespace {

MigrationReport migrate_once(Connection& connection) {
  MigrationReport report;
  report.from_version = current_version(connection);
  int newest = migrations().empty() ? 0 : migrations().back().version;
  if (report.from_version > newest) throw SchemaTooNew(report.from_version, newest);

  for (const Migration& m : migrations()) {
    if (m.version <= report.from_version) continue;
    Transaction tx(connection);
    // Another process may have applied it while we waited for the write lock.
    if (current_version(connection) >= m.version) continue;
    connection.exec(m.sql);
    connection.prepare(sql::kRecordMigration).bind(1, m.version).bind(2, m.name).run();
    tx.commit();
    report.applied.push_back(m.version);
  }
  report.to_version = current_version(connection);
  return report;
}

}  // namespace

}  // namespace ln::store::sqlite
