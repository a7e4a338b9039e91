"""Prints what DuckDB says the seed's two queries return over a fact_events_daily folder
(the oracle for Tests/DemoTests/DemoBackfillTests).

    duckdb_reports.py FOLDER  ->  JSON {"daily": [[date, tenant, events]...],
                                        "weekly": [[week, tenant, total, errors, rate]...]}

rate as Python's repr (the shortest round-trip text), null when the total is 0.
"""
import json
import sys

import duckdb

con = duckdb.connect()
con.execute("CREATE VIEW fact_events_daily AS SELECT * FROM "
            f"read_parquet('{sys.argv[1]}/**/*.parquet', hive_partitioning=true)")
daily = con.execute("""
    SELECT date::DATE AS date, tenant_id, SUM(total_events) AS events
    FROM fact_events_daily GROUP BY 1, 2 ORDER BY date""").fetchall()
weekly = con.execute("""
    SELECT DATE_TRUNC('week', date::DATE) AS week, tenant_id,
           SUM(total_events), SUM(error_events),
           SUM(error_events) / SUM(total_events) AS error_rate
    FROM fact_events_daily GROUP BY 1, 2""").fetchall()
json.dump({
    "daily": [[str(d)[:10], t, int(e)] for d, t, e in daily],
    "weekly": [[str(w)[:10], t, int(n), int(e), repr(float(r)) if n else None] for w, t, n, e, r in weekly],
}, sys.stdout)
