# ruff: noqa  (a generator script kept close to the vendor layouts it writes, not library code)
"""Probe exports (issue #8 acceptance, fresh probe): each vendor format written from one truth table, with the
expected headline figures computed from that table (METRICS.md) in expected.json. Run: python tests/corpus/exports/build_exports.py"""
import csv, io, json, random
from pathlib import Path
OUT = Path(__file__).resolve().parent
random.seed(7)
PEOPLE = ["Alice Martin", "Bruno Keller", "Chloé Durand", "David Okafor"]
ACCOUNTS = ["Acme Corp", "Globex", "Initech", "Umbrella", "Stark Ind.", "Wayne Ent.", "Hooli", "Soylent"]
expected = {}

def truth(n, open_stages, seed):
    rnd = random.Random(seed)
    rows = []
    for i in range(n):
        kind = rnd.choice(["open"] * 3 + ["won", "lost"])
        stage = rnd.choice(open_stages) if kind == "open" else kind
        amount = rnd.choice([1200, 4500.5, 12000, 800, 23000, 9999.99, 15000, 300])
        p = {"open": rnd.choice([0.1, 0.2, 0.4, 0.6, 0.8]), "won": 1.0, "lost": 0.0}[kind]
        rows.append(dict(i=i + 1, kind=kind, stage=stage, amount=amount, p=p,
                         owner=PEOPLE[i % 4], account=ACCOUNTS[i % 8], name=f"Deal {i + 1}",
                         cm=1 + i % 9, cd=1 + (i * 3) % 27, em=3 + i % 6, ed=1 + (i * 5) % 27))
    return rows

def figures(rows, weighted=True):
    import pandas as pd
    f = pd.DataFrame(rows)
    o = f[f.kind == "open"]
    won, lost = int((f.kind == "won").sum()), int((f.kind == "lost").sum())
    out = {"open": int(len(o)), "won": won, "lost": lost,
           "gross": round(float(o.amount.sum()), 2),
           "win_rate": won / (won + lost) if won + lost else None}
    if weighted:
        out["weighted"] = round(float((o.amount * o.p).sum()), 2)
    return out

def write(name, text, rows, enc="utf-8", weighted=True):
    (OUT / name).write_bytes(text.encode(enc) if isinstance(text, str) else text)
    expected[name] = figures(rows, weighted)

def table(headers, lines, delim=","):
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=delim, lineterminator="\r\n")
    w.writerow(headers)
    for line in lines:
        w.writerow(line)
    return buf.getvalue()

def usd(x): return f"${x:,.2f}"
def eur_fr(x): return f"{x:,.2f}".replace(",", "\u202f").replace(".", ",") + " €"
def eur_de(x): return f"{x:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")

# 1 Dynamics 365
rows = truth(10, ["1-Qualify", "2-Develop", "3-Propose"], 1)
lines = []
for r in rows:
    status = {"open": "Open", "won": "Won", "lost": "Lost"}[r["kind"]]
    reason = {"open": "In Progress", "won": "Won", "lost": "Out-Sold"}[r["kind"]]
    phase = {"open": r["stage"], "won": "4-Close", "lost": "3-Propose"}[r["kind"]]
    lines.append([f"{r['i']:08x}-1111-2222-3333-444455556666", f"chk{r['i']}", f"2/{r['ed']}/2026 9:14 AM",
                  r["name"], r["account"], f"{r['em']}/{r['ed']}/2026", usd(r["amount"]), int(r["p"] * 100),
                  status, reason, phase, r["owner"], f"{r['cm']}/{r['cd']}/2025 10:02 AM",
                  usd(r["amount"]) if r["kind"] == "won" else "", "US Dollar"])
write("dynamics365_opportunities.csv", table(
    ["(Do Not Modify) Opportunity", "(Do Not Modify) Row Checksum", "(Do Not Modify) Modified On",
     "Topic", "Potential Customer", "Est. Close Date", "Est. Revenue", "Probability", "Status",
     "Status Reason", "Pipeline Phase", "Owner", "Created On", "Actual Revenue", "Currency"], lines), rows)

