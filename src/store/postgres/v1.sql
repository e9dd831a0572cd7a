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

-- One row per engagement, kept in the same transaction as every append: its
-- `caseload::EngagementSummary`, numbers that name nobody, and its last seq, the gate an
-- append checks its expected seq on. Every append rewrites its engagement's row: room left on
-- each page keeps those updates on the page (HOT), without touching the index.
CREATE TABLE engagement_summary (
    engagement_id text PRIMARY KEY,
    last_seq bigint NOT NULL CHECK (last_seq >= 1),
    last_event_at timestamptz NOT NULL,
    -- 'active', 'on_hold' or 'closed'; stage is NULL when closed.
    status text NOT NULL CHECK (status IN ('active', 'on_hold', 'closed')),
    stage text CHECK ((stage IS NULL) = (status = 'closed')),
    -- When the current status began, and when the current stage was entered (a hold inside
    -- the stage does not restart it).
    status_since timestamptz NOT NULL,
    stage_entered timestamptz,
    next_review timestamptz,
    -- Nanoseconds spent in each stage before status_since, in the stages' order
    -- (needs_assessment, planning, implementation, evaluation, termination); NULL for a stage
    -- never entered. The time since status_since belongs to the current stage.
    stage_spent_ns bigint[] NOT NULL CHECK (cardinality(stage_spent_ns) = 5),
    needs integer NOT NULL CHECK (needs >= 0),
    open_needs integer NOT NULL CHECK (open_needs >= 0),
    goals integer NOT NULL CHECK (goals >= 0),
    referrals_in_flight integer NOT NULL CHECK (referrals_in_flight >= 0),
    evaluations integer NOT NULL CHECK (evaluations >= 0),
    -- Activities per role (enabler, broker, mediator, advocate, protector) and per function
    -- (problem_solving_consultation, resource_management, education); either sums to the
    -- activities recorded.
    activities_by_role integer[] NOT NULL CHECK (cardinality(activities_by_role) = 5),
    activities_by_function integer[] NOT NULL CHECK (cardinality(activities_by_function) = 3),
    -- The T-score of the latest evaluation that has one.
    latest_t_score double precision
) WITH (fillfactor = 70);

-- One append: moves the summary's last_seq from the expected seq (creates the summary when the
-- expected seq is 0) and adds the rows; writes nothing and returns 0 when another writer was
-- first, else the number of rows. A function so that its two statements are one statement for
-- the caller (atomic outside a transaction too) and their plans are kept per session. Its
-- search path is the one migrate set, so it finds these tables whatever the caller's is.
-- Citus: SELECT create_distributed_function('append_lines(text, bigint, bigint, timestamptz,
--   text, text, timestamptz, timestamptz, timestamptz, bigint[], integer, integer, integer,
--   integer, integer, integer[], integer[], double precision, bigint[], timestamptz[], text[],
--   text[], text[], bytea[])', 'engagement', colocate_with => 'journal_line');
CREATE FUNCTION append_lines(
    engagement text, expected bigint,
    new_last_seq bigint, new_last_event_at timestamptz,
    new_status text, new_stage text, new_status_since timestamptz,
    new_stage_entered timestamptz, new_next_review timestamptz, new_stage_spent_ns bigint[],
    new_needs integer, new_open_needs integer, new_goals integer,
    new_referrals_in_flight integer, new_evaluations integer,
    new_activities_by_role integer[], new_activities_by_function integer[],
    new_latest_t_score double precision,
    seqs bigint[], ats timestamptz[], event_types text[], actor_ids text[],
    actor_kinds text[], lines bytea[]
) RETURNS bigint LANGUAGE plpgsql SET search_path FROM CURRENT AS $$
BEGIN
    IF expected = 0 THEN
        INSERT INTO engagement_summary VALUES (
            engagement, new_last_seq, new_last_event_at, new_status, new_stage,
            new_status_since, new_stage_entered, new_next_review, new_stage_spent_ns,
            new_needs, new_open_needs, new_goals, new_referrals_in_flight, new_evaluations,
            new_activities_by_role, new_activities_by_function, new_latest_t_score)
        ON CONFLICT (engagement_id) DO NOTHING;
    ELSE
        UPDATE engagement_summary SET (
            last_seq, last_event_at, status, stage, status_since, stage_entered, next_review,
            stage_spent_ns, needs, open_needs, goals, referrals_in_flight, evaluations,
            activities_by_role, activities_by_function, latest_t_score
        ) = (
            new_last_seq, new_last_event_at, new_status, new_stage, new_status_since,
            new_stage_entered, new_next_review, new_stage_spent_ns, new_needs, new_open_needs,
            new_goals, new_referrals_in_flight, new_evaluations, new_activities_by_role,
            new_activities_by_function, new_latest_t_score)
        WHERE engagement_id = engagement AND last_seq = expected;
    END IF;
    IF NOT FOUND THEN
        RETURN 0;
    END IF;
    INSERT INTO journal_line (engagement_id, seq, at, event_type, actor_id, actor_kind, line)
    SELECT engagement, r.* FROM unnest(seqs, ats, event_types, actor_ids, actor_kinds, lines) AS r;
    RETURN cardinality(lines);
END
$$;
