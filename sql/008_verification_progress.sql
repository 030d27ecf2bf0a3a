-- What a running verification is doing now, and what a finished one hands the user.
-- stage: the runner's latest progress report while status is 'running' ({"name":
-- "preparing" | "starting" | "suite" | "pytest" | "finishing", "step", "steps"}), NULL
-- otherwise; the dashboard shows it while it polls.
-- report_zip: the version's ZIP with PROJECT_REPORT.md carrying this verification's result
-- (only that file differs from project_versions.zip), for runner verifications that ran
-- (passed or failed); report_zip_sha256 is its sha256.
ALTER TABLE verifications ADD COLUMN stage jsonb;
ALTER TABLE verifications ADD COLUMN report_zip bytea;
ALTER TABLE verifications ADD COLUMN report_zip_sha256 text
    CHECK (report_zip_sha256 IS NULL OR report_zip_sha256 ~ '^[0-9a-f]{64}$');
