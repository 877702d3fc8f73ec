#include "store/postgres/migrations.h"

#include "store/postgres/sql.h"

namespace ln::store::postgres {

// Every text column compares and sorts byte by byte (COLLATE "C"), as SQLite's BINARY collation
// does: ids page with `id > $after ORDER BY id`, and RFC 3339 times compare as text.
const std::vector<Migration>& migrations() {
  static const std::vector<Migration> all = {
      {1, "settings",
       R"sql(
CREATE TABLE settings (
  key        TEXT COLLATE "C" PRIMARY KEY,
  value      TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL
             DEFAULT to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
);
)sql"},
      {2, "organisation, accounts, pupils, consent, audit",
       R"sql(
CREATE TABLE units (
  id          TEXT COLLATE "C" PRIMARY KEY,
  parent_id   TEXT COLLATE "C" REFERENCES units(id),
  kind        TEXT COLLATE "C" NOT NULL CHECK (kind IN ('province', 'district', 'ward')),
  name        TEXT COLLATE "C" NOT NULL,
  code        TEXT COLLATE "C" UNIQUE,
  merged_into TEXT COLLATE "C" REFERENCES units(id),
  retired_at  TEXT COLLATE "C",
  created_at  TEXT COLLATE "C" NOT NULL
);
CREATE INDEX units_parent ON units(parent_id);

CREATE TABLE schools (
  id         TEXT COLLATE "C" PRIMARY KEY,
  unit_id    TEXT COLLATE "C" NOT NULL REFERENCES units(id),
  name       TEXT COLLATE "C" NOT NULL,
  code       TEXT COLLATE "C" UNIQUE,
  retired_at TEXT COLLATE "C",
  created_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX schools_unit ON schools(unit_id);

CREATE TABLE classes (
  id          TEXT COLLATE "C" PRIMARY KEY,
  school_id   TEXT COLLATE "C" NOT NULL REFERENCES schools(id),
  name        TEXT COLLATE "C" NOT NULL,
  grade       INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 12),
  school_year TEXT COLLATE "C" NOT NULL,
  created_by  TEXT COLLATE "C" NOT NULL,
  retired_at  TEXT COLLATE "C",
  created_at  TEXT COLLATE "C" NOT NULL
);
CREATE INDEX classes_school ON classes(school_id);

CREATE TABLE join_codes (
  code       TEXT COLLATE "C" PRIMARY KEY,
  class_id   TEXT COLLATE "C" NOT NULL REFERENCES classes(id),
  created_by TEXT COLLATE "C" NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  expires_at TEXT COLLATE "C" NOT NULL,
  revoked_at TEXT COLLATE "C"
);
CREATE INDEX join_codes_class ON join_codes(class_id);

CREATE TABLE authorities (
  id         TEXT COLLATE "C" PRIMARY KEY,
  name       TEXT COLLATE "C" NOT NULL,
  kind       TEXT COLLATE "C" NOT NULL,
  unit_id    TEXT COLLATE "C" NOT NULL REFERENCES units(id),
  code       TEXT COLLATE "C" UNIQUE,
  due_days   INTEGER NOT NULL DEFAULT 30 CHECK (due_days BETWEEN 1 AND 365),
  retired_at TEXT COLLATE "C",
  created_at TEXT COLLATE "C" NOT NULL
);

CREATE TABLE authority_units (
  authority_id TEXT COLLATE "C" NOT NULL REFERENCES authorities(id),
  unit_id      TEXT COLLATE "C" NOT NULL REFERENCES units(id),
  PRIMARY KEY (authority_id, unit_id)
);

CREATE TABLE accounts (
  id                  TEXT COLLATE "C" PRIMARY KEY,
  username            TEXT COLLATE "C" NOT NULL UNIQUE,
  display_name        TEXT COLLATE "C" NOT NULL,
  role                TEXT COLLATE "C" NOT NULL CHECK (role IN ('facilitator', 'moderator', 'safeguarding_lead', 'official', 'admin')),
  password_hash       TEXT COLLATE "C" NOT NULL,
  authority_id        TEXT COLLATE "C" REFERENCES authorities(id),
  disabled_at         TEXT COLLATE "C",
  password_changed_at TEXT COLLATE "C" NOT NULL,
  created_at          TEXT COLLATE "C" NOT NULL
);

CREATE TABLE account_units (
  account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id),
  unit_id    TEXT COLLATE "C" NOT NULL REFERENCES units(id),
  PRIMARY KEY (account_id, unit_id)
);

CREATE TABLE pupils (
  id                TEXT COLLATE "C" PRIMARY KEY,
  pseudonym         TEXT COLLATE "C" NOT NULL,
  class_id          TEXT COLLATE "C" NOT NULL REFERENCES classes(id),
  age_band          TEXT COLLATE "C" NOT NULL,
  band_changes_on   TEXT COLLATE "C" NOT NULL,
  sign_in_lookup    TEXT COLLATE "C" NOT NULL UNIQUE,
  role              TEXT COLLATE "C" NOT NULL DEFAULT 'pupil' CHECK (role IN ('pupil', 'council_member')),
  status            TEXT COLLATE "C" NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn', 'deleted')),
  withdrawn_at      TEXT COLLATE "C",
  identity_purge_at TEXT COLLATE "C",
  created_at        TEXT COLLATE "C" NOT NULL
);
CREATE INDEX pupils_class ON pupils(class_id);
CREATE INDEX pupils_purge ON pupils(identity_purge_at) WHERE identity_purge_at IS NOT NULL;

CREATE TABLE pupil_identities (
  pupil_id   TEXT COLLATE "C" PRIMARY KEY REFERENCES pupils(id),
  nonce      BYTEA NOT NULL,
  ciphertext BYTEA NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL
);

CREATE TABLE consents (
  id           TEXT COLLATE "C" PRIMARY KEY,
  pupil_id     TEXT COLLATE "C" NOT NULL REFERENCES pupils(id),
  kind         TEXT COLLATE "C" NOT NULL CHECK (kind IN ('child', 'guardian')),
  method       TEXT COLLATE "C" NOT NULL CHECK (method IN ('online', 'paper_slip', 'guardian_code')),
  text_version TEXT COLLATE "C",
  slip_number  TEXT COLLATE "C",
  recorded_by  TEXT COLLATE "C" NOT NULL,
  given_at     TEXT COLLATE "C" NOT NULL,
  withdrawn_at TEXT COLLATE "C",
  withdrawn_by TEXT COLLATE "C"
);
CREATE INDEX consents_pupil ON consents(pupil_id);

CREATE TABLE guardian_codes (
  lookup     TEXT COLLATE "C" PRIMARY KEY,
  pupil_id   TEXT COLLATE "C" NOT NULL REFERENCES pupils(id),
  created_by TEXT COLLATE "C" NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  expires_at TEXT COLLATE "C" NOT NULL,
  revoked_at TEXT COLLATE "C"
);

CREATE TABLE sessions (
  id           TEXT COLLATE "C" PRIMARY KEY,
  token_hash   TEXT COLLATE "C" NOT NULL UNIQUE,
  subject_kind TEXT COLLATE "C" NOT NULL CHECK (subject_kind IN ('account', 'pupil')),
  subject_id   TEXT COLLATE "C" NOT NULL,
  csrf_token   TEXT COLLATE "C" NOT NULL,
  created_at   TEXT COLLATE "C" NOT NULL,
  last_seen_at TEXT COLLATE "C" NOT NULL,
  expires_at   TEXT COLLATE "C" NOT NULL,
  revoked_at   TEXT COLLATE "C",
  user_agent   TEXT COLLATE "C" NOT NULL DEFAULT ''
);
CREATE INDEX sessions_subject ON sessions(subject_kind, subject_id);

CREATE TABLE sign_in_failures (
  key          TEXT COLLATE "C" PRIMARY KEY,
  failures     INTEGER NOT NULL,
  locked_until TEXT COLLATE "C",
  last_at      TEXT COLLATE "C" NOT NULL
);

CREATE TABLE data_requests (
  id           TEXT COLLATE "C" PRIMARY KEY,
  pupil_id     TEXT COLLATE "C" NOT NULL REFERENCES pupils(id),
  kind         TEXT COLLATE "C" NOT NULL CHECK (kind IN ('export', 'deletion', 'correction')),
  requested_by TEXT COLLATE "C" NOT NULL CHECK (requested_by IN ('pupil', 'guardian')),
  status       TEXT COLLATE "C" NOT NULL CHECK (status IN ('open', 'acknowledged', 'done', 'refused')),
  details      TEXT COLLATE "C" NOT NULL DEFAULT '',
  requested_at TEXT COLLATE "C" NOT NULL,
  due_at       TEXT COLLATE "C" NOT NULL,
  handled_by   TEXT COLLATE "C",
  handled_at   TEXT COLLATE "C",
  outcome      TEXT COLLATE "C"
);
CREATE INDEX data_requests_status ON data_requests(status, due_at);

CREATE TABLE audit_log (
  seq         BIGINT PRIMARY KEY,
  at          TEXT COLLATE "C" NOT NULL,
  actor_kind  TEXT COLLATE "C" NOT NULL,
  actor_id    TEXT COLLATE "C" NOT NULL,
  action      TEXT COLLATE "C" NOT NULL,
  object_type TEXT COLLATE "C" NOT NULL,
  object_id   TEXT COLLATE "C" NOT NULL,
  reason      TEXT COLLATE "C" NOT NULL DEFAULT '',
  details     TEXT COLLATE "C" NOT NULL DEFAULT '{}',
  prev_hash   TEXT COLLATE "C" NOT NULL,
  hash        TEXT COLLATE "C" NOT NULL
);
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only';
END;
$$;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
-- SQLite has no TRUNCATE; here it would bypass the row triggers above.
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
)sql"},
      {3, "submissions",
       R"sql(
CREATE TABLE submissions (
  id         TEXT COLLATE "C" PRIMARY KEY,
  pupil_id   TEXT COLLATE "C" NOT NULL REFERENCES pupils(id),
  unit_id    TEXT COLLATE "C" NOT NULL REFERENCES units(id),
  kind       TEXT COLLATE "C" NOT NULL CHECK (kind IN ('idea', 'opinion', 'recommendation')),
  text       TEXT COLLATE "C" NOT NULL,
  topic      TEXT COLLATE "C",
  status     TEXT COLLATE "C" NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL,
  updated_at TEXT COLLATE "C" NOT NULL
);
CREATE INDEX submissions_pupil ON submissions(pupil_id, id);
CREATE INDEX submissions_status ON submissions(status, unit_id);
)sql"},
      {4, "consultations",
       R"sql(
ALTER TABLE submissions ADD COLUMN consultation_id TEXT COLLATE "C";
ALTER TABLE submissions ADD COLUMN response_id TEXT COLLATE "C";
CREATE INDEX submissions_response ON submissions(response_id) WHERE response_id IS NOT NULL;

CREATE TABLE consultations (
  id                TEXT COLLATE "C" PRIMARY KEY,
  title             TEXT COLLATE "C" NOT NULL,
  purpose           TEXT COLLATE "C" NOT NULL,
  owner_unit_id     TEXT COLLATE "C" NOT NULL REFERENCES units(id),
  audience_unit_ids TEXT COLLATE "C" NOT NULL,
  audience_bands    TEXT COLLATE "C" NOT NULL,
  opens_at          TEXT COLLATE "C" NOT NULL,
  closes_at         TEXT COLLATE "C" NOT NULL,
  decision          TEXT COLLATE "C" NOT NULL,
  decision_maker    TEXT COLLATE "C" NOT NULL,
  decision_due      TEXT COLLATE "C" NOT NULL,
  feedback_due      TEXT COLLATE "C" NOT NULL,
  info_cards        TEXT COLLATE "C" NOT NULL,
  info_version      INTEGER NOT NULL,
  questions         TEXT COLLATE "C" NOT NULL,
  status            TEXT COLLATE "C" NOT NULL CHECK (status IN ('draft', 'published', 'closed', 'results_published', 'feedback_given')),
  lifecycle         TEXT COLLATE "C" NOT NULL,
  feedback          TEXT COLLATE "C" NOT NULL,
  created_by        TEXT COLLATE "C" NOT NULL,
  created_at        TEXT COLLATE "C" NOT NULL,
  updated_at        TEXT COLLATE "C" NOT NULL
);
CREATE INDEX consultations_status ON consultations(status, id);

CREATE TABLE consultation_responses (
  id              TEXT COLLATE "C" PRIMARY KEY,
  consultation_id TEXT COLLATE "C" NOT NULL REFERENCES consultations(id),
  pupil_id        TEXT COLLATE "C" REFERENCES pupils(id),
  channel         TEXT COLLATE "C" NOT NULL CHECK (channel IN ('online', 'paper', 'forum')),
  age_band        TEXT COLLATE "C" NOT NULL,
  gender          TEXT COLLATE "C" NOT NULL,
  unit_id         TEXT COLLATE "C" NOT NULL,
  info_version    INTEGER NOT NULL,
  answers         TEXT COLLATE "C" NOT NULL,
  idempotency_key TEXT COLLATE "C",
  batch_id        TEXT COLLATE "C",
  created_at      TEXT COLLATE "C" NOT NULL,
  updated_at      TEXT COLLATE "C" NOT NULL
);
CREATE UNIQUE INDEX consultation_responses_pupil ON consultation_responses(consultation_id, pupil_id)
  WHERE pupil_id IS NOT NULL;
CREATE INDEX consultation_responses_unit ON consultation_responses(unit_id, created_at);

CREATE TABLE consultation_counters (
  consultation_id TEXT COLLATE "C" NOT NULL,
  question_id     TEXT COLLATE "C" NOT NULL,
  option_key      TEXT COLLATE "C" NOT NULL,
  age_band        TEXT COLLATE "C" NOT NULL,
  gender          TEXT COLLATE "C" NOT NULL,
  unit_id         TEXT COLLATE "C" NOT NULL,
  channel         TEXT COLLATE "C" NOT NULL,
  count           BIGINT NOT NULL,
  PRIMARY KEY (consultation_id, question_id, option_key, age_band, gender, unit_id, channel)
);

CREATE TABLE consultation_batches (
  id                   TEXT COLLATE "C" PRIMARY KEY,
  consultation_id      TEXT COLLATE "C" NOT NULL REFERENCES consultations(id),
  channel              TEXT COLLATE "C" NOT NULL CHECK (channel IN ('paper', 'forum')),
  reference            TEXT COLLATE "C" NOT NULL,
  sheets               INTEGER NOT NULL,
  participants         INTEGER NOT NULL,
  participants_by_band TEXT COLLATE "C" NOT NULL,
  unit_id              TEXT COLLATE "C" NOT NULL,
  notes                TEXT COLLATE "C" NOT NULL,
  created_by           TEXT COLLATE "C" NOT NULL,
  created_at           TEXT COLLATE "C" NOT NULL
);
CREATE INDEX consultation_batches_unit ON consultation_batches(unit_id, created_at);

CREATE TABLE targets (
  id           TEXT COLLATE "C" PRIMARY KEY,
  unit_id      TEXT COLLATE "C" NOT NULL REFERENCES units(id),
  kind         TEXT COLLATE "C" NOT NULL CHECK (kind IN ('children_consulted', 'teenagers_participating')),
  period_start TEXT COLLATE "C" NOT NULL,
  period_end   TEXT COLLATE "C" NOT NULL,
  target       BIGINT NOT NULL CHECK (target > 0),
  created_by   TEXT COLLATE "C" NOT NULL,
  created_at   TEXT COLLATE "C" NOT NULL
);
)sql"},
      {5, "screening",
       R"sql(
ALTER TABLE submissions ADD COLUMN screening TEXT COLLATE "C" NOT NULL DEFAULT '{}';
ALTER TABLE submissions ADD COLUMN queue TEXT COLLATE "C";
CREATE INDEX submissions_queue ON submissions(queue, unit_id) WHERE queue IS NOT NULL;
)sql"},
      {6, "moderation claims and decisions",
       R"sql(
ALTER TABLE submissions ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE submissions ADD COLUMN claimed_by TEXT COLLATE "C";
ALTER TABLE submissions ADD COLUMN claim_expires_at TEXT COLLATE "C";
ALTER TABLE submissions ADD COLUMN decision TEXT COLLATE "C" NOT NULL DEFAULT '{}';
ALTER TABLE submissions ADD COLUMN redacted_text TEXT COLLATE "C";
CREATE INDEX submissions_waiting ON submissions(queue, created_at, id) WHERE status IN ('queued', 'claimed');
)sql"},
      {7, "safeguarding cases",
       R"sql(
ALTER TABLE submissions ADD COLUMN safeguarding TEXT COLLATE "C" NOT NULL DEFAULT '{}';
)sql"},
      {8, "moderation measures, repeats and revisions",
       R"sql(
ALTER TABLE submissions ADD COLUMN fingerprint TEXT COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE submissions ADD COLUMN simhash BIGINT NOT NULL DEFAULT 0;
ALTER TABLE submissions ADD COLUMN resent_at TEXT COLLATE "C";
ALTER TABLE submissions ADD COLUMN first_reviewed_at TEXT COLLATE "C";
ALTER TABLE submissions ADD COLUMN revisions TEXT COLLATE "C" NOT NULL DEFAULT '[]';
CREATE INDEX submissions_recent ON submissions(unit_id, created_at);
CREATE TABLE moderation_rule_outcomes (
  unit_id    TEXT COLLATE "C" NOT NULL,
  rule       TEXT COLLATE "C" NOT NULL,
  agreed     BIGINT NOT NULL DEFAULT 0,
  disagreed  BIGINT NOT NULL DEFAULT 0,
  PRIMARY KEY (unit_id, rule)
);
)sql"},
      {9, "recommendations and official responses",
       R"sql(
CREATE TABLE recommendations (
  id                 TEXT COLLATE "C" PRIMARY KEY,
  unit_id            TEXT COLLATE "C" NOT NULL REFERENCES units(id),
  title              TEXT COLLATE "C" NOT NULL,
  text               TEXT COLLATE "C" NOT NULL,
  topic              TEXT COLLATE "C",
  origin             TEXT COLLATE "C" NOT NULL CHECK (origin IN ('moderators', 'council')),
  council_session_id TEXT COLLATE "C",
  status             TEXT COLLATE "C" NOT NULL CHECK (status IN ('draft', 'forwarded', 'acknowledged', 'answered', 'reported_back', 'closed')),
  overdue            INTEGER NOT NULL DEFAULT 0,
  authority_id       TEXT COLLATE "C" REFERENCES authorities(id),
  dispatch_number    TEXT COLLATE "C",
  dispatch_date      TEXT COLLATE "C",
  due_date           TEXT COLLATE "C",
  forwarded_at       TEXT COLLATE "C",
  answered_at        TEXT COLLATE "C",
  quotes             TEXT COLLATE "C" NOT NULL,
  answer             TEXT COLLATE "C" NOT NULL,
  commitments        TEXT COLLATE "C" NOT NULL,
  feedback           TEXT COLLATE "C" NOT NULL,
  history            TEXT COLLATE "C" NOT NULL,
  reminders          TEXT COLLATE "C" NOT NULL,
  version            INTEGER NOT NULL,
  created_by         TEXT COLLATE "C" NOT NULL,
  created_at         TEXT COLLATE "C" NOT NULL,
  updated_at         TEXT COLLATE "C" NOT NULL
);
CREATE INDEX recommendations_authority ON recommendations(authority_id, id);
CREATE INDEX recommendations_awaiting ON recommendations(status) WHERE status IN ('forwarded', 'acknowledged');

CREATE TABLE recommendation_sources (
  recommendation_id TEXT COLLATE "C" NOT NULL REFERENCES recommendations(id),
  submission_id     TEXT COLLATE "C" NOT NULL REFERENCES submissions(id),
  pupil_id          TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (recommendation_id, submission_id)
);
CREATE INDEX recommendation_sources_pupil ON recommendation_sources(pupil_id);

CREATE TABLE recommendation_reactions (
  id                TEXT COLLATE "C" PRIMARY KEY,
  recommendation_id TEXT COLLATE "C" NOT NULL REFERENCES recommendations(id),
  pupil_id          TEXT COLLATE "C" NOT NULL,
  kind              TEXT COLLATE "C" NOT NULL CHECK (kind IN ('agree', 'disagree', 'question')),
  text              TEXT COLLATE "C",
  submission_id     TEXT COLLATE "C",
  created_at        TEXT COLLATE "C" NOT NULL,
  UNIQUE (recommendation_id, pupil_id)
);

CREATE TABLE notifications (
  id             TEXT COLLATE "C" PRIMARY KEY,
  recipient_kind TEXT COLLATE "C" NOT NULL CHECK (recipient_kind IN ('account', 'pupil', 'email')),
  recipient_id   TEXT COLLATE "C" NOT NULL,
  kind           TEXT COLLATE "C" NOT NULL,
  object_type    TEXT COLLATE "C" NOT NULL,
  object_id      TEXT COLLATE "C" NOT NULL,
  message        TEXT COLLATE "C" NOT NULL,
  dedupe_key     TEXT COLLATE "C" NOT NULL UNIQUE,
  created_at     TEXT COLLATE "C" NOT NULL,
  read_at        TEXT COLLATE "C"
);
CREATE INDEX notifications_recipient ON notifications(recipient_kind, recipient_id, id);

CREATE TABLE authority_contacts (
  authority_id TEXT COLLATE "C" PRIMARY KEY REFERENCES authorities(id),
  email        TEXT COLLATE "C" NOT NULL,
  updated_at   TEXT COLLATE "C" NOT NULL
);
)sql"},
      {10, "councils, sessions, proposals, events",
       R"sql(
CREATE TABLE councils (
  id          TEXT COLLATE "C" PRIMARY KEY,
  unit_id     TEXT COLLATE "C" NOT NULL REFERENCES units(id),
  name        TEXT COLLATE "C" NOT NULL,
  term_start  TEXT COLLATE "C" NOT NULL,
  term_end    TEXT COLLATE "C" NOT NULL,
  member_cap  INTEGER NOT NULL CHECK (member_cap > 0),
  min_age     INTEGER NOT NULL,
  max_age     INTEGER NOT NULL,
  adviser_ids TEXT COLLATE "C" NOT NULL,
  created_by  TEXT COLLATE "C" NOT NULL,
  created_at  TEXT COLLATE "C" NOT NULL,
  updated_at  TEXT COLLATE "C" NOT NULL
);
CREATE INDEX councils_unit ON councils(unit_id);

CREATE TABLE council_members (
  id         TEXT COLLATE "C" PRIMARY KEY,
  council_id TEXT COLLATE "C" NOT NULL REFERENCES councils(id),
  pupil_id   TEXT COLLATE "C" NOT NULL REFERENCES pupils(id),
  role       TEXT COLLATE "C" NOT NULL CHECK (role IN ('chair', 'vice_chair', 'member')),
  joined_by  TEXT COLLATE "C" NOT NULL CHECK (joined_by IN ('nomination', 'election')),
  joined_on  TEXT COLLATE "C" NOT NULL,
  left_on    TEXT COLLATE "C",
  created_by TEXT COLLATE "C" NOT NULL,
  created_at TEXT COLLATE "C" NOT NULL
);
CREATE UNIQUE INDEX council_members_current ON council_members(council_id, pupil_id)
  WHERE left_on IS NULL;
CREATE INDEX council_members_pupil ON council_members(pupil_id);

CREATE TABLE council_sessions (
  id          TEXT COLLATE "C" PRIMARY KEY,
  council_id  TEXT COLLATE "C" NOT NULL REFERENCES councils(id),
  title       TEXT COLLATE "C" NOT NULL,
  planned_for TEXT COLLATE "C" NOT NULL,
  location    TEXT COLLATE "C" NOT NULL,
  status      TEXT COLLATE "C" NOT NULL CHECK (status IN ('planned', 'held', 'minuted')),
  agenda      TEXT COLLATE "C" NOT NULL,
  held_on     TEXT COLLATE "C",
  attendance  TEXT COLLATE "C" NOT NULL,
  minutes     TEXT COLLATE "C" NOT NULL,
  lifecycle   TEXT COLLATE "C" NOT NULL,
  created_by  TEXT COLLATE "C" NOT NULL,
  created_at  TEXT COLLATE "C" NOT NULL,
  updated_at  TEXT COLLATE "C" NOT NULL
);
CREATE INDEX council_sessions_council ON council_sessions(council_id, planned_for);

CREATE TABLE council_proposals (
  id                TEXT COLLATE "C" PRIMARY KEY,
  session_id        TEXT COLLATE "C" NOT NULL REFERENCES council_sessions(id),
  council_id        TEXT COLLATE "C" NOT NULL REFERENCES councils(id),
  title             TEXT COLLATE "C" NOT NULL,
  text              TEXT COLLATE "C" NOT NULL,
  present           INTEGER NOT NULL,
  votes_for         INTEGER NOT NULL,
  votes_against     INTEGER NOT NULL,
  abstentions       INTEGER NOT NULL,
  votes             TEXT COLLATE "C" NOT NULL,
  adopted           INTEGER NOT NULL CHECK (adopted IN (0, 1)),
  recommendation_id TEXT COLLATE "C",
  position          INTEGER NOT NULL,
  created_by        TEXT COLLATE "C" NOT NULL,
  created_at        TEXT COLLATE "C" NOT NULL
);
CREATE INDEX council_proposals_session ON council_proposals(session_id, created_at);

CREATE TABLE events (
  id           TEXT COLLATE "C" PRIMARY KEY,
  unit_id      TEXT COLLATE "C" NOT NULL REFERENCES units(id),
  kind         TEXT COLLATE "C" NOT NULL CHECK (kind IN ('forum', 'leaders_dialogue', 'school_dialogue')),
  title        TEXT COLLATE "C" NOT NULL,
  held_on      TEXT COLLATE "C" NOT NULL,
  participants_by_band TEXT COLLATE "C" NOT NULL,
  participants BIGINT NOT NULL,
  outcomes     TEXT COLLATE "C" NOT NULL,
  council_id   TEXT COLLATE "C" REFERENCES councils(id),
  created_by   TEXT COLLATE "C" NOT NULL,
  created_at   TEXT COLLATE "C" NOT NULL
);
CREATE INDEX events_unit ON events(unit_id, held_on);
)sql"},
      // Repeat detection reads a unit's 500 latest fingerprints for every idea sent: from the
      // index alone, not 500 rows of the table.
      {11, "covering index for repeat detection",
       R"sql(
DROP INDEX submissions_recent;
CREATE INDEX submissions_recent ON submissions(unit_id, created_at)
  INCLUDE (pupil_id, fingerprint, simhash);
)sql"},
      // Results are cached per version of a consultation's counters.
      {12, "results version",
       R"sql(
-- Its own small table: the consultation's row (with every band's questions) is not
-- rewritten with every batch of answers.
CREATE TABLE results_versions (
  consultation_id TEXT COLLATE "C" PRIMARY KEY REFERENCES consultations(id),
  version         BIGINT NOT NULL
);
)sql"},
      // SQLite's servers keep sign-in and audience data in memory under this number.
      {13, "reference epoch",
       R"sql(
-- PostgreSQL servers read sign-in and audience data afresh on every request. One shared row
-- that every change to those tables updated would take a row lock in each such transaction,
-- and two of them touching the tables in opposite orders could deadlock; so the table is here
-- for the two schemas to match, and nothing on PostgreSQL reads it.
CREATE TABLE reference_epoch (
  id    INTEGER PRIMARY KEY CHECK (id = 1),
  epoch BIGINT NOT NULL
);
INSERT INTO reference_epoch(id, epoch) VALUES (1, 0);
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
ALTER TABLE pupils ADD COLUMN sign_in_code_issued_by TEXT COLLATE "C";
-- Copied onto each session started with that code, so every action taken in it names the adult.
ALTER TABLE sessions ADD COLUMN issued_by TEXT COLLATE "C";
)sql"},
      // Nothing routed to safeguarding leaves the leads' view except by a lead's decision.
      {16, "safeguarding cases stay with the leads",
       R"sql(
-- A child's withdrawal used to take a possible disclosure out of the safeguarding queue. Nothing
-- routed to safeguarding leaves the leads' view except by a lead's decision: put those back,
-- marked as the child's request to withdraw.
UPDATE submissions
   SET status = 'queued',
       safeguarding = (safeguarding::jsonb || jsonb_build_object('withdrawal_request',
                       jsonb_build_object('at', updated_at, 'by', 'pupil', 'restored', true)))::text
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
  account_id TEXT COLLATE "C" NOT NULL REFERENCES accounts(id),
  school_id  TEXT COLLATE "C" NOT NULL REFERENCES schools(id),
  PRIMARY KEY (account_id, school_id)
);
-- Facilitators so far keep the schools they created classes in; an admin names the others.
INSERT INTO account_schools(account_id, school_id)
  SELECT DISTINCT c.created_by, c.school_id FROM classes c JOIN accounts a ON a.id = c.created_by
   WHERE a.role = 'facilitator';
)sql"},
      // A child's question about an answer reaches the Youth Union, and their reply the child.
      {18, "replies to children's questions",
       R"sql(
ALTER TABLE recommendation_reactions ADD COLUMN reply TEXT COLLATE "C";
ALTER TABLE recommendation_reactions ADD COLUMN replied_by TEXT COLLATE "C";
ALTER TABLE recommendation_reactions ADD COLUMN replied_at TEXT COLLATE "C";
CREATE INDEX recommendation_reactions_unanswered ON recommendation_reactions(created_at)
  WHERE kind = 'question' AND replied_at IS NULL;
CREATE INDEX notifications_unread ON notifications(recipient_kind, recipient_id)
  WHERE read_at IS NULL;
)sql"},
      {19, "guardian code uses and compile drafts",
       R"sql(
-- A guardian code works once for each action (consent, withdraw, data, a request of each kind).
CREATE TABLE guardian_code_uses (
  lookup  TEXT COLLATE "C" NOT NULL REFERENCES guardian_codes(lookup) ON DELETE CASCADE,
  action  TEXT COLLATE "C" NOT NULL,
  used_at TEXT COLLATE "C" NOT NULL,
  PRIMARY KEY (lookup, action)
);
-- The approved ideas a Youth Union officer has gathered for the next recommendation.
CREATE TABLE compile_drafts (
  account_id     TEXT COLLATE "C" NOT NULL PRIMARY KEY REFERENCES accounts(id),
  submission_ids TEXT NOT NULL,
  updated_at     TEXT COLLATE "C" NOT NULL
);
)sql"},
  };
  return all;
}

