-- Projects and their versions (one generated ZIP each), and the daily generation quota.
CREATE TABLE projects (
    id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id     bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name        text NOT NULL,
    title       text NOT NULL,
    description text NOT NULL DEFAULT '',
    prompt      text,
    status      text NOT NULL DEFAULT 'generated'
                CHECK (status IN ('generated', 'verifying', 'verified', 'failed')),
    latest_version integer NOT NULL DEFAULT 1,
    created_at  timestamptz NOT NULL DEFAULT now(),
    updated_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX projects_user_created ON projects (user_id, created_at DESC, id DESC);

CREATE TABLE project_versions (
    project_id  bigint NOT NULL REFERENCES projects (id) ON DELETE CASCADE,
    version     integer NOT NULL CHECK (version >= 1),
    origin      text NOT NULL CHECK (origin IN ('prompt', 'spec', 'fix', 'edit')),
    planner     text NOT NULL,
    model       text NOT NULL DEFAULT '',
    spec        jsonb NOT NULL,
    review      jsonb NOT NULL,
    notes       jsonb,
    files       jsonb NOT NULL,
    zip         bytea NOT NULL,
    zip_sha256  text NOT NULL CHECK (zip_sha256 ~ '^[0-9a-f]{64}$'),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (project_id, version)
);

-- One row per user and UTC day; the count is raised in the same transaction that stores
-- the project, with a guard, so concurrent requests on several workers cannot overshoot.
CREATE TABLE generation_usage (
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    day     date NOT NULL,
    count   integer NOT NULL DEFAULT 0 CHECK (count >= 0),
    PRIMARY KEY (user_id, day)
);