# 2 Odoo CRM pipeline (lost = archived, probability 0, stage kept, lost reason)
rows = truth(10, ["New", "Qualified", "Proposition"], 2)
lines = []
for r in rows:
    stage = "Won" if r["kind"] == "won" else (r["stage"] if r["kind"] == "open" else "Qualified")
    prob = r["p"] * 100
    lines.append([r["name"], r["account"], f"{r['amount']:.2f}", f"{prob:.2f}", stage, r["owner"], "Europe",
                  f"2026-{r['em']:02d}-{r['ed']:02d}", f"2025-{r['cm']:02d}-{r['cd']:02d} 08:30:00",
                  f"{r['amount'] * r['p']:.2f}", "False" if r["kind"] == "lost" else "True",
                  "Too expensive" if r["kind"] == "lost" else "", "EUR"])
write("odoo_crm_pipeline.csv", table(
    ["Opportunity", "Customer", "Expected Revenue", "Probability", "Stage", "Salesperson", "Sales Team",
     "Expected Closing", "Created on", "Prorated Revenue", "Active", "Lost Reason", "Currency"], lines), rows)

# 3 Freshsales deals
rows = truth(9, ["New", "Demo", "Negotiation"], 3)
lines = []
for r in rows:
    stage = {"open": r["stage"], "won": "Won", "lost": "Lost"}[r["kind"]]
    lines.append([r["name"], f"{r['amount']:.2f}", f"{r['amount']:.2f}", stage, r["owner"],
                  f"2026-{r['em']:02d}-{r['ed']:02d}", f"2026-{r['em']:02d}-{r['ed']:02d}" if r["kind"] != "open" else "",
                  f"2025-{r['cm']:02d}-{r['cd']:02d}T10:00:00Z", "2026-02-01T10:00:00Z", int(r["p"] * 100),
                  r["account"], "Default Pipeline", "Web", "", "USD"])
write("freshsales_deals.csv", table(
    ["Name", "Amount", "Base currency amount", "Deal stage", "Owner", "Expected close date", "Closed date",
     "Created at", "Updated at", "Probability (%)", "Sales account", "Deal pipeline", "Source", "Lost reason",
     "Currency"], lines), rows)

# 4 Zoho Potentials
rows = truth(10, ["Qualification", "Needs Analysis", "Value Proposition", "Negotiation/Review"], 4)
lines = []
for r in rows:
    stage = {"open": r["stage"], "won": "Closed Won", "lost": "Closed-Lost to Competition"}[r["kind"]]
    lines.append([r["owner"], r["name"], r["account"], r["amount"], f"{r['em']:02d}/{r['ed']:02d}/2026", stage,
                  int(r["p"] * 100), round(r["amount"] * r["p"], 2), "Partner",
                  f"{r['cm']:02d}/{r['cd']:02d}/2025 11:20 AM", "02/01/2026 09:00 AM", "01/15/2026 09:00 AM",
                  "USD", "1"])
write("zoho_potentials.csv", table(
    ["Potential Owner", "Potential Name", "Account Name", "Amount", "Closing Date", "Stage", "Probability (%)",
     "Expected Revenue", "Lead Source", "Created Time", "Modified Time", "Last Activity Time", "Currency",
     "Exchange Rate"], lines), rows)

