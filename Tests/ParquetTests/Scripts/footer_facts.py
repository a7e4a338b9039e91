"""Print, as one JSON object keyed by file name, what pyarrow reads from the footer of each
Parquet file given on the command line: the expectations of MetadataTests."""
import json
import os
import sys

import pyarrow.parquet as pq


def facts(path):
    meta = pq.ParquetFile(path).metadata
    chunks = []
    for g in range(meta.num_row_groups):
        group = meta.row_group(g)
        for c in range(group.num_columns):
            col = group.column(c)
            chunks.append({
                "path": col.path_in_schema,
                "physical_type": col.physical_type,
                "codec": col.compression,
                "num_values": col.num_values,
                "compressed": col.total_compressed_size,
                "uncompressed": col.total_uncompressed_size,
            })
    return {
        "num_rows": meta.num_rows,
        "num_row_groups": meta.num_row_groups,
        "num_columns": meta.num_columns,
        "created_by": meta.created_by,
        "chunks": chunks,
    }


def main():
    out = {}
    for path in sys.argv[1:]:
        name = os.path.basename(path)
        try:
            out[name] = facts(path)
        except Exception as e:  # the Swift side decides what a failure means
            out[name] = {"error": f"{type(e).__name__}: {e}"}
    json.dump(out, sys.stdout)


if __name__ == "__main__":
    main()
