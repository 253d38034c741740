-- Metric views: defined once, read by the dashboard, `cfwatch sql` and DuckDB users alike.

CREATE VIEW takedown_daily AS
SELECT day, category, detected_by, dataset, platform, flagged, removed, restricted,
       removed / nullif(flagged, 0) AS takedown_rate, median_hours, p90_hours
FROM takedown_daily_rollup;
COMMENT ON VIEW takedown_daily IS 'Per flag day, category, detection source, dataset and platform: flagged, removed, takedown rate (removed / flagged), median and p90 hours from flag to removal. Counterfeit-relevant actions only.';
COMMENT ON COLUMN takedown_daily.takedown_rate IS 'removed / flagged for this row (NULL when nothing was flagged); to combine rows, sum removed and flagged first, never average the rates.';

CREATE VIEW store_penalties_monthly AS
SELECT month, dataset, platform, warnings, suspensions, closures, repeat_offenders
FROM store_penalties_rollup;
COMMENT ON VIEW store_penalties_monthly IS 'Per month, dataset and platform: store warnings, suspensions, closures, and repeat offenders (stores penalised that month that had a penalty before).';

CREATE VIEW claims_vs_observed AS
-- grain: dated claim x dataset. A claim's window is its figure's period_start .. period_end,
-- both days included; nothing else defines it ("in the past two months" said on 2023-12-06 is
-- 2023-10-06 .. 2023-12-05). The synthetic sample is compared with scale x claim, the counts it
-- was made to hold; a dataset that does not cover every day of the window is not covered (NULL),
-- never zero. A claim about a platform counts that platform's rows only; a claim whose platform
-- is unknown is compared only with a dataset of one platform, since summing every platform of a
-- DSA dump against one marketplace's claim would say nothing.
WITH settings AS (
    -- Observed counts within 3% of the claim's bounds are consistent with it: datasets count
    -- a day's edge or a late reversal differently, and the sample rounds to whole stores.
    SELECT 0.03::DOUBLE AS tolerance
),
claimed AS (
    SELECT c.figure_id, c.source_id, c.publisher, c.platform, c.metric, c.value,
           c.value_low, c.value_high, c.qualifier, c.period_start, c.period_end, c.surface,
           c.status, c.in_conflict, ma.action
    FROM claims AS c JOIN metric_actions AS ma USING (metric)
    WHERE c.period_start IS NOT NULL
),
observed AS (
    SELECT cl.figure_id, cv.dataset, cv.synthetic,
           CASE WHEN cv.synthetic THEN coalesce(cv.sample_scale, 1.0) ELSE 1.0 END AS scale,
           cl.period_start >= cv.first_day AND cl.period_end <= cv.last_day
               AND CASE WHEN cl.platform IS NULL THEN len(cv.platforms) = 1
                        ELSE list_contains(cv.platforms, cl.platform) END AS covered,
           (SELECT CAST(sum(r.actions) AS BIGINT) FROM actions_daily_rollup AS r
            WHERE r.dataset = cv.dataset AND r.action = cl.action AND r.ip_relevant
              AND r.platform = coalesce(cl.platform, r.platform)
              AND r.day BETWEEN cl.period_start AND cl.period_end) AS actions_in_window
    FROM claimed AS cl CROSS JOIN dataset_coverage AS cv
),
compared AS (
    SELECT cl.*, o.dataset, o.synthetic, o.scale, o.covered,
           CASE WHEN o.covered THEN coalesce(o.actions_in_window, 0) END AS observed_value,
           cl.value * o.scale AS expected_value, cl.value_low * o.scale AS expected_low,
           cl.value_high * o.scale AS expected_high, st.tolerance
    FROM claimed AS cl JOIN observed AS o USING (figure_id) CROSS JOIN settings AS st
)
SELECT figure_id, source_id, publisher, platform, metric, value AS claimed_value,
       value_low AS claimed_low, value_high AS claimed_high, qualifier, period_start,
       period_end, surface, status, in_conflict, dataset, synthetic, scale, covered,
       observed_value, expected_value, expected_low, expected_high,
       observed_value / nullif(expected_value, 0) AS observed_to_expected, tolerance,
       CAST(CASE WHEN NOT covered THEN 'not_covered'
                 WHEN observed_value < expected_low * (1 - tolerance) THEN 'below'
                 WHEN observed_value > expected_high * (1 + tolerance) THEN 'above'
                 ELSE 'consistent' END AS verdict_t) AS verdict
FROM compared;
COMMENT ON VIEW claims_vs_observed IS 'Each dated claim (removed listings, closed stores) beside what each dataset observed of the claim''s platform in exactly its window (period_start .. period_end, inclusive), and a verdict. The synthetic sample is compared with scale x claim. observed_value is NULL when the dataset does not cover the window or the platform.';
COMMENT ON COLUMN claims_vs_observed.platform IS 'The platform the claim is about (sources.platform): only its rows are counted. NULL: compared only with datasets of a single platform.';
COMMENT ON COLUMN claims_vs_observed.in_conflict IS 'True when the claim is disputed (see disputes): show every value, never this one alone.';
COMMENT ON COLUMN claims_vs_observed.claimed_value IS 'The claim''s value (claims.value).';
COMMENT ON COLUMN claims_vs_observed.claimed_low IS 'The claim''s lower bound (claims.value_low; NULL: none).';
COMMENT ON COLUMN claims_vs_observed.claimed_high IS 'The claim''s upper bound (claims.value_high; NULL: none).';
COMMENT ON COLUMN claims_vs_observed.covered IS 'True when the dataset has every day of the window and rows of the claim''s platform (for a claim of unknown platform: a dataset of one platform).';
COMMENT ON COLUMN claims_vs_observed.scale IS 'The sample''s scale for the synthetic sample, else 1.';
COMMENT ON COLUMN claims_vs_observed.observed_value IS 'Actions on the claim''s platform in the window (by the day taken); NULL when the dataset does not cover every day of it or holds no rows of that platform.';
COMMENT ON COLUMN claims_vs_observed.expected_value IS 'scale x the claimed value: what the dataset would hold if the claim were right.';
COMMENT ON COLUMN claims_vs_observed.expected_low IS 'scale x the claim''s lower bound (NULL: no lower bound).';
COMMENT ON COLUMN claims_vs_observed.expected_high IS 'scale x the claim''s upper bound (NULL: no upper bound).';
COMMENT ON COLUMN claims_vs_observed.observed_to_expected IS 'observed_value / expected_value (1.0 = as claimed).';
COMMENT ON COLUMN claims_vs_observed.tolerance IS 'How far outside the bounds an observation may fall and still be consistent (0.03 = 3%).';
COMMENT ON COLUMN claims_vs_observed.verdict IS 'consistent, below or above the claim''s bounds (scaled, within the tolerance), or not_covered.';

CREATE VIEW datasets AS
SELECT dataset, synthetic, sample_scale, first_day, last_day, actions, listings
FROM dataset_coverage;
COMMENT ON VIEW datasets IS 'Each dataset in the warehouse: synthetic or not (and the sample''s scale), the days it covers (last_day: data as of), its actions and listings.';
COMMENT ON COLUMN datasets.sample_scale IS 'The synthetic sample''s --scale; NULL for real data.';
COMMENT ON COLUMN datasets.last_day IS 'Last day with an action: the data is as of this day.';

CREATE VIEW actions_daily AS
SELECT day, action, detected_by, category, dataset, platform, ip_relevant, actions
FROM actions_daily_rollup;
COMMENT ON VIEW actions_daily IS 'Enforcement actions per day taken, action, detection source, dataset and platform (all reasons; filter ip_relevant for counterfeits).';