namespace {

// Opens a transaction that holds the migration lock until it ends.
void lock_migrations(Connection& connection) {
  connection.exec(sql::kAdvisoryLock, sql::kMigrationLockKey);
}

int read_version(Connection& connection) {
  return static_cast<int>(connection.exec(sql::kSchemaVersion).row(0).int64(0));
}

}  // namespace

int current_version(Connection& connection) {
  Transaction tx(connection);
  lock_migrations(connection);
  connection.exec_script(sql::kCreateSchemaTable);
  int version = read_version(connection);
  tx.commit();
  return version;
}

MigrationReport migrate(Connection& connection) {
  MigrationReport report;
  report.from_version = current_version(connection);
  int newest = migrations().empty() ? 0 : migrations().back().version;
  if (report.from_version > newest) throw SchemaTooNew(report.from_version, newest);

  for (const Migration& m : migrations()) {
    if (m.version <= report.from_version) continue;
    Transaction tx(connection);
    lock_migrations(connection);
    // Another instance may have applied it while we waited for the lock.
    if (read_version(connection) >= m.version) continue;
    connection.exec_script(m.sql);
    connection.exec(sql::kRecordMigration, m.version, std::string(m.name));
    tx.commit();
    report.applied.push_back(m.version);
  }
  report.to_version = current_version(connection);
  return report;
}

}  // namespace ln::store::postgres
