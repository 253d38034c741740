-- Rollups: pre-aggregated once per build, so that every view a dashboard reads answers in
-- milliseconds at 10 million listings. Only counterfeit-relevant actions (ip_relevant) count.

CREATE TABLE takedown_daily_rollup AS
-- grain: flag day x category x detected_by x dataset x platform
WITH listing_flags AS (
    SELECT dataset, platform, detected_by, coalesce(category, 'unknown') AS category, action,
           CAST(coalesce(flagged_at, actioned_at) AS DATE) AS day,
           date_diff('second', coalesce(flagged_at, actioned_at), actioned_at) / 3600.0
               AS hours_to_action
    FROM enforcement_actions
    WHERE ip_relevant AND action IN ('listing_removed', 'listing_restricted', 'no_action')
),
grouped AS (
    SELECT day, category, detected_by, dataset, platform,
           count(*) AS flagged,
           count(*) FILTER (WHERE action = 'listing_removed') AS removed,
           count(*) FILTER (WHERE action = 'listing_restricted') AS restricted,
           quantile_cont(hours_to_action, [0.5, 0.9]) FILTER (WHERE action = 'listing_removed')
               AS hours_quantiles
    FROM listing_flags
    GROUP BY ALL
)
SELECT day, category, detected_by, dataset, platform, flagged, removed, restricted,
       hours_quantiles[1] AS median_hours, hours_quantiles[2] AS p90_hours
FROM grouped;
COMMENT ON TABLE takedown_daily_rollup IS 'Counterfeit-relevant listing flags per flag day, category, detection source and dataset; read through the takedown_daily view.';
COMMENT ON COLUMN takedown_daily_rollup.day IS 'Day the listing was flagged (actioned day when the flag time is unknown).';
COMMENT ON COLUMN takedown_daily_rollup.category IS 'Listing category (DSA: statement category).';
COMMENT ON COLUMN takedown_daily_rollup.detected_by IS 'Detection source.';
COMMENT ON COLUMN takedown_daily_rollup.dataset IS 'Where the rows came from.';
COMMENT ON COLUMN takedown_daily_rollup.platform IS 'The marketplace.';
COMMENT ON COLUMN takedown_daily_rollup.flagged IS 'Listings flagged (removed + restricted + dismissed).';
COMMENT ON COLUMN takedown_daily_rollup.removed IS 'Of those, removed.';
COMMENT ON COLUMN takedown_daily_rollup.restricted IS 'Of those, restricted.';
COMMENT ON COLUMN takedown_daily_rollup.median_hours IS 'Median hours from flag to removal.';
COMMENT ON COLUMN takedown_daily_rollup.p90_hours IS '90th percentile hours from flag to removal.';

CREATE TABLE actions_daily_rollup AS
-- grain: action day x action x detected_by x category x dataset x platform x ip_relevant
SELECT CAST(actioned_at AS DATE) AS day, action, detected_by, category, dataset, platform,
       ip_relevant, count(*) AS actions
FROM enforcement_actions
GROUP BY ALL;
COMMENT ON TABLE actions_daily_rollup IS 'Enforcement actions per day they were taken; what claims are checked against.';
COMMENT ON COLUMN actions_daily_rollup.day IS 'Day the action was taken.';
COMMENT ON COLUMN actions_daily_rollup.action IS 'The action.';
COMMENT ON COLUMN actions_daily_rollup.detected_by IS 'Detection source.';
COMMENT ON COLUMN actions_daily_rollup.category IS 'Listing category (NULL for store actions).';
COMMENT ON COLUMN actions_daily_rollup.dataset IS 'Where the rows came from.';
COMMENT ON COLUMN actions_daily_rollup.platform IS 'The marketplace.';
COMMENT ON COLUMN actions_daily_rollup.ip_relevant IS 'Counterfeit-relevant.';
COMMENT ON COLUMN actions_daily_rollup.actions IS 'Number of actions.';

CREATE TABLE dataset_coverage AS
-- grain: dataset
WITH listing_counts AS (SELECT dataset, count(*) AS listings FROM listings GROUP BY dataset),
scales AS (
    SELECT dataset, max(sample_scale) AS sample_scale FROM inputs
    WHERE sample_scale IS NOT NULL GROUP BY dataset
)
SELECT a.dataset, min(a.day) AS first_day, max(a.day) AS last_day,
       CAST(sum(a.actions) AS BIGINT) AS actions,
       coalesce(any_value(l.listings), 0) AS listings,
       a.dataset = 'synthetic-sample' AS synthetic,
       any_value(sc.sample_scale) AS sample_scale,
       list(DISTINCT a.platform ORDER BY a.platform) AS platforms
