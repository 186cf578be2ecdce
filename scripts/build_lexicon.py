#!/usr/bin/env python3
"""Build data/lexicon.tsv, the entity lexicon embedded in Kashif.

Run from the repository root, with the shared raw data checked out beside the repo:

    python3 scripts/build_lexicon.py            # writes data/lexicon.tsv
    python3 scripts/build_lexicon.py --check    # exit 1 if data/lexicon.tsv is stale
    python3 scripts/build_lexicon.py --shared ../shared/data

Sources (see data/README.md for licences and attribution):
  - data/curated/entities.tsv (hand-written for this project; wins every conflict)
  - <shared>/gazetteer/cldr/territories_ar.tsv, cldr/subdivisions_ar_TR.tsv (Unicode-3.0);
    cldr/tz_exemplar_cities_ar.tsv to choose between spellings GeoNames gives, and for the
    two-word spelling of a city GeoNames writes in one (بيونغ يانغ beside بيونغيانغ)
  - <shared>/gazetteer/i18n-iso-countries/countries_ar.tsv (MIT)
  - <shared>/gazetteer/geonames/cities500_ar_focus.tsv, cities500_ar_world_major.tsv,
    subdivisions_ar.tsv (GeoNames, CC BY 4.0)
  - data/mined_names.tsv: place names mined from the unlabeled news of
    <shared>/unlabeled/ant_news by scripts/mine_names.py (names and counts only), ranked last
  - <shared>/ner/anercorp/camel_split_reconstructed/ANERCorp_CamelLab_train.reconstructed.txt
    (train split ONLY, CC BY-SA 4.0): used to derive a stoplist of common words; nothing from it
    is written to the lexicon.

Not used, on purpose: gazetteer/anergazet (no licence), gazetteer/iso-codes_via_pycountry (LGPL),
and the `names_other_arabic_script_langs` columns (Persian/Urdu/Kurdish spellings).

Standard library only.
"""

import argparse
import collections
import csv
import os
import re
import sys

# ---------------------------------------------------------------------------
# Folding
# ---------------------------------------------------------------------------

_FOLD_DROP = set(range(0x064B, 0x0660)) | {0x0670, 0x0640} | set(range(0x0610, 0x061B)) \
    | set(range(0x06D6, 0x06EE))
# Invisible format characters (zero-width, bidi controls, BOM, soft hyphen, Arabic letter mark).
_FORMAT_DROP = set(range(0x200B, 0x2010)) | set(range(0x202A, 0x202F)) | set(range(0x2066, 0x206A)) \
    | {0xFEFF, 0x00AD, 0x061C}
_FOLD_MAP = {
    0x0623: "ا", 0x0625: "ا", 0x0622: "ا", 0x0671: "ا",  # أ إ آ ٱ
    0x0649: "ي",  # ى
    0x0629: "ه",  # ة
    0x0624: "و",  # ؤ
    0x0626: "ي",  # ئ
    0x06CC: "ي",  # Persian yeh ی
    0x06A9: "ك",  # keheh ک
}
for _d in range(10):
    _FOLD_MAP[0x0660 + _d] = str(_d)  # Arabic-Indic digits
    _FOLD_MAP[0x06F0 + _d] = str(_d)  # Extended (Persian) Arabic-Indic digits
_FOLD_TABLE = {cp: None for cp in _FOLD_DROP | _FORMAT_DROP}
_FOLD_TABLE.update(_FOLD_MAP)


def fold(text):
    """Matching key of an Arabic string.

    MUST stay in step with crates/kashif-core/src/text/normalize.rs (the Rust matcher folds text the same way):
    drop diacritics U+064B-U+065F, U+0670, U+0610-U+061A, U+06D6-U+06ED and tatweel U+0640,
    and invisible format characters (U+200B-U+200F, bidi controls, BOM, soft hyphen, U+061C);
    أ إ آ ٱ -> ا; ى -> ي; ة -> ه; ؤ -> و; ئ -> ي; ی -> ي; ک -> ك; Arabic-Indic and Persian digits
    -> ASCII; collapse runs of whitespace to one space (and trim).
    """
    return " ".join(text.translate(_FOLD_TABLE).split())


# ---------------------------------------------------------------------------
# Name cleaning and validation
# ---------------------------------------------------------------------------