# 5 Pipedrive with custom fields
rows = truth(10, ["Qualified", "Contact Made", "Demo Scheduled", "Proposal Made"], 5)
lines = []
for r in rows:
    lines.append([r["i"], r["name"], r["account"], r["amount"], "EUR", r["stage"] if r["kind"] == "open" else "Negotiations Started",
                  r["kind"], r["owner"], f"2025-{r['cm']:02d}-{r['cd']:02d} 10:00:00",
                  f"2026-{r['em']:02d}-{r['ed']:02d}", f"2026-01-{r['ed']:02d} 12:00:00" if r["kind"] == "won" else "",
                  f"2026-01-{r['ed']:02d} 12:00:00" if r["kind"] == "lost" else "", int(r["p"] * 100),
                  round(r["amount"] * r["p"], 2), "North" if r["i"] % 2 else "South", 12 + r["i"] % 3 * 12,
                  r["i"] % 4 * 5, f"2026-02-{r['ed']:02d}", f"person{r['i']}@example.com"])
write("pipedrive_custom_fields.csv", table(
    ["Deal - ID", "Deal - Title", "Deal - Organization", "Deal - Value", "Deal - Currency", "Deal - Stage",
     "Deal - Status", "Deal - Owner", "Deal - Deal created", "Deal - Expected close date", "Deal - Won time",
     "Deal - Lost time", "Deal - Probability", "Deal - Weighted value", "Deal - Region",
     "Deal - Contract length (months)", "Deal - Discount %", "Deal - Next activity date", "Person - Email"], lines), rows)

# 6 monday.com board export: board title, group title rows, header repeated per group
rows = truth(12, ["Discovery", "Proposal", "Negotiation"], 6)
buf = io.StringIO()
w = csv.writer(buf, lineterminator="\r\n")
w.writerow(["Deals Pipeline"])
w.writerow([])
head = ["Name", "Owner", "Stage", "Deal Value", "Close Probability", "Expected Close Date", "Contacts", "Last updated"]
for group, kinds in (("Active Deals", ("open",)), ("Closed Won", ("won",)), ("Closed Lost", ("lost",))):
    w.writerow([group])
    w.writerow(head)
    for r in rows:
        if r["kind"] in kinds:
            stage = {"open": r["stage"], "won": "Won", "lost": "Lost"}[r["kind"]]
            w.writerow([r["name"], r["owner"], stage, r["amount"], f"{int(r['p'] * 100)}%",
                        f"2026-{r['em']:02d}-{r['ed']:02d}", r["account"], "2026-02-01 10:00"])
    w.writerow([])
write("monday_board.csv", buf.getvalue(), rows)

# 7 Notion CRM template
rows = truth(9, ["Lead", "Qualified", "Proposal", "Negotiation"], 7)
months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
lines = []
for r in rows:
    stage = {"open": r["stage"], "won": "Closed Won", "lost": "Closed Lost"}[r["kind"]]
    lines.append([r["name"], r["account"], stage, "High", usd(r["amount"]).replace(".00", ""), r["owner"],
                  f"{months[r['em'] - 1]} {r['ed']}, 2026", f"{months[r['cm'] - 1]} {r['cd']}, 2025",
                  f"{int(r['p'] * 100)}%", "https://www.notion.so/x"])
write("notion_crm.csv", "\ufeff" + table(
    ["Name", "Company", "Status", "Priority", "Estimated Value", "Account Owner", "Expected Close",
     "Last Contact", "Probability", "Link"], lines), rows)

# 8 French spreadsheet: title block, total row
rows = truth(8, ["Prospect", "Qualifié", "Négociation"], 8)
lines = []
for r in rows:
    stage = {"open": r["stage"], "won": "Gagné", "lost": "Perdu"}[r["kind"]]
    lines.append([f"AF-{r['i']:03d}", r["name"], r["account"], stage, eur_fr(r["amount"]), f"{int(r['p'] * 100)} %",
                  r["owner"], f"{r['cd']:02d}/{r['cm']:02d}/2025", f"{r['ed']:02d}/{r['em']:02d}/2026"])
total = sum(r["amount"] for r in rows)
text = ("Suivi commercial – T1 2026;;;;;;;;\r\nExporté le 05/02/2026 par Chloé;;;;;;;;\r\n;;;;;;;;\r\n"
        + table(["Réf", "Affaire", "Client", "Étape", "Montant HT", "Probabilité", "Commercial",
                 "Date de création", "Clôture prévue"], lines, ";")
        + f"TOTAL;;;;{eur_fr(total)};;;;\r\n")