FROM actions_daily_rollup AS a LEFT JOIN listing_counts AS l USING (dataset)
LEFT JOIN scales AS sc USING (dataset)
GROUP BY a.dataset;
COMMENT ON TABLE dataset_coverage IS 'The days each dataset covers; a window outside them is not observed (NULL), never zero.';
COMMENT ON COLUMN dataset_coverage.dataset IS 'Dataset name.';
COMMENT ON COLUMN dataset_coverage.first_day IS 'First day with an action.';
COMMENT ON COLUMN dataset_coverage.last_day IS 'Last day with an action.';
COMMENT ON COLUMN dataset_coverage.actions IS 'Actions in the dataset.';
COMMENT ON COLUMN dataset_coverage.listings IS 'Listings in the dataset.';
COMMENT ON COLUMN dataset_coverage.synthetic IS 'True for the synthetic sample: never present it as real.';
COMMENT ON COLUMN dataset_coverage.platforms IS 'The platforms the dataset holds rows of.';
COMMENT ON COLUMN dataset_coverage.sample_scale IS 'The synthetic sample''s --scale (1.0 = the scenario''s size); claims are compared with scale x claim. NULL for real data.';

CREATE TABLE takedown_hours AS
-- The distribution of hours to removal, in buckets a quarter of a doubling wide, per day,
-- category, source and dataset; sorted by day. Any selection of those sums into a
-- distribution or a median in milliseconds, without the raw rows.
WITH removals AS (
    SELECT CAST(coalesce(flagged_at, actioned_at) AS DATE) AS day,
           coalesce(category, 'unknown') AS category, detected_by, dataset, platform,
           CAST(floor(4 * log2(greatest(date_diff('second', coalesce(flagged_at, actioned_at),
                                                  actioned_at) / 3600.0, 1.0 / 60)))
                AS INTEGER) AS bucket
    FROM enforcement_actions
    WHERE ip_relevant AND action = 'listing_removed'
)
SELECT day, category, detected_by, dataset, platform, bucket,
       pow(2, bucket / 4.0) AS hours_low, pow(2, (bucket + 1) / 4.0) AS hours_high,
       count(*) AS removals
FROM removals
GROUP BY ALL
ORDER BY day;
COMMENT ON TABLE takedown_hours IS 'Removals per hours-to-removal bucket (bucket b: 2^(b/4) to 2^((b+1)/4) hours) per day, category, detection source and dataset.';
COMMENT ON COLUMN takedown_hours.day IS 'Flag day.';
COMMENT ON COLUMN takedown_hours.category IS 'Listing category.';
COMMENT ON COLUMN takedown_hours.detected_by IS 'Detection source.';
COMMENT ON COLUMN takedown_hours.dataset IS 'Where the rows came from.';
COMMENT ON COLUMN takedown_hours.platform IS 'The marketplace.';
COMMENT ON COLUMN takedown_hours.bucket IS 'Bucket number b.';
COMMENT ON COLUMN takedown_hours.hours_low IS 'Lower edge of the bucket in hours, 2^(b/4).';
COMMENT ON COLUMN takedown_hours.hours_high IS 'Upper edge, 2^((b+1)/4).';
COMMENT ON COLUMN takedown_hours.removals IS 'Removals that took that long.';

CREATE VIEW milestone_windows AS
-- grain: milestone x window (7, 30, 90 days) x dataset. The days compared before and after a
-- milestone. A day-precise milestone: the N days before its date against the N days from it.
-- A milestone known only to the week, month, quarter or year: the N days before that span against
-- the N days after it, leaving out the span, since the change could fall anywhere in it.
WITH windows AS (SELECT * FROM (VALUES (7), (30), (90)) AS w(window_days)),
spans AS (
    SELECT milestone_id, date, precision,
           CASE precision::VARCHAR
               WHEN 'day' THEN date
               WHEN 'week' THEN CAST(date + INTERVAL 6 DAY AS DATE)
               WHEN 'month' THEN CAST(date + INTERVAL 1 MONTH - INTERVAL 1 DAY AS DATE)
               WHEN 'quarter' THEN CAST(date + INTERVAL 3 MONTH - INTERVAL 1 DAY AS DATE)
               WHEN 'year' THEN CAST(date + INTERVAL 1 YEAR - INTERVAL 1 DAY AS DATE)
           END AS span_end
    FROM milestones
),
bounds AS (
    SELECT s.milestone_id, s.precision, w.window_days, c.dataset, c.first_day, c.last_day,
           s.date - w.window_days AS before_start, s.date - 1 AS before_end,
           CASE WHEN s.precision = 'day' THEN s.date ELSE s.span_end + 1 END AS after_start
    FROM spans AS s CROSS JOIN windows AS w CROSS JOIN dataset_coverage AS c
    WHERE s.span_end IS NOT NULL
)
SELECT milestone_id, window_days, dataset, before_start, before_end, after_start,
       after_start + window_days - 1 AS after_end, first_day, last_day,
       before_start >= first_day AND after_start + window_days - 1 <= last_day AS covered
