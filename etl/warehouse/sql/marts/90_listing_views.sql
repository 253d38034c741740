-- Metric views: defined once, read by the dashboard, `cfwatch sql` and DuckDB users alike.

CREATE VIEW takedown_daily AS
SELECT day, category, detected_by, dataset, platform, flagged, removed, restricted,
       removed / nullif(flagged, 0) AS takedown_rate, median_hours, p90_hours
FROM takedown_daily_rollup;
COMMENT ON VIEW takedown_daily IS 'Per flag day, category, detection source, dataset and platform: flagged, removed, takedown rate (removed / flagged), median and p90 hours from flag to removal. Counterfeit-relevant actions only.';

CREATE VIEW store_penalties_monthly AS
SELECT month, dataset, platform, warnings, suspensions, closures, repeat_offenders
FROM store_penalties_rollup;
COMMENT ON VIEW store_penalties_monthly IS 'Per month, dataset and platform: store warnings, suspensions, closures, and repeat offenders (stores penalised that month that had a penalty before).';

CREATE VIEW claims_vs_observed AS
-- Each claimed figure with a period, beside what a dataset observed in the same window.
WITH claimed AS (
    SELECT c.figure_id, c.source_id, c.publisher, c.metric, c.value, c.value_low,
           c.value_high, c.qualifier, c.period_start, c.period_end, c.surface, c.verified,
           ma.action
    FROM claims AS c JOIN metric_actions AS ma USING (metric)
    WHERE c.period_start IS NOT NULL
),
observed AS (
    SELECT cl.figure_id, cv.dataset, cv.synthetic,
           cl.period_start >= cv.first_day AND cl.period_end <= cv.last_day AS covered,
           (SELECT CAST(sum(r.actions) AS BIGINT) FROM actions_daily_rollup AS r
            WHERE r.dataset = cv.dataset AND r.action = cl.action AND r.ip_relevant
              AND r.day BETWEEN cl.period_start AND cl.period_end) AS actions_in_window
    FROM claimed AS cl CROSS JOIN dataset_coverage AS cv
)
SELECT cl.figure_id, cl.source_id, cl.publisher, cl.metric, cl.value AS claimed_value,
       cl.value_low AS claimed_low, cl.value_high AS claimed_high, cl.qualifier,
       cl.period_start, cl.period_end, cl.surface, cl.verified, o.dataset, o.synthetic,
       o.covered,
       CASE WHEN o.covered THEN coalesce(o.actions_in_window, 0) END AS observed_value,
       CASE WHEN o.covered THEN cl.value / nullif(coalesce(o.actions_in_window, 0), 0) END
           AS claimed_to_observed,
       CASE WHEN o.covered THEN coalesce(o.actions_in_window, 0)
           BETWEEN coalesce(cl.value_low, -1e308) AND coalesce(cl.value_high, 1e308) END
           AS observed_within_claim
FROM claimed AS cl JOIN observed AS o USING (figure_id);
COMMENT ON VIEW claims_vs_observed IS 'Each claim with a period (removed listings, closed stores) beside the actions a dataset observed in the same window, their ratio, and whether the observed count lies within the claim''s bounds. observed_value is NULL when the dataset does not cover the window.';

CREATE VIEW datasets AS
SELECT dataset, synthetic, first_day, last_day, actions, listings FROM dataset_coverage;
COMMENT ON VIEW datasets IS 'Each dataset in the warehouse: synthetic or not, the days it covers, its actions and listings.';

CREATE VIEW actions_daily AS
SELECT day, action, detected_by, category, dataset, platform, ip_relevant, actions
FROM actions_daily_rollup;
COMMENT ON VIEW actions_daily IS 'Enforcement actions per day taken, action, detection source, dataset and platform (all reasons; filter ip_relevant for counterfeits).';

