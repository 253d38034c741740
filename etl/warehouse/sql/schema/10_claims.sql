-- Claims from source articles: sources, figures, conflicts, milestones.
-- ENUM types (metric_t, qualifier_t, ...) are generated from etl/vocab.py before this file runs.

CREATE TABLE sources (
    source_id           VARCHAR PRIMARY KEY,
    file                VARCHAR NOT NULL,
    title               VARCHAR,
    publisher           VARCHAR,
    published           DATE,
    published_precision precision_t,
    language            VARCHAR,
    url                 VARCHAR,
    sha256_registered   VARCHAR,
    sha256_file         VARCHAR,
    text_status         VARCHAR NOT NULL,
    text_chars          INTEGER,
    registry            VARCHAR,
    note                VARCHAR,
    platform            VARCHAR
);
COMMENT ON TABLE sources IS 'One row per source article: registry metadata and whether its text was present at build time.';
COMMENT ON COLUMN sources.source_id IS 'Stable id from sources.toml, or the file stem for an unregistered article.';
COMMENT ON COLUMN sources.file IS 'Article file name inside the corpus folder.';
COMMENT ON COLUMN sources.title IS 'Title in the project''s words (registry).';
COMMENT ON COLUMN sources.publisher IS 'Publisher of the article.';
COMMENT ON COLUMN sources.platform IS 'The marketplace the article''s figures are about (registry), as listings name it; NULL when not registered.';
COMMENT ON COLUMN sources.published IS 'Publication date (first day of the month or year when only those are known).';
COMMENT ON COLUMN sources.published_precision IS 'How precisely the publication date is known: day, month or year; NULL when unknown.';
COMMENT ON COLUMN sources.language IS 'Language code (en, nl, ko): registered, or detected with lingua for unregistered files.';
COMMENT ON COLUMN sources.url IS 'Where the article was published.';
COMMENT ON COLUMN sources.sha256_registered IS 'sha256 of the article bytes as recorded in the registry.';
COMMENT ON COLUMN sources.sha256_file IS 'sha256 of the file found at build time; NULL when absent.';
COMMENT ON COLUMN sources.text_status IS 'present (text used: its sha256 matches the registry), absent, hash_mismatch or unreadable (text not used).';
COMMENT ON COLUMN sources.text_chars IS 'Length of the text in characters when present.';
COMMENT ON COLUMN sources.registry IS 'The sources.toml that registered this source; NULL for an unregistered file.';
COMMENT ON COLUMN sources.note IS 'Registry note: known problems of the source.';

