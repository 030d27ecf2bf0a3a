-- Auto-fix (pipeline/autofix.c): the LLM calls of a fix round are recorded against the
-- project they were made for, so a project's tokens, cost and latency can be summed. A
-- deleted project leaves its calls with project_id NULL, so the cost history stays whole.
ALTER TABLE llm_calls ADD COLUMN project_id bigint REFERENCES projects (id) ON DELETE SET NULL;
ALTER TABLE llm_calls ADD COLUMN purpose text NOT NULL DEFAULT 'plan'
    CHECK (purpose IN ('plan', 'fix'));
CREATE INDEX llm_calls_project ON llm_calls (project_id, created_at) WHERE project_id IS NOT NULL;
-- The runners' rescue pass looks for projects left in fixing by a round that died.
CREATE INDEX projects_fixing ON projects (updated_at) WHERE status = 'fixing';
-- ... and for failed projects whose failure no fix round has answered yet.
CREATE INDEX projects_failed ON projects (updated_at) WHERE status = 'failed';
