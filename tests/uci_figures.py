#!/usr/bin/env python3
"""Figures of the UCI incident event log, computed independently of ServiceFlow (python3 stdlib only).

Reads incident_event_log.csv straight from the zip in ../shared/data/uci-incident-event-log and prints JSON:
incidents, events, mean and median opened -> resolved hours, made-SLA %, reassignment and reopen rates (%).
An incident's figures are those of its latest update: the row with the highest sys_mod_count (the later row
in the file on a tie). Hours are over the incidents that have a resolved_at; the rates over all incidents.
Rounding: hours to 2 decimals, percentages to 1 decimal (as ServiceFlow shows them).

Usage: python3 tests/uci_figures.py [path/to/incident_event_log.zip]
"""
import csv
import io
import json
import os
import statistics
import sys
import zipfile
from datetime import datetime

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT = os.path.join(HERE, "..", "..", "shared", "data", "uci-incident-event-log", "incident_event_log.zip")


def parse(text):
    return datetime.strptime(text, "%d/%m/%Y %H:%M")


def main(path):
    latest = {}
    events = 0
    with zipfile.ZipFile(path) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".csv"))
        with archive.open(name) as raw:
            for row in csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8", newline="")):
                events += 1
                mod = int(row["sys_mod_count"])
                current = latest.get(row["number"])
                if current is None or mod >= current[0]:
                    latest[row["number"]] = (mod, row)
    rows = [row for _, row in latest.values()]
    hours = [(parse(r["resolved_at"]) - parse(r["opened_at"])).total_seconds() / 3600 for r in rows if r["resolved_at"] != "?"]
    share = lambda predicate: round(100.0 * sum(1 for r in rows if predicate(r)) / len(rows), 1)
    print(json.dumps({
        "incidents": len(rows),
        "events": events,
        "resolved": len(hours),
        "meanOpenedToResolvedHours": round(statistics.mean(hours), 2),
        "medianOpenedToResolvedHours": round(statistics.median(hours), 2),
        "madeSlaPercent": share(lambda r: r["made_sla"] == "true"),
        "reassignmentPercent": share(lambda r: int(r["reassignment_count"]) > 0),
        "reopenPercent": share(lambda r: int(r["reopen_count"]) > 0),
    }))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else DEFAULT)
