"""The built-in templates: the three needs surveys of the Heerde implementation plan (seed 001,
sections 3.3 and 3.4): young carers of 8 to 18, carers from 18, and young volunteers of 18 to
30. Each asks what support the group needs, what they know of what exists, and how they want
to be reached. "New survey from template" copies one into a draft the staff may change.

The texts are Dutch by design: they are what residents read, written once in the language of
the survey, not interface text to translate."""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from omzien.surveys.constants import QuestionKind, TargetGroup

SINGLE, MULTIPLE, SCALE, TEXT = (
    QuestionKind.SINGLE,
    QuestionKind.MULTIPLE,
    QuestionKind.SCALE,
    QuestionKind.TEXT,
)


@dataclass(frozen=True)
class PresetQuestion:
    kind: str
    text: str
    choices: tuple[str, ...] = ()
    required: bool = False
    help_text: str = ""
    scale_max: int | None = None
    low_label: str = ""
    high_label: str = ""


@dataclass(frozen=True)
class Preset:
    code: str
    name: object  # the template's name in the interface (translated)
    target_group: str
    title: str
    introduction: str
    questions: tuple[PresetQuestion, ...] = field(default_factory=tuple)


YOUNG_CARERS = Preset(
    code="young_carers",
    name=_("Needs of young carers (8 to 18)"),
    target_group=TargetGroup.YOUNG_CARERS,
    title="U zorgt thuis mee: wat heeft u nodig?",
    introduction=(
        "Zorgt u thuis voor iemand, bijvoorbeeld voor uw vader, moeder, broer, zus, opa of "
        "oma? Dan bent u een jonge mantelzorger. We willen graag weten wat u zou helpen. "
        "Het invullen duurt ongeveer 5 minuten. We vragen niet naar uw naam: niemand kan zien "
        "wat u heeft ingevuld."
    ),
    questions=(
        PresetQuestion(
            SINGLE,
            "Hoe oud bent u?",
            ("8 tot en met 11 jaar", "12 tot en met 15 jaar", "16 of 17 jaar"),
            required=True,
        ),
        PresetQuestion(
            MULTIPLE,
            "Voor wie zorgt u?",
            ("Mijn vader of moeder", "Mijn broer of zus", "Mijn opa of oma", "Iemand anders"),
            required=True,
            help_text="U mag meer dan één antwoord kiezen.",
        ),
        PresetQuestion(
            MULTIPLE,
            "Wat doet u zoal?",
            (
                "Helpen in het huishouden",
                "Oppassen op broertjes of zusjes",
                "Gezelschap houden of troosten",
                "Helpen met wassen, aankleden of medicijnen",
                "Boodschappen doen of regelen",
            ),
        ),
        PresetQuestion(
            SCALE,
            "Hoe gaat het met u?",
            scale_max=5,
            low_label="Niet goed",
            high_label="Heel goed",
            required=True,
        ),
        PresetQuestion(
            SINGLE,
            "Heeft u genoeg tijd voor school, vrienden en hobby's?",
            ("Ja", "Soms niet", "Vaak niet"),
        ),
        PresetQuestion(
            MULTIPLE,
            "Wat zou u helpen?",
            (
                "Iemand om mee te praten",
                "Andere jongeren ontmoeten die ook thuis zorgen",
                "Een leuke dag of activiteit om even op te laden",
                "Hulp of begrip op school",
                "Uitleg over de ziekte of beperking van degene voor wie ik zorg",
                "Niets, het gaat goed zo",
            ),
        ),
        PresetQuestion(
            SINGLE,
            "Wist u dat Stip er ook is voor jonge mantelzorgers?",
            ("Ja", "Nee"),
        ),
        PresetQuestion(
            MULTIPLE,
            "Hoe hoort u het liefst van ons?",
            ("WhatsApp of sms", "Instagram of TikTok", "Via school", "Via mijn ouders", "E-mail"),
        ),
        PresetQuestion(TEXT, "Wilt u nog iets vertellen? Schrijf het hier."),
    ),
)

