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
    # Cues by language: lemmas (English, Dutch) or morphemes (Korean). "word*" also matches
    # words that start with it, "*word" compounds that end with it (webwinkel, verkopersaccount),
    # "=word" only that exact form ("=accounts", not the verb "accounted"), and a phrase is
    # lemmas joined by spaces ("take down", "in beslag").
    cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # The unit kinds a metric can have (a currency says money, days say time); empty: counts.
    unit_kinds: tuple[str, ...] = ()


# Metrics. Enforcement metrics are decided mostly by what was done (ACTS below) to what was
# counted (COUNTED); a metric's own cues are the nouns that name it when no act does
# ("a budget of", "2.3 million customers").
METRICS: tuple[Term, ...] = (
    Term("removed_listings", "Listings removed", RED,
         "Listings taken down, delisted or blocked from going live."),
    Term("closed_stores", "Stores closed", PURPLE,
         "Stores or seller accounts closed, banned or suspended."),
    Term("seized_items", "Items seized", BURNT_ORANGE,
         "Counterfeit goods seized, intercepted, detained or destroyed by customs, police or "
         "a platform."),
    Term("seized_value", "Value seized", SAND,
         "Money value of seized or counterfeit goods.",
         {"en": ("value", "worth", "valued", "msrp", "retail value", "street value",
                 "market value", "genuine", "retail price", "suggested retail", "put at"),
          "nl": ("waarde", "straatwaarde", "winkelwaarde", "*waarde", "waard"),
          "ko": ("시가", "상당", "정품가", "정품 가", "가액", "정품 가격", "어치", "정품 이")},
         ("currency",)),
    Term("enforcement_cases", "Enforcement cases", DARK_BROWN,
         "Cases, raids, investigations, arrests, suspects, prosecutions, convictions, lawsuits, "
         "referrals."),
    Term("notices_received", "Notices received", MID_BLUE,
         "Reports, notices and takedown requests from rights holders or consumers."),
    Term("anti_counterfeit_budget", "Anti-counterfeit budget", BLUE,
         "Money committed to fighting counterfeits (e.g. Project Clean).",
         # nouns only: the funding verbs are the `fund` act, whose money is a budget only
         # when it is against fakes (classify._investment)
         {"en": ("budget", "fund", "funding", "grant", "project clean"),
          "nl": ("budget", "*budget", "financiering", "subsidie", "bijdrage"),
          "ko": ("예산", "사업비", "기금")},
         ("currency",)),
    Term("logistics_investment", "Logistics investment", TEAL,
         "Money invested in logistics or delivery.",
         {"en": ("logistics", "delivery system", "warehouse", "distribution centre",
                 "fulfilment"),
          "nl": ("logistiek", "distributiecentrum", "*magazijn"),
          "ko": ("물류", "물류센터", "배송")}, ("currency",)),
    Term("delivery_time", "Delivery time", GREEN, "Time from order to delivery.",
         {"en": ("delivery", "deliver", "shipping", "arrive"),
          "nl": ("levertijd", "bezorgtijd", "in huis", "geleverd", "leveren", "bezorgen"),
          "ko": ("배송", "도착")}, ("duration",)),
    Term("parcels_handled", "Parcels handled", BROWN,
         "Parcels, boxes or orders processed by a carrier or customs.",
         {"en": ("parcel", "package", "shipment", "consignment", "declaration", "mail item",
                 "postal item"),
          "nl": ("pakket", "pakketje", "zending", "aangifte", "postpakket", "*aangifte"),
          "ko": ("택배", "소포", "물량", "통관 건수", "수입 건수", "처리", "통관")}),
    Term("orders", "Orders", OLIVE, "Orders placed by customers.",
         {"en": ("order",), "nl": ("order", "bestelling"), "ko": ("주문",)}),
    Term("customers", "Customers", PINK, "Buyers or customers using the platform.",
         {"en": ("customer", "consumer", "buyer", "user", "shopper", "visitor"),
          "nl": ("klant", "koper", "consument", "gebruiker", "bezoeker"),
          "ko": ("고객", "소비자", "이용자", "구매자", "회원", "가입자")}),
    Term("stores_on_platform", "Stores on the platform", GREY,
         "Stores or sellers active on the platform.",
         {"en": ("store", "seller", "merchant", "shop", "vendor"),
          "nl": ("winkel", "verkoper", "shop", "*winkel", "handelaar", "verkooppartner"),
          "ko": ("판매자", "셀러", "상점", "입점업체", "입점 업체")}),
    Term("products_on_platform", "Products on the platform", LIGHT_BLUE,
         "Products or listings offered on the platform.",
         {"en": ("product", "item", "listing", "article"),
          "nl": ("product", "artikel", "advertentie"),
          "ko": ("상품", "제품")}),
    Term("brands_protected", "Brands protected", LIGHT_ORANGE,
         "Brands enrolled in brand-protection programmes.",
         {"en": ("brand", "rights owner", "rights holder", "brand owner"),
          "nl": ("merk", "merken", "merkhouder", "rechthebbende", "merkeigenaar"),
          "ko": ("브랜드", "권리자")}),
    Term("sales", "Sales", ORANGE, "Revenue or gross merchandise value.",
         {"en": ("sale", "sales", "revenue", "turnover", "gmv", "sell"),
          "nl": ("omzet", "verkoop", "verkopen"),
          "ko": ("매출*", "거래액", "판매액", "판매량", "판매*")}, ("currency",)),
    Term("share_percent", "Share", MID_GREEN, "A share of a whole, in percent.",
         unit_kinds=("percent",)),
    Term("growth_rate", "Growth rate", LIGHT_GREEN, "A change over time, in percent.",
         unit_kinds=("percent",)),
    Term("response_time", "Response time", DARK_PURPLE,
         "Time to act on a notice or report.",
         {"en": ("respond", "response", "handle", "process", "act", "review"),
          "nl": ("reageren", "afhandelen", "behandelen", "reactietijd", "doorlooptijd",
                 "afhandeltijd", "behandeltijd"),
          "ko": ("처리", "조치", "대응")}, ("duration",)),
    Term("fines_penalties", "Fines and damages", DARK_GREY,
         "Fines, damages, confiscation and other money amounts imposed by courts or "
         "regulators."),
    Term("prison_sentence", "Prison sentences", INDIGO,
         "Prison or suspended sentences imposed by a court (a duration)."),
    Term("other", "Other", LIGHT_GREY, "A figure none of the others fits, or an unsure one."),
)

