-- Verifications: the runner's job queue and its results, one row per verification of one
-- project version. A row is queued in the transaction that stores the version; a runner
-- claims it (FOR UPDATE SKIP LOCKED) under a lease that its heartbeat extends, and writes
-- the report back. Rows with source 'external' are reports a user sent from their own
-- deployment: never claimed, and they never change the project's status.
ALTER TABLE projects DROP CONSTRAINT projects_status_check;
ALTER TABLE projects ADD CONSTRAINT projects_status_check
    CHECK (status IN ('generated', 'queued', 'verifying', 'verified', 'failed', 'fixing',
                      'error'));
ALTER TABLE projects ALTER COLUMN status SET DEFAULT 'queued';

CREATE TABLE verifications (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    project_id  bigint NOT NULL,
    version     integer NOT NULL,
    source      text NOT NULL DEFAULT 'runner' CHECK (source IN ('runner', 'external')),
    -- queued -> running -> passed | failed (the suite ran) | error (it could not run)
    status      text NOT NULL DEFAULT 'queued'
                CHECK (status IN ('queued', 'running', 'passed', 'failed', 'error')),
    -- The verification round of the project: 1 for a generated version, 2.. for fixes.
    attempt     integer NOT NULL DEFAULT 1 CHECK (attempt >= 1),
    -- Job runs: raised by each claim, lowered again by a clean hand-back; a job whose
    -- runs reach max_tries without a result ends in 'error'.
    tries       integer NOT NULL DEFAULT 0 CHECK (tries >= 0),
    max_tries   integer NOT NULL DEFAULT 3 CHECK (max_tries >= 1),
    runner_id   text,
    lease_until timestamptz,
    heartbeat_at timestamptz,
    reason      text,
    summary     jsonb,
    report      jsonb,
    log_tail    text,
    created_at  timestamptz NOT NULL DEFAULT now(),
    started_at  timestamptz,
    finished_at timestamptz,
    FOREIGN KEY (project_id, version) REFERENCES project_versions (project_id, version)
        ON DELETE CASCADE,
    CHECK (source = 'runner' OR status IN ('passed', 'failed', 'error'))
);
CREATE INDEX verifications_project ON verifications (project_id, id DESC);
CREATE INDEX verifications_queued ON verifications (id) WHERE status = 'queued';
CREATE INDEX verifications_leases ON verifications (lease_until) WHERE status = 'running';

-- Runners LISTEN on backforge_jobs: a queued row announces its id when its transaction
-- commits. Polling covers notifications lost while a runner was disconnected.
CREATE FUNCTION backforge_job_queued() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('backforge_jobs', NEW.id::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER verification_queued AFTER INSERT OR UPDATE OF status ON verifications
    FOR EACH ROW WHEN (NEW.status = 'queued') EXECUTE FUNCTION backforge_job_queued();
