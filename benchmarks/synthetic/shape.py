"""The shape of a synthetic edition: its sizes and years, the vocabulary its letters
are written in, the names of its people, topics and sources (see the package's
docstring)."""

import calendar
import datetime as dt
import itertools
import random

FIRST_YEAR, LAST_YEAR, PEAK_YEAR = 1850, 1950, 1915
LETTERS_PER_PERSON = 50
TOPIC_COUNT = 60
#: place names drawn for letters to print (the distinct ones become places)
PLACE_NAMES = 200
#: where synthetic places lie (south, north, west, east degrees): about Europe
PLACE_BOX = (36.0, 64.0, -9.0, 40.0)
PSEUDO_WORDS = 30_000
MIN_WORDS, MAX_WORDS, MEDIAN_WORDS = 200, 2_000, 450
MAX_FOOTNOTES = 10

#: common English words, most frequent first: they take the top Zipf ranks
COMMON_WORDS = """
the of and to a in that is was he for it with as his on be at by i had not are but
from or have an they which one you were her all she there would their we him been has
when who will more no if out so said what up its about into than them can only other
new some could time these two may then do first any my now such like our over man me
even most made after also did many before must through back years where much your way
well down should because each just those people how too little state good very make
world still own see men work long get here between both life being under never day
same another know while last might us great old year off come since against go came
right used take three letter write dear friend news health house city family money
party paper book books comrades comrade affair question answer written received send
sent soon again yesterday today tomorrow week weeks month months whole matter matters
please thank thanks hope wish reply post address journey train station winter summer
spring autumn morning evening night hand heart mind word words place home town country
government committee congress meeting article articles press printing copy copies
editor edition publisher translation translator manuscript library archive rather
quite enough perhaps certainly indeed almost already always often sometimes nothing
something everything nobody everybody someone kind kindly regards greetings yours
truly sincerely faithfully affectionately wife husband mother father sister brother
son daughter children child doctor illness better worse best worst friends enemies
war peace police prison exile border abroad foreign people's workers work's
""".split()

_ONSETS = (
    "b c d f g h j k l m n p r s t v w z br cr dr fr gr kr pr tr st sp sk sl pl bl "
    "gl kl ch sh th zh"
).split()
_VOWELS = "a e i o u a e i o ai ei ou ia io".split()
_CODAS = ["", "", "", "n", "r", "s", "l", "m", "k", "v", "sk", "nd", "rt"]

FIRST_NAMES = """
Anna Maria Elizabeth Sophia Clara Louise Emma Helene Olga Vera Nadezhda Inessa Rosa
Alexandra Marie Jeanne Charlotte Ida Martha Eleanor Beatrice Agnes Margaret Catherine
Lydia Natalia Ekaterina Irene Frieda Hedwig Alice Edith Emily Florence Grace Harriet
Karl Friedrich Wilhelm Georg Heinrich Otto August Hermann Ludwig Paul Ernst Rudolf
Vladimir Nikolai Lev Grigory Aleksandr Pavel Ivan Fyodor Yuli Anatoly Georgy Sergei
Jean Pierre Louis Jules Henri Paul Victor Emile Charles Edouard Albert Camille
John William James Thomas George Henry Edward Robert Arthur Charles Richard Walter
Giuseppe Antonio Giovanni Luigi Carlo Francesco Enrico Jan Stanislaw Jozef Tomas
""".split()
SURNAME_ENDINGS = [
    "",
    "",
    "ov",
    "ovsky",
    "ski",
    "in",
    "son",
    "er",
    "mann",
    "ini",
    "ez",
    "ek",
]
PSEUDONYMS = [
    "brother",
    "army",
    "the old man",
    "the elder",
    "the doctor",
    "the fisherman",
    "uncle",
    "the poet",
    "grandmother",
    "the student",
    "the traveller",
]
TOPIC_PATTERNS = [
    "The {w} affair",
    "The {w} congress",
    "Exile in {p}",
    "The journal {w}",
    "Quarrels over {w}",
    "The {w} conference",
    "Money for the {w} fund",
    "The {w} split",
    "Publishing the {w} papers",
    "Travel to {p}",
]
SOURCE_TITLES = [
    ("Collected Letters", 12),
    ("Selected Correspondence", 3),
    ("Letters from Exile", 2),
    ("Unpublished Letters", 1),
]
MONTHS = [calendar.month_name[m] for m in range(13)]
JULIAN_OFFSETS = ((dt.date(1900, 3, 13), 13), (dt.date(1800, 3, 12), 12))


def zipf_cumulative(count, exponent=1.0, shift=0.0):
    """Cumulative Zipf(-Mandelbrot) weights for ranks 1..count (for ``choices``)."""
    return list(
        itertools.accumulate(
            1.0 / (rank + shift) ** exponent for rank in range(1, count + 1)
        )
    )


def _pseudo_word(rng):
    syllables = rng.choices((1, 2, 3, 4), weights=(3, 6, 2, 0.3))[0]
    return "".join(
        rng.choice(_ONSETS) + rng.choice(_VOWELS) + rng.choice(_CODAS)
        for _ in range(syllables)
    )


def vocabulary(seed, size=PSEUDO_WORDS):
    """The corpus vocabulary for ``seed``, most frequent first: the common English
    words, then ``size`` pseudo-words (deterministic for the seed)."""
    rng = random.Random(f"vocabulary-{seed}")
    words = list(dict.fromkeys(COMMON_WORDS))
    seen, wanted = set(words), len(words) + size
    while len(words) < wanted:
        word = _pseudo_word(rng)
        if len(word) >= 3 and word not in seen:
            seen.add(word)
            words.append(word)
    return words