# What was done: an act decides an enforcement figure's metric together with what it counts
# ("removed 977,151 products" is removals, not the catalogue). Verbs and their nominalisations.
ACTS: tuple[Term, ...] = (
    Term("remove", "removed", cues={
        "en": ("remove", "removal", "take down", "takedown", "take-down", "delist", "block",
               "pull", "delete", "deletion", "take offline", "scrub", "unlist",
               "prevent from go live", "stop from go live", "disable", "deactivate",
               "turn away"),
        "nl": ("verwijderen", "verwijderd", "verwijdering", "offline halen", "offline",
               "blokkeren", "geblokkeerd", "weghalen", "uit de lucht halen", "uit de lucht",
               "offline gehaald", "uit de lucht gehaald", "*verwijdering",
               "tegenhouden", "tegengehouden", "weren", "geweerd", "verdwijnen",
               "verdween", "verdwenen", "schrappen", "geschrapt"),
        "ko": ("삭제", "차단", "중지", "게시 중단", "제거", "내리", "판매 중지", "판매 금지",
               "노출 중단", "비활성", "비공개", "제재", "조치", "걸러내", "걸러", "거르", "퇴출",
               "막")}),
    Term("close", "closed", cues={
        "en": ("close", "closure", "shut", "shut down", "ban", "suspend", "suspension",
               "terminate", "termination", "kick off", "expel", "bar", "revoke",
               "take offline"),
        "nl": ("sluiten", "gesloten", "sluiting", "schorsen", "geschorst", "schorsing",
               "opheffen", "opgeheven", "verbannen", "weren", "blokkeren", "uit de lucht",
               "offline halen", "verwijderen", "platleggen", "platgelegd", "offlinehalen",
               "stilleggen", "stilgelegd", "afsluiten", "afgesloten", "dicht", "dichtgaan",
               "onbereikbaar", "op zwart"),
        "ko": ("폐쇄", "퇴출", "정지", "영구 정지", "계정 정지", "영업 정지", "차단", "제명",
               "삭제")}),
    Term("seize", "seized", cues={
        "en": ("seize", "seizure", "intercept", "interception", "detain", "detention",
               "confiscate", "confiscation", "destroy", "destruction", "impound", "retain",
               "take off the market", "haul", "recover", "stop at the border", "find",
               "discover", "uncover", "catch", "net", "stop", "turn up", "hold at the border",
               "held at the border", "recycle", "cart away", "keep off the market"),
        "nl": ("in beslag", "beslag", "inbeslagname", "inbeslagneming", "beslaglegging",
               "uit de handel", "uit de roulatie",
               "onderscheppen", "onderschept", "onderschepping", "vernietigen", "vernietigd",
               "vernietiging", "tegenhouden", "tegengehouden", "aantreffen", "aangetroffen",
               "vangst", "vinden", "gevonden", "ontdekken", "*vangst", "confisqueren", "trof",
               "treffen",
               "vaststellen", "vastgesteld", "vaststelling", "van de markt halen",
               "van de markt gehaald", "van de markt", "recyclen", "gerecycled"),
        "ko": ("압수", "압류", "적발", "폐기", "통관 보류", "보류", "몰수", "회수", "단속",
               "반송", "수거", "적발 건수", "걸리", "찾아내", "찾아냈")}),
    Term("arrest", "arrested, charged or sued", cues={
        "en": ("arrest", "charge", "prosecute", "prosecution", "convict", "conviction",
               "indict", "indictment", "raid", "investigate", "investigation", "sue",
               "lawsuit", "refer", "referral", "suspect", "detain", "case", "apprehend",
               "sentence", "plead guilty", "defendant", "search", "dismantle",
               "bust", "break up", "crack down", "identify", "sanction", "penalise",
               "penalize", "take action against", "enforce against", "act against",
               "offence", "offense", "cease and desist", "warning letter", "warning notice",
               "report to prosecutors", "report to the prosecutor", "report to the prosecutors"),
        "nl": ("aanhouden", "aangehouden", "aanhouding", "arresteren", "gearresteerd",
               "arrestatie", "oppakken", "opgepakt", "vervolgen", "vervolging", "veroordelen",
               "veroordeeld", "veroordeling", "doorzoeken", "doorzoeking", "inval",
               "onderzoek", "verdachte", "zaak", "aanklagen", "aanklacht", "dagvaarden",
               "proces-verbaal", "inbreuk", "verdacht", "verdenken", "deed aangifte",
               "aangifte doen", "aangifte gedaan", "aangiftes", "rechtszaak", "voorgeleid",
               "eisen", "eiste", "geëist", "oprollen", "opgerold", "doorverwijzen",
               "doorverwezen", "doorverwijzing", "ontmantelen", "ontmanteld", "oppakken",
               "opsporen", "opgespoord", "sanctie", "sanctioneren", "opleggen",
               "voor de rechter dagen", "voor de rechter gedaagd", "gedaagd",
               "aangegeven bij justitie", "bij justitie aangegeven",
               "aangegeven bij het openbaar ministerie"),
        "ko": ("검거", "입건", "구속", "기소", "송치", "체포", "수사", "고발", "소송", "피의자",
               "피고인", "재판", "불구속", "형사 입건", "붙잡", "붙잡히", "형사처벌")}),
    Term("notify", "reported or notified", cues={
        "en": ("notice", "notification", "report", "complaint", "request", "receive",
               "submit", "flag", "takedown request", "takedown notice", "tip", "alert",
               "take-down notice", "take-down request"),
        "nl": ("melding", "klacht", "verzoek", "ontvangen", "melden", "meldpunt", "tip",
               "signaal", "*melding"),
        "ko": ("신고", "접수", "제보", "요청", "민원", "신고 건수")}),
    Term("fine", "fined or ordered to pay", cues={
        "en": ("fine", "penalty", "damages", "compensation", "forfeit", "forfeiture",
               "restitution", "pay", "order to pay", "confiscation order",
               "disgorge", "settlement"),
        "nl": ("boete", "schadevergoeding", "ontneming", "ontnemen", "dwangsom", "betalen",
               "verbeurdverklaring", "geldboete", "*boete", "boetebedrag", "schikking",
               "vergoeding",
               "vergoeden", "verbeurd", "verbeurd verklaren", "afdragen"),
        "ko": ("벌금", "과징금", "손해배상", "배상", "추징", "추징금", "과태료", "배상금",
               "위자료", "몰수")}),
    Term("award", "awarded (damages by a court, grants by a government)", cues={
        "en": ("award", "grant", "hand", "receive"),
        "nl": ("toekennen", "toegekend", "ontvangen", "krijgen"),
        "ko": ("지급", "받")}),
    Term("imprison", "sentenced to prison", cues={
        "en": ("prison", "jail", "imprisonment", "incarceration", "custodial",
               "suspended sentence", "behind bars", "imprison", "sentence", "term",
               "prison term", "serve"),
        "nl": ("gevangenisstraf", "celstraf", "cel", "gevangenis", "voorwaardelijk",
               "onvoorwaardelijk", "*celstraf", "*gevangenisstraf", "jeugddetentie",
               "hechtenis", "*hechtenis"),
        "ko": ("징역", "집행유예", "실형", "금고", "유예")}),
    Term("fund", "budgeted or invested", cues={
        "en": ("budget", "fund", "funding", "invest", "investment", "allocate", "earmark",
               "spend", "commit", "grant", "set aside", "pledge", "give", "provide",
               "put into", "put", "inject", "finance", "contribute", "contribution"),
        "nl": ("budget", "investeren", "investering", "financiering", "subsidie",
               "uittrekken", "trekken", "*budget", "vrijmaken", "vrijgemaakt", "bijdrage",
               "begroting",
               "steken", "staken", "stak", "besteden", "uitgeven", "bijdragen", "dragen",
               "droeg", "opzijzetten", "opzij zetten"),
        "ko": ("예산", "투입", "투자", "편성", "출연", "기금", "사업비", "배정", "쓰", "지원",
               "들이", "쏟아붓")}),
    Term("sell", "sold", cues={
        "en": ("sell", "sale", "sales", "revenue", "turnover", "gmv", "make and sell",
               "distribute", "trade"),
        "nl": ("verkopen", "verkocht", "verkoop", "omzet", "verhandelen", "verhandeld",
               "afzetten"),
        "ko": ("판매", "매출", "유통", "팔", "거래", "판매량", "판매액", "매출액")}),
    # goods bought (a test purchase, a mystery shopper) are neither a catalogue nor a seizure
    Term("buy", "bought", cues={
        "en": ("buy", "purchase", "test purchase", "test-purchase"),
        "nl": ("kopen", "gekocht", "aankopen", "aanschaffen", "proefaankoop"),
        "ko": ("구매", "구입", "사들이")}),
    Term("change", "changed", cues={
        "en": ("rise", "fall", "increase", "decrease", "grow", "growth", "drop", "decline",
               "jump", "climb", "surge", "soar", "plunge", "slump", "up", "down", "gain",
               "shrink", "double", "year on year", "year-on-year", "compare", "compared",
               "higher", "lower", "more than the year before", "go up", "go down", "rose",
               "fell", "grew", "dropped", "rising", "falling", "halve", "triple", "an increase",
               "a fall", "slid", "slipped", "tumbled", "reduce", "slash"),
        "nl": ("stijgen", "gestegen", "steeg", "dalen", "gedaald", "daalde", "toenemen",
               "toegenomen", "afnemen", "afgenomen", "groeien", "gegroeid", "groei",
               "stijging", "daling", "toename", "afname", "hoger", "lager",
               "verdubbelen", "ten opzichte", "nam toe", "nam af", "toe_nemen", "afnemen",
               "oplopen", "opgelopen", "liep op", "teruglopen", "teruggelopen", "halveren",
               "gehalveerd", "verdrievoudigd", "verdubbeld", "kelderen", "gekelderd",
               "verminderen", "verminderd"),
        "ko": ("증가", "감소", "늘", "줄", "급증", "급감", "상승", "하락", "증가율", "대비",
               "감소율", "늘어나", "줄어들", "뛰", "불어나", "불", "확대", "축소")}),
    Term("share", "a share of", cues={
        "en": ("account", "share", "make up", "proportion", "percentage", "rate", "of all",
               "of the", "of total", "come from", "originate", "represent", "majority"),
        "nl": ("aandeel", "goed voor", "kwam", "komen", "afkomstig", "procent van",
               "deel", "van de", "van alle", "vertegenwoordigen", "herkomst"),
        "ko": ("비중", "차지", "중", "가운데", "비율", "점유율", "전체", "의")}),
)
# Stock metrics count a platform's catalogue, sellers or protected brands: without these words
# near, "47 products" or "58 brands" are some products and brands, not the platform's (other).
STOCK_CONTEXTS: tuple[Term, ...] = (
    Term("platform", "a platform", cues={
        "en": ("platform", "marketplace", "e-commerce", "ecommerce", "catalogue", "catalog",
               "assortment", "registry"),
        "nl": ("platform", "marktplaats", "assortiment", "catalogus", "webwinkelplatform"),
        "ko": ("플랫폼", "오픈마켓", "쇼핑몰", "입점")}),
    Term("platform_name", "a platform by name", cues={
        "en": ("amazon", "aliexpress", "alibaba", "ebay", "taobao", "tmall", "temu", "coupang",
               "naver", "shopee", "etsy", "online", "website", "site", "app", "store"),
        "nl": ("bol.com", "amazon", "aliexpress", "alibaba", "online", "website", "site", "app",
               "webwinkel", "webshop"),
        "ko": ("알리익스프레스", "알리", "테무", "쿠팡", "네이버", "11번가", "지마켓", "온라인",
               "앱", "사이트")}),
    Term("anti_counterfeit", "against fakes", cues={
        "en": ("counterfeit", "fake", "piracy", "intellectual property", "ip", "brand protection",
               "protect", "protection", "enforcement", "fight", "combat", "eradicate", "crime",
               "police", "unit", "infringement", "abuse", "fraud", "trademark", "project clean",
               "knock-off", "knockoff", "raid", "crackdown"),
        "nl": ("namaak", "nep", "namaakbestrijding", "bestrijding", "bescherming", "beschermen",
               "handhaving", "piraterij", "criminaliteit", "fraude", "merkenrecht",
               "intellectueel eigendom", "*namaak", "bestrijden", "aanpak", "eenheid",
               "controle", "toezicht", "douane", "opsporing", "politie"),
        "ko": ("가품", "위조", "짝퉁", "근절", "보호", "단속", "지식재산", "지식재산권", "지재권",
               "모조품", "침해", "위조품", "클린", "대응")}),
    Term("fake_goods", "counterfeit goods", cues={
        "en": ("counterfeit", "fake", "knock-off", "knockoff", "replica", "imitation", "pirated",
               "bogus", "infringe", "infringing", "stolen and counterfeit", "genuine"),
        "nl": ("namaak", "nep", "vervalst", "merkvervalst", "nagemaakt", "imitatie", "*namaak",
               "namaakartikel", "namaakproduct", "namaakspullen", "nepmerk*", "namaak*", "echt"),
        "ko": ("가품", "위조", "짝퉁", "모조품", "위조품", "가짜", "모조", "위조 상품",
               "가짜 상품")}),
    Term("holds", "has, lists or offers", cues={
        "en": ("have", "has", "list", "offer", "host", "carry", "feature", "count", "boast",
               "available", "registered", "enrol", "active", "on offer", "catalogue"),
        "nl": ("hebben", "heeft", "bevatten", "bevat", "tellen", "telt", "aanbieden",
               "aangeboden", "staan", "actief", "toegang", "assortiment", "ingeschreven"),
        "ko": ("보유", "등록", "입점", "운영", "판매 중", "갖추", "올라", "활동")}),
    Term("protection", "brand protection", cues={
        "en": ("protect", "protection", "enrol", "enroll", "register", "registry",
               "programme", "program", "join", "partner", "member", "monitor", "monitoring",
               "alliance", "coalition", "represent", "on behalf of"),
        "nl": ("beschermen", "bescherming", "merkbescherming", "aanmelden", "aangemeld",
               "programma", "registreren", "deelnemen", "lid", "monitoren", "bewaken",
               "alliantie", "vertegenwoordigen", "vertegenwoordigt", "namens"),
        "ko": ("보호", "등록", "가입", "프로그램", "참여", "협력", "감시", "모니터링", "회원사",
               "동맹")}),
)
# Stock counts are the platform's when a platform word is in the sentence or its paragraph
# ("We zijn een platform. Met ruim tienduizend winkels ..."), or a stock verb ("lists", "bevat",
# 등록된) goes with a platform's name ("AliExpress lists 100 million products"). A name alone
# is not enough: "the GAO bought 47 products on Amazon" are not Amazon's catalogue.
METRIC_NEEDS_CONTEXT = {"products_on_platform": "platform", "stores_on_platform": "platform",
                        "brands_protected": "protection"}

