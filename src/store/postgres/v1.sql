-- pendamping's PostgreSQL store, schema version 1.
--
-- `pendamping::store::postgres::PgStore::migrate` runs this file inside one transaction with
-- the search path set to the store's schema, so the names below are unqualified. By hand:
--   psql -c 'CREATE SCHEMA pendamping' -c 'SET search_path TO pendamping' -f v1.sql
--
-- Citus: every table that holds engagement data has engagement_id as the first column of its
-- primary key, and nothing refers across engagements (no sequence, no foreign key), so each
-- table distributes by engagement_id unchanged and the two are co-located:
--   SELECT create_reference_table('schema_version');
--   SELECT create_distributed_table('journal_line', 'engagement_id');
--   SELECT create_distributed_table('engagement_summary', 'engagement_id',
--                                   colocate_with => 'journal_line');

-- Which version of this schema the tables follow: one row.
CREATE TABLE schema_version (
    singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    version integer NOT NULL
);
INSERT INTO schema_version (version) VALUES (1);

-- One row per journal line: `line` holds the line's exact bytes without its LF (the record,
-- hash-chained to the row before); the other columns are copies taken from it for querying.
CREATE TABLE journal_line (
    engagement_id text NOT NULL,
    seq bigint NOT NULL CHECK (seq >= 1),
    at timestamptz NOT NULL,
    event_type text NOT NULL,
    actor_id text NOT NULL,
    actor_kind text NOT NULL,
    line bytea NOT NULL,
    -- Two writers that both expected the same seq cannot both add its successor.
    CONSTRAINT journal_line_seq_once PRIMARY KEY (engagement_id, seq)
);

-- One row per engagement, kept in the same transaction as every append: where it stands, in
-- numbers that name nobody. `last_seq` is also the gate an append checks its expected seq on.
CREATE TABLE engagement_summary (
    engagement_id text PRIMARY KEY,
    last_seq bigint NOT NULL CHECK (last_seq >= 1),
    opened_at timestamptz NOT NULL,
    last_event_at timestamptz NOT NULL,
    -- 'active', 'on_hold' or 'closed'; stage is NULL when closed.
    status text NOT NULL CHECK (status IN ('active', 'on_hold', 'closed')),
    stage text CHECK ((stage IS NULL) = (status = 'closed')),
    -- When the current status began, and when the current stage was entered (a hold inside
    -- the stage does not restart it).
    status_since timestamptz NOT NULL,
    stage_entered timestamptz,
    next_review timestamptz,
    -- Microseconds spent in each stage before status_since, in the stages' order
    -- (needs_assessment, planning, implementation, evaluation, termination); NULL for a stage
    -- never entered. The time since status_since belongs to the current stage.
    stage_spent_us bigint[] NOT NULL CHECK (cardinality(stage_spent_us) = 5),
    needs integer NOT NULL,
    open_needs integer NOT NULL,
    goals integer NOT NULL,
    activities integer NOT NULL,
    referrals_in_flight integer NOT NULL,
    evaluations integer NOT NULL,
    -- Activities per role (enabler, broker, mediator, advocate, protector) and per function
    -- (problem_solving_consultation, resource_management, education).
    activities_by_role integer[] NOT NULL CHECK (cardinality(activities_by_role) = 5),
    activities_by_function integer[] NOT NULL CHECK (cardinality(activities_by_function) = 3),
    -- The T-score of the latest evaluation that has one.
    latest_t_score double precision
);