_DIACRITICS = {cp: None for cp in _FOLD_DROP}
_INVISIBLE = {0x200C: " ", 0x200D: None, 0x200E: None, 0x200F: None, 0xFEFF: None}
_HAMZA_ALEFS = "أإآ"
_ARABIC_LETTER = re.compile(r"^[\u0621-\u063A\u0641-\u064A]+$")
# Prefixes that make a place name a descriptive phrase rather than the name news uses.
CITY_DROP_PREFIXES = (
    "مدينة", "إمارة", "امارة", "جزيرة", "جزر", "محافظة", "منطقة", "ولاية", "قرية", "بلدة",
    "ناحية", "قضاء", "بلدية", "مقاطعة", "إقليم", "اقليم", "مركز", "ضلع", "العاصمة",
)
MAX_WORDS = 4

# Hand-picked single words that GeoNames gives as place names but that news text mostly uses as
# common words or given names, and that the ANERcorp stoplist misses (too rare there). Folded.
EXTRA_STOP = {fold(w) for w in """
    المدينة البيضاء العين الوادي الجميل الروضة العبور الأصنام الحاجب الأبي
    حصار قنوات قارة صدد كسب ميدان معسكر سعيدة هام ليل ميل الم سده بركه قوم امان ساري بشري
    سالم رشيد سارة جاسم صفوان رانية بندر هاله ديانا بلبل
    التل الجلاء الحمرة الحمزة الراعي الرفاعي السوداء السودا السودة الشامية الشجرة الضمير
    العباسي القاسم القبو الكرامة الكسرة الكرمة المزرعة المزيرعة الناصرة الهاشمية الدالية
    الحراك التبني المليحة الغانية الكحلاء المسلخة الطواحين الفاخورة السبخة الحضر الريحانة
    القحطانية الخالص خالص حديدة خريبة سبة شين ملح عوج بصير حرير عجمي ربيعة مهين
    الأبيض البسيط الزان الحمامات السويدية الخبر المدية المنزلة العيون الجزيرة
    بشار سكرة ربك حولي مصفح بحري أنفا كسل جنان خفي سار كيل روان مدان ماري عشاق قدس لوم
""".split()}


def clean(name):
    """Remove diacritics and invisible marks, write alef wasla ٱ as plain ا (modern news
    spelling), turn hyphens and ZWNJ (Persian word-internal break, اسلام‌آباد) into spaces,
    collapse spaces."""
    name = name.translate(_DIACRITICS).translate(_INVISIBLE).replace("ٱ", "ا")
    name = re.sub(r"\s*[-\u2010-\u2014]\s*", " ", name)
    return " ".join(name.split())


def usable(name):
    """True if a cleaned name is plain Arabic words (no Latin, digits, punctuation, junk)."""
    if not name:
        return False
    words = name.split(" ")
    if len(words) > MAX_WORDS:
        return False
    for w in words:
        if not _ARABIC_LETTER.match(w):
            return False
        if len(fold(w)) < 2:  # stray letters: "د مشق"
            return False
        if w[0] in "ئؤ":  # Kurdish/Uyghur spellings (ئاستانا), never an Arabic word start
            return False
        if "ى" in w[:-1] or "ة" in w[:-1]:  # medial alef maksura / ta marbuta: OCR-like junk
            return False
    if len(words) == 1 and len(fold(name)) < 3:
        return False
    return True


def name_score(name, support=None, siblings=()):
    """Sort key for choosing the canonical among names with different folded forms (smaller wins).

    GeoNames lists alternate names alphabetically, so there is no "main" name to rely on.
    `support` scores how well other sources back the folded form (see load_support); then the
    article form when an entity has both (الشيخ مسكين over شيخ مسكين), then fewer words, then the
    longer form (truncations like ربات for الرباط are commoner than padded ones: checked against
    the CLDR time-zone city names, the longer form agrees about twice as often as the shorter).
    """
    words = name.split(" ")
    backed = support(name) if support else 0
    al_sibling = not name.startswith("ال") and fold("ال" + name) in siblings
    return (-backed, al_sibling, len(words) > 2, len(words), -len(fold(name))) + spelling_score(name)