# Words that make a change a fall: the value of a growth_rate gets a minus sign.
DECREASE_CUES: dict[str, tuple[str, ...]] = {
    "en": ("fall", "decrease", "drop", "decline", "down", "plunge", "slump", "shrink", "lower",
           "less", "cut", "reduce", "reduction", "dip", "sink", "slid", "slipped", "tumbled",
           "slash"),
    "nl": ("dalen", "gedaald", "daalde", "afnemen", "afgenomen", "daling", "afname", "lager",
           "minder", "krimp", "krimpen", "teruglopen", "teruggelopen", "terug", "kelderen",
           "gekelderd", "verminderen", "verminderd"),
    # (not "gezakt": cues are read as lemmas, and its lemma is the plural "zakken", bags)
    "ko": ("감소", "줄", "급감", "하락", "줄어들", "축소", "감소율"),
}

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
    Term("day", "day"), Term("week", "week"), Term("month", "month"),
    Term("quarter", "quarter"),
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

# Places searched count searches ("raided 12 premises", "in drie loodsen trof de FIOD ...
# aan"), but only where the sentence says what was done there: "the company runs 200
# warehouses" counts no search.
SEARCHED_PLACES = {
    "en": ("premises", "warehouse", "storage unit", "lock-up", "address", "home",
           "market stall", "stall"),
    "nl": ("loods", "*loods", "opslagbox", "opslagruimte", "adres", "pand", "*pand", "woning",
           "kraam", "*kraam"),
    "ko": ("창고", "주거지", "사무실")}

