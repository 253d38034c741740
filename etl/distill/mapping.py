"""The DSA mapping, declared once: statement of reasons -> one distilled statement row.

The importer (`etl/listings/dsa.py`) and both distill engines (`duckdb_engine.py`,
`spark_engine.py`) render the same declarations, so a statement means the same thing wherever
it is read. Every expression is plain SQL that DuckDB and Spark SQL both accept (CASE, LIKE,
instr, try_cast, coalesce, nullif): the engines differ in how they read and write files, never
in what a column means.

JSON lists (`decision_visibility`, `category_specification`, ...) are matched as text: an
element is a quoted enumeration key, so `instr(column, '"KEY"') > 0` is exact for keys and
needs no JSON parse per row.
"""

from __future__ import annotations

from dataclasses import dataclass

from etl.vocab import ACTIONS, DETECTION_SOURCES, keys

# The DSA columns a statement is read from. Required ones must be in a part's header; the
# others are NULL when a header lacks them (the 34-column "light" dumps, old 37-column ones).
REQUIRED = ("uuid", "platform_name", "source_type", "application_date", "category")
OPTIONAL = ("decision_visibility", "decision_monetary", "decision_provision", "decision_account",
            "decision_ground", "category_addition", "category_specification", "content_type",
            "content_date", "automated_detection", "automated_decision", "created_at")
RAW_COLUMNS = REQUIRED + OPTIONAL

IP_CATEGORY = "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS"
IP_KEYWORDS = ("KEYWORD_TRADEMARK_INFRINGEMENT", "KEYWORD_COPYRIGHT_INFRINGEMENT",
               "KEYWORD_DESIGN_INFRINGEMENT", "KEYWORD_PATENT_INFRINGEMENT",
               "KEYWORD_TRADE_SECRET_INFRINGEMENT", "KEYWORD_GEOGRAPHIC_INDICATIONS_INFRINGEMENT")
# Counterfeits are also filed as unsafe products (the category's name changed on 2025-07-01).
UNSAFE_CATEGORIES = ("STATEMENT_CATEGORY_UNSAFE_AND_PROHIBITED_PRODUCTS",
                     "STATEMENT_CATEGORY_UNSAFE_AND_ILLEGAL_PRODUCTS")
INAUTHENTIC_KEYWORDS = ("KEYWORD_INAUTHENTIC_LISTINGS",)
RESTRICTING_VISIBILITY = ("DECISION_VISIBILITY_CONTENT_DISABLED",
                          "DECISION_VISIBILITY_CONTENT_DEMOTED",
                          "DECISION_VISIBILITY_CONTENT_AGE_RESTRICTED",
                          "DECISION_VISIBILITY_CONTENT_INTERACTION_RESTRICTED",
                          "DECISION_VISIBILITY_CONTENT_LABELLED",
                          "DECISION_VISIBILITY_OTHER")
AUTOMATED_DECISIONS = ("AUTOMATED_DECISION_FULLY", "AUTOMATED_DECISION_PARTIALLY")

# source_type -> detected_by. SOURCE_VOLUNTARY splits on automated_detection (DETECTED_BY).
SOURCE_TYPES = {"SOURCE_ARTICLE_16": "rights_holder_notice",
                "SOURCE_TRUSTED_FLAGGER": "regulator_referral",
                "SOURCE_TYPE_OTHER_NOTIFICATION": "consumer_report"}
VOLUNTARY = "SOURCE_VOLUNTARY"

DUPLICATE = "duplicate uuid (dropped; first occurrence kept)"


def literal(value: str) -> str:
    """A SQL string literal (the one quoting function for values put into SQL text)."""
    return "'" + value.replace("'", "''") + "'"


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(literal(v) for v in values)})"


def list_has(column: str, values) -> str:
    """Does a JSON-list-as-text column hold any of `values`? (NULL, '' and '[]' hold none.)"""
    return "(" + " OR ".join(f"coalesce(instr({column}, {literal(chr(34) + v + chr(34))}), 0) > 0"
                             for v in values) + ")"


def _timestamp(column: str) -> str:
    return f"try_cast(nullif({column}, '') AS TIMESTAMP)"


ACTION = f"""CASE
    WHEN decision_account = 'DECISION_ACCOUNT_TERMINATED'
         OR decision_provision LIKE '%TERMINATION' THEN 'store_closed'
    WHEN decision_account = 'DECISION_ACCOUNT_SUSPENDED'
         OR decision_provision LIKE '%SUSPENSION' THEN 'store_suspended'
    WHEN {list_has('decision_visibility', ['DECISION_VISIBILITY_CONTENT_REMOVED'])}
         THEN 'listing_removed'
    WHEN {list_has('decision_visibility', RESTRICTING_VISIBILITY)} THEN 'listing_restricted'
    WHEN nullif(decision_monetary, '') IS NOT NULL THEN 'listing_restricted'
END"""

DETECTED_BY = ("CASE " + " ".join(f"WHEN source_type = {literal(k)} THEN {literal(v)}"
                                  for k, v in SOURCE_TYPES.items())
               + f" WHEN source_type = '{VOLUNTARY}' AND automated_detection = 'Yes'"
                 " THEN 'automated_detection'"
               + f" WHEN source_type = '{VOLUNTARY}' THEN 'platform_review' END")

