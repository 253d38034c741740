"""The project's vocabularies, each declared once.

Every category (metric, qualifier, milestone kind, ...) is one list of `Term`s. The Python
enum-like lookups, the DuckDB ENUM types in the warehouse, the dashboard's labels and colours,
and validation of reviewed claims are all generated from these lists, so adding a term here is
the whole change.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Term:
    key: str
    label: str
    colour: str = "#888888"
    doc: str = ""
    # Classification cues for metrics, by language. A cue is a lower-case substring looked for
    # near a number; Korean cues are stems because Korean attaches particles to words.
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Units that point at this metric on their own (a currency says "money", "days" says "time").
    unit_kinds: tuple[str, ...] = ()


METRICS: tuple[Term, ...] = (
    Term("removed_listings", "Listings removed", "#d62728",
         "Counterfeit or infringing listings/products taken down.",
         {"en": ("removed", "remove", "taken down", "take down", "takedown", "deleted", "delisted"),
          "nl": ("verwijderd", "verwijder", "offline gehaald"),
          "ko": ("삭제", "제거", "차단")}, ()),
    Term("closed_stores", "Stores closed", "#9467bd",
         "Seller stores or accounts closed or banned.",
         {"en": ("stores have been closed", "stores closed", "closed", "shut", "banned",
                 "terminated"),
          "nl": ("gesloten", "geblokkeerd"),
          "ko": ("폐쇄", "퇴출", "정지")}, ()),
    Term("seized_items", "Items seized", "#e6550d",
         "Counterfeit goods seized, intercepted, detained or destroyed by customs, police or "
         "a platform."),
    Term("seized_value", "Value seized", "#fd8d3c",
         "Money value of seized or counterfeit goods.", unit_kinds=("currency",)),
    Term("enforcement_cases", "Enforcement cases", "#843c39",
         "Cases, raids, investigations, arrests, suspects, prosecutions, convictions, lawsuits, "
         "referrals."),
    Term("notices_received", "Notices received", "#3182bd",
         "Reports, notices and takedown requests from rights holders or consumers."),
    Term("anti_counterfeit_budget", "Anti-counterfeit budget", "#1f77b4",
         "Money committed to fighting counterfeits (e.g. Project Clean).",
         {"en": ("counterfeit", "eradicate", "project clean", "intellectual property",
                 "brand protection"),
          "nl": ("namaak", "nep"),
          "ko": ("가품", "짝퉁", "위조", "클린")}, ("currency",)),
    Term("logistics_investment", "Logistics investment", "#17becf",
         "Money invested in logistics or delivery.",
         {"en": ("logistics", "delivery system", "warehouse"),
          "nl": ("logistiek", "distributiecentr"),
          "ko": ("물류", "배송")}, ("currency",)),
    Term("delivery_time", "Delivery time", "#2ca02c",
         "Time from order to delivery.",
         {"en": ("delivery", "deliver", "shipping"),
          "nl": ("levertijd", "bezorgtijd", "in huis", "geleverd"),
          "ko": ("배송", "도착")}, ("duration",)),
    Term("parcels_handled", "Parcels handled", "#8c564b",
         "Parcels, boxes or orders processed by a carrier.",
         {"en": ("boxes", "parcels", "packages", "processed", "shipments"),
          "nl": ("pakketten", "pakjes", "zendingen"),
          "ko": ("박스", "상자", "택배", "물량")}, ()),
    Term("orders", "Orders", "#bcbd22",
         "Orders placed by customers.",
         {"en": ("orders",), "nl": ("orders", "bestellingen"), "ko": ("주문",)}, ()),
    Term("customers", "Customers", "#e377c2",
         "Buyers or customers using the platform.",
         {"en": ("customers", "consumers", "buyers", "users"),
          "nl": ("klanten", "kopers", "consumenten"),
          "ko": ("고객", "소비자", "이용자", "명")}, ()),
    Term("stores_on_platform", "Stores on the platform", "#7f7f7f",
         "Stores or sellers active on the platform.",
         {"en": ("stores", "sellers", "merchants", "shops"),
          "nl": ("winkels", "verkopers", "shops"),
          "ko": ("판매자", "셀러", "상점")}, ()),
    Term("products_on_platform", "Products on the platform", "#aec7e8",
         "Products or listings offered on the platform.",
         {"en": ("products", "items", "listings", "articles"),
          "nl": ("producten", "artikelen"),
          "ko": ("상품", "제품")}, ()),
    Term("brands_protected", "Brands protected", "#ffbb78",
         "Brands enrolled in brand-protection programmes.",
         {"en": ("brands",), "nl": ("merken",), "ko": ("브랜드",)}, ()),
    Term("sales", "Sales", "#ff7f0e",
         "Revenue or gross merchandise value.",
         {"en": ("sales", "revenue", "turnover", "gmv"),
          "nl": ("omzet", "verkoop"),
          "ko": ("매출", "거래액")}, ("currency",)),
    Term("share_percent", "Share", "#31a354", "A share of a whole, in percent.",
         unit_kinds=("percent",)),
    Term("growth_rate", "Growth rate", "#98df8a",
         "Growth expressed as a percentage.",
         {"en": ("growth", "increased", "grew", "rise"),
          "nl": ("groei", "gestegen", "toegenomen"),
          "ko": ("성장", "증가")}, ("percent",)),
    Term("response_time", "Response time", "#756bb1",
         "Time to act on a notice or report.", unit_kinds=("duration",)),
    Term("fines_penalties", "Fines and damages", "#636363",
         "Fines, damages and other money amounts imposed by courts or regulators.",
         unit_kinds=("currency",)),
    Term("prison_sentence", "Prison sentences", "#393b79",
         "Prison or suspended sentences imposed by a court (a duration).",
         unit_kinds=("duration",)),
    Term("other", "Other", "#c7c7c7", "A number the classifier could not place."),
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
    Term("hearing", "Hearing or audit", "#d62728", cues={
        "en": ("audit", "hearing", "national assembly", "committee"),
        "nl": ("hoorzitting", "parlement", "kamer"), "ko": ("국정감사", "국감", "청문")}),
    Term("announcement", "Announcement", "#1f77b4", cues={
        "en": ("press conference", "announced", "announce"),
        "nl": ("aangekondigd", "persconferentie"), "ko": ("기자간담회", "발표")}),
    Term("programme", "Programme", "#2ca02c", cues={
        "en": ("project clean", "mystery shopper", "programme", "program", "system to"),
        "nl": ("programma",), "ko": ("프로젝트", "미스터리")}),
    Term("investment", "Investment", "#ff7f0e", cues={
        "en": ("invest",), "nl": ("investe",), "ko": ("투자",)}),
    Term("logistics", "Logistics", "#17becf", cues={
        "en": ("logistics", "delivery", "deliveries"),
        "nl": ("levertijd", "bezorgtijd", "postnl", "logistiek"), "ko": ("물류", "배송")}),
    Term("policy", "Policy", "#9467bd", cues={
        "en": ("penalt", "sellers", "policy", "rules"),
        "nl": ("verkopers toe", "verwijderd", "beleid", "regels"),
        "ko": ("정책", "제재", "판매자")}),
    Term("market", "Market", "#8c564b", cues={
        "en": ("market", "singles' day", "acquisition"),
        "nl": ("markt", "singles day"), "ko": ("시장", "광군제")}),
)

MILESTONE_STATUSES: tuple[Term, ...] = (
    Term("announced", "Announced", "#1f77b4"),
    Term("in_operation", "In operation", "#2ca02c"),
    Term("under_review", "Under review", "#ff7f0e"),
    Term("held", "Held", "#7f7f7f", doc="An event that took place (a hearing, a conference)."),
)

METHODS: tuple[Term, ...] = (
    Term("rule", "Rule-based extraction", doc="Found by the extractor; not reviewed by a person."),
    Term("reviewed", "Reviewed", doc="Entered in seeds/claims.toml by a person."),
)

ACTIONS: tuple[Term, ...] = (
    Term("listing_removed", "Listing removed", "#d62728", "The listing was taken down."),
    Term("listing_restricted", "Listing restricted", "#ff9896",
         "The listing stays up with reduced visibility (demoted, disabled in some regions)."),
    Term("store_warned", "Store warned", "#ffbb78", "First rung of the penalty ladder."),
    Term("store_suspended", "Store suspended", "#ff7f0e", "The store cannot sell for a time."),
    Term("store_closed", "Store closed", "#9467bd", "The store or seller account is terminated."),
    Term("no_action", "Flag dismissed", "#c7c7c7",
         "A listing was flagged and reviewed, and no action followed (counts in takedown rates)."),
)

STORE_ACTIONS = ("store_warned", "store_suspended", "store_closed")
# Which observed action a claimed metric is checked against (claims_vs_observed).
METRIC_OBSERVED_ACTION = {"removed_listings": "listing_removed", "closed_stores": "store_closed"}

DETECTION_SOURCES: tuple[Term, ...] = (
    Term("mystery_shopper", "Mystery shopper", "#2ca02c", "Test purchases by the platform."),
    Term("rights_holder_notice", "Rights-holder notice", "#1f77b4",
         "Notice from a brand or its agent (DSA: SOURCE_ARTICLE_16)."),
    Term("automated_detection", "Automated detection", "#7f7f7f",
         "Found by the platform's automated systems."),
    Term("consumer_report", "Consumer report", "#e377c2", "Report from a buyer."),
    Term("regulator_referral", "Regulator referral", "#8c564b",
         "Referred by an authority or trusted flagger (DSA: SOURCE_TRUSTED_FLAGGER)."),
    Term("platform_review", "Platform review", "#bcbd22",
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
    "action_t": ACTIONS,
    "detected_by_t": DETECTION_SOURCES,
}

# Datasets: where a listing row came from. Synthetic data is always this one name.
SYNTHETIC_DATASET = "synthetic-sample"
# Platforms: the marketplace a row is about. The synthetic sample is calibrated on
# AliExpress's claims, so its rows are AliExpress's; your own data without a platform column
# gets --platform-name, by default this one.
SAMPLE_PLATFORM = "AliExpress"
DEFAULT_PLATFORM_NAME = "unknown"