# What a figure counts, and who acted, where the text says so.
COUNTED: tuple[Term, ...] = (
    Term("listings", "listings", cues={
        "en": ("listing", "offer", "ad", "advert", "advertisement", "post", "link",
               "product page", "page", "url", "video", "livestream", "*listing"),
        "nl": ("advertentie", "aanbieding", "productpagina", "vermelding", "link", "bericht",
               "*advertentie", "post", "aanbod"),
        "ko": ("게시물", "게시글", "판매글", "판매 게시물", "링크", "리스팅", "게시*", "콘텐츠",
               "판매 페이지", "광고")}),
    Term("stores", "stores or seller accounts", cues={
        "en": ("store", "shop", "seller", "merchant", "=accounts", "website", "site", "domain",
               "vendor", "storefront", "seller account", "selling account", "web shop", "webshop",
               "*store", "*shop", "page", "profile", "selling privilege", "selling permission"),
        "nl": ("winkel", "webwinkel", "verkoper", "account", "website", "domeinnaam", "aanmelding",
               "profiel", "site", "webshop", "*winkel", "*account", "*site", "domein", "handelaar",
               "*verkoper", "*shop"),
        "ko": ("판매자", "셀러", "상점", "계정", "업체", "입점업체", "사이트", "쇼핑몰", "곳",
               "스토어", "개사", "개소", "*몰", "도메인")}),
    Term("items", "items or goods", cues={
        "en": ("item", "product", "good", "goods", "article", "piece", "counterfeit",
               "fake", "bag", "handbag", "watch", "shoe", "sneaker", "pair", "bottle", "box",
               "toy", "cigarette", "pack", "garment", "clothing", "perfume", "cosmetic",
               "medicine", "pill", "part", "component", "device", "phone", "charger", "dose",
               "tablet", "capsule", "vial",
               "cable", "label", "sticker", "copy", "replica", "imitation", "figure", "set",
               "brick", "kit", "card", "jewel", "jewellery", "accessory", "cd", "dvd"),
        "nl": ("product", "artikel", "goed", "goederen", "stuk", "namaak", "tas", "horloge",
               "schoen", "fles", "doos", "pakje", "sigaret", "kledingstuk", "kleding",
               "parfum", "medicijn", "pil", "onderdeel", "namaakgoed", "*product", "*artikel",
               "*goed", "*goederen", "*tas", "*horloge", "*schoen", "*sigaret", "*kleding",
               "speelkaart", "*kaart", "cd", "dvd", "sieraad", "*stuk", "exemplaar", "paar",
               "sneaker", "*sneaker", "*kleding", "horloges", "*waar"),
        "ko": ("점", "개", "켤레", "병", "상자", "박스", "물품", "제품", "상품", "가방",
               "위조품", "위조 상품", "짝퉁", "가품", "*제품", "*품", "의류", "신발", "시계",
               "화장품", "의약품", "담배", "장난감", "완구", "부품", "정", "벌", "족")}),
    Term("people", "people", cues={
        "en": ("people", "person", "suspect", "man", "woman", "individual", "defendant",
               "member", "citizen", "national", "operator", "criminal", "offender",
               "counterfeiter", "trader", "smuggler", "courier", "employee", "staff", "worker",
               "bad actor", "accomplice", "ringleader", "co-defendant"),
        "nl": ("persoon", "personen", "verdachte", "man", "vrouw", "mensen", "mannen",
               "vrouwen", "lid", "verdachten"),
        "ko": ("명", "피의자", "피고인", "사람", "일당", "조직원")}),
    Term("cases", "cases", cues={
        "en": ("case", "investigation", "raid", "lawsuit", "prosecution", "incident",
               "seizure", "detention", "interception", "confiscation", "infringement",
               "operation", "proceeding", "action", "inspection", "dispute",
               "conviction", "arrest", "charge", "complaint", "notice", "report", "request",
               "shipment", "consignment", "import", "suit", "network", "gang", "ring", "syndicate",
               "flag", "parcel", "package", "container", "pallet", "intervention",
               "indictment", "offence", "offense", "occasion", "factory",
               *SEARCHED_PLACES["en"]),
        "nl": ("zaak", "geval", "gevallen", "onderzoek", "inval", "inbreuk", "vaststelling",
               "zending", "melding",
               "pakket", "pakketje", "container", "pallet", "onderschepping",
               "inbeslagneming", "beslaglegging",
               "klacht", "verzoek", "procedure", "*zaak", "inbeslagname", "actie",
               "doorzoeking", "controle", "*controle", "netwerk", "bende", "*bende", "*netwerk",
               "dossier", "*dossier", "signaal", "overtreding", "proces-verbaal", "fabriek",
               "*fabriek", "laboratorium", "*laboratorium", "lab",
               *SEARCHED_PLACES["nl"]),
        "ko": ("건", "사건", "건수", "신고", "조직", *SEARCHED_PLACES["ko"])}),
    Term("money", "money"), Term("percent", "percent"), Term("time", "time"),
)
# Sentences served outside prison ("240 uur werkstraf", "three years of supervised release"):
# as the head of a duration they make it `other`, not a prison sentence.
NON_CUSTODIAL: tuple[Term, ...] = (
    Term("non_custodial", "community service and supervision", cues={
        "en": ("community service", "supervised release", "probation", "unpaid work"),
        "nl": ("werkstraf", "taakstraf", "*werkstraf", "*taakstraf", "proeftijd",
               "leerstraf"),
        "ko": ("사회봉사", "보호관찰", "수강", "봉사")}),
)
# Nouns that count who took part or where, not what was done, and weights: as a number's head
# noun they make it a context figure (`other`) whatever act is near ("police in 111 countries
# arrested 237 people", "200 agencies took part", "8개국, 19개 플랫폼", "500 ton").
CONTEXT_COUNTS: tuple[Term, ...] = (
    Term("participants", "countries, agencies and other participants", cues={
        "en": ("country", "nation", "agency", "organisation", "organization",
               "participant", "authority", "jurisdiction", "department", "partner",
               "category", "type", "model", "platform", "signatory", "team", "unit",
               "marketplace", "place", "location", "city", "entry point", "port",
               "province", "region", "shopping site", "shopping website", "product line"),
        "nl": ("land", "landen", "instantie", "organisatie", "deelnemer", "team",
               "lidstaat", "partner", "categorie", "soort", "ondertekenaar",
               "platform", "plaats", "locatie", "stad", "dienst", "opsporingsdienst",
               "provincie", "regio", "productlijn"),
        "ko": ("개국", "국가", "기관", "종", "플랫폼", "품목", "종류", "팀")}),
    # the people who enforce, report or testify are not enforcement: "19 officers", "1,800
    # staff work on IP enforcement", "zo'n tachtig douaniers werkten mee", "단속 인력 40명"
    Term("personnel", "officers, staff and other people who act", cues={
        "en": ("officer", "agent", "inspector", "investigator", "employee", "staff",
               "volunteer", "witness", "analyst", "moderator", "reviewer", "worker",
               "specialist", "expert", "official", "lawyer", "attorney", "follower"),
        "nl": ("douanier", "agent", "inspecteur", "rechercheur", "medewerker", "vrijwilliger",
               "getuige", "ambtenaar", "opsporingsambtenaar", "*agent", "*inspecteur",
               "*rechercheur", "*medewerker", "specialist", "deskundige", "volger",
               "politieagent", "advocaat"),
        "ko": ("직원", "인력", "요원", "수사관", "단속반", "단속원", "모니터링단", "감시단",
               "특사경", "전문가", "모니터링 요원")}),
    # goods by weight are not a count of items ("500 ton medicijnen"); a port's cargo is not
    # what was seized ("moves 90 million tonnes of cargo a year")
    Term("weights", "weights and cargo", cues={
        "en": ("ton", "tonne", "kilogram", "kg", "kilo", "gram", "pound", "lb", "cargo",
               "freight"),
        "nl": ("ton", "kilo", "kilogram", "kg", "gram", "vracht"),
        "ko": ("톤", "kg", "킬로그램", "킬로", "그램", "g", "화물")}),
)
# Money lost or harm prevented is neither what was seized nor sales ("costs the UK £1.3
# billion a year in lost profits", "4200억원 규모의 피해를 막은", "een omzetverlies van 4,2
# miljard"), nor is a company's market value, nor a reward paid to whoever reports fakes
# ("신고하면 최고 400만원을 받는다", "정품가액 2000만원 이상인 사건만 포상 대상"): in an amount's
# clause these make it `other`.
OTHER_MONEY: tuple[Term, ...] = (
    Term("losses", "losses, harm and market value", cues={
        "en": ("loss", "lose", "lost profit", "lost sale", "lost revenue", "lost tax",
               "market capitalisation", "market capitalization", "market cap", "net loss",
               "operating loss", "net profit"),
        "nl": ("verlies", "*verlies", "mislopen", "derven", "beurswaarde"),
        "ko": ("피해", "피해액", "손실", "시가총액", "시가 총액", "시총")}),
    Term("rewards", "rewards for reporting fakes", cues={
        "en": ("reward", "bounty"),
        "nl": ("beloning", "tipgeld"),
        "ko": ("포상금", "포상", "보상금")}),
)
ACTORS: tuple[Term, ...] = (
    Term("platform", "platform", RED, cues={
        "en": ("platform", "marketplace", "amazon", "alibaba", "aliexpress", "ebay", "taobao",
               "tmall", "temu", "shein", "meta", "facebook", "instagram", "coupang", "naver",
               "wish", "etsy", "bol.com", "zalando", "marktplaats", "tiktok", "shopee"),
        "nl": ("platform", "marktplaats", "bol.com", "bol", "amazon", "aliexpress", "alibaba",
               "ebay", "temu", "zalando", "webshop", "facebook", "instagram"),
        "ko": ("플랫폼", "알리익스프레스", "알리", "테무", "쿠팡", "네이버", "11번가", "지마켓",
               "오픈마켓", "쉬인", "아마존", "이커머스", "알리바바", "타오바오")}),
    Term("customs", "customs", BURNT_ORANGE, cues={
        "en": ("customs", "cbp", "border", "border force", "customs officer", "hmrc", "olaf"),
        "nl": ("douane", "douanier", "*douane"),
        "ko": ("관세청", "세관", "세관장", "통관")}),
    Term("police", "police", BLUE, cues={
        "en": ("police", "europol", "interpol", "fbi", "hsi", "officer", "detective",
               "prosecutor", "pipcu", "gendarmerie", "special judicial police"),
        "nl": ("politie", "fiod", "europol", "interpol", "recherche", "*politie",
               "marechaussee", "opsporingsdienst", "inspectie", "nvwa", "officier"),
        "ko": ("경찰", "경찰청", "특허청", "특사경", "상표 특별 사법 경찰", "수사대", "검찰",
               "경찰서")}),
    Term("court", "court", INDIGO, cues={
        "en": ("court", "judge", "tribunal", "jury", "magistrate"),
        "nl": ("rechtbank", "rechter", "hof", "gerechtshof", "*rechtbank"),
        "ko": ("법원", "재판부", "지법", "지방법원", "고법", "판사", "대법원", "*법원")}),
    Term("rights_holder", "rights holder", MID_GREEN, cues={
        "en": ("rights holder", "brand owner", "brand", "trademark owner", "lvmh", "nike",
               "chanel", "rolex", "lego", "cisco", "apple"),
        "nl": ("merkhouder", "rechthebbende", "merkeigenaar", "lvmh", "nike"),
        "ko": ("권리자", "상표권자", "브랜드", "상표권")}),
    Term("regulator", "regulator", BROWN, cues={
        "en": ("regulator", "commission", "ministry", "authority", "euipo", "ftc",
               "government", "agency", "office"),
        "nl": ("toezichthouder", "acm", "ministerie", "commissie", "minister", "overheid"),
        "ko": ("공정위", "공정거래위원회", "방통위", "정부", "부처", "지식재산처")}),
)
# How one figure relates to another in the same sentence.
LINKS: tuple[Term, ...] = (
    Term("before", "before", doc="The earlier value of a change (from X to Y): X."),
    Term("after", "after", doc="The later value of a change: Y; linked_to points at X."),
    Term("converted", "converted",
         doc="The same amount in another currency; linked_to points at the original."),
)

