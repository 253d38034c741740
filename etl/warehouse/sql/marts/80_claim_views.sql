-- Views over the claims. Metrics are defined here once; the dashboard, `cfwatch sql` and
-- ad-hoc DuckDB users all read these.

CREATE VIEW claims AS
-- One row per distinct fact: repeats folded into the statement they repeat, with the source.
WITH distinct_figures AS (
    SELECT * FROM figures
    WHERE repeat_of IS NULL AND metric <> 'other' AND status <> 'rejected'
),
with_source AS (
    SELECT f.*, s.publisher, s.published, s.url, s.title AS source_title
    FROM distinct_figures AS f
    JOIN sources AS s USING (source_id)
)
SELECT
    figure_id, source_id, metric, value, value_low, value_high, qualifier, unit, currency,
    counted, actor, link, linked_to,
    period_start, period_end, period_precision, period_text, surface, sentence, sentence_start,
    char_start, char_end, method, status, text_matched, confidence, reviewed_by, reviewed_at,
    summary, note, publisher, published, url, source_title,
    EXISTS (SELECT 1 FROM figure_conflicts AS c
            WHERE c.figure_a = with_source.figure_id OR c.figure_b = with_source.figure_id)
        AS in_conflict
FROM with_source;
COMMENT ON VIEW claims IS 'Each claimed fact once (repeats folded; metric other and rejected figures left out), with its source, its status (machine-read or reviewed) and whether it is in a conflict.';