CREATE TABLE figures (
    figure_id        VARCHAR PRIMARY KEY,
    source_id        VARCHAR NOT NULL REFERENCES sources (source_id),
    metric           metric_t NOT NULL,
    value            DOUBLE,
    value_low        DOUBLE,
    value_high       DOUBLE,
    qualifier        qualifier_t NOT NULL,
    unit             VARCHAR,
    currency         VARCHAR,
    counted          counted_t,
    actor            actor_t,
    link             link_t,
    linked_to        VARCHAR,
    period_start     DATE,
    period_end       DATE,
    period_precision precision_t,
    period_text      VARCHAR,
    char_start       INTEGER NOT NULL,
    char_end         INTEGER NOT NULL,
    surface          VARCHAR NOT NULL,
    sentence         VARCHAR,
    sentence_start   INTEGER,
    method           method_t NOT NULL,
    status           status_t NOT NULL,
    text_matched     BOOLEAN,
    confidence       DOUBLE,
    rule_score       DOUBLE,
    window_from      window_source_t,
    window_confidence DOUBLE,
    -- defined here once: the Claims page, `cfwatch review list` and ad-hoc SQL all read it
    chance_right     DOUBLE GENERATED ALWAYS AS (
                         CASE WHEN status = 'machine' THEN confidence * window_confidence END
                     ) VIRTUAL,
    rule_metric      metric_t,
    cue              VARCHAR,
    repeat_of        VARCHAR,
    reviewed_by      VARCHAR,
    reviewed_at      TIMESTAMPTZ,
    summary          VARCHAR,
    note             VARCHAR,
    CHECK (char_start < char_end),
    CHECK (value_low IS NULL OR value_high IS NULL OR value_low <= value_high)
);
COMMENT ON TABLE figures IS 'Every figure stated in a source: machine-read by the extractor, reviewed by a person, or rejected by one (status). Nothing machine-read is called verified.';
COMMENT ON COLUMN figures.figure_id IS 'source_id#n (extracted figures, n in text order) or source_id#r<n> (entries in seeds/claims.toml the rules did not find).';
COMMENT ON COLUMN figures.source_id IS 'The source that states the figure.';
COMMENT ON COLUMN figures.metric IS 'What the figure measures (etl/vocab.py METRICS); other = none of them fits, or the extractor was unsure.';
COMMENT ON COLUMN figures.value IS 'The stated value in base units (977151; 10000000000 for 10 billion). For a range the midpoint, for an order of magnitude its lower bound.';
COMMENT ON COLUMN figures.value_low IS 'Lowest value consistent with the statement; NULL = no lower bound (up to).';
COMMENT ON COLUMN figures.value_high IS 'Highest value consistent with the statement; NULL = no upper bound (over).';
COMMENT ON COLUMN figures.qualifier IS 'exact, over, about (+-10%), nearly (-10%..0), up_to, range or order_of_magnitude.';
COMMENT ON COLUMN figures.unit IS 'Unit as normalised: a currency code, percent, day, week, person ...; NULL for plain counts.';
COMMENT ON COLUMN figures.currency IS 'ISO currency code for money figures.';
COMMENT ON COLUMN figures.counted IS 'What the figure counts where the text says so: listings, stores, items, people, cases, money, percent, time.';
COMMENT ON COLUMN figures.actor IS 'Who acted, where the text says so: platform, customs, police, court, rights_holder, regulator.';
COMMENT ON COLUMN figures.link IS 'before / after (the two values of "from X to Y", never a midpoint) or converted (the same amount in another currency); NULL for a figure on its own.';
COMMENT ON COLUMN figures.linked_to IS 'figure_id of the figure this one is linked to: the before value of an after, the original of a conversion.';
COMMENT ON COLUMN figures.period_start IS 'First day of the window the figure refers to, resolved against the publication date.';
COMMENT ON COLUMN figures.period_end IS 'Last day of that window.';
COMMENT ON COLUMN figures.period_precision IS 'day, week, month, quarter, year, or unknown when the text names a period that cannot be resolved.';
COMMENT ON COLUMN figures.period_text IS 'The time expression as written ("In the past two months").';
COMMENT ON COLUMN figures.char_start IS 'Offset of the first character of the figure in the article text (0-based, in characters).';
COMMENT ON COLUMN figures.char_end IS 'Offset just past the figure.';
COMMENT ON COLUMN figures.surface IS 'The figure as written, with its qualifier and unit.';
COMMENT ON COLUMN figures.sentence IS 'The sentence that states the figure; NULL when the article text is absent.';
COMMENT ON COLUMN figures.sentence_start IS 'Offset of that sentence in the article text, so char_start - sentence_start is where the figure sits in it.';
COMMENT ON COLUMN figures.method IS 'rule (found in the text by the extractor) or manual (entered in seeds/claims.toml, not found by the rules).';
COMMENT ON COLUMN figures.status IS 'machine (machine-read, not reviewed), reviewed (a person confirmed it, as corrected) or rejected (a person said it is not a figure, or not this one).';
COMMENT ON COLUMN figures.text_matched IS 'True when the article text was present and the text at char_start..char_end is what this row says was written; NULL when the text was absent, so nothing could be checked.';
COMMENT ON COLUMN figures.confidence IS 'The chance the metric the rules read is right: the share of figures read as this metric with a rule_score in the same band that had the right metric on the labelled dev half (a metric the learned second opinion chose over the rules'' is counted apart, by the band of its probability) (etl/claims/chances.py; leaning on the metric''s overall rate where the cell is small; lower on unseen text, see cfwatch eval). A chance of the rules'' reading (rule_metric): kept after review for the record, not shown for reviewed figures; NULL for manual entries.';
COMMENT ON COLUMN figures.rule_score IS 'The rules'' own score for the metric they chose, 0..1: how far the deciding cue outweighed the others; where the learned second opinion overruled the rules (cue ''learned: ...''), its probability. It ranks readings; confidence is the chance.';
COMMENT ON COLUMN figures.window_from IS 'Where the window the rules gave is stated: sentence, paragraph, article (another paragraph or the headline), none (etl/vocab.py WINDOW_SOURCES).';
COMMENT ON COLUMN figures.window_confidence IS 'The chance the window the rules gave (or their giving none) is right: the share right on the labelled dev half by window_from and whether the figure is other. A chance of the rules'' reading: kept after review for the record, not shown for reviewed figures; NULL for manual entries.';
COMMENT ON COLUMN figures.chance_right IS 'The chance both the metric and the window the rules gave are right (confidence x window_confidence), for machine-read figures only (a person''s figure is no reading to doubt); the lowest first is where a reviewer finds the most to correct (cfwatch review list). Computed from those columns, never stored.';
COMMENT ON COLUMN figures.rule_metric IS 'The metric the extractor gave, when it found the figure: the rules'', or the learned second opinion''s where it overruled them (a review that corrects the metric shows here).';
COMMENT ON COLUMN figures.cue IS 'The word (lemma or morpheme) that decided the metric; ''learned: X over Y'' where the learned second opinion (etl/extract/learned.py) read X over the rules'' Y.';
COMMENT ON COLUMN figures.repeat_of IS 'figure_id of the more precise statement this figure repeats; count each fact once by filtering repeat_of IS NULL.';
COMMENT ON COLUMN figures.reviewed_by IS 'Who reviewed it (a review decision); NULL for machine figures and for seeds/claims.toml entries.';
COMMENT ON COLUMN figures.reviewed_at IS 'When that review decision was made.';
COMMENT ON COLUMN figures.summary IS 'Reviewed entries: the fact in the project''s own words.';
COMMENT ON COLUMN figures.note IS 'Reviewed entries and decisions: caveats about the figure.';

