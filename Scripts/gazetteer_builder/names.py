"""Names as text: slugs, scripts, words, title case for upper-case source names."""
import re
import unicodedata

from .matching_key import ascii_fold


def slug(text):
    text = ascii_fold(text).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def is_latin(text):
    for c in text:
        if c.isalpha():
            try:
                if "LATIN" not in unicodedata.name(c):
                    return False
            except ValueError:
                return False
    return True


def words_of(text):
    return re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text)


SMALL_WORDS = {"of", "the", "and", "for", "in", "on", "at", "de", "del", "la", "le", "da", "do", "dos", "das", "di", "du",
               "von", "van", "der", "den", "al", "el", "bin", "ibn", "y", "et", "a", "an", "to", "und", "des"}


def title_case(upper_name):
    """'ABU_BAKR_AL_BAGHDADI_' -> 'Abu Bakr al Baghdadi' (Phoenix names are upper case with underscores). Small
    words are lower case only as words of their own: 'AL-BAGHDADI' -> 'Al-Baghdadi'."""
    text = upper_name.strip("_ ").replace("_", " ")
    text = re.sub(r"\s+", " ", text)
    out = []
    for i, word in enumerate(text.split(" ")):
        parts = re.split(r"(-|')", word)
        cased = []
        for j, part in enumerate(parts):
            if part in ("-", "'") or not part:
                cased.append(part)
                continue
            low = part.lower()
            if re.fullmatch(r"(?:[a-z]\.)+", low) or re.fullmatch(r"[a-z]\.", low):
                cased.append(low.upper())
            elif (i > 0 or j > 0) and low in SMALL_WORDS and len(parts) == 1:
                cased.append(low)
            elif j > 0 and parts[j - 1] == "'" and len(part) == 1:
                cased.append(low)  # O'Brien keeps "Brien" capitalised; "Li's" is not a name here
            elif low.startswith("mc") and len(low) > 2:
                cased.append("Mc" + low[2:].capitalize())
            else:
                cased.append(low.capitalize())
        out.append("".join(cased))
    return " ".join(out)


MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
          "december"}
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}


def one_word(name):
    return len(words_of(name)) == 1 and " " not in name.strip()