FROM bounds;
COMMENT ON VIEW milestone_windows IS 'The days compared before and after each milestone, per window (7, 30, 90 days) and dataset, and whether the dataset covers them all. Coarse dates (month, quarter, year) leave their whole span out.';
COMMENT ON COLUMN milestone_windows.milestone_id IS 'The milestone.';
COMMENT ON COLUMN milestone_windows.window_days IS 'Days compared on each side.';
COMMENT ON COLUMN milestone_windows.dataset IS 'The dataset.';
COMMENT ON COLUMN milestone_windows.before_start IS 'First day before.';
COMMENT ON COLUMN milestone_windows.before_end IS 'Last day before (the day before the milestone, or before its month, quarter or year).';
COMMENT ON COLUMN milestone_windows.after_start IS 'First day after: the milestone date (day precision) or the day after its span.';
COMMENT ON COLUMN milestone_windows.after_end IS 'Last day after.';
COMMENT ON COLUMN milestone_windows.first_day IS 'First day the dataset covers.';
COMMENT ON COLUMN milestone_windows.last_day IS 'Last day the dataset covers.';
COMMENT ON COLUMN milestone_windows.covered IS 'True when the dataset covers every day compared; only then is the effect measured.';

CREATE TABLE milestone_effects AS
-- grain: milestone x window x dataset, for the windows the dataset fully covers
-- (milestone_windows). Takedown rate and median hours to removal of the listings flagged in
-- the days before and after; removals per day taken in them. Read from the rollups (flags per
-- day, the hours histogram, actions per day), not raw actions, so it costs milliseconds per
-- build; the median is the geometric middle of its histogram bucket (within 9%), the same
-- median the dashboard shows.
WITH spans AS (SELECT * FROM milestone_windows WHERE covered),
counts AS (
    SELECT s.milestone_id, s.window_days, s.dataset,
           sum(r.flagged) FILTER (WHERE r.day <= s.before_end) AS flagged_before,
           sum(r.removed) FILTER (WHERE r.day <= s.before_end) AS removed_before,
           sum(r.flagged) FILTER (WHERE r.day >= s.after_start) AS flagged_after,
           sum(r.removed) FILTER (WHERE r.day >= s.after_start) AS removed_after
    FROM spans AS s JOIN takedown_daily_rollup AS r
        ON r.dataset = s.dataset
       AND (r.day BETWEEN s.before_start AND s.before_end
            OR r.day BETWEEN s.after_start AND s.after_end)
    GROUP BY ALL
),
taken AS (
    SELECT s.milestone_id, s.window_days, s.dataset,
           coalesce(sum(a.actions) FILTER (WHERE a.day <= s.before_end), 0)
               / s.window_days AS removals_per_day_before,
           coalesce(sum(a.actions) FILTER (WHERE a.day >= s.after_start), 0)
               / s.window_days AS removals_per_day_after
    FROM spans AS s LEFT JOIN actions_daily_rollup AS a
        ON a.dataset = s.dataset AND a.action = 'listing_removed' AND a.ip_relevant
       AND (a.day BETWEEN s.before_start AND s.before_end
            OR a.day BETWEEN s.after_start AND s.after_end)
    GROUP BY s.milestone_id, s.window_days, s.dataset
),
buckets AS (
    SELECT s.milestone_id, s.window_days, s.dataset, h.day >= s.after_start AS after, h.bucket,
           sum(h.removals) AS removals
    FROM spans AS s JOIN takedown_hours AS h
        ON h.dataset = s.dataset
       AND (h.day BETWEEN s.before_start AND s.before_end
            OR h.day BETWEEN s.after_start AND s.after_end)
    GROUP BY ALL
),
running AS (
    SELECT *, sum(removals) OVER (PARTITION BY milestone_id, window_days, dataset, after
                                  ORDER BY bucket) AS cumulative,
           sum(removals) OVER (PARTITION BY milestone_id, window_days, dataset, after) AS total
    FROM buckets
),
medians AS (
    SELECT milestone_id, window_days, dataset,
           pow(2, (min(bucket) FILTER (WHERE NOT after AND cumulative >= total / 2.0) + 0.5)
               / 4.0) AS median_hours_before,
           pow(2, (min(bucket) FILTER (WHERE after AND cumulative >= total / 2.0) + 0.5)
               / 4.0) AS median_hours_after
    FROM running GROUP BY ALL
)
SELECT c.milestone_id, c.window_days, c.dataset,
       s.before_start, s.before_end, s.after_start, s.after_end,
       c.flagged_before::BIGINT AS flagged_before, c.removed_before::BIGINT AS removed_before,
       c.removed_before / nullif(c.flagged_before, 0) AS takedown_rate_before,
       m.median_hours_before, t.removals_per_day_before,
       c.flagged_after::BIGINT AS flagged_after, c.removed_after::BIGINT AS removed_after,
       c.removed_after / nullif(c.flagged_after, 0) AS takedown_rate_after,
       m.median_hours_after, t.removals_per_day_after,
       c.removed_after / nullif(c.flagged_after, 0)
           - c.removed_before / nullif(c.flagged_before, 0) AS takedown_rate_change,
       m.median_hours_after - m.median_hours_before AS median_hours_change,
       t.removals_per_day_after - t.removals_per_day_before AS removals_per_day_change