def spelling_score(name):
    """Sort key among spellings with the same folded form (smaller wins): أنقرة over انقره."""
    hamzas = sum(name.count(c) for c in "أإ") + sum(w.startswith("آ") for w in name.split(" "))
    odd = sum(w[1:].count("آ") for w in name.split(" "))  # اوتآوآ
    return (odd, -hamzas, name.count("ى"), -name.count("ة"), name)


# ---------------------------------------------------------------------------
# Entities
# ---------------------------------------------------------------------------

SRC_CURATED, SRC_COUNTRY, SRC_CITY, SRC_SUBDIV, SRC_MINED = "curated", "country", "city", "subdivision", "mined"
FOCUS = {"SY", "IQ", "LB", "TR", "IR", "RU"}
ALL_ROWS = {"SY", "IQ", "LB"}
SOURCE_RANK = {SRC_CURATED: 0, SRC_COUNTRY: 1, SRC_CITY: 2, SRC_SUBDIV: 3, SRC_MINED: 4}


class Entity:
    def __init__(self, eid, label, source, names, rank=()):
        self.id = eid
        self.label = label
        self.source = source
        self.names = []  # display spellings, canonical first
        self.rank = (SOURCE_RANK[source],) + tuple(rank)
        self.country = eid[3:] if eid.startswith("cc:") else "TR" if eid.startswith("tr:") else None
        self.add(names)

    def add(self, names):
        for n in names:
            n = clean(n)
            if n and n not in self.names:
                self.names.append(n)


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows


def split_names(cell):
    return [n for n in (cell or "").split("|") if n.strip()]


# ----- curated ----------------------------------------------------------------

ID_RE = re.compile(r"^(per|org|loc|misc):[a-z0-9]+(-[a-z0-9]+)*$|^(cc:[A-Z]{2}|gn:[0-9]+|tr:TR-[0-9]{2})$")
LABELS = ("PER", "ORG", "LOC", "MISC")


def load_curated(path, errors):
    ents = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if not lines or lines[0] != "id\tlabel\tcanonical\tvariants":
        errors.append(f"{path}: first line must be the header id<TAB>label<TAB>canonical<TAB>variants")
    seen = set()
    for no, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 4:
            errors.append(f"{path}:{no}: expected 4 columns, got {len(cols)}")
            continue
        eid, label, canonical, variants = cols
        if not ID_RE.match(eid):
            errors.append(f"{path}:{no}: bad id {eid!r}")
        if eid in seen:
            errors.append(f"{path}:{no}: duplicate id {eid}")
        seen.add(eid)
        if label not in LABELS:
            errors.append(f"{path}:{no}: bad label {label!r}")
        names = [canonical] + split_names(variants)
        for n in names:
            # Digits are allowed as whole words in curated names only (القرار 2254).
            if clean(n) != n or not all(_ARABIC_LETTER.match(w) or w.isascii() and w.isdigit()
                                        for w in n.split(" ")):
                errors.append(f"{path}:{no}: name {n!r} is not plain Arabic words with single spaces")
        ents.append(Entity(eid, label, SRC_CURATED, names, rank=(0,)))
    return ents


# ----- countries ----------------------------------------------------------------

NOT_COUNTRIES = {"EU", "EZ", "UN", "QO", "XA", "XB", "ZZ"}


def country_names(raw):
    """CLDR names like 'ميانمار (بورما)', 'تيمور - ليشتي', 'جزر فوكلاند - جزر مالفيناس'."""
    raw = raw.strip()
    out = []
    m = re.match(r"^(.*?)\s*\((.*)\)\s*$", raw)
    if m:
        # The bracketed part is a qualifier (كيلينغ, الجزء الفرنسي, منطقة إدارية خاصة), not a
        # name of its own; the one useful case, بورما, is in i18n-iso-countries anyway.
        return [m.group(1)]
    parts = re.split(r"\s+-\s+", raw)
    if len(parts) == 2 and all(len(p.split()) >= 2 for p in parts):
        return parts
    return [raw]