IP_RELEVANT = (f"(coalesce(category = {literal(IP_CATEGORY)}, false)"
               f" OR {list_has('category_addition', [IP_CATEGORY])}"
               f" OR {list_has('category_specification', IP_KEYWORDS)}"
               f" OR (coalesce({_in('category', UNSAFE_CATEGORIES)}, false)"
               f" AND {list_has('category_specification', INAUTHENTIC_KEYWORDS)}))")


@dataclass(frozen=True)
class Column:
    """One column of a distilled statement: its SQL over the DSA columns, type and meaning."""
    name: str
    sql: str
    type: str
    doc: str


# The distilled statement, in order. `platform` becomes the partition folder; the raw
# platform_name stays in the file, so a row never depends on how a folder name was escaped.
STATEMENT: tuple[Column, ...] = (
    Column("uuid", "uuid", "VARCHAR", "The statement of reasons' uuid."),
    Column("platform", "coalesce(nullif(trim(platform_name), ''), 'unknown')", "VARCHAR",
           "The platform that filed it (unknown when platform_name is empty)."),
    Column("platform_name", "platform_name", "VARCHAR", "platform_name as filed."),
    Column("action", ACTION, "VARCHAR",
           f"Enforcement action ({', '.join(keys(ACTIONS))}); NULL when no decision maps."),
    Column("detected_by", DETECTED_BY, "VARCHAR",
           "Who flagged it (source_type; VOLUNTARY splits on automated_detection)."),
    Column("automated", f"coalesce({_in('automated_decision', AUTOMATED_DECISIONS)}, false)",
           "BOOLEAN", "automated_decision is FULLY or PARTIALLY."),
    Column("ip_relevant", IP_RELEVANT, "BOOLEAN",
           "Counterfeit-relevant: the IP category, an IP keyword, or an inauthentic unsafe "
           "product."),
    Column("flagged_at", _timestamp("content_date"), "TIMESTAMP", "content_date."),
    Column("actioned_at", _timestamp("application_date"), "TIMESTAMP", "application_date."),
    Column("category", "category", "VARCHAR", "The statement category as filed."),
    Column("category_specification", "category_specification", "VARCHAR",
           "Keywords as filed (JSON list)."),
    Column("decision_visibility", "decision_visibility", "VARCHAR",
           "Visibility decisions as filed (JSON list)."),
    Column("decision_ground", "decision_ground", "VARCHAR", "Illegal or incompatible content."),
    Column("content_type", "content_type", "VARCHAR", "Content types as filed (JSON list)."),
    Column("source_type", "source_type", "VARCHAR", "source_type as filed."),
    Column("automated_detection", "automated_detection", "VARCHAR", "Yes or No as filed."),
    Column("automated_decision", "automated_decision", "VARCHAR", "automated_decision as filed."),
    Column("content_date", _timestamp("content_date"), "TIMESTAMP", "content_date as filed."),
    Column("application_date", _timestamp("application_date"), "TIMESTAMP",
           "application_date as filed."),
    Column("created_at", _timestamp("created_at"), "TIMESTAMP", "created_at as filed."),
)

# The columns of a distilled file: the statement without its partition column (platform, in
# the folder name), why it cannot load (NULL if it can), and where it came from.
FILE_COLUMNS = tuple(c.name for c in STATEMENT if c.name != "platform") + (
    "problem", "source_file", "source_row")

# Why a row cannot load, the first that applies; NULL when it loads. Read over the STATEMENT
# columns plus the raw text of the dates (`content_raw`, `application_raw`). Duplicates are
# found across a whole dump afterwards (DUPLICATE).
PROBLEM = """CASE
    WHEN uuid IS NULL OR uuid = '' THEN 'missing uuid'
    WHEN actioned_at IS NULL THEN 'unparseable application_date'
    WHEN nullif(content_raw, '') IS NOT NULL AND flagged_at IS NULL
        THEN 'unparseable content_date'
    WHEN flagged_at > actioned_at THEN 'content_date after application_date'
    WHEN detected_by IS NULL THEN 'unknown source_type'
    WHEN action IS NULL THEN 'no decision that maps to an enforcement action'
END"""


# What the warehouse import keeps of a statement (the rest is for distilled folders).
IMPORTED = ("uuid", "platform", "action", "detected_by", "automated", "ip_relevant",
            "flagged_at", "actioned_at", "category", "source_type")
assert {c.name for c in STATEMENT} >= set(IMPORTED)


def select_list(names: tuple[str, ...] | None = None) -> str:
    """The STATEMENT columns (or those in `names`) as a SELECT list over a relation holding
    every RAW_COLUMNS column (each engine fills the ones a header lacks with NULL), plus the
    raw date text that PROBLEM reads."""
    columns = [f"{c.sql} AS {c.name}" for c in STATEMENT if names is None or c.name in names]
    columns += ["content_date AS content_raw", "application_date AS application_raw"]
    return ",\n       ".join(columns)


def platform_matches(platform: str) -> str:
    """SQL condition keeping one platform (case-insensitive), or every one for 'all'."""
    if platform.lower() == "all":
        return "true"
    return f"lower(platform_name) = lower({literal(platform)})"


assert {v for v in SOURCE_TYPES.values()} | {"automated_detection", "platform_review"} <= set(
    keys(DETECTION_SOURCES)), "SOURCE_TYPES must map onto etl/vocab.py DETECTION_SOURCES"
