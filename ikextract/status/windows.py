"""How far the status rules look around a hit, and the few closed word classes they know
(folded forms); every open vocabulary is a TSV file beside this module."""

SENTENCE_ENDS = {".", "!", "?", ";"}
NEUTRALIZER_WINDOW = 2       # "risk för fel", "eventuella avvikelser"
CLEAR_NEUTRALIZER_WINDOW = 4  # "för att säkerställa att rutinen följs"
COMPARISON_WORDS = frozenset(("jamfort", "jamforelse", "jamforelsevis", "an", "mot", "sedan"))
PAST_LABEL_WORDS = 3        # "Förra året:", "Föregående års kontroll:"
PAST_WINDOW = 3              # "I fjol fanns avvikelser"
PAST_AFTER_RELATIVE = 7      # "avvikelser som uppmärksammades vid förra årets kontroll"
CLEAR_NEGATED_CONFIDENCE = 0.75  # "Bisysslor har inte prövats ... i enlighet med riktlinjen"
STILL_WORDS = frozenset(("kvarstar", "kvarstod", "kvar", "fortfarande", "alltjamt", "annu"))
NEUTRALIZED = "neutralized"
PARTLY = frozenset(("delvis",))
ITEM_MARKS = frozenset(("–", "-", ":", "—"))
ITEM_ANSWERS = {"nej": "avvikelser", "delvis": "mindre_avvikelser"}
NORMS = frozenset(("ska", "skall", "far", "bor", "maste"))   # "inga fel ska/får förekomma"
EXPECTATIONS = frozenset(("forvantas", "vantas", "beraknas", "forutses", "planeras"))
ANSWERS = {"ja": "yes", "nej": "no", "delvis": "partial"}
PROGRESS_QUESTION = ("genomfor", "utfor", "gjort", "gjorts", "paborja", "startat")
NOT_APPLICABLE_RULE = ("phrase:hanvisning:ej|inte aktuellt", "phrase:ej_bedombar:")
UNKNOWN_CODE = "okand"
LATER = ":later"
EXAMPLE_MARKERS = (("form", "av"), ("bland", "annat"), ("sasom",), ("exempelvis",),
                   ("t.ex",), ("t.ex.",), ("till", "exempel"), ("framfor", "allt"))
EXAMPLE_WINDOW = 4
SUBJECT_NEGATORS = frozenset(("inga", "ingen", "inget"))
AUXILIARIES = frozenset(("hade", "har", "var", "ar", "blev", "blivit"))
SUBJECT_WORDS = 3            # words of the negated subject before its auxiliary
# words from the auxiliary to the finding ("har tillgång till kassan utan")
AFTER_AUXILIARY = 4
NOT_A_CONTROL_CONFIDENCE = 0.85
QUALIFIED_NEGATION_CONFIDENCE = 0.85
CONTROL_PREFIXES = ("kontroll", "stickprov", "gransk", "uppfoljning", "moment", "inventering")
# not_a_result.py: what follows the word opening a sentence that is no result (folded)
RISK_FOLLOWERS = frozenset((":", "for", "att", "ar", "bedoms", "bedomdes", "finns", "–", "-",
                            "—", "(", "i", "vid", "med", "om", "kring"))  # "Risk för jäv"
SCORE_FOLLOWERS = frozenset((":", "ar", "bedoms", "bedomdes", "–", "-", "—", "(", "=", "hog",
                             "lag", "medel", "medelhog"))
GOAL_FOLLOWERS = frozenset((":", "ar", "att", "om", "ska", "skall", "–", "-", "—", "for", "lage",
                            "resultat"))
HEAD_LABEL_WORDS = 4         # "Beskrivning av risk: ...": a head as the label of the sentence
# hit_filters.py: progress in a clause of time or place ("efter att insatsen påbörjats")
SUBORDINATORS = (("efter", "att"), ("innan",), ("nar",), ("forran",), ("tills",), ("dar",))
FINITE_VERBS = frozenset(("har", "hade", "ar", "var", "blev", "kan", "kunde", "ska", "skall",
                          "bor", "maste", "far", "fick"))
DELAY_WORDS = frozenset(("forsenad", "forsenat", "forsenade", "forsenats", "fordrojd",
                         "fordrojt", "fordrojning", "forsening"))
DELAY_WINDOW = 3             # "Pågår, men är försenat"
PAST_PROGRESS = frozenset(("pagatt", "pagick"))   # "Kontrollen har pågått under året"
OWN_SUBJECTS = frozenset(("vi",))   # "Vi har gått igenom hälften": the controllers
START_WORDS = ("paborja", "startat", "startad", "inlett", "inledd", "igang")
ALONE_RULE = "phrase:ej_utford_alone:"   # a word that says it only at the end of its clause
PART_MARKS = frozenset(("for", "pa"))     # "klar för grundskolorna": done for a part
CONDITIONS = (("om",), ("forutsatt",), ("sa", "lange"), ("under", "forutsattning"))  # after an all-clear
CONDITION_SUBJECTS = frozenset(("den", "det", "de", "man", "alla", "samtliga", "vi", "hen", "han",
                                "hon", "nagon", "nagot", "inga", "ingen", "inget"))
SO_FAR_WORDS = frozenset(("hittills", "annu", "aterstar", "ovriga", "resterande", "aterstaende",
                          "resten", "kvarvarande"))   # "the rest is still to come"
NOT_YET = frozenset(("annu", "an", "hittills"))
MISSING_WORDS = frozenset(("saknas", "saknades", "fattas", "fattades"))
SAMPLE_PREFIXES = ("stickprov", "urval")      # the control's own samples
TO_COME_WORDS = frozenset(("pagar", "januari", "februari", "mars", "april", "maj", "juni", "juli",
                           "augusti", "september", "oktober", "november", "december",
                           "hosten", "varen", "sommaren", "senare"))
# negators of a verb: "har inte gjorts", "ska ej", "har aldrig"
VERB_NEGATORS = frozenset(("inte", "ej", "aldrig"))