CREATE TABLE figure_conflicts (
    source_id VARCHAR NOT NULL REFERENCES sources (source_id),
    metric    metric_t NOT NULL,
    figure_a  VARCHAR NOT NULL REFERENCES figures (figure_id),
    figure_b  VARCHAR NOT NULL REFERENCES figures (figure_id),
    value_a   DOUBLE,
    value_b   DOUBLE,
    reason    VARCHAR NOT NULL,
    PRIMARY KEY (figure_a, figure_b)
);
COMMENT ON TABLE figure_conflicts IS 'Pairs of figures from one source that state the same metric for overlapping (or undated) windows with bounds that cannot both hold. Shown, never resolved silently.';
COMMENT ON COLUMN figure_conflicts.source_id IS 'The source that states both figures.';
COMMENT ON COLUMN figure_conflicts.metric IS 'The metric both figures state.';
COMMENT ON COLUMN figure_conflicts.figure_a IS 'The earlier figure in the text.';
COMMENT ON COLUMN figure_conflicts.figure_b IS 'The later figure in the text.';
COMMENT ON COLUMN figure_conflicts.value_a IS 'Value of figure_a.';
COMMENT ON COLUMN figure_conflicts.value_b IS 'Value of figure_b.';
COMMENT ON COLUMN figure_conflicts.reason IS 'Why the two cannot both be true.';

CREATE TABLE figure_skips (
    source_id  VARCHAR NOT NULL REFERENCES sources (source_id),
    char_start INTEGER NOT NULL,
    char_end   INTEGER NOT NULL,
    surface    VARCHAR NOT NULL,
    reason     VARCHAR NOT NULL
);
COMMENT ON TABLE figure_skips IS 'Numbers in the text that are not figures (years, ordinals, parts of dates, references), so every number is accounted for.';
COMMENT ON COLUMN figure_skips.source_id IS 'The source the number is in.';
COMMENT ON COLUMN figure_skips.char_start IS 'Offset of the number.';
COMMENT ON COLUMN figure_skips.char_end IS 'Offset just past the number.';
COMMENT ON COLUMN figure_skips.surface IS 'The number as written.';
COMMENT ON COLUMN figure_skips.reason IS 'Why it is not a figure.';