def load_countries(gaz):
    cldr = collections.OrderedDict()
    for r in read_tsv(os.path.join(gaz, "cldr", "territories_ar.tsv")):
        code = r["code"]
        if not re.match(r"^[A-Z]{2}$", code) or code in NOT_COUNTRIES:
            continue
        names = country_names(r["name_ar"])
        for ov in (r["regional_overrides"] or "").split(";"):
            if "=" in ov:
                names += country_names(ov.split("=", 1)[1])
        entry = cldr.setdefault(code, {"main": [], "short": [], "other": []})
        if r["alt"] == "short":
            entry["short"] += names
        elif r["alt"]:
            entry["other"] += names
        else:
            entry["main"] += names
    iso = {}
    for r in read_tsv(os.path.join(gaz, "i18n-iso-countries", "countries_ar.tsv")):
        iso[r["alpha2"]] = country_names(r["name_ar"]) + split_names(r["variants_ar"])
    ents = []
    for code in sorted(set(cldr) | set(iso)):
        c = cldr.get(code, {"main": [], "short": [], "other": []})
        # Canonical: CLDR short form (فلسطين, هونغ كونغ) if any, else CLDR, else i18n.
        names = c["short"] + c["main"] + iso.get(code, []) + c["other"]
        ents.append(Entity("cc:" + code, "LOC", SRC_COUNTRY, names, rank=(0,)))
    return ents


# ----- cities ------------------------------------------------------------------

def city_name_ok(name, names):
    """Drop "مدينة حمص" when "حمص" is also listed; keep "مدينة الصدر" (Sadr City)."""
    words = name.split(" ")
    if words[0] not in CITY_DROP_PREFIXES:
        return True
    rest = fold(" ".join(words[1:]))
    return len(words) > 1 and rest not in {fold(n) for n in names} and words[0] in ("مدينة", "ناحية")


def load_spaced_cities(gaz):
    """CLDR's time-zone exemplar cities written in two words, by their folded letters without the
    space: a city GeoNames writes in one word (بيونغيانغ) is also written so (بيونغ يانغ)."""
    spaced = {}
    for r in read_tsv(os.path.join(gaz, "cldr", "tz_exemplar_cities_ar.tsv")):
        name = clean(r["city_ar"])
        if " " in name:
            spaced[fold(name).replace(" ", "")] = name
    return spaced


def load_cities(gaz):
    ents = {}
    spaced = load_spaced_cities(gaz)
    for fname in ("cities500_ar_focus.tsv", "cities500_ar_world_major.tsv"):
        for r in read_tsv(os.path.join(gaz, "geonames", fname)):
            pop = int(r["population"] or 0)
            cap = r["is_capital"] == "1"
            cc = r["country"]
            if not (pop >= 100000 or cap or (cc in ALL_ROWS and fname.endswith("focus.tsv"))):
                continue
            names = [clean(n) for n in split_names(r["names_arabic_script"])]
            names = [n for n in names if city_name_ok(n, names)]
            names += [spaced[fold(n)] for n in names if " " not in n and fold(n) in spaced]
            eid = "gn:" + r["geonameid"]
            if eid in ents:
                continue
            rank = (-pop, 0 if cc in FOCUS else 1)
            ents[eid] = Entity(eid, "LOC", SRC_CITY, names, rank=rank)
            ents[eid].country = cc
    return list(ents.values())


# ----- subdivisions ------------------------------------------------------------

SUBDIV_PREFIXES = ("محافظة", "منطقة", "قضاء", "ولاية")


def load_subdivisions(gaz):
    ents = []
    for r in read_tsv(os.path.join(gaz, "geonames", "subdivisions_ar.tsv")):
        if r["country"] not in ALL_ROWS or r["level"] not in ("1", "2"):
            continue
        names = [clean(n) for n in split_names(r["names_arabic_script"])]
        governorate = r["iso3166_2"] != ""
        prefixed = [n for n in names if n.split(" ")[0] in SUBDIV_PREFIXES]
        bare = [n for n in names if n not in prefixed and n != "أمانة العاصمة"]
        if governorate and not prefixed and len(bare) == 1:
            # "بغداد" alone goes to the city; "محافظة بغداد" names the governorate. Only when the
            # row has no محافظة form and one bare name (ذي قار|الناصرية: the 2nd is the seat).
            names.append("محافظة " + bare[0])
        ent = Entity("gn:" + r["geonameid"], "LOC", SRC_SUBDIV, names,
                     rank=(0 if governorate else 1, r["geonameid"]))
        ent.country = r["country"]
        ents.append(ent)
    for r in read_tsv(os.path.join(gaz, "cldr", "subdivisions_ar_TR.tsv")):
        n = clean(r["name_ar"])
        bare = n.split(" ", 1)[1] if n.split(" ")[0] in SUBDIV_PREFIXES else n
        names = [n, bare, "ولاية " + bare]  # Arabic news calls Turkish provinces ولاية
        ents.append(Entity("tr:" + r["iso3166_2"], "LOC", SRC_SUBDIV, names, rank=(0, r["iso3166_2"])))
    return ents


