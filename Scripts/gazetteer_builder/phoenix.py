"""Phoenix (PETRARCH2) dictionaries: upper-case names with underscores, '+' synonyms, bracketed actor codes."""
import re

from .names import title_case
from .readers import open_text


def phoenix_blocks(path):
    """(root name, synonyms, codes, comment) per entry."""
    blocks = []
    current = None
    with open_text(path, "utf-8") as f:
        for raw in f:
            line = raw.rstrip("\n")
            if not line.strip():
                continue
            if line.startswith("#"):
                continue
            if line.startswith("+"):
                if current:
                    current[1].append(line[1:].split("#")[0].split("[")[0].strip())
                continue
            if line[0] in " \t":
                if current:
                    current[2].extend(re.findall(r"\[([^\]]+)\]", line))
                continue
            name = line.split("[")[0].split("#")[0].strip()
            codes = re.findall(r"\[([^\]]+)\]", line)
            comment = line.split("#", 1)[1].strip() if "#" in line else ""
            current = [name, [], codes, comment]
            blocks.append(current)
    return blocks


SECTORS = {"GOV": "government", "ELI": "elite", "MIL": "military", "JUD": "judiciary", "LEG": "legislature",
           "OPP": "opposition", "BUS": "business", "MED": "media", "EDU": "education", "REB": "rebels", "PTY": "party",
           "HLH": "health", "AGR": "agriculture", "ENV": "environment", "CVL": "civil society", "HRI": "human rights",
           "LAB": "labour", "REF": "refugees", "SPY": "intelligence", "COP": "police", "CRM": "crime", "DEV": "development",
           "REL": "religion", "IGO": "international organisation", "UNO": "United Nations", "NGO": "NGO", "MNC": "company"}


def phoenix_date(text):
    text = text.strip()
    if len(text) == 8:
        return f"{text[0:4]}-{text[4:6]}-{text[6:8]}"
    if len(text) == 6:
        year = int(text[0:2])
        century = 2000 if year <= 20 else 1900
        return f"{century + year}-{text[2:4]}-{text[4:6]}"
    return text


def phoenix_roles(codes, country_names, iso3_to_2):
    roles = []
    for code in codes:
        parts = code.split()
        actor = parts[0].lstrip("~")
        dates = parts[1] if len(parts) > 1 else ""
        country = actor[:3]
        where = country_names.get(iso3_to_2.get(country, ""), country if country not in SECTORS else "")
        sectors = [SECTORS.get(actor[i:i + 3], actor[i:i + 3]) for i in range(3 if where else 0, len(actor), 3)]
        text = " ".join(p for p in [where] + sectors if p)
        if dates.startswith(">"):
            text += f" from {phoenix_date(dates[1:])}"
        elif "-" in dates:
            start, end = dates.split("-", 1)
            text += f" {phoenix_date(start)} to {phoenix_date(end)}"
        roles.append(text)
    return roles


PERSON_TITLE_WORDS = {"PRESIDENT", "PRESIDENT-ELECT", "PRIME", "MINISTER", "MR", "MR.", "MRS", "MRS.", "MS", "DR", "DR.",
                      "GENERAL", "GEN", "GEN.", "KING", "QUEEN", "PRINCE", "PRINCESS", "SHEIKH", "SHEIK", "EMIR", "SULTAN",
                      "SENATOR", "SEN", "SEN.", "GOVERNOR", "GOV", "GOV.", "CHANCELLOR", "CHAIRMAN", "SECRETARY",
                      "SECRETARY-GENERAL", "US", "U.S.", "AMERICAN", "UNITED", "STATES", "UN", "UNITED_NATIONS", "VICE",
                      "FOREIGN", "DEFENSE", "DEFENCE", "COLONEL", "COL", "COL.", "MARSHAL", "ADMIRAL", "AYATOLLAH",
                      "PREMIER", "LEADER", "FORMER", "DEPUTY", "CROWN", "REP", "REP.", "REPRESENTATIVE", "AMBASSADOR",
                      "SPEAKER", "CAPTAIN", "CAPT", "MAJOR", "LIEUTENANT", "LT", "LT.", "SGT", "PRES", "PRES.",
                      "NATIONS", "THE", "OF", "STATE", "CHIEF", "COMMANDER", "JUSTICE", "JUDGE", "BISHOP", "POPE",
                      "CARDINAL", "REVEREND", "REV", "REV.", "LORD", "SIR", "DAME", "MULLAH", "IMAM", "RABBI"}
