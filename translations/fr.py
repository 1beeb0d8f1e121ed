"""French translations of the catalogue's messages (source of messages.po; see layouts/i18n.py).

Kept as Python so a reviewer reads English and French side by side; ``python
translations/fr.py`` rewrites ``fr/LC_MESSAGES/messages.po`` from ``messages.pot`` and compiles
the ``.mo``. Plural entries map to a (singular, plural) pair; a message with a context
(``npgettext("status", ...)``) is keyed ``"context|id"``.
"""

FR: dict[str, str | tuple[str, str]] = {
    # login page, exports (issue 13 point 3)
    "Sign in": "Se connecter",
    "Sign out": "Se déconnecter",
    "Password": "Mot de passe",
    "The form expired: sign in again.": "Le formulaire a expiré : reconnectez-vous.",
    "Wrong name or password.": "Nom ou mot de passe incorrect.",
    "CRM Dashboard export": "Export du tableau de bord CRM",
    "Generated": "Généré le",
    "Empty": "Vide",
    "Days waiting": "Jours d’attente",
    "Age (days)": "Âge (jours)",
    "Headline indicators": "Indicateurs clés",
    "Indicator": "Indicateur",
    "Value": "Valeur",
    "Won deals": "Affaires gagnées",
    "Lost deals": "Affaires perdues",
    "Average won deal size": "Montant moyen d’une affaire gagnée",
    "Measure": "Mesure",
    "Window (days)": "Fenêtre (jours)",
    "Deals reached": "Affaires ayant atteint l’étape",
    "Mean age (days)": "Âge moyen (jours)",
    "Median age (days)": "Âge médian (jours)",
    "Top sectors by average deal size": "Meilleurs secteurs par montant moyen",
    "Mean amount": "Montant moyen",
    "Mean time-to-win (days)": "Délai moyen de gain (jours)",
    "Week": "Semaine",
    "Median time-to-win (days)": "Délai médian de gain (jours)",
    "Outside the windows and time-to-win": "Hors fenêtres et délai de gain",
    "Σ amount / days": "Σ montant / jours",
    "Time-to-win (mean, days)": "Délai de gain (moyen, jours)",
    "Time-to-win (median, days)": "Délai de gain (médian, jours)",
    # AG Grid's own words (layouts.components.grid_locale)
    "grid|Page": "Page",
    "grid|to": "à",
    "grid|of": "sur",
    "grid|more": "plus",
    "grid|Next": "Suivante",
    "grid|Previous": "Précédente",
    "grid|First": "Première",
    "grid|Last": "Dernière",
    "grid|No rows to show": "Aucune ligne à afficher",
    "grid|Loading…": "Chargement…",
    "grid|Rows per page:": "Lignes par page :",
    "grid|Rows per page": "Lignes par page",
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
    # -- issue 13, point 3: Settings, import dialog, Trends, Segments, What-if, Editor, notices --
    "{n} deal(s); the newest {rows} are listed — narrow them with the filter bar's search.":
        "{n} affaire(s) ; les {rows} plus récentes sont listées — affinez avec la recherche de "
        "la barre de filtres.",
    "{n} deal(s). Click a row to open the deal.":
        "{n} affaire(s). Cliquez sur une ligne pour ouvrir l’affaire.",
    "New deal": "Nouvelle affaire",
    "Open a deal first.": "Ouvrez d’abord une affaire.",
    "Save the new deal first.": "Enregistrez d’abord la nouvelle affaire.",
    "Deal {id} added.": "Affaire {id} ajoutée.",
    "Saved: {fields}.": "Enregistré : {fields}.",
    "Nothing changed.": "Rien n’a changé.",
    "Closed as won.": "Clôturée comme gagnée.",
    "Closed as lost.": "Clôturée comme perdue.",
    "Deal {id} deleted: restore it from “Deleted deals”.":
        "Affaire {id} supprimée : restaurez-la depuis « Affaires supprimées ».",
    "Not saved (fields in red): ": "Non enregistré (champs en rouge) : ",
    "Save the deal first, then log its activities.":
        "Enregistrez d’abord l’affaire, puis notez ses activités.",
    "{kind} logged.": "{kind} noté(e).",
    "Deal {id} restored.": "Affaire {id} restaurée.",
    "No import to continue from: import a file first.":
        "Aucun import à reprendre : importez d’abord un fichier.",
    "Pipeline “{name}” started.": "Pipeline « {name} » créé.",
    "The PDF could not be built; the error was logged on the server.":
        "Le PDF n’a pas pu être produit ; l’erreur est consignée sur le serveur.",
    "The file could not be read; the error was logged on the server.":
        "Le fichier n’a pas pu être lu ; l’erreur est consignée sur le serveur.",
    "The import could not be finished; the error was logged on the server.":
        "L’import n’a pas pu aboutir ; l’erreur est consignée sur le serveur.",
    "Nothing to report yet: import a file first.":
        "Rien à imprimer pour l’instant : importez d’abord un fichier.",
    "“{stage}”: probability must be between 0 and 100 %. Nothing saved.":
        "« {stage} » : la probabilité doit être comprise entre 0 et 100 %. Rien n’a été "
        "enregistré.",
    "Saved: every weighted figure now uses these probabilities.":
        "Enregistré : tous les chiffres pondérés utilisent désormais ces probabilités.",
    "Nothing saved: enter whole numbers of days.":
        "Rien n’a été enregistré : saisissez des nombres entiers de jours.",
    "Nothing saved: {error}.": "Rien n’a été enregistré : {error}.",
    "Saved: cold deals and the undo delay now use these thresholds.":
        "Enregistré : les affaires froides et le délai d’annulation utilisent désormais ces "
        "seuils.",
    "Not moved: {error}.": "Non déplacé : {error}.",
    "Import #{id} is now in dataset #{dataset}.":
        "L’import n°{id} est maintenant dans le jeu de données n°{dataset}.",
    "Import {name} will disappear from every page. You can undo this for {n} day; after that "
    "it is removed for good.": (
        "L’import {name} va disparaître de toutes les pages. Vous pouvez annuler pendant "
        "{n} jour ; ensuite il est supprimé définitivement.",
        "L’import {name} va disparaître de toutes les pages. Vous pouvez annuler pendant "
        "{n} jours ; ensuite il est supprimé définitivement."),
    "Back to the built-in defaults.": "Retour aux valeurs par défaut.",
    "Import #{id} was already deleted.": "L’import n°{id} était déjà supprimé.",
    "Import #{id} deleted.": "Import n°{id} supprimé.",
    "Import #{id} restored.": "Import n°{id} restauré.",
    "Import #{id} cannot be restored (purged, or its file was imported again).":
        "L’import n°{id} ne peut pas être restauré (purgé, ou son fichier a été réimporté).",
    "The dropped file expired; drop it again.":
        "Le fichier déposé a expiré ; déposez-le à nouveau.",
    "The browser sent a file the app could not read; try again.":
        "Le navigateur a envoyé un fichier illisible pour l’application ; réessayez.",
    "These {n} files are {size} MB together, above the {limit} MB upload limit. Export fewer "
    "columns or a shorter period, or compress them as .csv.gz (the administrator can raise "
    "MAX_UPLOAD_MB).":
        "Ces {n} fichiers font {size} Mo ensemble, au-delà de la limite d’envoi de {limit} Mo. "
        "Exportez moins de colonnes ou une période plus courte, ou compressez-les en .csv.gz "
        "(l’administrateur peut relever MAX_UPLOAD_MB).",
    "This file was already imported with another column mapping (import {ids}): choose above "
    "whether to import it as a new version or to replace it.":
        "Ce fichier a déjà été importé avec une autre correspondance de colonnes (import "
        "{ids}) : choisissez ci-dessus entre l’importer comme nouvelle version ou le remplacer.",
    "Already imported (import #{id}): nothing changed.":
        "Déjà importé (import n°{id}) : rien n’a changé.",
    " (replacing import #{id})": " (remplace l’import n°{id})",
    "Imported {n} deals as import #{id}{replaced} · {rejected} rejected · {warnings} warnings.":
        "{n} affaires importées comme import n°{id}{replaced} · {rejected} rejetées · "
        "{warnings} avertissements.",
    "Reading file…": "Lecture du fichier…",
    "Reading {n} files…": "Lecture de {n} fichiers…",
    "Detecting columns…": "Détection des colonnes…",
    "Detecting columns and joining the files…": "Détection des colonnes et jointure des fichiers…",
    "Ready": "Prêt",
    "Preparing the dashboard…": "Préparation du tableau de bord…",
    "Name": "Nom",
    "Currency": "Devise",
    "Probability": "Probabilité",
    "Closed": "Clôturée le",
    "Notes": "Notes",
    "Call": "Appel",
    "E-mail": "E-mail",
    "Meeting": "Rendez-vous",
    "Note": "Note",
    "Rotting deals": "Affaires qui s’enlisent",
    "Expected close date": "Date de clôture prévue",
    "Created date": "Date de création",
    "Search": "Recherche",
    "View": "Vue",
    "Dataset": "Jeu de données",
    "Import": "Importer",
    "None (all deals)": "Aucun (toutes les affaires)",
    "Ignored unknown filter “{key}”.": "Filtre inconnu « {key} » ignoré.",
    "Ignored status “{value}” (open, won or lost).":
        "Statut « {value} » ignoré (open, won ou lost).",
    "Ignored {key}=“{value}”: expected YYYY-MM-DD.":
        "{key}=« {value} » ignoré : format attendu AAAA-MM-JJ.",
    "Ignored {key}=“{value}”: dates run from {low} to {high}.":
        "{key}=« {value} » ignoré : les dates vont de {low} à {high}.",
    "Ignored date=“{value}”: expected created or close.":
        "date=« {value} » ignoré : created ou close attendu.",
    "Ignored {key}=“{value}”: expected a number.": "{key}=« {value} » ignoré : nombre attendu.",
    "Ignored currency=“{value}”.": "currency=« {value} » ignoré.",
    "Ignored view=“{value}”.": "view=« {value} » ignoré.",
    "Ignored lang=“{value}”: expected fr or en.": "lang=« {value} » ignoré : fr ou en attendu.",
    "Swapped from/to: from was after to.": "from/to inversés : from était après to.",
    "Reading the whole file…": "Lecture du fichier entier…",
    "Writing {n} deals…": "Écriture de {n} affaires…",
    "Done": "Terminé",
    "Closing within {n} days": "Clôture sous {n} jours",
    "{n} day(s) past the expected close date": "{n} jour(s) après la date de clôture prévue",
    "closes in {n} day(s)": "clôture dans {n} jour(s)",
    "{n} day(s) without activity": "{n} jour(s) sans activité",
    "created {n} day(s) ago, no activity since":
        "créée il y a {n} jour(s), aucune activité depuis",
    "CRM Dashboard report": "Rapport du tableau de bord CRM",
    "Analysis date {date} · generated {time}": "Date d’analyse {date} · produit le {time}",
    "… {n} more row(s): download the table for all.":
        "… {n} ligne(s) de plus : téléchargez le tableau pour tout voir.",
    "The PDF report needs Chromium on the server (Debian: apt-get install chromium; or set "
    "CHROMIUM_PATH). Use Print in the meantime.":
        "Le rapport PDF a besoin de Chromium sur le serveur (Debian : apt-get install "
        "chromium ; ou définissez CHROMIUM_PATH). Utilisez Imprimer en attendant.",
    "Chromium took more than {seconds} s to print the report; try again with fewer deals "
    "selected.":
        "Chromium a mis plus de {seconds} s à imprimer le rapport ; réessayez avec moins "
        "d’affaires sélectionnées.",
    "The sample stopped at {file}.": "L’exemple s’est arrêté à {file}.",
    "The sample is already loaded (imports #{first} to #{last}): nothing changed.":
        "L’exemple est déjà chargé (imports n°{first} à n°{last}) : rien n’a changé.",
    "Sample loaded: {n} snapshots of one pipeline, exported from {span} (imports #{first} to "
    "#{last}), {deals:,} deals in the newest. Trends shows how the pipeline moved between them.":
        "Exemple chargé : {n} instantanés d’un même pipeline, exportés du {span} (imports "
        "n°{first} à n°{last}), {deals} affaires dans le plus récent. Tendances montre comment "
        "le pipeline a évolué entre eux.",
    "{file} is {size} MB, above the {limit} MB upload limit. Export fewer columns or a shorter "
    "period, or compress it as .csv.gz (the administrator can raise MAX_UPLOAD_MB).":
        "{file} fait {size} Mo, au-delà de la limite d’envoi de {limit} Mo. Exportez moins de "
        "colonnes ou une période plus courte, ou compressez-le en .csv.gz (l’administrateur "
        "peut relever MAX_UPLOAD_MB).",
    "update the close date: {n} days overdue":
        "mettre à jour la date de clôture : {n} jours de retard",
    "set an expected close date": "fixer une date de clôture prévue",
    "make first contact: created {n} days ago, no activity":
        "prendre un premier contact : créée il y a {n} jours, aucune activité",
    "follow up: {n} days without activity": "relancer : {n} jours sans activité",
    "qualify or close: {n} days old, typical win in {typical} days":
        "qualifier ou clôturer : {n} jours d’âge, gain typique en {typical} jours",
    "prepare the close: expected in {n} days": "préparer la clôture : prévue dans {n} jours",
    "keep momentum: next step after {stage}":
        "garder l’élan : prochaine étape après {stage}",
    "what-if {key}={value} ignored: a multiplier between {low} and {high} is expected":
        "simulation {key}={value} ignoré : un multiplicateur entre {low} et {high} est attendu",
    "Advanced": "Avancées",
    "Moved back": "Reculées",
    "Close date pushed": "Clôture repoussée",
    "New": "Nouvelles",
    "Removed": "Retirées",
    "compare={value} is not an earlier snapshot of this dataset; comparing with #{id} instead.":
        "compare={value} n’est pas un instantané antérieur de ce jeu de données ; comparaison "
        "avec le n°{id} à la place.",
    "Trends need two or more snapshots (imports) of this dataset: import a later export of the "
    "same CRM (same columns) and it joins this dataset. This dataset has {n}.":
        "Les tendances demandent au moins deux instantanés (imports) de ce jeu de données : "
        "importez un export ultérieur du même CRM (mêmes colonnes) et il rejoindra ce jeu de "
        "données. Ce jeu de données en a {n}.",
    "e.g. 12500 or 12 500,00 € (read as an imported file is)":
        "ex. 12500 ou 12 500,00 € (lu comme dans un fichier importé)",
    "blank: the stage's probability": "vide : la probabilité de l’étape",
    "blank: from the stage": "vide : d’après l’étape",
    "moves forward by itself when you log an activity":
        "avance d’elle-même quand vous notez une activité",
    "blank: today": "vide : aujourd’hui",
    "Deleted deals (can be restored)": "Affaires supprimées (restaurables)",
    "What needs attention today": "Ce qui demande votre attention aujourd’hui",
    "Your name (kept in this browser; the audit trail records it)":
        "Votre nom (gardé dans ce navigateur ; le journal des modifications l’enregistre)",
    "e.g. Léa Martin": "ex. Léa Martin",
    "New pipeline kept in the app": "Nouveau pipeline tenu dans l’application",
    "Pipeline name": "Nom du pipeline",
    "Start empty": "Commencer vide",
    "Continue from the import shown": "Reprendre l’import affiché",
    "From the stage": "D’après l’étape",
    "Save": "Enregistrer",
    "Close as won": "Clôturer gagnée",
    "Close as lost": "Clôturer perdue",
    "Delete": "Supprimer",
    "Log an activity": "Noter une activité",
    "What was said or done": "Ce qui a été dit ou fait",
    "Log activity": "Noter l’activité",
    "Timeline": "Historique",
    "No pipeline kept in the app yet: give it a name and start it empty, or continue from the "
    "import shown in the filter bar.":
        "Aucun pipeline tenu dans l’application pour l’instant : donnez-lui un nom et "
        "commencez-le vide, ou reprenez l’import affiché dans la barre de filtres.",
    "The dataset shown (": "Le jeu de données affiché (",
    ") comes from imported files and is read-only. Continue from its import to keep it in the "
    "app, or pick a pipeline kept in the app in the filter bar.":
        ") vient de fichiers importés et est en lecture seule. Reprenez son import pour le "
        "tenir dans l’application, ou choisissez un pipeline tenu dans l’application dans la "
        "barre de filtres.",
    "Editing ": "Modification de ",
    " — current state: import #{id}. Every change shows on every page at once; one snapshot a "
    "day is kept for trends.":
        " — état actuel : import n°{id}. Chaque modification apparaît aussitôt sur toutes les "
        "pages ; un instantané par jour est gardé pour les tendances.",
    "Open deals": "Affaires ouvertes",
    "(no name)": "(sans nom)",
    "Nothing.": "Rien.",
    "This view could not be computed.": "Cette vue n’a pas pu être calculée.",
    "The error was logged on the server. Try resetting the filters; if it persists, re-import "
    "the file or report it.":
        "L’erreur est consignée dans le journal du serveur. Réinitialisez les filtres ; si "
        "elle persiste, réimportez le fichier ou signalez-la.",
    # export tables of Trends, Segments and What-if (data.exports.FIELD_LABELS)
    "Deal size bands": "Tranches de montant",
    "Time to win by source": "Délai de gain par source",
    "Time to win by owner": "Délai de gain par responsable",
    "Snapshots": "Instantanés",
    "Movement between snapshots": "Mouvements entre instantanés",
    "Deals that moved": "Affaires qui ont bougé",
    "Pipeline evolution by stage": "Évolution du pipeline par étape",
    "Segment": "Segment",
    "Mean time to win (days)": "Délai moyen de gain (jours)",
    "Group": "Groupe",
    "Mean days": "Jours (moyenne)",
    "Median days": "Jours (médiane)",
    "Deals already in stage at the first snapshot":
        "Affaires déjà dans l’étape au premier instantané",
    "Lower bound": "Borne inférieure",
    "As of": "Au",
    "Movement": "Mouvement",
    "Stage before": "Étape avant",
    "Stage after": "Étape après",
    "Expected close before": "Clôture prévue avant",
    "Expected close after": "Clôture prévue après",
    "Days": "Jours",
    "Baseline, open pipeline": "Référence, pipeline ouvert",
    "Scenario, open pipeline": "Scénario, pipeline ouvert",
    "Baseline, deals not yet created": "Référence, affaires pas encore créées",
    "Scenario, deals not yet created": "Scénario, affaires pas encore créées",
    "Reminders appear here for a pipeline kept in the app: start one or take over the import "
    "shown, above.":
        "Les rappels s’affichent ici pour un pipeline tenu dans l’application : commencez-en un "
        "ou reprenez l’import affiché, ci-dessus.",
    "and {n} more": "et {n} de plus",
    "None.": "Aucune.",
    "{name} ({id}), deleted {date} ": "{name} ({id}), supprimée le {date} ",
    "Restore": "Restaurer",
    "created the deal": "a créé l’affaire",
    "changed": "a modifié",
    "closed the deal": "a clôturé l’affaire",
    "deleted the deal": "a supprimé l’affaire",
    "restored the deal": "a restauré l’affaire",
    "Nothing yet.": "Rien pour l’instant.",
    "{field}: {old} → {new}": "{field} : {old} → {new}",
    "Deal id": "Id de l’affaire",
    "Deal name": "Nom de l’affaire",
    "Account / company": "Compte / entreprise",
    "Status (open/won/lost)": "Statut (ouverte/gagnée/perdue)",
    "Closed date": "Date de clôture",
    "Last activity date": "Date de dernière activité",
    "Won? (yes/no)": "Gagnée ? (oui/non)",
    "Closed? (yes/no)": "Clôturée ? (oui/non)",
    "stage names": "des noms d’étapes",
    "statuses": "des statuts",
    "currency codes": "des codes de devise",
    "yes/no": "oui/non",
    "dates": "des dates",
    "percentages": "des pourcentages",
    "amounts": "des montants",
    "e-mails": "des e-mails",
    "labels": "des libellés",
    "comma": "virgule",
    "semicolon": "point-virgule",
    "tab": "tabulation",
    "pipe": "barre verticale",
    "Row": "Ligne",
    "Column": "Colonne",
    "Reason": "Raison",
    "your choice": "votre choix",
    "Chosen by you": "Choisi par vous",
    "joined": "joint",
    "Taken from a related file, on the key shown above":
        "Pris d’un fichier lié, sur la clé indiquée ci-dessus",
    "Confidence {value} %, from {reason}": "Confiance {value} %, d’après {reason}",
    "values look like {kind}": "les valeurs ressemblent à {kind}",
    "could be {fields}": "pourrait être {fields}",
    "from {file}": "de {file}",
    "— ignore —": "— ignorer —",
    "Use as {field}": "Utiliser comme {field}",
    ": not joined — {why}.": " : non joint — {why}.",
    "domains": "des domaines",
    "values": "des valeurs",
    "{field} (latest {column} per deal)": "{field} (dernier {column} par affaire)",
    "{field} (from {column})": "{field} (de {column})",
    "{n} deal matched": ("{n} affaire associée", "{n} affaires associées"),
    "{n} not": "{n} non",
    " · lends ": " · apporte ",
    " · lends nothing": " · n’apporte rien",
    " · {spare} of its {rows} rows match no deal":
        " · {spare} de ses {rows} lignes ne correspondent à aucune affaire",
    "Deals from ": "Affaires de ",
    "; joined onto them:": " ; jointes à elles :",
    "Map {column} as {field} to enable: {figures}":
        "Associez {column} à {field} pour activer : {figures}",
    "Suggested mapping": "Correspondance suggérée",
    "Use it": "L’utiliser",
    "File: {name}": "Fichier : {name}",
    "Format: {name}": "Format : {name}",
    "Encoding: {name}": "Encodage : {name}",
    "Separator: {name}": "Séparateur : {name}",
    "Header on line {n}": "En-tête à la ligne {n}",
    "Sheet: {name}": "Feuille : {name}",
    "Worksheet to import": "Feuille à importer",
    "This exact file is already imported (import #{id}) with this column mapping. Importing it "
    "again would change nothing; change the mapping to import it differently.":
        "Ce fichier exact est déjà importé (import n°{id}) avec cette correspondance de "
        "colonnes. L’importer à nouveau ne changerait rien ; changez la correspondance pour "
        "l’importer autrement.",
    "Preview of the first {rows} rows of a {size} MB file: the counts below are those rows'. "
    "The whole file is read when you import it.":
        "Aperçu des {rows} premières lignes d’un fichier de {size} Mo : les comptes ci-dessous "
        "portent sur ces lignes. Le fichier entier est lu à l’import.",
    "Using the mapping you confirmed last time for these headers.":
        "Correspondance confirmée la dernière fois pour ces en-têtes réutilisée.",
    "{n} row will be imported": ("{n} ligne sera importée", "{n} lignes seront importées"),
    "{n} rejected": "{n} rejetées",
    "{n} warnings": "{n} avertissements",
    "Column mapping": "Correspondance des colonnes",
    "First parsed rows": "Premières lignes lues",
    "Warnings": "Avertissements",
    "Rejected rows": "Lignes rejetées",
    "Choose the column that holds each deal's stage (or status), then the preview runs again.":
        "Choisissez la colonne qui contient l’étape (ou le statut) de chaque affaire, puis "
        "l’aperçu se relance.",
    "First rows of the file": "Premières lignes du fichier",
    "This file was already imported with another column mapping (import {ids}). Nothing is "
    "replaced unless you choose so:":
        "Ce fichier a déjà été importé avec une autre correspondance de colonnes (import "
        "{ids}). Rien n’est remplacé sans votre choix :",
    "Import as a new version (keep import #{id})":
        "Importer comme nouvelle version (garder l’import n°{id})",
    "Replace import #{id} with this one": "Remplacer l’import n°{id} par celui-ci",
    "Done. ": "Terminé. ",
    "Import a CRM export": "Importer un export de CRM",
    "Drag and drop a CSV, XLSX or CSV.GZ export here — or several related exports at once "
    "(deals + companies…)":
        "Glissez-déposez ici un export CSV, XLSX ou CSV.GZ — ou plusieurs exports liés à la "
        "fois (affaires + entreprises…)",
    "or click to choose files — HubSpot, Pipedrive, Salesforce, Zoho or your own spreadsheet":
        "ou cliquez pour choisir des fichiers — HubSpot, Pipedrive, Salesforce, Zoho ou votre "
        "propre tableur",
    "Download rejected rows": "Télécharger les lignes rejetées",
    "Import another file": "Importer un autre fichier",
    "Open the dashboard": "Ouvrir le tableau de bord",
    "Cancel": "Annuler",
    "Print": "Imprimer",
    "Print this page (A4 layout)": "Imprimer cette page (mise en page A4)",
    "PDF report": "Rapport PDF",
    "Every dashboard page with its charts, for the current filters, as one PDF":
        "Toutes les pages du tableau de bord avec leurs graphiques, pour les filtres actuels, "
        "en un seul PDF",
    "All tables (Excel)": "Tous les tableaux (Excel)",
    "Every table of this page, a sheet each, in one Excel workbook (current filters)":
        "Tous les tableaux de cette page, une feuille chacun, dans un classeur Excel (filtres "
        "actuels)",
    "Per segment (data.metrics.segments, METRICS.md definitions): deals, win rate = won ÷ (won "
    "+ lost), conversion = won ÷ deals, won revenue, mean won deal, open gross and weighted "
    "pipeline, mean time-to-win. Size bands are the quartiles of the known amounts. Velocity by "
    "stage is the time in stage between snapshots (Trends); by source and owner the "
    "time-to-win.":
        "Par segment (data.metrics.segments, définitions de METRICS.md) : affaires, taux de "
        "réussite = gagnées ÷ (gagnées + perdues), conversion = gagnées ÷ affaires, chiffre "
        "d’affaires gagné, affaire gagnée moyenne, pipeline ouvert brut et pondéré, délai "
        "moyen de gain. Les tranches de montant sont les quartiles des montants connus. La "
        "vitesse par étape est le temps passé par étape entre instantanés (Tendances) ; par "
        "source et par responsable, le délai de gain.",
    "Velocity by stage needs two or more snapshots of this dataset (time in stage is measured "
    "between them); it has {n}.":
        "La vitesse par étape demande au moins deux instantanés de ce jeu de données (le temps "
        "par étape se mesure entre eux) ; il en a {n}.",
    "By deal size (quartiles of amount)": "Par montant d’affaire (quartiles du montant)",
    "Performance by deal size": "Performance par montant d’affaire",
    "Deal-size band": "Tranche de montant",
    "By sector": "Par secteur",
    "Performance by sector": "Performance par secteur",
    "Deal-size bands": "Tranches de montant",
    "Band": "Tranche",
    "Sectors": "Secteurs",
    "Velocity": "Vitesse",
    "By stage (time in stage)": "Par étape (temps passé par étape)",
    "Time in stage": "Temps passé par étape",
    "By source (time-to-win)": "Par source (délai de gain)",
    "By owner (time-to-win)": "Par responsable (délai de gain)",
    "your setting": "votre réglage",
    "built-in": "par défaut",
    "unknown: set it": "inconnue : à définir",
    "Probability (%)": "Probabilité (%)",
    "Order": "Ordre",
    "Set by": "Définie par",
    "No import yet.": "Aucun import pour l’instant.",
    "File": "Fichier",
    "Imported": "Importé le",
    "Data as of": "Données au",
    "Rows read": "Lignes lues",
    "Deals kept": "Affaires gardées",
    "Rejected": "Rejetées",
    "New dataset": "Nouveau jeu de données",
    "Deleted — can be restored": "Supprimés — restaurables",
    "#{id} {filename} · deleted {date} ": "n°{id} {filename} · supprimé le {date} ",
    "Delete this import?": "Supprimer cet import ?",
    "Thresholds": "Seuils",
    "Cold deal: days without activity": "Affaire froide : jours sans activité",
    "Deleted imports can be restored for (days)":
        "Les imports supprimés restent restaurables pendant (jours)",
    "Save thresholds": "Enregistrer les seuils",
    "Stage probabilities and pipeline order": "Probabilités des étapes et ordre du pipeline",
    "The effective probability of each stage weights the pipeline and the forecast (a deal's "
    "own probability, when its import has one, wins). Edit a value, then Save.":
        "La probabilité effective de chaque étape pondère le pipeline et la prévision (la "
        "probabilité propre d’une affaire, quand son import en a une, l’emporte). Modifiez une "
        "valeur, puis Enregistrer.",
    "Back to defaults": "Revenir aux valeurs par défaut",
    "Imports kept": "Imports conservés",
    "Undo": "Annuler",
    "Movement (METRICS.md): each deal matched by its id between the earlier snapshot E and the "
    "shown one L falls in the first category that applies: won, lost (open in E), advanced or "
    "moved back (open in both, later or earlier stage), close date pushed (same stage, later "
    "expected close), new (in L only), removed (in E only). Amounts are L's (E's for removed). "
    "Evolution: open pipeline by stage in the latest snapshot of each week. Time in stage: days "
    "between the first snapshot showing a stage and the first one not showing it; ≥ marks a "
    "lower bound (the stage was entered before the first snapshot).":
        "Mouvement (METRICS.md) : chaque affaire, rapprochée par son id entre l’instantané "
        "antérieur E et l’instantané affiché L, tombe dans la première catégorie qui "
        "s’applique : gagnée, perdue (ouverte dans E), avancée ou reculée (ouverte dans les "
        "deux, étape plus ou moins avancée), clôture repoussée (même étape, clôture prévue "
        "plus tard), nouvelle (dans L seulement), retirée (dans E seulement). Les montants sont "
        "ceux de L (de E pour les retirées). Évolution : pipeline ouvert par étape dans le "
        "dernier instantané de chaque semaine. Temps passé par étape : jours entre le premier "
        "instantané montrant une étape et le premier qui ne la montre plus ; ≥ marque une "
        "borne inférieure (l’étape a été atteinte avant le premier instantané).",
    "since #{id} ({date})": "depuis le n°{id} ({date})",
    "Compare the shown snapshot with: ": "Comparer l’instantané affiché avec : ",
    "{shown} of {total} deals listed; `python -m data movement --deals` gives them all.":
        "{shown} affaires listées sur {total} ; `python -m data movement --deals` les donne "
        "toutes.",
    "Open in Deals: ": "Ouvrir dans Affaires : ",
    "Movement from #{from_id} ({from_date}) to #{to_id} ({to_date})":
        "Mouvement du n°{from_id} ({from_date}) au n°{to_id} ({to_date})",
    "Pipeline movement": "Mouvement du pipeline",
    "Movement by category": "Mouvement par catégorie",
    "Category": "Catégorie",
    "The deals behind each category": "Les affaires derrière chaque catégorie",
    "Evolution": "Évolution",
    "Open pipeline by stage, week by week": "Pipeline ouvert par étape, semaine par semaine",
    "No deal was seen leaving a stage between the snapshots.":
        "Aucune affaire n’a été vue quitter une étape entre les instantanés.",
    "Time in stage by source": "Temps passé par étape, par source",
    "Lead volume": "Volume de leads",
    "Sales cycle length": "Durée du cycle de vente",
    "How the scenario is computed (data.metrics.whatif): revenue of a horizon = likely revenue "
    "of the open pipeline (Σ amount × p of the deals expected to close within it; amounts × "
    "deal size, p × win rate capped at 100 %, days to close × cycle length) + revenue of deals "
    "not created yet (today's lead rate over the last 90 days × lead volume, won with the win "
    "rate after the median time-to-win × cycle length, worth the average won deal); the "
    "quarter adds what is already won in it. The baseline is every lever at ×1.":
        "Calcul du scénario (data.metrics.whatif) : chiffre d’affaires d’un horizon = chiffre "
        "d’affaires probable du pipeline ouvert (Σ montant × p des affaires dont la clôture est "
        "prévue dans l’horizon ; montants × taille d’affaire, p × taux de réussite plafonné à "
        "100 %, jours avant clôture × durée du cycle) + chiffre d’affaires des affaires pas "
        "encore créées (rythme actuel de leads sur les 90 derniers jours × volume de leads, "
        "gagnées avec le taux de réussite après le délai de gain médian × durée du cycle, pour "
        "la valeur de l’affaire gagnée moyenne) ; le trimestre ajoute ce qui y est déjà gagné. "
        "La référence est chaque levier à ×1.",
    "Multipliers of today's figures (×1 = as today). The scenario is in the address bar: copy "
    "it to share it. ":
        "Multiplicateurs des chiffres d’aujourd’hui (×1 = comme aujourd’hui). Le scénario est "
        "dans la barre d’adresse : copiez-la pour le partager. ",
    "Back to today": "Revenir à aujourd’hui",
    "This quarter (to {date})": "Ce trimestre (jusqu’au {date})",
    "Today: {rate} new deals a day (last {days} days) · win rate {win_rate} · average won deal "
    "{size} · median time-to-win {ttw}.":
        "Aujourd’hui : {rate} nouvelles affaires par jour ({days} derniers jours) · taux de "
        "réussite {win_rate} · affaire gagnée moyenne {size} · délai de gain médian {ttw}.",
    "Some what-if parameters were ignored: ":
        "Certains paramètres de simulation ont été ignorés : ",
    "Scenario: {levers}": "Scénario : {levers}",
    "Scenario against baseline": "Scénario face à la référence",
    "Scenario table": "Tableau du scénario",
    "Horizon": "Horizon",
    "Baseline": "Référence",
    "Scenario": "Scénario",
    "of which pipeline": "dont pipeline",
    "of which new deals": "dont nouvelles affaires",
    "Won so far": "Déjà gagné",
    "gross pipeline": "pipeline brut",
    "weighted pipeline": "pipeline pondéré",
    "average deal size": "montant moyen par affaire",
    "average won deal size": "montant moyen des affaires gagnées",
    "won revenue": "chiffre d’affaires gagné",
    "period comparison": "comparaison de périodes",
    "value by stage": "valeur par étape",
    "deal age": "âge des affaires",
    "rotting deals": "affaires qui s’enlisent",
    "cold deals": "affaires froides",
    "sector analysis": "analyse par secteur",
    "salesperson performance": "performance des commerciaux",
    "source performance": "performance des sources",
    "inflow per week": "entrées par semaine",
    "30/60/90-day forecast": "prévision à 30/60/90 jours",
    "overdue deals": "affaires en retard",
    "undated deals": "affaires sans date",
    "velocity (time to win)": "vitesse (délai de gain)",
    "deals due soon": "affaires à échéance proche",
    "quick wins": "gains rapides",
    "untreated leads": "leads non traités",
    "Enter your name: the audit trail records who changed what.":
        "Saisissez votre nom : le journal des modifications enregistre qui a changé quoi.",
    "Give the pipeline a name.": "Donnez un nom au pipeline.",
    "Import #{id} is not there (deleted?).": "L’import n°{id} n’existe pas (supprimé ?).",
    "Deal {id} is not in this pipeline (deleted?).":
        "L’affaire {id} n’est pas dans ce pipeline (supprimée ?).",
    "Deal {id} is not in this pipeline (already deleted?).":
        "L’affaire {id} n’est pas dans ce pipeline (déjà supprimée ?).",
    "Deal {id} is already in the pipeline.": "L’affaire {id} est déjà dans le pipeline.",
    "(amount unknown)": "(montant inconnu)",
    # -- chart texts of layouts/figures.py not wrapped yet (proposed; picked up once wrapped) --
    "Revenue: baseline against scenario": "Chiffre d’affaires : référence face au scénario",
    "Revenue ({currency})": "Chiffre d’affaires ({currency})",
    "This quarter": "Ce trimestre",
    "Weighted (total)": "Pondéré (total)",
    "Open pipeline ({currency})": "Pipeline ouvert ({currency})",
    "Days in stage": "Jours dans l’étape",
    " (≥: lower bound)": " (≥ : borne inférieure)",
    "{n} entered before the first snapshot (lower bound)": (
        "{n} entrée avant le premier instantané (borne inférieure)",
        "{n} entrées avant le premier instantané (borne inférieure)"),
    "week of {date} · weighted {amount}": "semaine du {date} · pondéré {amount}",
    "{label}: {n} deals · {amount}": "{label} : {n} affaires · {amount}",
    # -- settings write path (data/history.py), shown after "Nothing saved:" / "Not moved:" --
    "import #{id} does not exist": "l’import n°{id} n’existe pas",
    "dataset #{id} does not exist": "le jeu de données n°{id} n’existe pas",
    "Cold deal: days without activity (METRICS.md)":
        "Affaire froide : jours sans activité (METRICS.md)",
    "unknown setting {key}": "paramètre inconnu {key}",
    "{label}: {value} is outside {low}–{high}": "{label} : {value} est hors de {low}–{high}",
    "{label}: {value} must be a whole number": "{label} : {value} doit être un nombre entier",
    "Something went wrong while updating this view; it was logged on the server. Reload the "
    "page or reset the filters.":
        "Un problème est survenu pendant la mise à jour de cette vue ; il a été consigné sur le "
        "serveur. Rechargez la page ou réinitialisez les filtres.",
    # -- the CSV/Excel buttons' tooltips (layouts.components.export_buttons) --
    "Download {what} as {format} (current filters)":
        "Télécharger {what} en {format} (filtres actuels)",
    "this table": "ce tableau",
    "every deal of this view": "toutes les affaires de cette vue",
    # -- why a related file was not joined, or lends nothing (data/ingest/join.py) --
    "no column shares values with the deals file":
        "aucune colonne ne partage de valeurs avec le fichier des affaires",
    "several rows per key but no date column":
        "plusieurs lignes par clé mais aucune colonne de date",
    "the deals already have one": "les affaires en ont déjà une",
    # -- the mapper's reasons in the import preview's confidence badge --
    "its header": "son en-tête",
    "its values": "ses valeurs",
    "its header and its values": "son en-tête et ses valeurs",
    "a related file": "un fichier lié",
    "no field matches": "aucun champ ne correspond",
    "its field was given to another column": "son champ a été donné à une autre colonne",
    # -- exports, the Deals table's health header, the editor's other refusals --
    "The export could not be built; the error was logged on the server.":
        "L’export n’a pas pu être construit ; l’erreur a été consignée sur le serveur.",
    "Nothing to export for the current filters (no import selected).":
        "Rien à exporter avec les filtres actuels (aucun import sélectionné).",
    "“{table}” has {rows} rows: Excel exports stop at {limit} rows. Download it as CSV, or "
    "narrow the filters.":
        "« {table} » compte {rows} lignes : les exports Excel s’arrêtent à {limit} lignes. "
        "Téléchargez-le en CSV, ou resserrez les filtres.",
    "Deal health 0–100 (open deals): age against the typical time-to-win, days without "
    "activity, overdue close date, stage. Green ≥ 70, amber 40–69, red < 40. Click to sort.":
        "Santé de l’affaire 0–100 (affaires ouvertes) : âge face au délai de gain habituel, "
        "jours sans activité, date de clôture dépassée, étape. Vert ≥ 70, orange 40–69, "
        "rouge < 40. Cliquez pour trier.",
    "The deal was not added: {errors}": "L’affaire n’a pas été ajoutée : {errors}",
    "A deal is closed as won or lost, not {outcome}.":
        "Une affaire se clôt comme gagnée ou perdue, pas {outcome}.",
    "Deal {id} cannot be restored (not deleted, or deleted too long ago).":
        "L’affaire {id} ne peut pas être restaurée (pas supprimée, ou supprimée il y a trop "
        "longtemps).",
    "An activity is a call, an e-mail, a meeting or a note, not {kind}.":
        "Une activité est un appel, un e-mail, un rendez-vous ou une note, pas {kind}.",
    "Pick call, e-mail, meeting or note.":
        "Choisissez appel, e-mail, rendez-vous ou note.",
    # -- the editor's conflict and refusal, the PDF's print failure --
    "Deal {id} was changed since you opened it: your changes were not saved. Reload the deal "
    "to see the new values, then apply your changes again.":
        "L’affaire {id} a été modifiée depuis que vous l’avez ouverte : vos modifications n’ont "
        "pas été enregistrées. Rechargez l’affaire pour voir les nouvelles valeurs, puis "
        "refaites vos modifications.",
    "Deal {id} was changed by {author} on {date} at {time} since you opened it: your changes "
    "were not saved. Reload the deal to see the new values, then apply your changes again.":
        "L’affaire {id} a été modifiée par {author} le {date} à {time} depuis que vous l’avez "
        "ouverte : vos modifications n’ont pas été enregistrées. Rechargez l’affaire pour voir "
        "les nouvelles valeurs, puis refaites vos modifications.",
    "Not saved: {errors}": "Non enregistré : {errors}",
    "Chromium could not print the report (exit {code}): {details}":
        "Chromium n’a pas pu imprimer le rapport (code {code}) : {details}",
    # -- statuses for one deal or stage, or several (layouts.i18n.status_label) --
    "status|Open": ("Ouverte", "Ouvertes"),
    "status|Won": ("Gagnée", "Gagnées"),
    "status|Lost": ("Perdue", "Perdues"),
    # -- import engine: refusals, rejected-row reasons and warnings (data/ingest, issue #13.3) --
    "This file": "Ce fichier",
    "The file looks gzip-compressed but cannot be unpacked ({error}).":
        "Le fichier semble compressé en gzip mais ne peut pas être décompressé ({error}).",
    "{file}: {reason}": "{file} : {reason}",
    "The mapping names a column \"{header}\" that this file does not have; it was not used. "
    "The file's columns are: {headers}.":
        "La correspondance nomme une colonne « {header} » que ce fichier n’a pas ; elle n’a pas "
        "été utilisée. Les colonnes du fichier sont : {headers}.",
    "the first one is imported as {field}": "la première est importée comme {field}",
    "the first one is not imported either": "la première n’est pas importée non plus",
    "The file has more than one column named \"{first}\": {said}; the copy shown as "
    "\"{header}\" is not imported. If it holds the right values, choose it in the mapping (or "
    "rename the columns in the file).":
        "Le fichier a plusieurs colonnes nommées « {first} » : {said} ; la copie affichée comme "
        "« {header} » n’est pas importée. Si elle contient les bonnes valeurs, choisissez-la dans "
        "la correspondance (ou renommez les colonnes dans le fichier).",
    "No column is mapped to {field}; \"{header}\" could be it ({reason}). Mapping it would "
    "enable: {figures}. Choose it in the column mapping (CLI: --map \"{header}={short}\").":
        "Aucune colonne ne correspond à {field} ; « {header} » pourrait l’être ({reason}). La "
        "faire correspondre activerait : {figures}. Choisissez-la dans la correspondance des "
        "colonnes (CLI : --map \"{header}={short}\").",
    "a PNG image": "une image PNG",
    "a PDF document": "un document PDF",
    "a GIF image": "une image GIF",
    "a JPEG image": "une image JPEG",
    "an old Excel .xls (or other OLE) file: save it as .xlsx or CSV":
        "un ancien fichier Excel .xls (ou un autre fichier OLE) : enregistrez-le en .xlsx ou en "
        "CSV",
    "a RAR archive": "une archive RAR",
    "a 7-Zip archive": "une archive 7-Zip",
    "an executable program": "un programme exécutable",
    "a Windows program": "un programme Windows",
    "The file is empty: there is nothing to import.":
        "Le fichier est vide : il n’y a rien à importer.",
    "This is {what}, not a CSV or Excel file of deals.":
        "Ceci est {what}, pas un fichier CSV ou Excel d’affaires.",
    "The file contains only blank lines or delimiters: there is nothing to import.":
        "Le fichier ne contient que des lignes vides ou des séparateurs : il n’y a rien à "
        "importer.",
    "This file is binary, not text: {controls} control characters in its first {n} "
    "characters. Upload a CSV or .xlsx export of your deals.":
        "Ce fichier est binaire, pas du texte : {controls} caractères de contrôle dans ses {n} "
        "premiers caractères. Déposez un export CSV ou .xlsx de vos affaires.",
    "Removed {count} NUL character(s) (invisible \\0 bytes), first on line {line}; check that "
    "line's values.":
        "{count} caractère(s) NUL supprimé(s) (octets \\0 invisibles), le premier à la ligne "
        "{line} ; vérifiez les valeurs de cette ligne.",
    "The file contains only blank lines: there is nothing to import.":
        "Le fichier ne contient que des lignes vides : il n’y a rien à importer.",
    "Ignored {n} total/footer line(s) after the data, starting with \"{value}\".":
        "{n} ligne(s) de total ou de pied de page ignorée(s) après les données, à partir de "
        "« {value} ».",
    "The file has a header on line {line} but no data rows below it. Headers found: {headers}.":
        "Le fichier a un en-tête à la ligne {line} mais aucune ligne de données en dessous. "
        "En-têtes trouvés : {headers}.",
    "Header only: no data rows.": "En-tête seul : aucune ligne de données.",
    "Skipped {n} line(s) repeating the header and {titles} group title line(s) above them "
    "({examples}), first on line {line}: they are not deals.":
        "{n} ligne(s) répétant l’en-tête et {titles} ligne(s) de titre de groupe au-dessus "
        "({examples}) ignorées, la première à la ligne {line} : ce ne sont pas des affaires.",
    "Skipped {n} line(s) repeating the header, first on line {line}: they are not deals.":
        "{n} ligne(s) répétant l’en-tête ignorée(s), la première à la ligne {line} : ce ne sont "
        "pas des affaires.",
    "Skipped {n} subtotal/total line(s) inside the data, first on line {line} (\"{value}\"): "
    "they sum deals already counted.":
        "{n} ligne(s) de sous-total ou de total ignorée(s) dans les données, la première à la "
        "ligne {line} (« {value} ») : elles additionnent des affaires déjà comptées.",
    "This file is a zip archive but not a readable .xlsx workbook ({error}).":
        "Ce fichier est une archive zip mais pas un classeur .xlsx lisible ({error}).",
    "No sheet named \"{sheet}\" in this workbook; sheets: {sheets}.":
        "Aucune feuille nommée « {sheet} » dans ce classeur ; feuilles : {sheets}.",
    "Every sheet of this workbook is empty ({sheets}).":
        "Toutes les feuilles de ce classeur sont vides ({sheets}).",
    "row": "ligne",
    "reason": "motif",
    "cents (hundredths of the currency unit)": "centimes (centièmes de l’unité monétaire)",
    "thousandths of the currency unit": "millièmes de l’unité monétaire",
    "No stage or status column found, and one of them is required. Headers found: {headers}. "
    "Name a column \"Stage\"/\"Étape\"/\"Phase\" or \"Status\"/\"Statut\", or pick one in the "
    "column mapping.":
        "Aucune colonne d’étape ni de statut trouvée, et l’une des deux est requise. En-têtes "
        "trouvés : {headers}. Nommez une colonne « Étape »/« Stage »/« Phase » ou "
        "« Statut »/« Status », ou choisissez-en une dans la correspondance des colonnes.",
    "No stage and no status on this row: fill {columns}.":
        "Ni étape ni statut sur cette ligne : remplissez {columns}.",
    "No stage and no status on this row: fill the stage column.":
        "Ni étape ni statut sur cette ligne : remplissez la colonne d’étape.",
    "{header} \"{value}\" is not a number: expected e.g. 1234.56 or 1 234,56 €.":
        "{header} « {value} » n’est pas un nombre : attendu par ex. 1234.56 ou 1 234,56 €.",
    "{header} \"{value}\" is above the largest amount kept exactly ({largest}): check the value "
    "(a merged cell or a pasted id?).":
        "{header} « {value} » dépasse le plus grand montant conservé exactement ({largest}) : "
        "vérifiez la valeur (une cellule fusionnée ou un identifiant collé ?).",
    "{header} \"{value}\" is negative: an amount must be 0 or more.":
        "{header} « {value} » est négatif : un montant doit être supérieur ou égal à 0.",
    "\"{header}\" holds amounts in {unit}: \"{shown_in}\" shows the same amounts divided by "
    "{divisor} (e.g. {example}); read in currency units.":
        "« {header} » contient des montants en {unit} : « {shown_in} » montre les mêmes montants "
        "divisés par {divisor} (par ex. {example}) ; lus en unités monétaires.",
    "{n} deal(s) have no amount in \"{header}\": kept with an unknown amount (left out of sums).":
        "{n} affaire(s) sans montant dans « {header} » : conservée(s) avec un montant inconnu "
        "(hors des sommes).",
    "decimal comma": "virgule décimale",
    "thousands separator": "séparateur de milliers",
    "{n} value(s) in \"{header}\" such as \"1,234\" or \"12.500\" could be read two ways; read "
    "with the \"{mark}\" as decimal mark ({hint} conventions, {reading}). Check one of them.":
        "{n} valeur(s) de « {header} » comme « 1,234 » ou « 12.500 » peuvent se lire de deux "
        "façons ; lues avec « {mark} » comme séparateur décimal (conventions {hint}, "
        "{reading}). Vérifiez-en une.",
    "{header} \"{value}\" is not a percentage: expected e.g. 70% or 0.7.":
        "{header} « {value} » n’est pas un pourcentage : attendu par ex. 70 % ou 0.7.",
    "{header} \"{value}\" is outside 0–100%.": "{header} « {value} » est hors de 0–100 %.",
    "\"{header}\" holds dates for {n} open deal(s): read as the expected close date of open "
    "deals and the closing date of closed ones (forecast and overdue deals use it). If it is "
    "something else, change its mapping.":
        "« {header} » contient des dates pour {n} affaire(s) ouverte(s) : lue comme la date de "
        "clôture prévue des affaires ouvertes et la date de clôture des affaires clôturées "
        "(prévision et affaires en retard l’utilisent). Si c’est autre chose, changez sa "
        "correspondance.",
    "No usable row: all {n} data row(s) were rejected (first reason: {first})":
        "Aucune ligne utilisable : les {n} ligne(s) de données ont été rejetée(s) (premier "
        "motif : {first})",
    "\"{header}\" holds stage names ({names}): read as the stage; each deal's status "
    "(open/won/lost) is derived from it.":
        "« {header} » contient des noms d’étapes ({names}) : lue comme l’étape ; le statut de "
        "chaque affaire (ouverte/gagnée/perdue) en est déduit.",
    "Stages not in the built-in list, imported as open stages: {listed} and {more} more. Set "
    "their order and probability in the stage settings.":
        "Étapes absentes de la liste intégrée, importées comme étapes ouvertes : {listed} et "
        "{more} de plus. Réglez leur ordre et leur probabilité dans les paramètres des étapes.",
    "Stages not in the built-in list, imported as open stages: {listed}. Set their order and "
    "probability in the stage settings.":
        "Étapes absentes de la liste intégrée, importées comme étapes ouvertes : {listed}. "
        "Réglez leur ordre et leur probabilité dans les paramètres des étapes.",
    "{n} value(s) of \"{header}\" are not open/won/lost ({values}); the stage decided instead.":
        "{n} valeur(s) de « {header} » ne sont pas open/won/lost (ouverte/gagnée/perdue) "
        "({values}) ; l’étape a décidé à leur place.",
    "{header} \"{value}\" is not a status: expected open, won or lost "
    "(ouvert/gagné/perdu, offen/gewonnen/verloren).":
        "{header} « {value} » n’est pas un statut : attendu ouvert, gagné ou perdu "
        "(open/won/lost, offen/gewonnen/verloren).",
    "{n} deal(s) in an open stage have a reason in \"{header}\": counted as lost.":
        "{n} affaire(s) d’une étape ouverte ont un motif dans « {header} » : comptée(s) comme "
        "perdue(s).",
    "like the other date columns of this file": "comme les autres colonnes de dates du fichier",
    "the file looks French": "le fichier semble français",
    "the file looks German": "le fichier semble allemand",
    "the file looks non-US": "le fichier ne semble pas américain",
    "the file looks American (US dollars / en-US)":
        "le fichier semble américain (dollars US / en-US)",
    "day/month (DMY)": "jour/mois (JMA)",
    "month/day (MDY)": "mois/jour (MJA)",
    "Dates in \"{header}\" such as \"{example}\" could be day-first or month-first; read as "
    "{shown} because {why}. Check one date.":
        "Les dates de « {header} » comme « {example} » peuvent commencer par le jour ou par le "
        "mois ; lues en {shown} car {why}. Vérifiez une date.",
    "{header} \"{value}\" is not a valid date: expected e.g. 2026-01-31, 31/01/2026 or "
    "31.01.2026.":
        "{header} « {value} » n’est pas une date valide : attendu par ex. 2026-01-31, "
        "31/01/2026 ou 31.01.2026.",
    "This line has more fields than the {width} headers: a value probably contains the "
    "delimiter \"{delimiter}\" without quotes.":
        "Cette ligne a plus de champs que les {width} en-têtes : une valeur contient sans doute "
        "le séparateur « {delimiter} » sans guillemets.",
    "{header} \"{value}\" repeats the deal of line {line}; the first one is kept.":
        "{header} « {value} » répète l’affaire de la ligne {line} ; la première est conservée.",
    "{n} row(s) repeat a \"{header}\" already seen in the file; only the first row of each id "
    "was imported.":
        "{n} ligne(s) répètent une valeur de « {header} » déjà vue dans le fichier ; seule la "
        "première ligne de chaque identifiant a été importée.",
    "{n} date(s) in \"{header}\" fall outside {low}–{high} (lines {lines}); kept, but check "
    "them.":
        "{n} date(s) de « {header} » hors de {low}–{high} (lignes {lines}) ; conservée(s), mais "
        "vérifiez-les.",
    "Amounts are in several currencies: {listed}. They are never added together; figures are "
    "shown per currency.":
        "Les montants sont en plusieurs devises : {listed}. Elles ne sont jamais additionnées ; "
        "les chiffres sont montrés par devise.",
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
        if message.context:  # npgettext("status", ...): keyed "status|Open" below
            key = f"{message.context}|{key}"
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
