"""Generates the churn fixtures: a reference sample and two production hours.

Run from the repository root: python3 Fixtures/churn/make_churn.py
The output is committed; this script documents how it was made (numpy, fixed seeds).
It is a development-time tool, never a runtime dependency.
"""
import csv
import numpy as np

FEATURES = ["tenure_months", "monthly_charges", "total_charges", "age", "support_calls",
            "contract", "payment_method", "internet_service", "data_usage_gb", "satisfaction"]
CONTRACTS = ["month-to-month", "one-year", "two-year"]
PAYMENTS = ["electronic check", "mailed check", "bank transfer", "credit card, automatic"]
INTERNET = ["DSL", "fiber optic", "none"]


def sample(rng, n, drift=False):
    tenure = rng.integers(0, 73, n)
    charges = rng.normal(70 if not drift else 78, 18, n).clip(18, 120)
    total = charges * np.maximum(tenure, 1) * rng.uniform(0.9, 1.1, n)
    age = rng.normal(45, 14, n).clip(18, 90).round()
    calls = rng.poisson(1.2 if not drift else 2.1, n)
    contract_p = [0.55, 0.25, 0.20] if not drift else [0.70, 0.18, 0.12]
    contract = rng.choice(CONTRACTS, n, p=contract_p)
    payment = rng.choice(PAYMENTS, n, p=[0.34, 0.23, 0.22, 0.21])
    internet = rng.choice(INTERNET, n, p=[0.34, 0.44, 0.22])
    usage = rng.lognormal(3.0, 0.6, n)
    satisfaction = rng.normal(3.6, 0.8, n).clip(1, 5).round(1)
    rows = []
    for i in range(n):
        row = [int(tenure[i]), round(float(charges[i]), 2), round(float(total[i]), 2), int(age[i]),
               int(calls[i]), contract[i], payment[i], internet[i], round(float(usage[i]), 3),
               float(satisfaction[i])]
        if internet[i] == "none":
            row[8] = ""                       # no internet: usage is missing
        if rng.random() < 0.01:
            row[2] = ""                       # total_charges sometimes missing
        if rng.random() < 0.002:
            row[9] = "NaN"                    # a NaN survey answer
        rows.append(row)
    return rows


def write(path, rows):
    with open(path, "w", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(FEATURES)
        writer.writerows(rows)


if __name__ == "__main__":
    write("Fixtures/churn/reference.csv", sample(np.random.default_rng(20261129), 5000))
    write("Fixtures/churn/production-clean.csv", sample(np.random.default_rng(7), 1000))
    write("Fixtures/churn/production-drifted.csv", sample(np.random.default_rng(8), 1000, drift=True))
