"""Generates Fixtures/production/predictions.db: six hours of a churn model's production traffic.

Run from the repository root: python3 Fixtures/production/make_production_db.py
Table `predictions`: one row per scored customer with a `ts` text timestamp
('YYYY-MM-DD HH:MM:SS.SSS', UTC), the ten churn features and the model's score.
Hours 2019-04-30 06:00 .. 12:00; the hour [10:00, 11:00) is drifted (the same shifts as
Fixtures/churn/production-drifted.csv). A development-time tool; the .db is committed.
"""
import datetime
import os
import sqlite3
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "churn"))
from make_churn import FEATURES, sample  # noqa: E402

PATH = "Fixtures/production/predictions.db"
START = datetime.datetime(2019, 4, 30, 6, 0, 0)
HOURS = 6
DRIFTED_HOUR = 4          # 10:00-11:00
ROWS_PER_HOUR = 400

if os.path.exists(PATH):
    os.remove(PATH)
db = sqlite3.connect(PATH)
columns = ", ".join(
    f"{name} {'TEXT' if name in ('contract', 'payment_method', 'internet_service') else 'REAL'}"
    for name in FEATURES)
db.execute(f"CREATE TABLE predictions (id INTEGER PRIMARY KEY, ts TEXT NOT NULL, {columns}, score REAL)")
db.execute("CREATE INDEX predictions_ts ON predictions (ts)")
rng = np.random.default_rng(20190430)
for hour in range(HOURS):
    rows = sample(np.random.default_rng(1000 + hour), ROWS_PER_HOUR, drift=(hour == DRIFTED_HOUR))
    offsets = np.sort(rng.uniform(0, 3600, ROWS_PER_HOUR))
    for row, offset in zip(rows, offsets):
        ts = START + datetime.timedelta(hours=hour, seconds=float(offset))
        text = ts.strftime("%Y-%m-%d %H:%M:%S.") + f"{ts.microsecond // 1000:03d}"
        values = [None if value == "" else (float("nan") if value == "NaN" else value) for value in row]
        score = float(rng.uniform())
        db.execute(f"INSERT INTO predictions (ts, {', '.join(FEATURES)}, score) VALUES (?, {', '.join('?' * len(FEATURES))}, ?)",
                   [text, *values, score])
db.commit()
db.execute("VACUUM")
db.close()
