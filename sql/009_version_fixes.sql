-- What a fix version (origin 'fix', pipeline/autofix.c) changed and what it cost, so the
-- dashboard can show the fix loop as a timeline: {from_version, attempt, model, summary,
-- files: [{path, change, size}], calls, prompt_tokens, completion_tokens, cost_usd,
-- latency_ms}. The tokens, cost and latency are the sums of the round's llm_calls rows,
-- copied here because those rows outlive a deleted project but not the other way round
-- (a version is read with its project; its calls are the cost history). NULL for every
-- version that is not a fix.
ALTER TABLE project_versions ADD COLUMN fix jsonb
    CHECK (fix IS NULL OR (origin = 'fix' AND jsonb_typeof(fix) = 'object'));

-- Fix versions stored before this migration kept what changed in notes.fix; their calls
-- cannot be told apart from later rounds' any more, so they carry no tokens or cost.
UPDATE project_versions SET fix = notes -> 'fix'
    WHERE origin = 'fix' AND jsonb_typeof(notes -> 'fix') = 'object';