FROM counts AS c
JOIN spans AS s USING (milestone_id, window_days, dataset)
LEFT JOIN medians AS m USING (milestone_id, window_days, dataset)
LEFT JOIN taken AS t USING (milestone_id, window_days, dataset);
COMMENT ON TABLE milestone_effects IS 'Before/after each milestone, per dataset and window (7, 30, 90 days; the days in milestone_windows): takedown rate, median hours to removal, removals per day. Only windows the dataset fully covers.';
COMMENT ON COLUMN milestone_effects.milestone_id IS 'The milestone (milestones.milestone_id).';
COMMENT ON COLUMN milestone_effects.window_days IS 'Days compared on each side.';
COMMENT ON COLUMN milestone_effects.dataset IS 'Dataset measured.';
COMMENT ON COLUMN milestone_effects.before_start IS 'First day before (milestone_windows).';
COMMENT ON COLUMN milestone_effects.before_end IS 'Last day before.';
COMMENT ON COLUMN milestone_effects.after_start IS 'First day after.';
COMMENT ON COLUMN milestone_effects.after_end IS 'Last day after.';
COMMENT ON COLUMN milestone_effects.flagged_before IS 'Listings flagged in the days before.';
COMMENT ON COLUMN milestone_effects.removed_before IS 'Of those, removed.';
COMMENT ON COLUMN milestone_effects.takedown_rate_before IS 'removed_before / flagged_before.';
COMMENT ON COLUMN milestone_effects.median_hours_before IS 'Median hours from flag to removal, before (from the hours histogram, within 9%).';
COMMENT ON COLUMN milestone_effects.removals_per_day_before IS 'Listings removed per day in the days before (by the day the removal was taken).';
COMMENT ON COLUMN milestone_effects.flagged_after IS 'Listings flagged in the days after.';
COMMENT ON COLUMN milestone_effects.removed_after IS 'Of those, removed.';
COMMENT ON COLUMN milestone_effects.takedown_rate_after IS 'removed_after / flagged_after.';
COMMENT ON COLUMN milestone_effects.median_hours_after IS 'Median hours from flag to removal, after.';
COMMENT ON COLUMN milestone_effects.removals_per_day_after IS 'Listings removed per day in the days after.';
COMMENT ON COLUMN milestone_effects.takedown_rate_change IS 'takedown_rate_after - takedown_rate_before.';
COMMENT ON COLUMN milestone_effects.median_hours_change IS 'median_hours_after - median_hours_before (negative = faster).';
COMMENT ON COLUMN milestone_effects.removals_per_day_change IS 'removals_per_day_after - removals_per_day_before.';

