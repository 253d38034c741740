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
WITH listing_counts AS (SELECT dataset, count(*) AS listings FROM listings GROUP BY dataset)
SELECT a.dataset, min(a.day) AS first_day, max(a.day) AS last_day,
       CAST(sum(a.actions) AS BIGINT) AS actions,
       coalesce(any_value(l.listings), 0) AS listings,
       a.dataset = 'synthetic-sample' AS synthetic
FROM actions_daily_rollup AS a LEFT JOIN listing_counts AS l USING (dataset)
GROUP BY a.dataset;
COMMENT ON TABLE dataset_coverage IS 'The days each dataset covers; a window outside them is not observed (NULL), never zero.';
COMMENT ON COLUMN dataset_coverage.dataset IS 'Dataset name.';
COMMENT ON COLUMN dataset_coverage.first_day IS 'First day with an action.';
COMMENT ON COLUMN dataset_coverage.last_day IS 'Last day with an action.';
COMMENT ON COLUMN dataset_coverage.actions IS 'Actions in the dataset.';
COMMENT ON COLUMN dataset_coverage.listings IS 'Listings in the dataset.';
COMMENT ON COLUMN dataset_coverage.synthetic IS 'True for the synthetic sample: never present it as real.';

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

CREATE TABLE milestone_effects AS
-- For each milestone, dataset and window of N days: takedown rate and median hours to removal
-- in the N days before the milestone date and the N days from it; only windows the dataset
-- fully covers. Read from the rollups (flags per day, the hours histogram), not raw actions,
-- so it costs milliseconds per build; the median is the geometric middle of its histogram
-- bucket (within 9%), the same median the dashboard shows.
WITH windows AS (SELECT * FROM (VALUES (7), (30), (90)) AS w(window_days)),
spans AS (
    SELECT m.milestone_id, m.date, w.window_days, c.dataset
    FROM milestones AS m CROSS JOIN windows AS w JOIN dataset_coverage AS c
        ON m.date - w.window_days >= c.first_day AND m.date + w.window_days - 1 <= c.last_day
),
counts AS (
    SELECT s.milestone_id, s.window_days, s.dataset,
           sum(r.flagged) FILTER (WHERE r.day < s.date) AS flagged_before,
           sum(r.removed) FILTER (WHERE r.day < s.date) AS removed_before,
           sum(r.flagged) FILTER (WHERE r.day >= s.date) AS flagged_after,
           sum(r.removed) FILTER (WHERE r.day >= s.date) AS removed_after
    FROM spans AS s JOIN takedown_daily_rollup AS r
        ON r.dataset = s.dataset AND r.day >= s.date - s.window_days
       AND r.day < s.date + s.window_days
    GROUP BY ALL
),
buckets AS (
    SELECT s.milestone_id, s.window_days, s.dataset, h.day >= s.date AS after, h.bucket,
           sum(h.removals) AS removals
    FROM spans AS s JOIN takedown_hours AS h
        ON h.dataset = s.dataset AND h.day >= s.date - s.window_days
       AND h.day < s.date + s.window_days
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
       c.flagged_before::BIGINT AS flagged_before, c.removed_before::BIGINT AS removed_before,
       c.removed_before / nullif(c.flagged_before, 0) AS takedown_rate_before,
       m.median_hours_before,
       c.flagged_after::BIGINT AS flagged_after, c.removed_after::BIGINT AS removed_after,
       c.removed_after / nullif(c.flagged_after, 0) AS takedown_rate_after,
       m.median_hours_after,
       c.removed_after / nullif(c.flagged_after, 0)
           - c.removed_before / nullif(c.flagged_before, 0) AS takedown_rate_change,
       m.median_hours_after - m.median_hours_before AS median_hours_change
FROM counts AS c LEFT JOIN medians AS m USING (milestone_id, window_days, dataset);
COMMENT ON TABLE milestone_effects IS 'Before/after each milestone, per dataset and window (7, 30, 90 days): takedown rate and median hours to removal. Only windows the dataset fully covers.';
COMMENT ON COLUMN milestone_effects.milestone_id IS 'The milestone (milestones.milestone_id).';
COMMENT ON COLUMN milestone_effects.window_days IS 'Days before (and from) the milestone date compared.';
COMMENT ON COLUMN milestone_effects.dataset IS 'Dataset measured.';
COMMENT ON COLUMN milestone_effects.flagged_before IS 'Listings flagged in the window before.';
COMMENT ON COLUMN milestone_effects.removed_before IS 'Of those, removed.';
COMMENT ON COLUMN milestone_effects.takedown_rate_before IS 'removed_before / flagged_before.';
COMMENT ON COLUMN milestone_effects.median_hours_before IS 'Median hours from flag to removal, before (from the hours histogram, within 9%).';
COMMENT ON COLUMN milestone_effects.flagged_after IS 'Listings flagged in the window from the milestone date.';
COMMENT ON COLUMN milestone_effects.removed_after IS 'Of those, removed.';
COMMENT ON COLUMN milestone_effects.takedown_rate_after IS 'removed_after / flagged_after.';
COMMENT ON COLUMN milestone_effects.median_hours_after IS 'Median hours from flag to removal, after.';
COMMENT ON COLUMN milestone_effects.takedown_rate_change IS 'takedown_rate_after - takedown_rate_before.';
COMMENT ON COLUMN milestone_effects.median_hours_change IS 'median_hours_after - median_hours_before (negative = faster).';

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

