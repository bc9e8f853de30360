"""Names for made-up people in demo and synthetic data.

A leaf module without imports, so any app's demo or synthetic module can use it without
importing the demo app's machinery (and without import cycles).
"""

FIRST_NAMES = [
    "Anna",
    "Bram",
    "Carla",
    "Daan",
    "Eva",
    "Femke",
    "Gerrit",
    "Hanna",
    "Jan",
    "Kees",
    "Lotte",
    "Mohamed",
    "Noor",
    "Pieter",
    "Roos",
    "Sanne",
    "Tim",
    "Wim",
    "Yara",
    "Zeynep",
]
LAST_NAMES = [
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "Mulder",
    "de Boer",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "Dekker",
    "Brouwer",
    "van Dijk",
    "Kok",
]


# The letters of a Dutch postcode ("8181 AB"): never F, I, O, Q, U or Y, and never the pairs
# SA, SD and SS, which PostNL does not issue.
_POSTCODE_LETTERS = "ABCDEGHJKLMNPRSTVWXZ"
POSTCODE_LETTER_PAIRS = [
    first + second
    for first in _POSTCODE_LETTERS
    for second in _POSTCODE_LETTERS
    if first + second not in {"SA", "SD", "SS"}
]