def load_mined(repo):
    """Place names mined from unlabeled news (data/mined_names.tsv, scripts/mine_names.py),
    below every other source: a name another source has stays that source's. Ids `nw:` and a
    hash of the folded name, stable across rebuilds."""
    import hashlib
    ents = []
    path = os.path.join(repo, "data", "mined_names.tsv")
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            key, form = line.rstrip("\n").split("\t")[:2]
            eid = "nw:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
            ents.append(Entity(eid, "LOC", SRC_MINED, [form], rank=(key,)))
    return ents


# ----- display-spelling support ------------------------------------------------

def load_support(gaz):
    """Folded names that other sources back; used only to pick a display spelling.

    CLDR time-zone exemplar cities (طهران, not تهران) weigh 3, GeoNames subdivision names of the
    same country without their محافظة/منطقة/قضاء prefix (طرطوس from محافظة طرطوس, not ترطوس)
    weigh 2, CLDR Turkish province names weigh 1 for Turkish places. Nothing from these lists is
    added to the lexicon by this function.
    """
    tz = {fold(clean(r["city_ar"])) for r in read_tsv(os.path.join(gaz, "cldr", "tz_exemplar_cities_ar.tsv"))}
    sub = collections.defaultdict(set)
    prefixes = SUBDIV_PREFIXES + ("استان", "شهرستان", "ناحية", "مركز", "منطقة مركز")
    for r in read_tsv(os.path.join(gaz, "geonames", "subdivisions_ar.tsv")):
        for n in split_names(r["names_arabic_script"]):
            n = clean(n)
            for p in sorted(prefixes, key=len, reverse=True):
                if n.startswith(p + " "):
                    n = n[len(p) + 1:]
                    break
            sub[r["country"]].add(fold(n))
    tr = set()
    for r in read_tsv(os.path.join(gaz, "cldr", "subdivisions_ar_TR.tsv")):
        n = clean(r["name_ar"])
        tr.add(fold(n.split(" ", 1)[1] if n.split(" ")[0] in SUBDIV_PREFIXES else n))

    def support(name, country):
        k = fold(name)
        return 3 * (k in tz) + 2 * (k in sub.get(country, ())) + (country == "TR" and k in tr)
    return support


def all_gazetteer_ids(gaz):
    ids = set()
    for fname in ("cities500_ar_focus.tsv", "cities500_ar_world_major.tsv", "subdivisions_ar.tsv"):
        ids |= {"gn:" + r["geonameid"] for r in read_tsv(os.path.join(gaz, "geonames", fname))}
    ids |= {"tr:" + r["iso3166_2"] for r in read_tsv(os.path.join(gaz, "cldr", "subdivisions_ar_TR.tsv"))}
    ids |= {"cc:" + r["alpha2"] for r in read_tsv(os.path.join(gaz, "i18n-iso-countries", "countries_ar.tsv"))}
    return ids


# ----- stoplist ----------------------------------------------------------------

