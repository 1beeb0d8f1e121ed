"""French translations of the catalogue's messages (source of messages.po; see layouts/i18n.py).

Kept as Python so a reviewer reads English and French side by side; ``python
translations/fr.py`` rewrites ``fr/LC_MESSAGES/messages.po`` from ``messages.pot`` and compiles
the ``.mo``. Plural entries map to a (singular, plural) pair.
"""

FR: dict[str, str | tuple[str, str]] = {
    "Caution: {n} lost deal has no known stage, so these rates are optimistic.": (
        "Attention : {n} affaire perdue n’a pas d’étape connue, ces taux sont donc optimistes.",
        "Attention : {n} affaires perdues n’ont pas d’étape connue, ces taux sont donc "
        "optimistes."),
    "Showing the deals that moved ({category}) since snapshot #{id}.":
        "Affaires qui ont bougé ({category}) depuis l’instantané n°{id}.",
    "Showing the deals that moved ({category}) since the previous snapshot.":
        "Affaires qui ont bougé ({category}) depuis l’instantané précédent.",
    "Back to Trends": "Retour aux tendances",
    " and ": " et ",
    "A backtest needs two or more snapshots (imports) of this dataset: import a later export of "
    "the same CRM to compare what was forecast with what was won. This dataset has {n}.":
        "Un backtest demande au moins deux instantanés (imports) de ce jeu de données : "
        "importez un export ultérieur du même CRM pour comparer ce qui était prévu à ce qui a "
        "été gagné. Ce jeu de données en a {n}.",
    "No snapshot is old enough to judge yet: a window of N days is judged once a later "
    "snapshot is at least N days newer. The rows below are provisional.":
        "Aucun instantané n’est encore assez ancien pour être jugé : une fenêtre de N jours est "
        "jugée dès qu’un instantané ultérieur a au moins N jours de plus. Les lignes ci-dessous "
        "sont provisoires.",
    "95 % interval": "Intervalle à 95 %",
    "Backtest: what past snapshots forecast against what was won":
        "Backtest : ce que les instantanés passés prévoyaient face à ce qui a été gagné",
    "Bias (mean forecast − actual)": "Biais (prévision moyenne − réel)",
    "Calibrated": "Calibrée",
    "Calibrated probability of a stage = won ÷ closed deals that reached it (won deals reached "
    "every stage; a lost deal the stages up to the one it was lost in, or the furthest stage "
    "earlier snapshots showed it in), with its 95 % Wilson interval. Below {minimum} closed "
    "deals a stage keeps its configured probability.":
        "Probabilité calibrée d’une étape = gagnées ÷ affaires clôturées qui l’ont atteinte "
        "(une affaire gagnée a atteint toutes les étapes ; une affaire perdue, les étapes "
        "jusqu’à celle où elle a été perdue, ou la plus avancée où des instantanés antérieurs "
        "l’ont vue), avec son intervalle de Wilson à 95 %. En dessous de {minimum} affaires "
        "clôturées, une étape garde sa probabilité configurée.",
    "Closed deals (sample)": "Affaires clôturées (échantillon)",
    "Configured": "Configurée",
    "Date": "Date",
    "Editor": "Éditeur",
    "Error (forecast − actual)": "Écart (prévision − réel)",
    "Error = forecast likely − revenue won later among that snapshot's open deals closing in "
    "the window (METRICS.md backtest); a window is judged once a later snapshot is at least "
    "that many days newer.":
        "Écart = prévision probable − chiffre d’affaires gagné ensuite parmi les affaires "
        "ouvertes de cet instantané clôturant dans la fenêtre (backtest de METRICS.md) ; une "
        "fenêtre est jugée dès qu’un instantané ultérieur a au moins autant de jours de plus.",
    "Forecast (likely)": "Prévision (probable)",
    "Forecast fan": "Éventail de prévision",
    "Forecast fan (P10 / P50 / P90, likely)": "Éventail de prévision (P10 / P50 / P90, probable)",
    "Forecast with calibrated probabilities": "Prévoir avec les probabilités calibrées",
    "Forecast with the calibrated probabilities: stages with enough closed deals use their "
    "observed win rate, the others keep the configured one (table below).":
        "Prévision avec les probabilités calibrées : les étapes ayant assez d’affaires "
        "clôturées utilisent leur taux de réussite observé, les autres gardent celui configuré "
        "(tableau ci-dessous).",
    "Forecast with the configured stage probabilities (Settings).":
        "Prévision avec les probabilités configurées des étapes (Paramètres).",
    "Health": "Santé",
    "Judged": "Jugé",
    "Keep your pipeline in the app: add and edit deals, log calls and meetings, see what needs "
    "attention today.":
        "Tenez votre pipeline dans l’application : ajoutez et modifiez des affaires, notez "
        "appels et rendez-vous, voyez ce qui demande votre attention aujourd’hui.",
    "Likely (Σ amount × p)": "Probable (Σ montant × p)",
    "Likely, P10, P50 and P90 revenue at 30, 60 and 90 days; calibrated probabilities and a "
    "backtest of past forecasts.":
        "Chiffre d’affaires probable, P10, P50 et P90 à 30, 60 et 90 jours ; probabilités "
        "calibrées et backtest des prévisions passées.",
    "Mean absolute error": "Erreur absolue moyenne",
    "Median (P50)": "Médiane (P50)",
    "Method: {methods}.": "Méthode : {methods}.",
    "Monte-Carlo simulation: {draws} draws, fixed seed (each deal won independently with its "
    "probability)":
        "simulation de Monte-Carlo : {draws} tirages, graine fixe (chaque affaire gagnée "
        "indépendamment avec sa probabilité)",
    "Move the levers: the 30/60/90-day forecast and this quarter against today's.":
        "Actionnez les leviers : la prévision à 30/60/90 jours et ce trimestre face à "
        "aujourd’hui.",
    "Next action": "Prochaine action",
    "No open stage to calibrate.": "Aucune étape ouverte à calibrer.",
    "Not available: the forecast needs expected close dates and amounts.":
        "Indisponible : la prévision a besoin des dates de clôture prévues et des montants.",
    "P50 (median)": "P50 (médiane)",
    "Segments": "Segments",
    "Snapshot": "Instantané",
    "Snapshots judged": "Instantanés jugés",
    "Stage probabilities: configured and calibrated":
        "Probabilités des étapes : configurées et calibrées",
    "Trends": "Tendances",
    "Used when calibrated": "Utilisée si calibrée",
    "What moved since an earlier snapshot, the pipeline week by week, time in stage.":
        "Ce qui a bougé depuis un instantané antérieur, le pipeline semaine par semaine, le "
        "temps passé par étape.",
    "What-if": "Simulation",
    "Which deal sizes and sectors win, and how fast deals move by stage, source, owner.":
        "Quelles tailles d’affaires et quels secteurs gagnent, et à quelle vitesse les affaires "
        "avancent par étape, source et responsable.",
    "Window": "Fenêtre",
    "Won later": "Gagné ensuite",
    "exact (no uncertain deal)": "exacte (aucune affaire incertaine)",
    "median {amount}": "médiane {amount}",
    "normal approximation (more than 2,000 deals in a window)":
        "approximation normale (plus de 2 000 affaires dans une fenêtre)",
    "not yet": "pas encore",
    "too few deals ({n} < {minimum}): configured kept":
        "trop peu d’affaires ({n} < {minimum}) : probabilité configurée conservée",
    "yes": "oui",
    "{n} lost deal has no known stage (the file only says it was lost, and no earlier snapshot "
    "shows where): it counts for no stage, so the calibrated rates are optimistic. Import "
    "several snapshots of this dataset to place it.": (
        "{n} affaire perdue n’a pas d’étape connue (le fichier dit seulement qu’elle est "
        "perdue, et aucun instantané antérieur ne montre où) : elle ne compte pour aucune "
        "étape, les taux calibrés sont donc optimistes. Importez plusieurs instantanés de ce "
        "jeu de données pour la placer.",
        "{n} affaires perdues n’ont pas d’étape connue (le fichier dit seulement qu’elles sont "
        "perdues, et aucun instantané antérieur ne montre où) : elles ne comptent pour aucune "
        "étape, les taux calibrés sont donc optimistes. Importez plusieurs instantanés de ce "
        "jeu de données pour les placer."),
    "{won} won / {reached}": "{won} gagnées / {reached}",
    "A deal reached a stage if it is in it or later, or won; lost deals count only where "
    "earlier imports show they got.":
        "Une affaire a atteint une étape si elle s’y trouve ou plus loin, ou si elle est "
        "gagnée ; les affaires perdues ne comptent que là où des imports antérieurs montrent "
        "qu’elles sont arrivées.",
    " or ": " ou ",
    "#{id} (not available)": "#{id} (indisponible)",
    "Account": "Compte",
    "Age of open deals by stage": "Âge des affaires ouvertes par étape",
    "All deals": "Toutes les affaires",
    "All in Deals →": "Toutes dans Affaires →",
    "Amount": "Montant",
    "Amount ({currency})": "Montant ({currency})",
    "Amount by sector": "Montant par secteur",
    "Amount × p": "Montant × p",
    "Analysis date": "Date d’analyse",
    "Average deal size": "Montant moyen par affaire",
    "Best (P90)": "Meilleur (P90)",
    "CRM Dashboard": "Tableau de bord CRM",
    "Change": "Évolution",
    "Cold": "Froides",
    "Cold deals": "Affaires froides",
    "Cold deals ({n}) — no activity for {days}+ days":
        "Affaires froides ({n}) — aucune activité depuis {days} jours ou plus",
    "Cold deals to follow up": "Affaires froides à relancer",
    "Conversion": "Conversion",
    "Conversion = won / deals; win rate = won / (won + lost); mean won deal size measures "
    "lead quality.":
        "Conversion = gagnées / affaires ; taux de réussite = gagnées / (gagnées + perdues) ; "
        "le montant moyen gagné mesure la qualité des leads.",
    "Conversion rate": "Taux de conversion",
    "Conversion rate (won / deals)": "Taux de conversion (gagnées / affaires)",
    "Created": "Créée le",
    "Created between": "Créées entre",
    "Data as of {date}": "Données au {date}",
    "Dataset #{id} (not available)": "Jeu de données #{id} (indisponible)",
    "Days from creation to win": "Jours de la création au gain",
    "Days late": "Jours de retard",
    "Days left": "Jours restants",
    "Days since creation": "Jours depuis la création",
    "Deadlines": "Échéances",
    "Deal": "Affaire",
    "Deal age by stage": "Âge des affaires par étape",
    "Deals": "Affaires",
    "Deals (leads)": "Affaires (leads)",
    "Deals created": "Affaires créées",
    "Deals that reached it": "Affaires l’ayant atteinte",
    "Deals won": "Affaires gagnées",
    "Deals won (30 days)": "Affaires gagnées (30 jours)",
    "Deals →": "Affaires →",
    "Drop a CSV or Excel export from HubSpot, Pipedrive, Salesforce, Zoho or your own "
    "spreadsheet with the Import CSV button, or try the app with two years of realistic "
    "sample deals.":
        "Déposez un export CSV ou Excel de HubSpot, Pipedrive, Salesforce, Zoho ou de votre "
        "propre tableur avec le bouton Importer un CSV, ou essayez l’application avec deux ans "
        "d’affaires d’exemple réalistes.",
    "Due in 30 days": "Échéance sous 30 jours",
    "Due in the next 30 days ({n})": "Échéance dans les 30 prochains jours ({n})",
    "End date": "Date de fin",
    "Every deal, deadlines and the actions to take today.":
        "Toutes les affaires, les échéances et les actions du jour.",
    "Expected close": "Clôture prévue",
    "Expected close between": "Clôture prévue entre",
    "Filters": "Filtres",
    "Forecast": "Prévisions",
    "Forecast 30/60/90": "Prévision 30/60/90",
    "Forecast scenarios": "Scénarios de prévision",
    "Forecast table": "Tableau des prévisions",
    "Funnel conversion": "Conversion de l’entonnoir",
    "Gross": "Brut",
    "Gross pipeline": "Pipeline brut",
    "Headline indicators, alerts and the short-term forecast.":
        "Indicateurs clés, alertes et prévision à court terme.",
    "Home": "Accueil",
    "How these figures are computed: a window of N days holds the open deals whose expected "
    "close date falls between today and today + N days (windows are cumulative). Likely = Σ "
    "amount × probability. Worst and best are the 10th and 90th percentiles of the revenue won "
    "when each deal closes independently with its probability: simulated (20,000 draws, fixed "
    "seed) for up to 2,000 deals, a normal approximation beyond. Overdue and undated deals are "
    "in no window; they are shown beside it. Time-to-win = close date (else expected close "
    "date) − creation date of won deals.":
        "Comment ces chiffres sont calculés : une fenêtre de N jours contient les affaires "
        "ouvertes dont la date de clôture prévue tombe entre aujourd’hui et aujourd’hui + N "
        "jours (les fenêtres sont cumulatives). Probable = Σ montant × probabilité. Le pire et "
        "le meilleur sont les 10e et 90e centiles du chiffre d’affaires gagné quand chaque "
        "affaire se conclut indépendamment avec sa probabilité : simulés (20 000 tirages, "
        "graine fixe) jusqu’à 2 000 affaires, approximation normale au-delà. Les affaires en "
        "retard ou sans date ne sont dans aucune fenêtre ; elles sont présentées à côté. Délai "
        "de gain = date de clôture (sinon date de clôture prévue) − date de création des "
        "affaires gagnées.",
    "Id": "Id",
    "Idle days": "Jours sans activité",
    "Import #{id} ({filename}) was deleted on {date}.":
        "L’import #{id} ({filename}) a été supprimé le {date}.",
    "Import #{id} was deleted and no longer exists.":
        "L’import #{id} a été supprimé et n’existe plus.",
    "Import #{id} · {filename}": "Import #{id} · {filename}",
    "Import CSV": "Importer un CSV",
    "It can still be restored in": "Il peut encore être restauré dans",
    "Last 30 days": "30 derniers jours",
    "Last 30 days: {start} – {end}; previous: {previous_start} – {previous_end}. Won deals "
    "and revenue by close date.":
        "30 derniers jours : {start} – {end} ; précédents : {previous_start} – {previous_end}. "
        "Affaires et chiffre d’affaires gagnés par date de clôture.",
    "Last activity": "Dernière activité",
    "Lead inflow": "Arrivée des leads",
    "Likely": "Probable",
    "Likely = Σ amount × probability of open deals expected to close in the window; "
    "worst/best = 10th/90th percentile. Details on the Forecast page.":
        "Probable = Σ montant × probabilité des affaires ouvertes dont la clôture est prévue "
        "dans la fenêtre ; pire/meilleur = 10e/90e centile. Détails sur la page Prévisions.",
    "Likely, worst and best revenue at 30, 60 and 90 days.":
        "Chiffre d’affaires probable, pire et meilleur à 30, 60 et 90 jours.",
    "Load sample data": "Charger les données d’exemple",
    "Lost": "Perdues",
    "Main currency": "Devise principale",
    "Marketing": "Marketing",
    "Marketing sources": "Sources marketing",
    "Mean": "Moyenne",
    "Mean age": "Âge moyen",
    "Mean amount ({currency})": "Montant moyen ({currency})",
    "Mean time-to-win": "Délai moyen de gain",
    "Mean won deal": "Affaire gagnée moyenne",
    "Mean won deal ({currency})": "Affaire gagnée moyenne ({currency})",
    "Mean won deal size": "Montant moyen gagné",
    "Median": "Médiane",
    "Median age": "Âge médian",
    "Method": "Méthode",
    "Most recent dataset": "Jeu de données le plus récent",
    "New deals": "Nouvelles affaires",
    "New deals per week by source": "Nouvelles affaires par semaine et par source",
    "Newest snapshot": "Instantané le plus récent",
    "No data for the current filters.": "Aucune donnée pour les filtres actuels.",
    "No deal selected.": "Aucune affaire sélectionnée.",
    "No deal with an amount.": "Aucune affaire avec un montant.",
    "No deals yet": "Pas encore d’affaires",
    "No open deal selected.": "Aucune affaire ouverte sélectionnée.",
    "No stage to show.": "Aucune étape à afficher.",
    "No won deal selected.": "Aucune affaire gagnée sélectionnée.",
    "Not available: this import has no {names} column. Map one at import to enable it.":
        "Indisponible : cet import n’a pas de colonne {names}. Associez-en une à l’import "
        "pour l’activer.",
    "Nothing to show for the current filters.": "Rien à afficher pour les filtres actuels.",
    "Open": "Ouvertes",
    "Open pipeline": "Pipeline ouvert",
    "Open pipeline by stage ({currency})": "Pipeline ouvert par étape ({currency})",
    "Overdue": "En retard",
    "Overdue closings": "Clôtures en retard",
    "Overdue closings ({n})": "Clôtures en retard ({n})",
    "Owner": "Responsable",
    "Performance by source": "Performance par source",
    "Period comparison": "Comparaison de périodes",
    "Pipeline": "Pipeline",
    "Previous": "Précédents",
    "Priority actions": "Actions prioritaires",
    "Priority alerts": "Alertes prioritaires",
    "Prob.": "Prob.",
    "Quick wins": "Gains rapides",
    "Reset": "Réinitialiser",
    "Revenue by source": "Chiffre d’affaires par source",
    "Revenue forecast": "Prévision de chiffre d’affaires",
    "Revenue forecast (worst / likely / best)":
        "Prévision de chiffre d’affaires (pire / probable / meilleur)",
    "Rotting": "Qui s’enlisent",
    "Salesperson performance": "Performance des commerciaux",
    "Search deals…": "Rechercher des affaires…",
    "Sector": "Secteur",
    "See them in Deals →": "Les voir dans Affaires →",
    "Settings": "Paramètres",
    "Show results": "Voir les résultats",
    "Showing #{id} {filename} instead.": "Affichage de #{id} {filename} à la place.",
    "Some link parameters were ignored: ": "Certains paramètres du lien ont été ignorés : ",
    "Source": "Source",
    "Stage": "Étape",
    "Stage probabilities, pipeline order and the imports kept.":
        "Probabilités des étapes, ordre du pipeline et imports conservés.",
    "Stage-to-stage conversion": "Conversion d’étape en étape",
    "Start date": "Date de début",
    "Status": "Statut",
    "The table could not be loaded; see the server log.":
        "Le tableau n’a pas pu être chargé ; voir le journal du serveur.",
    "There is no import #{id}.": "Il n’y a pas d’import #{id}.",
    "Time-to-win (mean)": "Délai de gain (moyenne)",
    "Time-to-win (median)": "Délai de gain (médiane)",
    "Time-to-win by owner": "Délai de gain par responsable",
    "Time-to-win by source": "Délai de gain par source",
    "Today": "Aujourd’hui",
    "Top 5 sectors by average deal size": "5 premiers secteurs par montant moyen",
    "Undated open deals": "Affaires ouvertes sans date",
    "Untreated leads": "Leads non traités",
    "Untreated leads (48 h+)": "Leads non traités (48 h et plus)",
    "Value ({currency})": "Valeur ({currency})",
    "Value by stage": "Valeur par étape",
    "Volume vs conversion (bubble = mean won deal size)":
        "Volume et conversion (bulle = montant moyen gagné)",
    "Volume vs conversion vs quality": "Volume, conversion et qualité",
    "Week (ISO, Monday)": "Semaine (ISO, lundi)",
    "Weighted": "Pondéré",
    "Weighted = Σ amount × effective probability (row's own, else the stage's).":
        "Pondéré = Σ montant × probabilité effective (celle de la ligne, sinon celle de "
        "l’étape).",
    "Weighted pipeline": "Pipeline pondéré",
    "What is at stake at each stage, what converts, what is ageing.":
        "Ce qui est en jeu à chaque étape, ce qui convertit, ce qui vieillit.",
    "Where deals come from and which sources convert into revenue.":
        "D’où viennent les affaires et quelles sources se transforment en chiffre d’affaires.",
    "Win rate": "Taux de réussite",
    "Win rate (closed in period)": "Taux de réussite (clôturées sur la période)",
    "Window from today": "Fenêtre à partir d’aujourd’hui",
    "Won": "Gagnées",
    "Won revenue": "Chiffre d’affaires gagné",
    "Won revenue ({currency})": "Chiffre d’affaires gagné ({currency})",
    "Won revenue and deal quality by source":
        "Chiffre d’affaires gagné et qualité des affaires par source",
    "Worst (P10)": "Pire (P10)",
    "Worst → best": "Pire → meilleur",
    "amounts in {currency}": "montants en {currency}",
    "analysed as of that date: the file ends well before today":
        "analysé à cette date : le fichier s’arrête bien avant aujourd’hui",
    "analysed as of today": "analysé à la date du jour",
    "analysed as of {date} (chosen)": "analysé au {date} (choisi)",
    "as of {date}": "au {date}",
    "by close date": "par date de clôture",
    "conversion from previous stage: {rate}": "conversion depuis l’étape précédente : {rate}",
    "data as of {date}": "données au {date}",
    "exact": "exacte",
    "expected close date passed · {amount}": "date de clôture prévue dépassée · {amount}",
    "first stage, 48 h+ old, never worked":
        "première étape, créées il y a 48 h ou plus, jamais travaillées",
    "half win faster": "la moitié est gagnée plus vite",
    "imported {date}": "importé le {date}",
    "likely {amount}": "probable {amount}",
    "mean won deal {amount}": "affaire gagnée moyenne {amount}",
    "monte carlo": "Monte-Carlo",
    "n/a": "n.d.",
    "normal": "loi normale",
    "open, no activity for {days}+ days → follow up":
        "ouvertes, sans activité depuis {days} jours ou plus → à relancer",
    "p ≥ 50 % and closing within 30 days": "p ≥ 50 % et clôture sous 30 jours",
    "recently": "récemment",
    "rotting after {days}": "s’enlise après {days}",
    "week of {date}": "semaine du {date}",
    "won / (won + lost)": "gagnées / (gagnées + perdues)",
    "won / all deals": "gagnées / toutes les affaires",
    "won deals: {value}": "affaires gagnées : {value}",
    "worst {worst} · best {best}": "pire {worst} · meilleur {best}",
    "{amount} won": "{amount} gagnés",
    "{amount} · in no window": "{amount} · dans aucune fenêtre",
    "{amount} · no expected close date": "{amount} · sans date de clôture prévue",
    "{change} since import #{id} ({date})": "{change} depuis l’import #{id} ({date})",
    "{change} vs previous 30 days": "{change} par rapport aux 30 jours précédents",
    "{measure} time-to-win {days}": "délai de gain ({measure}) {days}",
    "{n} created": "{n} créées",
    "{deals} deals · {won} won<br>conversion {conversion} · win rate {win_rate}<br>mean won "
    "deal {mean}":
        "{deals} affaires · {won} gagnées<br>conversion {conversion} · taux de réussite "
        "{win_rate}<br>affaire gagnée moyenne {mean}",
    "{n} days": "{n} jours",
    "{n} deal": ("{n} affaire", "{n} affaires"),
    "{n} deal in another currency ({names}) is left out of the amounts; pick a currency in "
    "the filter bar to see it.": (
        "{n} affaire dans une autre devise ({names}) est exclue des montants ; choisissez une "
        "devise dans la barre de filtres pour la voir.",
        "{n} affaires dans d’autres devises ({names}) sont exclues des montants ; choisissez "
        "une devise dans la barre de filtres pour les voir."),
    "{n} deal reached it": ("{n} affaire l’a atteinte", "{n} affaires l’ont atteinte"),
    "{n} new deal": ("{n} nouvelle affaire", "{n} nouvelles affaires"),
    "{n} open deal": ("{n} affaire ouverte", "{n} affaires ouvertes"),
    "{n} rotting": "{n} s’enlisent",
    "{n} rotting deal: older than {days} (2 × median time-to-win).": (
        "{n} affaire s’enlise : plus ancienne que {days} (2 × délai de gain médian).",
        "{n} affaires s’enlisent : plus anciennes que {days} (2 × délai de gain médian)."),
    "{n} snapshot": ("{n} instantané", "{n} instantanés"),
    "{n} won": "{n} gagnées",
    "{n} won deal": ("{n} affaire gagnée", "{n} affaires gagnées"),
    "{open} open · {won} won · {lost} lost":
        "{open} ouvertes · {won} gagnées · {lost} perdues",
    "{selected} of {total} deals selected": "{selected} affaires sélectionnées sur {total}",
    "{value} pts": "{value} pts",
    "{value} this period": "{value} sur la période",
    "Σ amount": "Σ montant",
    "Σ amount by sector ({currency})": "Σ montant par secteur ({currency})",
    "Σ amount of open deals": "Σ montant des affaires ouvertes",
    "Σ amount of won deals": "Σ montant des affaires gagnées",
    "Σ amount × probability of open deals": "Σ montant × probabilité des affaires ouvertes",
    "— vs previous 30 days": "— par rapport aux 30 jours précédents",
}


def main() -> None:
    """Write fr/LC_MESSAGES/messages.po from messages.pot and FR, then compile the .mo."""
    from pathlib import Path

    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po, write_po

    here = Path(__file__).resolve().parent
    with open(here / "messages.pot", "rb") as f:
        catalog = read_po(f, locale="fr")
    missing = []
    for message in catalog:
        if not message.id:
            continue
        key = message.id[0] if isinstance(message.id, tuple) else message.id
        found = FR.get(key)
        if found is None:
            missing.append(key)
            continue
        message.string = found if isinstance(message.id, tuple) else found
    catalog.locale = "fr"  # type: ignore[assignment]
    catalog.project = "CRM Dashboard"
    out = here / "fr" / "LC_MESSAGES"
    out.mkdir(parents=True, exist_ok=True)
    with open(out / "messages.po", "wb") as f:
        write_po(f, catalog, omit_header=False, no_location=True, sort_output=True, width=100)
    with open(out / "messages.mo", "wb") as f:
        write_mo(f, catalog)
    if missing:
        print("untranslated:", *missing, sep="\n  ")


if __name__ == "__main__":
    main()
