"""The project's vocabularies, each declared once.

Every category (metric, qualifier, milestone kind, ...) is one list of `Term`s. The Python
enum-like lookups, the DuckDB ENUM types in the warehouse, the dashboard's labels and colours,
and validation of reviewed claims are all generated from these lists, so adding a term here is
the whole change.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from etl.palette import (
    BLUE,
    BROWN,
    BURNT_ORANGE,
    DARK_BROWN,
    DARK_GREY,
    DARK_PURPLE,
    GREEN,
    GREY,
    INDIGO,
    LIGHT_BLUE,
    LIGHT_GREEN,
    LIGHT_GREY,
    LIGHT_ORANGE,
    LIGHT_RED,
    MID_BLUE,
    MID_GREEN,
    NEUTRAL,
    OLIVE,
    ORANGE,
    PINK,
    PURPLE,
    RED,
    SAND,
    SLATE,
    SLATE_DARK,
    SLATE_LIGHT,
    TEAL,
)


@dataclass(frozen=True)
class Term:
    key: str
    label: str
    colour: str = NEUTRAL
    doc: str = ""
    # Classification cues for metrics, by language. A cue is a lower-case substring looked for
    # near a number; Korean cues are stems because Korean attaches particles to words.
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Units that point at this metric on their own (a currency says "money", "days" says "time").
    unit_kinds: tuple[str, ...] = ()


METRICS: tuple[Term, ...] = (
    Term("removed_listings", "Listings removed", RED,
         "Counterfeit or infringing listings/products taken down.",
         {"en": ("removed", "remove", "taken down", "take down", "takedown", "deleted", "delisted"),
          "nl": ("verwijderd", "verwijder", "offline gehaald"),
          "ko": ("삭제", "제거", "차단")}, ()),
    Term("closed_stores", "Stores closed", PURPLE,
         "Seller stores or accounts closed or banned.",
         {"en": ("stores have been closed", "stores closed", "closed", "shut", "banned",
                 "terminated"),
          "nl": ("gesloten", "geblokkeerd"),
          "ko": ("폐쇄", "퇴출", "정지")}, ()),
    Term("seized_items", "Items seized", BURNT_ORANGE,
         "Counterfeit goods seized, intercepted, detained or destroyed by customs, police or "
         "a platform."),
    Term("seized_value", "Value seized", SAND,
         "Money value of seized or counterfeit goods.", unit_kinds=("currency",)),
    Term("enforcement_cases", "Enforcement cases", DARK_BROWN,
         "Cases, raids, investigations, arrests, suspects, prosecutions, convictions, lawsuits, "
         "referrals."),
    Term("notices_received", "Notices received", MID_BLUE,
         "Reports, notices and takedown requests from rights holders or consumers."),
    Term("anti_counterfeit_budget", "Anti-counterfeit budget", BLUE,
         "Money committed to fighting counterfeits (e.g. Project Clean).",
         {"en": ("counterfeit", "eradicate", "project clean", "intellectual property",
                 "brand protection"),
          "nl": ("namaak", "nep"),
          "ko": ("가품", "짝퉁", "위조", "클린")}, ("currency",)),
    Term("logistics_investment", "Logistics investment", TEAL,
         "Money invested in logistics or delivery.",
         {"en": ("logistics", "delivery system", "warehouse"),
          "nl": ("logistiek", "distributiecentr"),
          "ko": ("물류", "배송")}, ("currency",)),
    Term("delivery_time", "Delivery time", GREEN,
         "Time from order to delivery.",
         {"en": ("delivery", "deliver", "shipping"),
          "nl": ("levertijd", "bezorgtijd", "in huis", "geleverd"),
          "ko": ("배송", "도착")}, ("duration",)),
    Term("parcels_handled", "Parcels handled", BROWN,
         "Parcels, boxes or orders processed by a carrier.",
         {"en": ("boxes", "parcels", "packages", "processed", "shipments"),
          "nl": ("pakketten", "pakjes", "zendingen"),
          "ko": ("박스", "상자", "택배", "물량")}, ()),
    Term("orders", "Orders", OLIVE,
         "Orders placed by customers.",
         {"en": ("orders",), "nl": ("orders", "bestellingen"), "ko": ("주문",)}, ()),
    Term("customers", "Customers", PINK,
         "Buyers or customers using the platform.",
         {"en": ("customers", "consumers", "buyers", "users"),
          "nl": ("klanten", "kopers", "consumenten"),
          "ko": ("고객", "소비자", "이용자", "명")}, ()),
    Term("stores_on_platform", "Stores on the platform", GREY,
         "Stores or sellers active on the platform.",
         {"en": ("stores", "sellers", "merchants", "shops"),
          "nl": ("winkels", "verkopers", "shops"),
          "ko": ("판매자", "셀러", "상점")}, ()),
    Term("products_on_platform", "Products on the platform", LIGHT_BLUE,
         "Products or listings offered on the platform.",
         {"en": ("products", "items", "listings", "articles"),
          "nl": ("producten", "artikelen"),
          "ko": ("상품", "제품")}, ()),
    Term("brands_protected", "Brands protected", LIGHT_ORANGE,
         "Brands enrolled in brand-protection programmes.",
         {"en": ("brands",), "nl": ("merken",), "ko": ("브랜드",)}, ()),
    Term("sales", "Sales", ORANGE,
         "Revenue or gross merchandise value.",
         {"en": ("sales", "revenue", "turnover", "gmv"),
          "nl": ("omzet", "verkoop"),
          "ko": ("매출", "거래액")}, ("currency",)),
    Term("share_percent", "Share", MID_GREEN, "A share of a whole, in percent.",
         unit_kinds=("percent",)),
    Term("growth_rate", "Growth rate", LIGHT_GREEN,
         "Growth expressed as a percentage.",
         {"en": ("growth", "increased", "grew", "rise"),
          "nl": ("groei", "gestegen", "toegenomen"),
          "ko": ("성장", "증가")}, ("percent",)),
    Term("response_time", "Response time", DARK_PURPLE,
         "Time to act on a notice or report.", unit_kinds=("duration",)),
    Term("fines_penalties", "Fines and damages", DARK_GREY,
         "Fines, damages and other money amounts imposed by courts or regulators.",
         unit_kinds=("currency",)),
    Term("prison_sentence", "Prison sentences", INDIGO,
         "Prison or suspended sentences imposed by a court (a duration).",
         unit_kinds=("duration",)),
    Term("other", "Other", LIGHT_GREY, "A number the classifier could not place."),
)

QUALIFIERS: tuple[Term, ...] = (
    Term("exact", "exact", doc="The number as stated, no qualifier."),
    Term("over", "over", doc="More than the value; no upper bound."),
    Term("about", "about", doc="Approximately the value."),
    Term("nearly", "nearly", doc="Just under the value."),
    Term("up_to", "up to", doc="At most the value; no lower bound."),
    Term("range", "range", doc="Between value_low and value_high."),
    Term("order_of_magnitude", "order of magnitude",
         doc="Only the order is known (tens of millions: 10M to 100M)."),
)

PERIOD_PRECISIONS: tuple[Term, ...] = (
    Term("day", "day"), Term("month", "month"), Term("quarter", "quarter"),
    Term("year", "year"), Term("unknown", "unknown", doc="Stated but not resolvable to dates."),
)

MILESTONE_KINDS: tuple[Term, ...] = (
    Term("hearing", "Hearing or audit", RED, cues={
        "en": ("audit", "hearing", "national assembly", "committee"),
        "nl": ("hoorzitting", "parlement", "kamer"), "ko": ("국정감사", "국감", "청문")}),
    Term("announcement", "Announcement", BLUE, cues={
        "en": ("press conference", "announced", "announce"),
        "nl": ("aangekondigd", "persconferentie"), "ko": ("기자간담회", "발표")}),
    Term("programme", "Programme", GREEN, cues={
        "en": ("project clean", "mystery shopper", "programme", "program", "system to"),
        "nl": ("programma",), "ko": ("프로젝트", "미스터리")}),
    Term("investment", "Investment", ORANGE, cues={
        "en": ("invest",), "nl": ("investe",), "ko": ("투자",)}),
    Term("logistics", "Logistics", TEAL, cues={
        "en": ("logistics", "delivery", "deliveries"),
        "nl": ("levertijd", "bezorgtijd", "postnl", "logistiek"), "ko": ("물류", "배송")}),
    Term("policy", "Policy", PURPLE, cues={
        "en": ("penalt", "sellers", "policy", "rules"),
        "nl": ("verkopers toe", "verwijderd", "beleid", "regels"),
        "ko": ("정책", "제재", "판매자")}),
    Term("market", "Market", BROWN, cues={
        "en": ("market", "singles' day", "acquisition"),
        "nl": ("markt", "singles day"), "ko": ("시장", "광군제")}),
)

MILESTONE_STATUSES: tuple[Term, ...] = (
    Term("announced", "Announced", BLUE),
    Term("in_operation", "In operation", GREEN),
    Term("under_review", "Under review", ORANGE),
    Term("held", "Held", GREY, doc="An event that took place (a hearing, a conference)."),
)

# Where a figure or milestone came from. Whether a person confirmed it is its status.
METHODS: tuple[Term, ...] = (
    Term("rule", "Extracted", doc="Found in the article text by the extractor."),
    Term("manual", "Entered", doc="Entered by a person (seeds/claims.toml); the rules did not "
                                  "find it."),
)

# What a person has said about a figure. Nothing machine-read is ever called verified.
STATUSES: tuple[Term, ...] = (
    Term("machine", "machine-read", ORANGE,
         "Extracted by the rules and not reviewed: check it against the sentence before use."),
    Term("reviewed", "reviewed", GREEN,
         "A person confirmed it (seeds/claims.toml, or a review decision)."),
    Term("rejected", "rejected", LIGHT_GREY,
         "A person said it is not a figure, or not this one; kept for the record, left out of "
         "claims."),
)

# What a figure counts, and who acted, where the text says so.
COUNTED: tuple[Term, ...] = (
    Term("listings", "listings"), Term("stores", "stores or seller accounts"),
    Term("items", "items or goods"), Term("people", "people"), Term("cases", "cases"),
    Term("money", "money"), Term("percent", "percent"), Term("time", "time"),
)
ACTORS: tuple[Term, ...] = (
    Term("platform", "platform", RED), Term("customs", "customs", BURNT_ORANGE),
    Term("police", "police", BLUE), Term("court", "court", INDIGO),
    Term("rights_holder", "rights holder", MID_GREEN), Term("regulator", "regulator", BROWN),
)
# How one figure relates to another in the same sentence.
LINKS: tuple[Term, ...] = (
    Term("before", "before", doc="The earlier value of a change (from X to Y): X."),
    Term("after", "after", doc="The later value of a change: Y; linked_to points at X."),
    Term("converted", "converted",
         doc="The same amount in another currency; linked_to points at the original."),
)

# How a dataset's observation in a claim's window compares with the claim (claims_vs_observed).
VERDICTS: tuple[Term, ...] = (
    Term("consistent", "consistent", MID_GREEN,
         "Within the claim's bounds (scaled for the synthetic sample), give or take the view's "
         "tolerance."),
    Term("below", "below the claim", MID_BLUE, "Fewer than the claim's lower bound."),
    Term("above", "above the claim", DARK_PURPLE, "More than the claim's upper bound."),
    Term("not_covered", "not covered", LIGHT_GREY,
         "The dataset does not cover every day of the window: nothing observed, not zero."),
)

# The windows a milestone's effect is measured over (milestone_windows), light to dark.
EFFECT_WINDOWS: tuple[Term, ...] = (
    Term("7", "7 days", SLATE_LIGHT), Term("30", "30 days", SLATE),
    Term("90", "90 days", SLATE_DARK),
)

ACTIONS: tuple[Term, ...] = (
    Term("listing_removed", "Listing removed", RED, "The listing was taken down."),
    Term("listing_restricted", "Listing restricted", LIGHT_RED,
         "The listing stays up with reduced visibility (demoted, disabled in some regions)."),
    Term("store_warned", "Store warned", LIGHT_ORANGE, "First rung of the penalty ladder."),
    Term("store_suspended", "Store suspended", ORANGE, "The store cannot sell for a time."),
    Term("store_closed", "Store closed", PURPLE, "The store or seller account is terminated."),
    Term("no_action", "Flag dismissed", LIGHT_GREY,
         "A listing was flagged and reviewed, and no action followed (counts in takedown rates)."),
)

STORE_ACTIONS = ("store_warned", "store_suspended", "store_closed")
# Which observed action a claimed metric is checked against (claims_vs_observed).
METRIC_OBSERVED_ACTION = {"removed_listings": "listing_removed", "closed_stores": "store_closed"}

DETECTION_SOURCES: tuple[Term, ...] = (
    Term("mystery_shopper", "Mystery shopper", GREEN, "Test purchases by the platform."),
    Term("rights_holder_notice", "Rights-holder notice", BLUE,
         "Notice from a brand or its agent (DSA: SOURCE_ARTICLE_16)."),
    Term("automated_detection", "Automated detection", GREY,
         "Found by the platform's automated systems."),
    Term("consumer_report", "Consumer report", PINK, "Report from a buyer."),
    Term("regulator_referral", "Regulator referral", BROWN,
         "Referred by an authority or trusted flagger (DSA: SOURCE_TRUSTED_FLAGGER)."),
    Term("platform_review", "Platform review", OLIVE,
         "The platform's own review (DSA: SOURCE_VOLUNTARY without automated detection)."),
)

LANGUAGES: tuple[Term, ...] = (
    Term("en", "English"), Term("nl", "Dutch"), Term("ko", "Korean"),
)


def keys(terms: tuple[Term, ...]) -> tuple[str, ...]:
    return tuple(t.key for t in terms)


def sql_enum(terms: tuple[Term, ...]) -> str:
    """The body of a DuckDB `CREATE TYPE ... AS ENUM (...)` for a vocabulary."""
    return "(" + ", ".join("'" + t.key.replace("'", "''") + "'" for t in terms) + ")"


# Name of each DuckDB ENUM type the schema uses, and the vocabulary it is generated from.
SQL_ENUMS: dict[str, tuple[Term, ...]] = {
    "metric_t": METRICS,
    "qualifier_t": QUALIFIERS,
    "precision_t": PERIOD_PRECISIONS,
    "milestone_kind_t": MILESTONE_KINDS,
    "milestone_status_t": MILESTONE_STATUSES,
    "method_t": METHODS,
    "status_t": STATUSES,
    "counted_t": COUNTED,
    "actor_t": ACTORS,
    "link_t": LINKS,
    "verdict_t": VERDICTS,
    "action_t": ACTIONS,
    "detected_by_t": DETECTION_SOURCES,
}

# Datasets: where a listing row came from. Synthetic data is always this one name.
SYNTHETIC_DATASET = "synthetic-sample"