NOT_A_PERSON = re.compile(r"\b(ADMINISTRATION|GOVERNMENT|REGIME|CABINET|MINISTRY|PARTY|FORCES|ARMY|OFFICE|SUPPORTERS|"
                          r"CAMP|FAMILY|FOUNDATION|LOYALISTS|FOLLOWERS|MOVEMENT|DYNASTY|ERA)\b")


def phoenix_person_aliases(root, synonyms):
    root_words = root.split()
    aliases = []
    for synonym in synonyms:
        words = [w for w in synonym.strip("_ ").replace("_", " ").split() if w]
        if NOT_A_PERSON.search(" ".join(words)):
            continue
        while words and words[0].upper() in PERSON_TITLE_WORDS:
            words = words[1:]
        if len(words) < 2 or words[-1].upper() != root_words[-1].upper().replace("_", ""):
            continue
        if any(w.upper() in PERSON_TITLE_WORDS - {"US", "THE", "OF", "STATE", "UNITED", "STATES"} for w in words):
            continue
        aliases.append(title_case("_".join(words)))
    return aliases


ROLE_WORDS = re.compile(r"\b(RAPPORTEUR|SECRETARY|CHIEF|DIRECTOR|ENVOY|SPOKESMAN|SPOKESWOMAN|SPOKESPERSON|OFFICIAL|"
                        r"REPRESENTATIVE|PRESIDENT|CHAIRMAN|CHAIR|HEAD|COMMISSIONER|AMBASSADOR|MINISTER|STAFF|MEMBER|"
                        r"DELEGATE|DELEGATION|OBSERVER|INSPECTOR|PEACEKEEPER|PEACEKEEPERS|TROOPS|MONITOR|WORKER|EXPERT|"
                        r"ADVISER|ADVISOR|OFFICER|EMPLOYEE|SOLDIER|SOLDIERS|MISSION|TEAM|INVESTIGATOR|COORDINATOR|"
                        r"ADMINISTRATOR|CONVOY|PERSONNEL|AID_WORKERS|MEDIATOR|NEGOTIATOR|JUDGE|PROSECUTOR|GUARDS?)\b")
ORG_WORDS = re.compile(r"\b(ASSOCIATION|INTERNATIONAL|FOUNDATION|COUNCIL|ORGANI[SZ]ATION|CENT(?:ER|RE)|INSTITUTE|"
                       r"COMMITTEE|SOCIETY|FEDERATION|NETWORK|PROJECT|BANK|FUND|AGENCY|UNION|CORPORATION|COMPANY|GROUP|"
                       r"SERVICES?|TRUST|ALLIANCE|LEAGUE|COMMISSION|PROGRAMME|PROGRAM|FORUM|MOVEMENT|NEWS|TIMES|TV|"
                       r"RADIO|PRESS|AGENCE|CORPS|INC|LTD|CORP|PLC|CHURCH|COURT|TRIBUNAL|PARLIAMENT|ASSEMBLY|OFFICE|"
                       r"AUTHORITY|BOARD|WATCH|AID|RELIEF|ACTION|CAMPAIGN|COALITION|PARTNERS|PARTNERSHIP|INITIATIVE)\b")


def phoenix_org_name(root):
    words = root.strip("_ ").split("_")
    if len(words) == 1 and len(root.strip("_")) <= 5:
        return root.strip("_")   # an acronym: ASEAN, WIZO
    name = title_case(root)
    name = re.sub(r"\s*\(([A-Za-z0-9]+)\)\s*", " ", name).strip()
    return name