write("fr_suivi_titre_total.csv", text, rows, enc="cp1252" if False else "utf-8")

# 9 German spreadsheet: title block, total row
rows = truth(8, ["Interessent", "Qualifiziert", "Angebot", "Verhandlung"], 9)
lines = []
for r in rows:
    stage = {"open": r["stage"], "won": "Gewonnen", "lost": "Verloren"}[r["kind"]]
    lines.append([r["i"], r["name"], r["account"], stage, eur_de(r["amount"]), f"{int(r['p'] * 100)}%",
                  r["owner"], f"{r['cd']:02d}.{r['cm']:02d}.2025", f"{r['ed']:02d}.{r['em']:02d}.2026"])
total = sum(r["amount"] for r in rows)
text = ("Vertriebspipeline 2026;;;;;;;;\r\nStand: 05.02.2026;;;;;;;;\r\n;;;;;;;;\r\n"
        + table(["Nr.", "Projekt", "Kunde", "Phase", "Auftragswert (EUR)", "Wahrscheinlichkeit",
                 "Vertriebsmitarbeiter", "Erstellt am", "Abschluss geplant"], lines, ";")
        + f"Summe;;;;{eur_de(total)};;;;\r\n")
write("de_pipeline_titel_summe.csv", text, rows)

# 10 xlsx with formula columns (weighted per row, total row)
from openpyxl import Workbook
rows = truth(8, ["Prospecting", "Qualification", "Proposal"], 10)
wb = Workbook(); ws = wb.active; ws.title = "Pipeline"
ws.append(["Deal", "Account", "Stage", "Amount", "Probability", "Weighted", "Close Date", "Owner"])
import datetime as dt
for k, r in enumerate(rows, start=2):
    stage = {"open": r["stage"], "won": "Closed Won", "lost": "Closed Lost"}[r["kind"]]
    ws.append([r["name"], r["account"], stage, r["amount"], r["p"], f"=D{k}*E{k}",
               dt.date(2026, r["em"], r["ed"]), r["owner"]])
n = len(rows) + 1
ws.append(["Total", None, None, f"=SUM(D2:D{n})", None, f"=SUM(F2:F{n})", None, None])
buf = io.BytesIO(); wb.save(buf)
write("formulas.xlsx", buf.getvalue(), rows)

# 11 8-digit dates
rows = truth(9, ["Prospect", "Qualified", "Negotiation"], 11)
lines = []
for r in rows:
    stage = {"open": r["stage"], "won": "Won", "lost": "Lost"}[r["kind"]]
    lines.append([f"D{r['i']}", r["name"], stage, r["amount"], r["p"], f"2025{r['cm']:02d}{r['cd']:02d}",
                  f"2026{r['em']:02d}{r['ed']:02d}", r["owner"]])
write("yyyymmdd_dates.csv", table(["Deal ID", "Deal Name", "Stage", "Amount", "Probability", "Create Date",
                                   "Close Date", "Owner"], lines), rows)

# 12 quoted multi-line notes
rows = truth(8, ["Prospect", "Qualified", "Proposal"], 12)
lines = []
for r in rows:
    stage = {"open": r["stage"], "won": "Won", "lost": "Lost"}[r["kind"]]
    note = f'Call with {r["owner"]}:\n- asked for "best price", 5,000 units\n- next: demo, Tuesday'
    lines.append([f"N{r['i']}", r["name"], stage, r["amount"], f"{int(r['p'] * 100)}%", note, r["owner"]])
write("multiline_notes.csv", table(["ID", "Deal", "Stage", "Amount", "Win %", "Notes", "Owner"], lines), rows)

(OUT / "expected.json").write_text(json.dumps(expected, indent=1))
print(len(expected), "files")
