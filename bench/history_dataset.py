"""The benchmarks' daily facts: 365 daily partitions (2025) of 5,000 fact_events_daily rows,
written by DuckDB (`COPY … PARTITION_BY (date)`, snappy), with TENANTS distinct tenants.

    python bench/history_dataset.py OUT_FOLDER TENANTS
"""
import sys

import duckdb

out, tenants = sys.argv[1], int(sys.argv[2])
width = max(3, len(str(tenants - 1)))
con = duckdb.connect()
con.execute(f"""
  CREATE TABLE f AS
  SELECT (DATE '2025-01-01' + (i // 5000)::INT) AS date,
         'tenant-' || lpad(((i * 7919) % {tenants})::VARCHAR, {width}, '0') AS tenant_id,
         ['click','view','error','purchase','signup'][1 + (i % 5)] AS event_type,
         (1 + (i * 31) % 997)::BIGINT AS total_events,
         ((i * 17) % 53)::BIGINT AS error_events,
         ((i * 13) % 400)::DOUBLE / 3 AS avg_session_duration,
         (1 + (i * 7) % 301)::BIGINT AS unique_sessions
  FROM range(365 * 5000) t(i)""")
con.execute(f"COPY f TO '{out}' (FORMAT parquet, PARTITION_BY (date), COMPRESSION snappy)")
