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
