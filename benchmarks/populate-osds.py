#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Grow the test cluster's maps to a large cluster's size without hardware.

Adds OSD entries (no daemons) under host buckets with `osd create` and
`osd crush add`, issuing many mon commands in parallel from one librados
client, as measured in ceph-facts.md section 10 (10,000 OSDs in ~60 s).
Such a cluster shows N OSDs (3 up) in every map and command, which is what
KDCC's refresh, model and tables must cope with.

Usage: populate-osds.py CONF KEYRING TOTAL_OSDS [OSDS_PER_HOST]
"""
import concurrent.futures
import json
import sys

import rados


def main():
    conf, keyring, total = sys.argv[1], sys.argv[2], int(sys.argv[3])
    per_host = int(sys.argv[4]) if len(sys.argv) > 4 else 20
    cluster = rados.Rados(conffile=conf, conf={"keyring": keyring})
    cluster.connect(timeout=10)

    def cmd(**kwargs):
        ret, out, err = cluster.mon_command(json.dumps(kwargs), b"", timeout=300)
        if ret != 0:
            raise RuntimeError(f"{kwargs['prefix']}: {err}")
        return out

    existing = json.loads(cmd(prefix="osd ls", format="json"))
    start = len(existing)
    hosts = (total - start + per_host - 1) // per_host

    def add(i):
        out = cmd(prefix="osd create", format="json")
        osd_id = json.loads(out)["osdid"]
        host = f"bench-host-{(i - start) // per_host:04d}"
        # `osd crush add` creates a missing host bucket under the root
        # itself, so the buckets need no serial pass of their own.
        cmd(prefix="osd crush add", id=osd_id, weight=0.01,
            args=[f"host={host}", "root=default"])
        return osd_id

    # Every `osd create` waits for a paxos round; the default interval
    # (1 s) makes growing to 10,000 OSDs take 6-12 minutes, 0.05 s about
    # 100 s (ceph-facts.md section 10). Restored afterwards.
    cmd(prefix="config set", who="mon", name="paxos_propose_interval", value="0.05")
    try:
        with concurrent.futures.ThreadPoolExecutor(max_workers=32) as pool:
            ids = list(pool.map(add, range(start, total)))
    finally:
        cmd(prefix="config rm", who="mon", name="paxos_propose_interval")
    print(f"added {len(ids)} OSDs under {hosts} hosts; cluster now has {total}")
    cluster.shutdown()


if __name__ == "__main__":
    main()
