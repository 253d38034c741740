-- Listing-level enforcement data: one set of tables for every input, told apart by `dataset`.

CREATE TABLE stores (
    store_id         VARCHAR NOT NULL,
    opened_at        DATE,
    country          VARCHAR,
    first_penalty_at TIMESTAMP,
    closed_at        TIMESTAMP,
    penalty_points   INTEGER,
    dataset          VARCHAR NOT NULL,
    platform         VARCHAR NOT NULL
);
COMMENT ON TABLE stores IS 'Seller stores. A store id is unique within its dataset.';
COMMENT ON COLUMN stores.store_id IS 'Store or seller id as given by the input (DSA: platform_uid is per item, so DSA rows have no store).';
COMMENT ON COLUMN stores.opened_at IS 'When the store opened, when known.';
COMMENT ON COLUMN stores.country IS 'ISO country of the seller, when known.';
COMMENT ON COLUMN stores.first_penalty_at IS 'First penalty (warning or worse) on the ladder.';
COMMENT ON COLUMN stores.closed_at IS 'When the store was closed; NULL if open.';
COMMENT ON COLUMN stores.penalty_points IS 'Penalty actions (warnings, suspensions, closures) received.';
COMMENT ON COLUMN stores.dataset IS 'Where the row came from: synthetic-sample, import:<file> or dsa:<date>.';
COMMENT ON COLUMN stores.platform IS 'The marketplace: DSA platform_name, the platform column or --platform-name of your own data, AliExpress for the synthetic sample.';

CREATE TABLE listings (
    listing_id VARCHAR NOT NULL,
    store_id   VARCHAR,
    category   VARCHAR,
    brand      VARCHAR,
    price      DOUBLE,
    currency   VARCHAR,
    listed_at  TIMESTAMP,
    dataset    VARCHAR NOT NULL,
    platform   VARCHAR NOT NULL
);
COMMENT ON TABLE listings IS 'Product listings. A listing id is unique within its dataset. Dashboards read the rollups, not this table.';
COMMENT ON COLUMN listings.listing_id IS 'Listing id as given by the input (DSA: the SoR uuid, since a statement is about one item).';
COMMENT ON COLUMN listings.store_id IS 'The store selling it.';
COMMENT ON COLUMN listings.category IS 'Product category (sample: fashion, shoes, ...; DSA: the statement category).';
COMMENT ON COLUMN listings.brand IS 'Brand the listing claims (sample brands are made up).';
COMMENT ON COLUMN listings.price IS 'Listed price in `currency`.';
COMMENT ON COLUMN listings.currency IS 'ISO currency of the price.';
COMMENT ON COLUMN listings.listed_at IS 'When the listing went up, in UTC (DSA: content_date; your own data: converted from the offset or zone written, else taken as UTC).';
COMMENT ON COLUMN listings.dataset IS 'Where the row came from: synthetic-sample, import:<file> or dsa:<date>.';
COMMENT ON COLUMN listings.platform IS 'The marketplace: DSA platform_name, the platform column or --platform-name of your own data, AliExpress for the synthetic sample.';

