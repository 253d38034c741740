-- Views over the claims. Metrics are defined here once; the dashboard, `cfwatch sql` and
-- ad-hoc DuckDB users all read these.

CREATE VIEW disputes AS
-- grain: one row per figure in a recorded conflict. A disputed figure is never shown as one
-- value: every value stated in its conflicts (its own first in text order) and where each is.
WITH members AS (
    SELECT figure_a AS figure_id, figure_a AS member_id FROM figure_conflicts
    UNION SELECT figure_a, figure_b FROM figure_conflicts
    UNION SELECT figure_b, figure_b FROM figure_conflicts
    UNION SELECT figure_b, figure_a FROM figure_conflicts
),
stated AS (
    SELECT m.figure_id, f.figure_id AS member_id, f.metric, f.surface, f.value, f.value_low,
           f.value_high, f.unit, f.currency, f.char_start, s.publisher, s.published
    FROM members AS m
    JOIN figures AS f ON f.figure_id = m.member_id
    JOIN sources AS s ON s.source_id = f.source_id
)
SELECT figure_id, any_value(metric) AS metric, count(*) AS values_stated,
       list({'figure_id': member_id, 'surface': surface, 'value': value,
             'value_low': value_low, 'value_high': value_high, 'unit': unit,
             'currency': currency, 'char_start': char_start, 'publisher': publisher,
             'published': published} ORDER BY char_start) AS stated_values,
       string_agg(surface || ' (at character ' || char_start || ')', ' vs '
                  ORDER BY char_start)
           || ', both in ' || coalesce(any_value(publisher), 'an unknown source')
           || coalesce(', ' || strftime(any_value(published), '%Y-%m-%d'), '')
           AS disputed_values
FROM stated
GROUP BY figure_id;
COMMENT ON VIEW disputes IS 'One row per figure in a recorded conflict, with every value stated in its conflicts and where: show all of them, never one.';
COMMENT ON COLUMN disputes.figure_id IS 'The disputed figure (figures.figure_id).';
COMMENT ON COLUMN disputes.metric IS 'Its metric.';
COMMENT ON COLUMN disputes.values_stated IS 'How many values are in its conflicts, its own included.';
COMMENT ON COLUMN disputes.stated_values IS 'Each of them: figure_id, surface, value, bounds, unit, currency, offset, publisher and publication date, in text order.';
COMMENT ON COLUMN disputes.disputed_values IS 'The same as text: "100 Billion Won (at character 80) vs 10 billion KRW (at character 2675), both in <publisher>, <date>". Conflicts are within one source.';

CREATE VIEW milestone_disputes AS
-- grain: milestone x disputed figure it states. A milestone whose title or summary states the
-- value of a disputed figure of its source is itself disputed.
SELECT m.milestone_id, d.figure_id, d.disputed_values
FROM milestones AS m
JOIN figures AS f ON f.source_id = m.source_id
JOIN disputes AS d ON d.figure_id = f.figure_id
WHERE regexp_matches(lower(m.title || ' ' || coalesce(m.summary, '')),
                     '(^|[^0-9.,])' || regexp_escape(lower(f.surface)) || '($|[^0-9])');
COMMENT ON VIEW milestone_disputes IS 'Milestones whose title or summary states a value of a disputed figure of their source, with every value of that dispute.';
COMMENT ON COLUMN milestone_disputes.milestone_id IS 'The milestone.';
COMMENT ON COLUMN milestone_disputes.figure_id IS 'The disputed figure it states.';
COMMENT ON COLUMN milestone_disputes.disputed_values IS 'Every value of that dispute, with where each is stated.';

CREATE VIEW claims AS
-- One row per distinct fact: repeats folded into the statement they repeat, with the source.
WITH distinct_figures AS (
    SELECT * FROM figures
    WHERE repeat_of IS NULL AND metric <> 'other' AND status <> 'rejected'
),
with_source AS (
    SELECT f.*, s.publisher, s.published, s.url, s.title AS source_title, s.platform
    FROM distinct_figures AS f
    JOIN sources AS s USING (source_id)
)
SELECT
    figure_id, source_id, metric, value, value_low, value_high, qualifier, unit, currency,
    counted, actor, link, linked_to,
    period_start, period_end, period_precision, period_text, surface, sentence, sentence_start,
    char_start, char_end, method, status, text_matched, confidence, window_confidence,
    chance_right, reviewed_by, reviewed_at,
    summary, note, publisher, published, url, source_title, platform,
    d.figure_id IS NOT NULL AS in_conflict, d.disputed_values
FROM with_source
LEFT JOIN (SELECT figure_id, disputed_values FROM disputes) AS d USING (figure_id);
COMMENT ON VIEW claims IS 'Each claimed fact once (repeats folded; metric other and rejected figures left out), with its source, its status (machine-read or reviewed) and whether it is in a conflict, with every disputed value.';
COMMENT ON COLUMN claims.source_title IS 'Title of the source article in the project''s words (sources.title).';
COMMENT ON COLUMN claims.platform IS 'The marketplace the claim is about (sources.platform); NULL when the registry does not say.';
COMMENT ON COLUMN claims.in_conflict IS 'True when the figure is in a recorded conflict (disputed).';
COMMENT ON COLUMN claims.disputed_values IS 'For a disputed figure, every value of the dispute and where each is stated; NULL otherwise.';