ADULT_CARERS = Preset(
    code="adult_carers",
    name=_("Needs of carers (from 18)"),
    target_group=TargetGroup.ADULT_CARERS,
    title="Behoeftepeiling mantelzorgers",
    introduction=(
        "Zorgt u langdurig voor iemand in uw omgeving? Dan bent u mantelzorger. De gemeente en "
        "Stip willen de ondersteuning van mantelzorgers beter laten aansluiten bij wat u "
        "nodig heeft. Het invullen duurt ongeveer 10 minuten. De vragenlijst is anoniem: wij "
        "weten niet wie welke antwoorden gaf."
    ),
    questions=(
        PresetQuestion(
            SINGLE,
            "Wat is uw leeftijd?",
            (
                "18 tot 25 jaar",
                "25 tot 45 jaar",
                "45 tot 65 jaar",
                "65 tot 75 jaar",
                "75 jaar of ouder",
            ),
            required=True,
        ),
        PresetQuestion(
            SINGLE,
            "Voor wie zorgt u?",
            (
                "Mijn partner",
                "Mijn (schoon)ouder",
                "Mijn kind",
                "Een ander familielid",
                "Een vriend, buur of kennis",
            ),
            required=True,
        ),
        PresetQuestion(
            SINGLE,
            "Hoeveel uur per week besteedt u gemiddeld aan de zorg?",
            ("Minder dan 8 uur", "8 tot 20 uur", "20 tot 40 uur", "Meer dan 40 uur"),
        ),
        PresetQuestion(
            SCALE,
            "Hoe zwaar valt de zorg u op dit moment?",
            scale_max=10,
            low_label="Helemaal niet zwaar",
            high_label="Veel te zwaar",
            required=True,
        ),
        PresetQuestion(
            MULTIPLE,
            "Van welke ondersteuning weet u dat die er is in de gemeente?",
            (
                "Mantelzorgconsulent van Stip",
                "Respijtzorg (de zorg even overdragen)",
                "Lotgenotencontact en mantelzorgcafé",
                "Mantelzorgwaardering",
                "Netwerkcoach",
                "Geen van deze",
            ),
        ),
        PresetQuestion(
            MULTIPLE,
            "Waar zou u de komende tijd het meest aan hebben?",
            (
                "Iemand die de zorg af en toe overneemt",
                "Advies over regelingen en aanvragen",
                "Een luisterend oor",
                "Contact met andere mantelzorgers",
                "Hulp bij het vragen van hulp in mijn eigen netwerk",
                "Afspraken met mijn werkgever over zorg en werk",
            ),
        ),
        PresetQuestion(
            SINGLE,
            "Voelt u zich als mantelzorger gezien en gewaardeerd?",
            ("Ja", "Een beetje", "Nee"),
        ),
        PresetQuestion(
            MULTIPLE,
            "Hoe wilt u informatie over ondersteuning ontvangen?",
            (
                "Een brief thuis",
                "E-mail of nieuwsbrief",
                "De website van Stip",
                "Huis-aan-huisblad",
                "Via de huisarts of praktijkondersteuner",
                "Een persoonlijk gesprek",
            ),
        ),
        PresetQuestion(TEXT, "Wat wilt u ons verder nog meegeven?"),
    ),
)

YOUNG_VOLUNTEERS = Preset(
    code="young_volunteers",
    name=_("Needs of young volunteers (18 to 30)"),
    target_group=TargetGroup.YOUNG_VOLUNTEERS,
    title="Vrijwilligerswerk: wat past bij u?",
    introduction=(
        "Bent u tussen de 18 en 30 jaar en doet u vrijwilligerswerk, of denkt u erover? We "
        "willen weten wat jonge vrijwilligers nodig hebben, zodat organisaties in de gemeente "
        "beter bij u aansluiten. Het invullen duurt ongeveer 5 minuten en is anoniem."
    ),
    questions=(
        PresetQuestion(
            SINGLE,
            "Doet u op dit moment vrijwilligerswerk?",
            ("Ja, regelmatig", "Ja, af en toe", "Nee, maar ik wil wel", "Nee"),
            required=True,
        ),
        PresetQuestion(
            MULTIPLE,
            "In welk soort vrijwilligerswerk heeft u interesse?",
            (
                "Jeugd en onderwijs",
                "Sport",
                "Zorg en welzijn",
                "Cultuur",
                "Natuur en groen",
                "Armoede en schulden",
                "Evenementen",
            ),
        ),
        PresetQuestion(
            SINGLE,
            "Hoeveel tijd zou u willen geven?",
            ("Eenmalig of per project", "Een paar uur per maand", "Een paar uur per week"),
        ),
        PresetQuestion(
            MULTIPLE,
            "Wat houdt u tegen om (meer) vrijwilligerswerk te doen?",
            (
                "Te weinig tijd naast studie of werk",
                "Ik weet niet wat er te doen is",
                "Vaste verplichtingen voor lange tijd",
                "Ik ken er niemand",
                "Niets",
            ),
        ),
        PresetQuestion(
            MULTIPLE,
            "Wat vindt u belangrijk bij vrijwilligerswerk?",
            (
                "Flexibel kunnen inzetten",
                "Samen met leeftijdsgenoten",
                "Iets leren of een certificaat halen",
                "Goede begeleiding",
                "Een onkostenvergoeding",
                "Het staat goed op mijn cv",
            ),
        ),
        PresetQuestion(
            SCALE,
            "Hoe makkelijk vindt u vrijwilligerswerk dat bij u past?",
            scale_max=5,
            low_label="Heel moeilijk",
            high_label="Heel makkelijk",
        ),
        PresetQuestion(
            SINGLE,
            "Kent u het digitale vrijwilligersplatform van de gemeente?",
            ("Ja, ik heb er een profiel", "Ja, maar ik gebruik het niet", "Nee"),
        ),
        PresetQuestion(
            MULTIPLE,
            "Hoe bereiken we u het best?",
            (
                "Instagram",
                "TikTok",
                "WhatsApp",
                "E-mail",
                "Via school of opleiding",
                "Via vrienden",
            ),
        ),
        PresetQuestion(TEXT, "Heeft u tips of ideeën voor vrijwilligerswerk voor jongeren?"),
    ),
)

PRESETS = {preset.code: preset for preset in (YOUNG_CARERS, ADULT_CARERS, YOUNG_VOLUNTEERS)}