CREATE TABLE milestones (
    milestone_id VARCHAR PRIMARY KEY,
    source_id    VARCHAR NOT NULL REFERENCES sources (source_id),
    date         DATE NOT NULL,
    precision    precision_t NOT NULL,
    kind         milestone_kind_t NOT NULL,
    status       milestone_status_t NOT NULL,
    title        VARCHAR NOT NULL,
    summary      VARCHAR,
    char_start   INTEGER NOT NULL,
    char_end     INTEGER NOT NULL,
    anchor       VARCHAR,
    sentence     VARCHAR,
    method        method_t NOT NULL,
    review_status status_t NOT NULL,
    text_matched  BOOLEAN
);
COMMENT ON TABLE milestones IS 'Policy and market milestones: reviewed entries, plus dated sentences the extractor found that no reviewed entry covers.';
COMMENT ON COLUMN milestones.milestone_id IS 'source_id@r<n> for reviewed entries, source_id@<offset> for extracted ones.';
COMMENT ON COLUMN milestones.source_id IS 'The source that reports the milestone.';
COMMENT ON COLUMN milestones.date IS 'When it happened or took effect (first day of the month/year at coarser precision).';
COMMENT ON COLUMN milestones.precision IS 'day, week, month, quarter or year.';
COMMENT ON COLUMN milestones.kind IS 'hearing, announcement, programme, investment, logistics, policy or market.';
COMMENT ON COLUMN milestones.status IS 'announced, in_operation, under_review or held (an event that took place).';
COMMENT ON COLUMN milestones.title IS 'Short title (reviewed: the project''s words; extracted: the start of the sentence).';
COMMENT ON COLUMN milestones.summary IS 'What the milestone is, in the project''s words.';
COMMENT ON COLUMN milestones.char_start IS 'Offset of the anchor phrase (reviewed) or the sentence (extracted).';
COMMENT ON COLUMN milestones.char_end IS 'Offset just past it.';
COMMENT ON COLUMN milestones.anchor IS 'Reviewed entries: the short phrase at the offsets.';
COMMENT ON COLUMN milestones.sentence IS 'The sentence that reports the milestone, when the text is present.';
COMMENT ON COLUMN milestones.method IS 'rule (a dated sentence the extractor found) or manual (entered in seeds/claims.toml).';
COMMENT ON COLUMN milestones.review_status IS 'machine (machine-read candidate, not reviewed) or reviewed (entered or confirmed by a person).';
COMMENT ON COLUMN milestones.text_matched IS 'True when the article text was present and the text at the offsets is the anchor (or the sentence); NULL when the text was absent.';

CREATE TABLE etl_runs (
    run_id        VARCHAR PRIMARY KEY,
    started_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ,
    status        VARCHAR NOT NULL,
    command       VARCHAR,
    rows_read     BIGINT,
    rows_loaded   BIGINT,
    rows_rejected BIGINT,
    message       VARCHAR
);
COMMENT ON TABLE etl_runs IS 'Every ETL run, failed ones included (a failed run is recorded in the run log and appears here after the next successful build).';
COMMENT ON COLUMN etl_runs.run_id IS 'Start time and process id of the run.';
COMMENT ON COLUMN etl_runs.started_at IS 'When the run started.';
COMMENT ON COLUMN etl_runs.finished_at IS 'When it finished.';
COMMENT ON COLUMN etl_runs.status IS 'success, failed or unchanged.';
COMMENT ON COLUMN etl_runs.command IS 'The command line of the run.';
COMMENT ON COLUMN etl_runs.rows_read IS 'Input rows and files read.';
COMMENT ON COLUMN etl_runs.rows_loaded IS 'Rows loaded into the warehouse.';
COMMENT ON COLUMN etl_runs.rows_rejected IS 'Rows and files rejected (see rejects).';
COMMENT ON COLUMN etl_runs.message IS 'Summary line, or the error of a failed run.';

CREATE TABLE rejects (
    run_id      VARCHAR NOT NULL,
    input       VARCHAR NOT NULL,
    row_number  BIGINT,
    column_name VARCHAR,
    reason      VARCHAR NOT NULL,
    raw_value   VARCHAR
);
COMMENT ON TABLE rejects IS 'Input that was not loaded, with why: one row per bad file or bad row.';
COMMENT ON COLUMN rejects.run_id IS 'The run that rejected it.';
COMMENT ON COLUMN rejects.input IS 'File (or registry entry) the input came from.';
COMMENT ON COLUMN rejects.row_number IS 'Row in the file (1 = first data row); NULL for a whole file.';
COMMENT ON COLUMN rejects.column_name IS 'Column at fault, when one is.';
COMMENT ON COLUMN rejects.reason IS 'Why it was rejected.';
COMMENT ON COLUMN rejects.raw_value IS 'The offending value as read (truncated to 200 characters).';

CREATE TABLE build_info (
    key   VARCHAR PRIMARY KEY,
    value VARCHAR
);
COMMENT ON TABLE build_info IS 'Facts about this warehouse version: when and by which run it was built, and the fingerprint of the claim inputs (an unchanged run compares it and does nothing).';
COMMENT ON COLUMN build_info.key IS 'claims_fingerprint, built_at, run_id, reviews_file (where review decisions for this build are appended), or layout (a hash of the table layout: a later build copies rows only from a warehouse of the same layout).';
COMMENT ON COLUMN build_info.value IS 'The value.';