def load_stoplist(train_path, min_count=3, min_o_share=0.8):
    total = collections.Counter()
    outside = collections.Counter()
    with open(train_path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line.strip():
                continue
            token, _, tag = line.rpartition(" ")
            key = fold(clean(token))
            if not key or " " in key:
                continue
            total[key] += 1
            if tag == "O":
                outside[key] += 1
    return {k for k, n in total.items() if n >= min_count and outside[k] / n >= min_o_share}


# ---------------------------------------------------------------------------
# Build
# ---------------------------------------------------------------------------

def respell_tokens(entities):
    """Map a hamza-less token to the single hamza spelling seen in the data (ادلب -> إدلب).

    Only tokens that differ from their hamza spelling by the alef alone, and only when every
    hamza spelling seen agrees, so display forms of hamza-less GeoNames names can be fixed.
    """
    seen = collections.defaultdict(set)
    for e in entities:
        for n in e.names:
            for w in n.split(" "):
                if any(c in w for c in _HAMZA_ALEFS):
                    plain = re.sub("[أإآ]", "ا", w)
                    if plain.startswith("ال") and w[0] != "ا":  # آلبو is not البو
                        continue
                    seen[plain].add(w)
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


def build(repo, shared, log):
    gaz = os.path.join(shared, "gazetteer")
    train = os.path.join(shared, "ner", "anercorp", "camel_split_reconstructed",
                         "ANERCorp_CamelLab_train.reconstructed.txt")
    errors = []
    curated = load_curated(os.path.join(repo, "data", "curated", "entities.tsv"), errors)
    if errors:
        for e in errors:
            log("error: " + e)
        raise SystemExit(2)
    stop = load_stoplist(train)
    log(f"stoplist (ANERcorp train, folded single tokens, >=3 occurrences, >=80% O): {len(stop)} forms")

    gazetteer = load_countries(gaz) + load_cities(gaz) + load_subdivisions(gaz) + load_mined(repo)
    # A curated row may reuse a gazetteer id: it then replaces that gazetteer entry.
    curated_ids = {e.id for e in curated}
    replaced = [e.id for e in gazetteer if e.id in curated_ids]
    gazetteer = [e for e in gazetteer if e.id not in curated_ids]
    known = all_gazetteer_ids(gaz)
    for e in curated:
        if e.id.split(":")[0] not in ("per", "org", "loc", "misc") and e.id not in known:
            errors.append(f"curated {e.id} uses a gazetteer id that no source has")
    support_cc = load_support(gaz)

    # Per-entity filtering of gazetteer names.
    dropped = collections.Counter()
    for e in gazetteer:
        kept, folded_seen = [], {}
        support = (lambda n, cc=e.country: support_cc(n, cc))
        siblings = {fold(x) for x in e.names}
        for n in e.names:
            if not usable(n):
                dropped["unusable (script, length, punctuation)"] += 1
                continue
            k = fold(n)
            if " " not in k and (k in stop or k in EXTRA_STOP):
                dropped["stoplist"] += 1
                continue
            # "لقدس" beside "القدس" (clitic-glued), "رقه" beside "الرقة": the matcher strips
            # the article itself, and the bare forms are often common words (سلمية, رياض).
            # Keep the bare form when sources back it better (صور, not الصور, for Tyre).
            if " " not in n:
                with_al = [x for x in e.names if fold(x) in (fold("ا" + n), fold("ال" + n))]
                if with_al and support(n) <= max(support(x) for x in with_al):
                    dropped["article-less duplicate"] += 1
                    continue
                without_al = [x for x in e.names if n.startswith("ال") and fold(x) == fold(n[2:])]
                if without_al and support(n) < max(support(x) for x in without_al):
                    dropped["article-less duplicate"] += 1
                    continue
            if k in folded_seen:
                # Same folded form: keep the better display spelling.
                i = folded_seen[k]
                if spelling_score(n) < spelling_score(kept[i]):
                    kept[i] = n
                continue
            folded_seen[k] = len(kept)
            kept.append(n)
        e.names = kept

    # Curated entries: validate and check against the stoplist (warn only).
    cur_forms = {}
    for e in curated:
        for n in e.names:
            k = fold(n)
            if k in cur_forms and cur_forms[k] != e.id:
                errors.append(f"curated folded form {k!r} is on both {cur_forms[k]} and {e.id}")
            elif k in cur_forms:
                errors.append(f"curated {e.id}: {n!r} repeats another of its names after folding")
            cur_forms[k] = e.id
            if " " not in k and k in stop:
                log(f"warning: curated {e.id} single-token name {n!r} is a common word in ANERcorp train")
    if errors:
        for e in errors:
            log("error: " + e)
        raise SystemExit(2)

    # Curated wins over gazetteer names.
    curated_removed = 0
    partial = []
    for e in gazetteer:
        before = len(e.names)
        e.names = [n for n in e.names if fold(n) not in cur_forms]
        if len(e.names) != before:
            curated_removed += before - len(e.names)
            if e.names:
                partial.append(e)

    # One folded form -> one entity among gazetteer entries.
    owners = collections.defaultdict(list)
    for e in gazetteer:
        for n in e.names:
            owners[fold(n)].append(e)
    collisions = 0
    for k, es in owners.items():
        if len(es) < 2:
            continue
        collisions += 1
        best = min(es, key=lambda x: (x.rank, x.id))
        for e in es:
            if e is not best:
                e.names = [n for n in e.names if fold(n) != k]

    # Canonical display spelling.
    respell = respell_tokens(curated + gazetteer)
    out = []
    for e in curated:
        out.append(e)
    for e in gazetteer:
        if not e.names:
            dropped["entities left without a name"] += 1
            continue
        if e.source == SRC_CITY or e.source == SRC_SUBDIV and e.id.startswith("gn:"):
            e.names = [" ".join(respell.get(w, w) for w in n.split(" ")) for n in e.names]
        if e.source != SRC_COUNTRY:
            siblings = {fold(x) for x in e.names}
            e.names.sort(key=lambda n: name_score(n, lambda x: support_cc(x, e.country), siblings))
        out.append(e)
    for e in partial:
        if e.names:
            log(f"note: {e.id} shares names with a curated entry but keeps {'|'.join(e.names)}")
    out.sort(key=lambda e: e.id)
    stats = {
        "collisions": collisions,
        "curated_removed": curated_removed,
        "dropped": dropped,
        "stoplist": len(stop),
        "replaced": replaced,
    }
    return out, stats


HEADER = """\
# Kashif entity lexicon: id<TAB>label<TAB>canonical<TAB>variants (variants joined with |)
# GENERATED by scripts/build_lexicon.py; do not edit by hand. Edit data/curated/entities.tsv
# and regenerate from the repository root: python3 scripts/build_lexicon.py
# Contains data from GeoNames (https://www.geonames.org/), licensed under CC BY 4.0.
# Contains data from the Unicode CLDR: Copyright (c) 2004-2026 Unicode, Inc. Unicode License v3 (https://www.unicode.org/license.txt).
# Contains data from i18n-iso-countries: Copyright (c) 2016 widdix GmbH, MIT License.
# Contains place names mined from the Arabic News Texts (ANT) corpus (ids nw:; data/README.md).
# Sources, licences and format: data/README.md
"""


def render(entities):
    lines = [HEADER.rstrip("\n")]
    for e in entities:
        canonical, variants = e.names[0], e.names[1:]
        lines.append("\t".join((e.id, e.label, canonical, "|".join(variants))))
    return "\n".join(lines) + "\n"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    repo = os.path.dirname(here)
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(repo, "..", "shared", "data"),
                    help="shared raw data directory (default: ../shared/data beside the repo)")
    ap.add_argument("--check", action="store_true",
                    help="do not write; exit 1 if data/lexicon.tsv is not up to date")
    ap.add_argument("--quiet", action="store_true", help="print only errors and the check result")
    args = ap.parse_args()

    def log(msg):
        if not args.quiet or msg.startswith("error"):
            print(msg, file=sys.stderr)

    entities, stats = build(repo, args.shared, log)
    text = render(entities)
    data = text.encode("utf-8")
    target = os.path.join(repo, "data", "lexicon.tsv")

    if args.check:
        try:
            with open(target, "rb") as f:
                current = f.read()
        except FileNotFoundError:
            current = None
        if current != data:
            print("data/lexicon.tsv is out of date: run python3 scripts/build_lexicon.py", file=sys.stderr)
            return 1
        print("data/lexicon.tsv is up to date", file=sys.stderr)
        return 0

    with open(target, "wb") as f:
        f.write(data)

    per = collections.Counter((e.source, e.label) for e in entities)
    nvar = sum(len(e.names) - 1 for e in entities)
    log("entries per source and label:")
    for (src, label), n in sorted(per.items()):
        log(f"  {src:12} {label:5} {n}")
    labels = collections.Counter(e.label for e in entities)
    log("entries per label: " + ", ".join(f"{k} {labels[k]}" for k in LABELS))
    log(f"entries: {len(entities)}, variants: {nvar}")
    log(f"collisions resolved between gazetteer entries: {stats['collisions']}")
    log(f"gazetteer names removed because a curated entry has them: {stats['curated_removed']}")
    if stats["replaced"]:
        log(f"gazetteer entries replaced by curated rows: {len(stats['replaced'])}")
    for k, v in sorted(stats["dropped"].items()):
        log(f"dropped {k}: {v}")
    log(f"wrote data/lexicon.tsv: {len(data)} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