# Where the window a figure was given is stated. Each reads differently often right
# (etl/claims/chances.py): a window in the figure's own sentence most often.
WINDOW_SOURCES: tuple[Term, ...] = (
    Term("sentence", "its own sentence", doc="The time expression is in the figure's sentence."),
    Term("paragraph", "its paragraph", doc="Carried from another sentence of its paragraph."),
    Term("article", "another paragraph",
         doc="Carried from another paragraph or the headline (the article's topic, or the "
             "original statement of a repeated figure)."),
    Term("none", "no window", doc="The extractor gave the figure no dated window."),
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


def term(terms: tuple[Term, ...], key: str | None) -> Term | None:
    """The term of `key`, or None for a key the list does not hold."""
    return next((t for t in terms if t.key == key), None)


def label(terms: tuple[Term, ...], key: str | None) -> str:
    """The label people read for `key` (machine -> "machine-read"); an unknown key as it is."""
    found = term(terms, key)
    return found.label if found else (key or "")


def label_expr(terms: tuple[Term, ...]) -> str:
    """A Vega expression giving each key's label (for axis and legend labels)."""
    cases = " : ".join(f"datum.label == '{t.key}' ? '{t.label}'" for t in terms)
    return f"{cases} : datum.label"


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
    "window_source_t": WINDOW_SOURCES,
    "verdict_t": VERDICTS,
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
