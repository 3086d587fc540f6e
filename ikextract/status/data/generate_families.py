"""The paraphrase families behind generated.tsv: one seeded method per family of result sentences."""
from __future__ import annotations

import random

from ikextract.status.data.generate_words import (
    OBJECTS, MISSING, WRONG, RIGHT, CHECK_VERB, CHECK_NOUN, PEOPLE, ACTIVITY, PLANNED, AREAS,
    ROUTINES, FOLLOW_VERBS, WHEN, REASONS, MINOR_WORDS, NUMBER_WORDS, PERIOD)


def cap(s: str) -> str:
    return s[:1].upper() + s[1:]


class Families:
    def __init__(self, seed: int = 1):
        self.r = random.Random(seed)

    def pick(self, xs):
        return self.r.choice(xs)

    def num(self, n: int) -> str:
        # numbers as printed: digits mostly, words sometimes
        if n in NUMBER_WORDS and self.r.random() < 0.3:
            return NUMBER_WORDS[n]
        return str(n)

    def counts(self):
        n = self.r.choice([10, 12, 15, 20, 24, 25, 30, 40, 48, 50, 60, 75, 80, 100, 120, 200])
        m = self.r.randint(1, max(1, n // 3))
        return n, m

    # --- deviations ---------------------------------------------------------------------
    def count_deviation(self):
        n, m = self.counts()
        pl, defpl, sg = self.pick(OBJECTS)
        miss, wrong, verb = self.pick(MISSING), self.pick(WRONG), self.pick(CHECK_VERB)
        shapes = [
            f"{cap(self.num(m))} av {n} {pl} saknade {miss}.",
            f"I {self.num(m)} av {n} {verb} {pl} saknades {miss}.",
            f"Av {n} {verb} {pl} saknade {self.num(m)} {miss}.",
            f"Av de {n} {pl} som {self.pick(['kontrollerades', 'granskades', 'ingick i stickprovet'])} var {self.num(m)} {wrong}.",
            f"{self.pick(CHECK_NOUN)} av {n} {pl} visade att {self.num(m)} var {wrong}.",
            f"{cap(self.num(m))} av {n} {pl} var {wrong}.",
            f"I {self.num(m)} av {n} {pl} stämde inte {self.pick(['beloppet', 'datumet', 'mottagaren', 'uppgifterna'])} med underlaget.",
            f"I {self.num(m)} av {n} fall följdes inte {self.pick(ROUTINES).lower()}.",
            f"{self.pick(CHECK_NOUN)} omfattade {n} {pl}, varav {self.num(m)} {self.pick(['saknade ' + miss, 'var ' + wrong])}.",
            f"Totalt kontrollerades {n} {pl}. {cap(miss)} saknades i {self.num(m)} av dessa.",
            f"Av {n} {pl} hade {self.num(m)} {self.pick(['fel', 'brister', 'anmärkningar'])} {self.pick(['i konteringen', 'i dokumentationen', 'gällande ' + miss])}.",
            f"{self.num(m) if self.r.random() < .5 else m} st av {n} {pl} {self.pick(['följde inte riktlinjerna', 'uppfyllde inte kraven', 'var inte korrekta'])}.",
        ]
        return self.pick(shapes), "avvikelser", "mindre_avvikelser"

    def share_short(self):
        pl, defpl = self.pick(PEOPLE)
        act = self.pick(ACTIVITY)
        p = self.r.choice([23, 35, 41, 48, 55, 60, 63, 67, 72, 78, 81, 85, 88, 90, 91, 93])
        total = self.r.choice([40, 80, 120, 200, 480, 35, 60])
        done = round(total * p / 100)
        planned = self.pick(PLANNED)
        shortfall, label, acceptable = self.pick([
            (f"Resterande {planned} har flyttats till {self.pick(WHEN)}.", "ej_utford", "avvikelser"),
            (f"Övriga kunde inte genomföras på grund av {self.pick(REASONS)}.", "ej_utford", "avvikelser"),
            ("Målet om att samtliga ska genomföras nåddes därmed inte.", "avvikelser", "ej_utford"),
            (f"Resten har inte hunnits med {self.pick(PERIOD)}.", "ej_utford", "avvikelser"),
            (f"De återstående ska genomföras under {self.pick(WHEN)}.", "pagar", "ej_utford")])
        if self.r.random() < 0.3:
            # a share of the control's own plan carried out is progress: what became of
            # the rest decides
            return self.pick([
                f"{p} % av de planerade {planned} har genomförts. {shortfall}",
                f"Av planerade {planned} har {p} procent genomförts. {shortfall}"]), label, acceptable
        shapes = [
            f"{p} % av {defpl} {act}.",
            f"{done} av {total} {pl} ({p} %) {act}.",
            f"Ca {p}% av {defpl} {act}.",
            f"{cap(self.num(done) if done in NUMBER_WORDS else str(done))} av {total} {pl} {act}.",
            f"Andelen {pl} som {act.replace('har ', '', 1)} uppgick till {p} %, mot målet 100 %.",
            f"Utfallet blev {p} % mot målet {min(100, p + self.r.choice([3, 5, 10, 15]))} %.",
            f"Andelen {self.pick(RIGHT)} {self.pick(OBJECTS)[0]} var {p} % (mål {min(100, p + self.r.choice([2, 5, 8]))} %).",
            f"Resultatet visar att {p} % av {defpl} {act}, målet är att alla ska ha gjort det.",
        ]
        return self.pick(shapes), "avvikelser", "mindre_avvikelser"

    def partial(self):
        """The control itself partly carried out."""
        n, m = self.counts()
        units = self.pick(["enheter", "förvaltningar", "skolor", "boenden", "avdelningar"])
        planned = self.pick(PLANNED)
        when = self.pick(WHEN)
        shapes = [
            (f"Kontrollen har genomförts på {self.num(m)} av {n} {units}. Övriga kontrolleras under {when}.", "pagar", "ej_utford"),
            (f"Stickprov har hittills tagits i {self.num(m)} av {n} ärenden.", "pagar", "ej_utford"),
            ("Kontrollen är genomförd till hälften.", "pagar", "ej_utford"),
            (f"{self.r.choice([40, 55, 70, 85, 91])} % av de planerade {planned} har genomförts.", "ej_utford", "pagar|avvikelser"),
            (f"Endast {self.num(m)} av {n} planerade {planned} har genomförts under året.", "ej_utford", "avvikelser"),
            (f"Kontrollen är delvis utförd, resterande del genomförs under {when}.", "pagar", "ej_utford"),
            (f"Av {n} planerade {planned} har {self.num(m)} genomförts {self.pick(PERIOD)}.", "ej_utford", "pagar|avvikelser"),
            (f"Granskningen har bara hunnit omfatta {self.num(m)} av {n} {units}.", "ej_utford", "pagar"),
        ]
        return self.pick(shapes)

    def negated_routine(self):
        routine = self.pick(ROUTINES)
        shapes = [
            f"{routine} följs inte.",
            f"{routine} {self.pick(['har inte följts', 'efterlevs inte', 'tillämpas inte'])} {self.pick(['fullt ut', 'av alla enheter', 'vid samtliga tillfällen', 'i praktiken', ''])}.".replace(" .", "."),
            f"Kontrollen visar att {routine.lower()} inte {self.pick(['följs', 'efterlevs', 'tillämpas'])}.",
            f"Resultatet visar att kraven inte uppfylls i {self.pick(AREAS)}.",
            f"{cap(self.pick(OBJECTS)[1])} var inte {self.pick(RIGHT)}.",
            f"Hanteringen bedöms inte vara tillfredsställande.",
            f"{cap(self.pick(AREAS))} fungerar inte som avsett.",
            f"Det saknas {self.pick(['rutiner', 'dokumentation', 'underlag', 'uppföljning', 'en fungerande process'])} för {self.pick(AREAS)}.",
            f"Attest har inte skett enligt {self.pick(['attestordningen', 'delegationsordningen', 'gällande reglemente'])}.",
        ]
        return self.pick(shapes), "avvikelser", ""

    def deviation_stated(self):
        area = self.pick(AREAS)
        shapes = [
            f"Avvikelser {self.pick(['identifierades', 'konstaterades', 'noterades', 'har identifierats', 'framkom'])} {self.pick(['gällande', 'avseende', 'i', 'inom'])} {area}.",
            f"Brister {self.pick(['noterades', 'konstaterades', 'har upptäckts', 'fanns'])} i {area}.",
            f"Avvikelse kvarstår {self.pick(['avseende', 'gällande', 'i'])} {area}.",
            f"{self.pick(CHECK_NOUN)} visade brister i {area}.",
            f"Det finns {self.pick(['brister', 'felaktigheter', 'avvikelser', 'väsentliga brister'])} i {area}.",
            f"{self.pick(CHECK_NOUN)} {self.pick(['påvisade', 'visade på', 'har identifierat'])} {self.pick(['flera avvikelser', 'avvikelser', 'brister', 'allvarliga brister'])} i {area}.",
            f"Felaktigheter upptäcktes i {area}, vilket har rapporterats till {self.pick(['förvaltningschefen', 'nämnden', 'ekonomichefen'])}.",
            f"Avvikelser finns. {self.pick(['Åtgärdsplan tas fram.', 'Återrapporteras till nämnden.', 'Se åtgärder nedan.'])}",
            f"Underlag saknades för flera {self.pick(OBJECTS)[0]}.",
            f"{self.pick(['Väsentliga', 'Allvarliga', 'Flera'])} brister har identifierats i {area}.",
        ]
        return self.pick(shapes), "avvikelser", ""

    def minor(self):
        word = self.pick(MINOR_WORDS)
        area = self.pick(AREAS)
        n, m = self.counts()
        pl = self.pick(OBJECTS)[0]
        shapes = [
            f"{cap(word)} avvikelser {self.pick(['noterades', 'har noterats', 'förekom', 'konstaterades'])} i {area}.",
            f"{cap(word)} brister {self.pick(['noterades', 'fanns', 'har hittats'])} i {area}.",
            f"{cap(word)} fel i {area} har rättats.",
            f"Avvikelserna var av {self.pick(['mindre', 'ringa', 'formell', 'begränsad'])} {self.pick(['karaktär', 'omfattning', 'betydelse', 'art'])}.",
            f"{self.pick(ROUTINES)} följs i huvudsak.",
            f"{self.pick(ROUTINES)} {self.pick(['efterlevs', 'följs', 'tillämpas'])} i stort sett, med {self.pick(['några få', 'enstaka', 'vissa'])} undantag.",
            f"I enstaka fall, {m} av {n}, saknades {self.pick(MISSING)}.",
            f"Mindre avvikelser i form av {self.pick(['sen attest', 'saknade kvitton', 'felaktig kontering', 'ofullständiga underlag'])}.",
            f"Ett fåtal {pl} {self.pick(['saknade ' + self.pick(MISSING), 'var felaktiga'])}, i övrigt korrekt.",
            f"{self.pick(CHECK_NOUN)} visade {self.pick(['några smärre brister', 'enstaka mindre fel', 'marginella avvikelser'])} som {self.pick(['har rättats', 'åtgärdats direkt', 'följs upp'])}.",
            f"Överlag {self.pick(['fungerar', 'följs'])} {self.pick(ROUTINES).lower()}, men {self.pick(['mindre', 'smärre'])} brister finns.",
            f"Smärre brister i {m} av {n} {pl}.",
        ]
        return self.pick(shapes), "mindre_avvikelser", "avvikelser"

    # --- all clear ----------------------------------------------------------------------
    def count_clean(self):
        n, _ = self.counts()
        pl, defpl, sg = self.pick(OBJECTS)
        right, verb = self.pick(RIGHT), self.pick(CHECK_VERB)
        shapes = [
            f"Samtliga {n} {verb} {pl} var {right}.",
            f"{n} av {n} {pl} var {right}.",
            f"Av {n} {verb} {pl} var samtliga {right}.",
            f"Alla {n} {pl} som {self.pick(['kontrollerades', 'granskades', 'ingick i stickprovet'])} var {right}.",
            f"{self.pick(CHECK_NOUN)} av {n} {pl} visade inga fel.",
            f"Inga {self.pick(['fel', 'brister', 'avvikelser', 'felaktigheter'])} hittades bland de {n} {verb} {pl}.",
            f"{self.pick(CHECK_NOUN)} omfattade {n} {pl} och samtliga var {right}.",
            f"0 av {n} {pl} saknade {self.pick(MISSING)}.",
            f"Samtliga {pl} hade {self.pick(MISSING)}.",
            f"100 % av {defpl} var {right}.",
        ]
        return self.pick(shapes), "inga_avvikelser", ""

    def share_full(self):
        pl, defpl = self.pick(PEOPLE)
        g = self.r.choice([80, 85, 90, 95])
        p = self.r.choice([x for x in (86, 90, 92, 95, 96, 97, 98, 99, 100) if x >= g])
        shapes = [
            f"100 % av {defpl} {self.pick(ACTIVITY)}.",
            f"Samtliga {pl} {self.pick(ACTIVITY)}.",
            f"Alla {pl} {self.pick(ACTIVITY)}.",
            f"Utfallet blev {p} % mot målet {g} %.",
            f"Andelen var {p} % (målvärde {g} %).",
            f"Målet på {g} % nåddes med ett utfall på {p} %.",
        ]
        return self.pick(shapes), "inga_avvikelser", ""

    def clear_stated(self):
        area = self.pick(AREAS)
        routine = self.pick(ROUTINES)
        shapes = [
            f"Inga avvikelser {self.pick(['noterades', 'har identifierats', 'framkom', 'konstaterades', 'upptäcktes'])} {self.pick(['vid kontrollen', 'i stickprovet', 'vid granskningen', 'under året', ''])}.".replace(" .", "."),
            f"Det har inte {self.pick(['framkommit', 'identifierats', 'noterats'])} några {self.pick(['avvikelser', 'brister', 'fel', 'anmärkningar'])} i {area}.",
            f"{self.pick(CHECK_NOUN)} visade inga {self.pick(['avvikelser', 'brister', 'fel', 'anmärkningar'])}.",
            f"Inget att anmärka på.",
            f"{self.pick(CHECK_NOUN)} {self.pick(['är genomförd', 'genomfördes', 'har utförts'])} utan anmärkning.",
            f"{routine} {self.pick(FOLLOW_VERBS)}.",
            f"{routine} {self.pick(['bedöms fungera tillfredsställande', 'fungerar väl', 'fungerar som avsett', 'bedöms fungera bra'])}.",
            f"{cap(area)} bedöms vara {self.pick(['tillfredsställande', 'ändamålsenlig', 'god'])}.",
            f"Inga anmärkningar.",
            f"Kontrollen visar att {routine.lower()} {self.pick(['följs', 'efterlevs', 'tillämpas korrekt'])} {self.pick(['på samtliga enheter', 'fullt ut', 'i alla delar', ''])}.".replace(" .", "."),
            f"Allt var i sin ordning.",
            f"Det finns inga brister i {area}.",
            f"Resultatet är tillfredsställande och ingen åtgärd krävs.",
        ]
        return self.pick(shapes), "inga_avvikelser", ""

    # --- progress -----------------------------------------------------------------------
    def postponed(self):
        when, reason = self.pick(WHEN), self.pick(REASONS)
        ctl = self.pick(["Kontrollen", "Kontrollmomentet", "Granskningen", "Stickprovet",
                         "Uppföljningen", "Momentet"])
        shapes = [
            f"{ctl} flyttas till {when}.",
            f"{ctl} har {self.pick(['skjutits upp', 'flyttats', 'senarelagts'])} till {when} på grund av {reason}.",
            f"{ctl} har inte genomförts {self.pick(PERIOD)}.",
            f"{ctl} är ej utfört {self.pick(PERIOD)}.",
            f"Ingen {self.pick(['kontroll', 'granskning', 'uppföljning'])} {self.pick(['utförd', 'har gjorts', 'genomfördes'])} {self.pick(PERIOD)}.",
            f"{ctl} utgår {self.pick(['i år', 'för ' + when, 'på grund av ' + reason])}.",
            f"På grund av {reason} har {ctl.lower()} inte kunnat genomföras.",
            f"{ctl} har inte hunnits med {self.pick(PERIOD)} och genomförs {when}.",
            f"Det har inte varit möjligt att genomföra {ctl.lower()} {self.pick(PERIOD)}.",
            f"{ctl} sköts upp till {when}.",
            f"{ctl} kunde inte utföras då {self.pick(['underlag saknades', 'systemet inte var på plats', 'personal saknades'])}.",
        ]
        return self.pick(shapes), "ej_utford", "ej_paborjad"

    def not_started(self):
        when = self.pick(WHEN)
        shapes = [
            "Ej påbörjad.", "Inte påbörjad.", "Ej påbörjat.",
            f"Arbetet har ännu inte påbörjats.",
            f"{self.pick(['Kontrollen', 'Arbetet', 'Granskningen', 'Översynen'])} har inte påbörjats {self.pick(PERIOD)}.",
            f"{self.pick(['Kontrollen', 'Arbetet', 'Granskningen'])} kommer att påbörjas under {when}.",
            f"{self.pick(['Arbetet', 'Kontrollen'])} har inte startat ännu.",
            f"{self.pick(['Arbetet', 'Kontrollen', 'Projektet'])} har inte kommit igång.",
            f"Ej startad, planeras till {when}.",
        ]
        return self.pick(shapes), "ej_paborjad", "ej_utford"

    def in_progress(self):
        area = self.pick(AREAS)
        shapes = [
            "Pågår.", "Arbetet pågår.",
            f"Kartläggning av {area} pågår.",
            f"Arbetet med {area} pågår {self.pick(['löpande', 'och beräknas vara klart under ' + self.pick(WHEN), 'enligt plan'])}.",
            f"Översyn av {area} är påbörjad.",
            f"{self.pick(['Analysen', 'Sammanställningen', 'Rutinen', 'Handlingsplanen'])} är under {self.pick(['framtagande', 'utarbetande', 'bearbetning'])}.",
            f"Det är för tidigt att dra slutsatser om {area}.",
            f"{self.pick(['Kontrollen', 'Granskningen'])} pågår och {self.pick(['redovisas', 'återrapporteras'])} i {self.pick(['bokslutet', 'nästa uppföljning', 'delårsrapporten'])}.",
            f"Kontrollen är delvis genomförd.",
            f"Arbetet är inte klart, {self.pick(['det fortsätter', 'det pågår fortfarande'])} under {self.pick(WHEN)}.",
            f"Stickprov har tagits men analysen är ännu inte klar.",
        ]
        return self.pick(shapes), "pagar", ""

    # --- does not say -------------------------------------------------------------------
    def reference(self):
        shapes = [
            f"Se bilaga {self.r.randint(1, 6)}.",
            f"Resultatet redovisas i bilaga {self.r.randint(1, 6)}.",
            f"Se separat {self.pick(['rapport', 'redovisning', 'tjänsteskrivelse'])}.",
            f"Redovisas i {self.pick(['delårsrapporten', 'verksamhetsberättelsen', 'årsredovisningen', 'separat rapport'])}.",
            f"Se kommentar ovan.",
            f"Resultatet återrapporteras till nämnden i {self.pick(['oktober', 'samband med bokslutet', 'en separat rapport'])}.",
            f"Se bifogad sammanställning.",
            f"Hänvisning till bilaga {self.r.randint(1, 6)}.",
        ]
        return self.pick(shapes), "okand", ""

    def neutral(self):
        area = self.pick(AREAS)
        shapes = [
            f"{self.pick(ROUTINES)} har reviderats under året.",
            f"En ny {self.pick(['e-tjänst', 'mall', 'checklista', 'rutinbeskrivning'])} har tagits fram för {area}.",
            f"Kontrollen avser {area}.",
            f"Stickprov har tagits på {self.pick(OBJECTS)[0]} från {self.pick(['januari', 'mars', 'hösten', 'första halvåret'])}.",
            f"Under året har {self.pick(['organisationen förändrats', 'en ny ekonomichef anställts', 'verksamhetssystemet bytts ut'])}.",
            f"Kontrollen syftar till att {self.pick(['upptäcka fel i', 'minska risken för brister i', 'säkerställa'])} {area}.",
            f"Eventuella avvikelser ska rapporteras till {self.pick(['närmaste chef', 'nämnden', 'controller'])}.",
            f"Vid avvikelse ska {self.pick(['en åtgärdsplan upprättas', 'chef informeras', 'rapport skrivas'])}.",
            f"Resultatet {self.pick(['ska analyseras', 'diskuteras'])} i ledningsgruppen.",
            f"Kontrollen genomförs {self.pick(['två gånger per år', 'årligen', 'kvartalsvis', 'löpande'])} av {self.pick(['controller', 'ekonomienheten', 'HR-avdelningen'])}.",
            f"{self.pick(CHECK_NOUN)} har genomförts.",
            f"Kontrollen är utförd enligt plan.",
        ]
        text = self.pick(shapes)
        acceptable = "inga_avvikelser" if "genomförts." in text or "enligt plan" in text else ""
        return text, "okand", acceptable

    def activity(self):
        """Long descriptions of work done: they say what happened, not what was found."""
        who = self.pick(["Förvaltningen", "Verksamheten", "Enheten", "Nämnden", "Vi",
                         "Avdelningen", "Kontoret", "HR-avdelningen", "Ekonomienheten"])
        when = self.pick(["Under hösten", "Under året", "I samband med omorganisationen",
                          "Inför 2025", "Under våren", "Sedan förra uppföljningen"])
        did = self.pick([
            "arbetat fram en ny modell för budgetuppföljning på enhetsnivå",
            "bjudit in skolledarna till en gemensam planeringsdag",
            "infört veckovisa möten mellan bemanningsenheten och hemtjänsten",
            "anlitat en extern konsult för att se över lokalförsörjningen",
            "ersatt pappersblanketterna för reseräkningar med ett digitalt flöde",
            "ingått ett samarbete med grannkommunerna kring upphandling av livsmedel",
            "tagit fram en kommunikationsplan för arbetet med informationssäkerhet",
            "genomfört workshops med enhetscheferna om riskanalys",
            "uppdaterat mallarna för tjänsteskrivelser",
            "haft regelbundna avstämningar med upphandlingsenheten",
            "utsett kontaktpersoner för arkivfrågor på varje enhet",
            "byggt om intranätets sidor om rekrytering"])
        then = self.pick([
            "Erfarenheterna tas med i nästa års planering.",
            "Syftet är att skapa tydlighet i ansvar och roller.",
            "Arbetssättet har förankrats i ledningsgruppen.",
            "Frågan har även lyfts på arbetsplatsträffar.",
            "Modellen presenterades för nämnden i november.",
            "Det har varit ett uppskattat inslag bland medarbetarna.", ""])
        return f"{when} har {who.lower() if who != 'Vi' else 'vi'} {did}. {then}".strip(), "okand", ""

    def near_miss(self):
        shapes = [
            (f"{self.pick(['Rekryteringen', 'Annonseringen', 'Utlysningen'])} av {self.pick(['socialsekreterare', 'lärare', 'sjuksköterskor', 'tillsynshandläggare'])} {self.pick(['gav', 'ledde till'])} inga sökanden.", "avvikelser", "okand"),
            (f"Inga {self.pick(['ansökningar', 'anbud', 'intresseanmälningar'])} inkom trots {self.pick(['annonsering', 'flera utlysningar', 'påminnelser'])}.", "avvikelser", "okand"),
            (f"{self.pick(['Alla', 'Samtliga'])} {self.pick(['uppmärksammade', 'rapporterade', 'noterade', 'inkomna'])} avvikelser har {self.pick(['hanterats', 'åtgärdats', 'följts upp och åtgärdats', 'omhändertagits'])}.", "inga_avvikelser", ""),
            (f"Uppföljningen visar att samtliga {self.pick(['rapporterade', 'registrerade'])} avvikelser under {self.pick(['året', 'perioden', 'hösten'])} har {self.pick(['åtgärdats', 'omhändertagits'])}.", "inga_avvikelser", ""),
            (f"{self.pick(CHECK_NOUN)} är genomförd utan anmärkning. Nästa steg, {self.pick(['digitalisering', 'utbildning', 'uppföljning'])}, är ej påbörjat.", "inga_avvikelser", ""),
            (f"Inga åtgärder {self.pick(['krävs', 'behövs', 'är nödvändiga'])}.", "inga_avvikelser", ""),
            (f"Avvikelserna har inte hanterats.", "avvikelser", ""),
            (f"Inte alla {self.pick(OBJECTS)[0]} var {self.pick(RIGHT)}.", "avvikelser", "mindre_avvikelser"),
            (f"Inte samtliga {self.pick(PEOPLE)[0]} {self.pick(ACTIVITY)}.", "avvikelser", "mindre_avvikelser"),
            (f"Ingen av {self.pick(OBJECTS)[1]} var {self.pick(RIGHT)}.", "avvikelser", ""),
            (f"Det saknas inte {self.pick(['underlag', 'dokumentation', 'attest'])} i något av ärendena.", "inga_avvikelser", ""),
        ]
        return self.pick(shapes)

    def mixed(self):
        """Several sentences: the whole text decides, not its first matching sentence."""
        n, m = self.counts()
        pl = self.pick(OBJECTS)[0]
        area = self.pick(AREAS)
        shapes = [
            (f"{self.pick(CHECK_NOUN)} är genomförd. {self.pick(['Mindre avvikelser', 'Smärre brister'])} kvarstår gällande {area}.", "mindre_avvikelser", "avvikelser"),
            (f"Kontrollen är genomförd. I {self.num(m)} av {n} granskade {pl} saknades {self.pick(MISSING)}.", "avvikelser", "mindre_avvikelser"),
            (f"Samtliga {pl} var attesterade. I {self.num(m)} fall saknades dock {self.pick(MISSING)}.", "avvikelser", "mindre_avvikelser"),
            (f"Inga avvikelser i {area}. Brister {self.pick(['noterades', 'fanns'])} däremot i {self.pick(AREAS)}.", "avvikelser", "mindre_avvikelser"),
            (f"{self.pick(ROUTINES)} följs. {cap(self.pick(MISSING))} saknades dock i {self.num(m)} av {n} {pl}.", "avvikelser", "mindre_avvikelser"),
            (f"Stickprov har genomförts på {n} {pl}. {self.pick(['Samtliga var korrekta.', 'Inga fel hittades.', 'Inga avvikelser noterades.'])}", "inga_avvikelser", ""),
            (f"Kontrollen genomfördes i {self.pick(['maj', 'oktober', 'mars'])}. {self.pick(ROUTINES)} {self.pick(['följs', 'efterlevs'])}.", "inga_avvikelser", ""),
            (f"Kontrollen är utförd. {cap(self.pick(AREAS))} bedöms fungera tillfredsställande.", "inga_avvikelser", ""),
            (f"Arbetet pågår. {self.pick(['Hittills', 'Än så länge'])} har {self.num(m)} av {n} {pl} granskats.", "pagar", ""),
            (f"Kontrollen har inte genomförts {self.pick(PERIOD)}. Inga avvikelser har rapporterats.", "ej_utford", "okand"),
            (f"{self.pick(CHECK_NOUN)} omfattade {n} {pl}. {cap(self.num(m))} av dessa var {self.pick(WRONG)}. Felen har rättats.", "avvikelser", "mindre_avvikelser"),
            (f"En ny rutin har införts. {cap(self.pick(AREAS))} fungerar dock inte som avsett.", "avvikelser", ""),
        ]
        return self.pick(shapes)

    def assessment(self):
        shapes = [("Godkänd.", "inga_avvikelser", ""), ("Delvis godkänd.", "mindre_avvikelser", "avvikelser"),
                  ("Ej godkänd.", "avvikelser", ""), ("Tillfredsställande.", "inga_avvikelser", ""),
                  ("Ej tillfredsställande.", "avvikelser", ""),
                  (f"Målet {self.pick(['uppnåddes inte', 'har inte nåtts', 'är inte uppfyllt'])}.", "avvikelser", ""),
                  (f"Målet {self.pick(['är uppnått', 'har uppnåtts', 'uppfylls'])}.", "inga_avvikelser", ""),
                  (f"Bedömningen är att {self.pick(AREAS)} {self.pick(['fungerar', 'inte fungerar'])}.", None, "")]
        text, label, acc = self.pick(shapes)
        if label is None:
            label = "avvikelser" if "inte fungerar" in text else "inga_avvikelser"
        return text, label, acc