CREATE TABLE enforcement_actions (
    action_id       VARCHAR NOT NULL,
    listing_id      VARCHAR,
    store_id        VARCHAR,
    action          action_t NOT NULL,
    detected_by     detected_by_t NOT NULL,
    category        VARCHAR,
    automated       BOOLEAN,
    reason_category VARCHAR,
    ip_relevant     BOOLEAN NOT NULL,
    flagged_at      TIMESTAMP,
    actioned_at     TIMESTAMP NOT NULL,
    source_ref      VARCHAR,
    dataset         VARCHAR NOT NULL,
    platform        VARCHAR NOT NULL,
    CHECK (flagged_at IS NULL OR flagged_at <= actioned_at)
);
COMMENT ON TABLE enforcement_actions IS 'Every enforcement action: listing removals and restrictions, dismissed flags, and store warnings, suspensions and closures.';
COMMENT ON COLUMN enforcement_actions.action_id IS 'Action id, unique within its dataset.';
COMMENT ON COLUMN enforcement_actions.listing_id IS 'The listing acted on; NULL for store actions.';
COMMENT ON COLUMN enforcement_actions.store_id IS 'The store acted on (or the listing''s store).';
COMMENT ON COLUMN enforcement_actions.action IS 'listing_removed, listing_restricted, no_action (flag dismissed), store_warned, store_suspended or store_closed.';
COMMENT ON COLUMN enforcement_actions.detected_by IS 'Who or what flagged it: mystery_shopper, rights_holder_notice, automated_detection, consumer_report, regulator_referral, platform_review.';
COMMENT ON COLUMN enforcement_actions.category IS 'The listing''s category, copied here so rollups need no join with listings (NULL for store actions).';
COMMENT ON COLUMN enforcement_actions.automated IS 'True when the decision was automated (DSA automated_decision FULLY/PARTIALLY).';
COMMENT ON COLUMN enforcement_actions.reason_category IS 'Why (sample: intellectual_property; DSA: the statement category as filed).';
COMMENT ON COLUMN enforcement_actions.ip_relevant IS 'Counterfeit-relevant: intellectual property, or inauthentic/unsafe product keywords (DSA filter of the reference note).';
COMMENT ON COLUMN enforcement_actions.flagged_at IS 'When the listing or store was flagged, in UTC (DSA: content_date).';
COMMENT ON COLUMN enforcement_actions.actioned_at IS 'When the action was taken, in UTC (DSA: application_date).';
COMMENT ON COLUMN enforcement_actions.source_ref IS 'Reference in the source data, when it is not the action_id (DSA: NULL; the statement of reasons uuid is the action_id).';
COMMENT ON COLUMN enforcement_actions.dataset IS 'Where the row came from: synthetic-sample, import:<file> or dsa:<date>.';
COMMENT ON COLUMN enforcement_actions.platform IS 'The marketplace: DSA platform_name, the platform column or --platform-name of your own data, AliExpress for the synthetic sample.';

CREATE TABLE inputs (
    input_path    VARCHAR NOT NULL,
    kind          VARCHAR NOT NULL,
    dataset       VARCHAR NOT NULL,
    sha256        VARCHAR NOT NULL,
    size_bytes    BIGINT,
    mtime_ns      BIGINT,
    rows_read     BIGINT NOT NULL,
    rows_loaded   BIGINT NOT NULL,
    rows_rejected BIGINT NOT NULL,
    run_id        VARCHAR NOT NULL,
    synthetic     BOOLEAN NOT NULL,
    sample_scale  DOUBLE,
    CHECK (rows_read = rows_loaded + rows_rejected)
);
COMMENT ON TABLE inputs IS 'Every listing-level input file in the warehouse, with its content hash: an unchanged file is not read again, a changed one replaces its dataset''s rows.';
COMMENT ON COLUMN inputs.input_path IS 'Absolute path of the file as imported.';
COMMENT ON COLUMN inputs.kind IS 'sample, listings, dsa (a dump) or dsa-parquet (a day distilled by cfwatch distill: input_path is its folder, sha256 that of its manifest).';
COMMENT ON COLUMN inputs.dataset IS 'The dataset its rows carry.';
COMMENT ON COLUMN inputs.sha256 IS 'sha256 of the file when it was read.';
COMMENT ON COLUMN inputs.size_bytes IS 'File size when read (with mtime_ns, a fast check before hashing).';
COMMENT ON COLUMN inputs.mtime_ns IS 'File modification time when read.';
COMMENT ON COLUMN inputs.rows_read IS 'Data rows read from the file.';
COMMENT ON COLUMN inputs.rows_loaded IS 'Rows loaded (rows_read = rows_loaded + rows_rejected).';
COMMENT ON COLUMN inputs.rows_rejected IS 'Rows rejected (see rejects).';
COMMENT ON COLUMN inputs.run_id IS 'The run that read it.';
COMMENT ON COLUMN inputs.synthetic IS 'True for the synthetic sample: never present it as real.';
COMMENT ON COLUMN inputs.sample_scale IS 'The synthetic sample''s --scale, from its manifest; NULL for other inputs.';