CREATE TABLE store_penalties_rollup AS
-- grain: month x dataset x platform
WITH penalties AS (
    SELECT dataset, platform, store_id, action, actioned_at,
           row_number() OVER (PARTITION BY dataset, store_id ORDER BY actioned_at)
               AS nth_penalty
    FROM enforcement_actions
    WHERE action IN ('store_warned', 'store_suspended', 'store_closed') AND store_id IS NOT NULL
)
SELECT CAST(date_trunc('month', actioned_at) AS DATE) AS month, dataset, platform,
       count(*) FILTER (WHERE action = 'store_warned') AS warnings,
       count(*) FILTER (WHERE action = 'store_suspended') AS suspensions,
       count(*) FILTER (WHERE action = 'store_closed') AS closures,
       count(DISTINCT store_id) FILTER (WHERE nth_penalty > 1) AS repeat_offenders
FROM penalties
GROUP BY ALL;
COMMENT ON TABLE store_penalties_rollup IS 'Store penalties per month and dataset; read through the store_penalties_monthly view.';
COMMENT ON COLUMN store_penalties_rollup.month IS 'First day of the month.';
COMMENT ON COLUMN store_penalties_rollup.dataset IS 'Where the rows came from.';
COMMENT ON COLUMN store_penalties_rollup.platform IS 'The marketplace.';
COMMENT ON COLUMN store_penalties_rollup.warnings IS 'Stores warned.';
COMMENT ON COLUMN store_penalties_rollup.suspensions IS 'Stores suspended.';
COMMENT ON COLUMN store_penalties_rollup.closures IS 'Stores closed.';
COMMENT ON COLUMN store_penalties_rollup.repeat_offenders IS 'Stores penalised this month that had been penalised before.';

CREATE TABLE store_activity_daily AS
-- grain: day x dataset x platform x store; sorted by day (only: a sort on the store ids too would cost
-- half a second per build for nothing) so a date window reads only its own row groups
SELECT CAST(actioned_at AS DATE) AS day, dataset, platform, store_id,
       count(*) FILTER (WHERE action = 'listing_removed') AS listings_removed,
       count(*) FILTER (WHERE action = 'store_warned') AS warnings,
       count(*) FILTER (WHERE action = 'store_suspended') AS suspensions,
       count(*) FILTER (WHERE action = 'store_closed') AS closures
FROM enforcement_actions
WHERE ip_relevant AND store_id IS NOT NULL
  AND action IN ('listing_removed', 'store_warned', 'store_suspended', 'store_closed')
GROUP BY ALL
ORDER BY day;
COMMENT ON TABLE store_activity_daily IS 'Per day, dataset and store: listings removed and penalties received (counterfeit-relevant). Feeds the penalty ladder and repeat-offender views.';
COMMENT ON COLUMN store_activity_daily.day IS 'Day the actions were taken.';
COMMENT ON COLUMN store_activity_daily.dataset IS 'Where the rows came from.';
COMMENT ON COLUMN store_activity_daily.platform IS 'The marketplace.';
COMMENT ON COLUMN store_activity_daily.store_id IS 'The store.';
COMMENT ON COLUMN store_activity_daily.listings_removed IS 'Its listings removed that day.';
COMMENT ON COLUMN store_activity_daily.warnings IS 'Warnings it received that day.';
COMMENT ON COLUMN store_activity_daily.suspensions IS 'Suspensions it received that day.';
COMMENT ON COLUMN store_activity_daily.closures IS 'Closures (0 or 1) that day.';

CREATE TABLE store_penalties_daily AS
-- grain: day x dataset x platform. The penalties of store_activity_daily summed over stores,
-- so a window's weekly or monthly bars read a few hundred rows and add up to the ladder of the
-- same window.
SELECT day, dataset, platform, sum(warnings)::BIGINT AS warnings,
       sum(suspensions)::BIGINT AS suspensions, sum(closures)::BIGINT AS closures
FROM store_activity_daily
GROUP BY day, dataset, platform
ORDER BY day;
COMMENT ON TABLE store_penalties_daily IS 'Per day taken, dataset and platform: store warnings, suspensions and closures (counterfeit-relevant), from the same rows as the penalty ladder, so any window''s weekly or monthly sums agree with it.';
COMMENT ON COLUMN store_penalties_daily.day IS 'Day the penalties were given.';
COMMENT ON COLUMN store_penalties_daily.dataset IS 'Where the rows came from.';
COMMENT ON COLUMN store_penalties_daily.platform IS 'The marketplace the stores sell on.';
COMMENT ON COLUMN store_penalties_daily.warnings IS 'Stores warned that day.';
COMMENT ON COLUMN store_penalties_daily.suspensions IS 'Stores suspended that day.';
COMMENT ON COLUMN store_penalties_daily.closures IS 'Stores closed that day.';
