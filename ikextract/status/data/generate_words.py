"""Word lists the paraphrase families of generated.tsv draw from."""

# (plural, definite plural, singular) of things a control checks
OBJECTS = [
    ("fakturor", "fakturorna", "faktura"), ("leverantörsfakturor", "leverantörsfakturorna", "leverantörsfaktura"),
    ("verifikationer", "verifikationerna", "verifikation"), ("avtal", "avtalen", "avtal"),
    ("ärenden", "ärendena", "ärende"), ("beslut", "besluten", "beslut"),
    ("utbetalningar", "utbetalningarna", "utbetalning"), ("tidrapporter", "tidrapporterna", "tidrapport"),
    ("delegationsbeslut", "delegationsbesluten", "delegationsbeslut"),
    ("direktupphandlingar", "direktupphandlingarna", "direktupphandling"),
    ("utlägg", "utläggen", "utlägg"), ("körjournaler", "körjournalerna", "körjournal"),
    ("genomförandeplaner", "genomförandeplanerna", "genomförandeplan"),
    ("biståndsbeslut", "biståndsbesluten", "biståndsbeslut"),
    ("anställningsavtal", "anställningsavtalen", "anställningsavtal"),
    ("representationsfakturor", "representationsfakturorna", "representationsfaktura"),
    ("lönebesked", "lönebeskeden", "lönebesked"), ("journaler", "journalerna", "journal"),
    ("ansökningar om bidrag", "bidragsansökningarna", "bidragsansökan"),
    ("behörigheter", "behörigheterna", "behörighet"), ("kassaavstämningar", "kassaavstämningarna", "kassaavstämning"),
    ("inköp", "inköpen", "inköp"), ("tjänsteresor", "tjänsteresorna", "tjänsteresa"),
    ("registerutdrag", "registerutdragen", "registerutdrag"), ("hyresavtal", "hyresavtalen", "hyresavtal"),
    ("avvikelserapporter", "avvikelserapporterna", "avvikelserapport"),
    ("orosanmälningar", "orosanmälningarna", "orosanmälan"), ("lex Sarah-rapporter", "lex Sarah-rapporterna", "lex Sarah-rapport"),
]
MISSING = [
    "attest", "underskrift", "kvitto", "beslutsdatum", "korrekt kontering", "referensnummer",
    "giltigt avtal", "dokumentation", "motivering", "diarienummer", "behörig beslutsfattare",
    "journalanteckning", "signatur", "underlag", "syfte och deltagare", "godkännande av chef",
    "en aktuell riskbedömning", "uppföljning inom föreskriven tid", "delgivning", "ansvarig handläggare",
]
WRONG = ["felaktiga", "felaktigt konterade", "inte korrekt attesterade", "ofullständiga",
         "bristfälligt dokumenterade", "inte diarieförda", "attesterade av fel person",
         "inte registrerade i tid", "utan giltigt underlag", "felaktigt beräknade"]
RIGHT = ["korrekta", "korrekt attesterade", "fullständigt dokumenterade", "rätt konterade",
         "diarieförda i tid", "godkända av behörig chef", "i sin ordning", "korrekt hanterade",
         "registrerade enligt rutinen", "försedda med giltigt underlag"]
CHECK_VERB = ["kontrollerade", "granskade", "genomgångna", "slumpvis utvalda", "stickprovade",
              "undersökta"]
CHECK_NOUN = ["Stickprovet", "Kontrollen", "Granskningen", "Genomgången", "Uppföljningen",
              "Stickprovskontrollen", "Avstämningen"]
PEOPLE = [("chefer", "cheferna"), ("medarbetare", "medarbetarna"), ("nyanställda", "de nyanställda"),
          ("handläggare", "handläggarna"), ("enheter", "enheterna"), ("skolor", "skolorna"),
          ("förskolor", "förskolorna"), ("verksamheter", "verksamheterna"),
          ("rektorer", "rektorerna"), ("arbetsplatser", "arbetsplatserna"),
          ("boenden", "boendena"), ("förvaltningar", "förvaltningarna")]
ACTIVITY = ["har gått utbildningen i informationssäkerhet", "har genomfört webbutbildningen om mutor",
            "har genomgått introduktion", "har lämnat in en riskbedömning",
            "har upprättat en handlingsplan", "har svarat på enkäten",
            "har genomfört medarbetarsamtal", "har en aktuell krisplan",
            "har genomfört brandövning", "har deltagit i utbildningen om GDPR",
            "har redovisat sin uppföljning", "har gjort en egenkontroll",
            "har tagit del av den nya riktlinjen", "har uppdaterat sin kontinuitetsplan"]
PLANNED = ["inspektionerna", "tillsynsbesöken", "kontrollerna", "revisionerna",
           "uppföljningsbesöken", "livsmedelskontrollerna", "skyddsronderna",
           "brandskyddskontrollerna", "stickproven", "dialogmötena"]
AREAS = ["attesthanteringen", "hanteringen av representation", "kontanthanteringen",
         "dokumentationen av beslut", "inköpsprocessen", "behörighetstilldelningen",
         "löneutbetalningarna", "avtalsförvaltningen", "delegationsordningen",
         "hanteringen av allmänna handlingar", "arkiveringen", "fakturahanteringen",
         "rutinen för synpunkter och klagomål", "hanteringen av personuppgifter",
         "registreringen av frånvaro", "rapporteringen av delegationsbeslut",
         "uppföljningen av avtalstrohet", "hanteringen av förtroendekänsliga poster"]
ROUTINES = ["Rutinen", "Riktlinjen", "Attestordningen", "Delegationsordningen", "Policyn",
            "Rutinen för kassahantering", "Riktlinjerna för representation", "Processen",
            "Instruktionen", "Arbetssättet", "Rutinen för avvikelsehantering",
            "Regelverket för tjänsteresor", "Dokumenthanteringsplanen"]
FOLLOW_VERBS = ["följs", "efterlevs", "tillämpas", "har följts", "har efterlevts", "följdes",
                "har tillämpats"]
WHEN = ["2025", "hösten", "nästa år", "kommande period", "tertial 3", "andra halvåret",
        "våren 2025", "nästa års internkontrollplan", "december"]
REASONS = ["hög arbetsbelastning", "vakanser", "sjukfrånvaro", "omorganisation",
           "byte av verksamhetssystem", "resursbrist", "prioritering av andra uppdrag",
           "att systemstödet inte var på plats", "personalomsättning"]
MINOR_WORDS = ["mindre", "smärre", "enstaka", "marginella", "obetydliga", "ett fåtal"]
NUMBER_WORDS = {1: "en", 2: "två", 3: "tre", 4: "fyra", 5: "fem", 6: "sex", 7: "sju",
                8: "åtta", 9: "nio", 10: "tio", 12: "tolv", 15: "femton", 20: "tjugo",
                25: "tjugofem", 30: "trettio", 40: "fyrtio", 50: "femtio"}
PERIOD = ["per april", "per 31 augusti", "under året", "under perioden", "per delår",
          "under första tertialen", "vid årets slut"]
