# SPDX-License-Identifier: GPL-3.0-or-later
#
# The fake Rook operator's upgrade behaviour, for kdcc-fake-kube-api (issue
# 15). It watches every namespace that holds a CephCluster and behaves as
# Rook's operator does during an upgrade (ceph-facts.md §7):
#
# - when the image of the operator Deployment (rook-ceph-operator, or any
#   Deployment labelled app=rook-ceph-operator) changes, its pod is
#   replaced (readyReplicas 0, then 1 with updatedReplicas and
#   observedGeneration); once it is ready the new operator re-reconciles:
#   the daemons' Deployments get the new `rook-version` label one at a time,
#   in Rook's order (mons, mgrs, OSDs, then the others);
# - when CephCluster.spec.cephVersion.image changes, the cluster goes
#   Progressing and the daemons are rolled one at a time in the same
#   order: each Deployment's pod template image and `ceph-version` label
#   move, it is briefly not ready, then ready; the next one starts once it
#   is ready. At the end the cluster is Ready with status.version.
# - an operator scaled to 0 replicas does nothing (Rook's documented way
#   to stop reconciles), so a roll stops after the daemon in progress and
#   goes on when it is scaled up again.
#
# Modes (--rook-upgrade MODE, or POST /fake/rook-upgrade/MODE):
#   off    nothing of the above (the default)
#   ok     as described
#   stall  the second OSD Deployment rolled never becomes ready again
#   fail   after the mons, the CephCluster goes to phase Failure with a
#          condition naming why (as when the mgr does not come up)
#
# A daemon Deployment carries the labels Rook gives it: app=rook-ceph-<type>,
# rook_cluster=<namespace>, ceph_daemon_type, ceph_daemon_id, rook-version
# ("v1.13.10") and ceph-version ("18.2.7-0").

import copy
import re
import sys
import time

STEP_SECONDS = 0.4       # a daemon's pod is not ready this long after its change
OPERATOR_SECONDS = 0.6   # the operator's own pod restart
ORDER = {'mon': 0, 'mgr': 1, 'osd': 2, 'mds': 3, 'rgw': 4}
MODES = ('off', 'ok', 'stall', 'fail')


def image_tag(image):
    m = re.search(r':([^:/@]+)$', image or '')
    return m.group(1) if m else ''


def ceph_label(image):
    """Rook's ceph-version label ("%d.%d.%d-%d") of a Ceph image tag."""
    m = re.match(r'v?(\d+)\.(\d+)\.(\d+)', image_tag(image))
    return '%s.%s.%s-0' % m.groups() if m else ''


def containers(obj):
    return obj.get('spec', {}).get('template', {}).get('spec', {}).get('containers', [])


def now_str():
    return time.strftime('%Y-%m-%dT%H:%M:%SZ', time.gmtime())


def condition(ctype, status_value, reason, message):
    return {'type': ctype, 'status': status_value, 'reason': reason, 'message': message,
            'lastHeartbeatTime': now_str(), 'lastTransitionTime': now_str()}


class Roll:
    """One namespace's operator: what it saw last and what it is doing."""

    def __init__(self):
        self.operator_image = None
        self.operator_ready_at = None   # monotonic time its new pod is ready
        self.cluster_image = None       # the CephCluster image rolled out last
        self.queue = []                 # [(kind, key)] still to do: 'rook' or 'ceph'
        self.current = None             # (kind, key, ready_at or None: never)
        self.failed = False
        self.osds_rolled = 0


class Controller:
    def __init__(self, server):
        self.server = server
        self.rolls = {}   # namespace → Roll

    # -- store helpers (the store's lock is held) --------------------------
    def update(self, key, obj, version):
        self.server.store.put(key, obj, key[0], version, False)

    def deployments(self, ns):
        store = self.server.store
        return [(k, o) for k, o in store.objects.items()
                if k[1] == 'deployments' and k[2] == ns]

    def operator(self, ns):
        for k, o in self.deployments(ns):
            labels = o.get('metadata', {}).get('labels', {}) or {}
            if k[3] == 'rook-ceph-operator' or labels.get('app') == 'rook-ceph-operator':
                return k, o
        return None, None

    def daemons(self, ns):
        out = []
        for k, o in self.deployments(ns):
            labels = o.get('metadata', {}).get('labels', {}) or {}
            t = labels.get('ceph_daemon_type')
            if t:
                daemon_id = labels.get('ceph_daemon_id', '')
                out.append((ORDER.get(t, 9), t, daemon_id.zfill(8), k))
        return [(t, k) for _, t, _, k in sorted(out)]

    @staticmethod
    def stale(obj):
        st = obj.get('status', {})
        return (st.get('observedGeneration', 0) < obj['metadata'].get('generation', 1)
                or st.get('replicas') != obj.get('spec', {}).get('replicas', 1))

    def set_ready(self, key, ready):
        obj = copy.deepcopy(self.server.store.objects[key])
        replicas = obj.get('spec', {}).get('replicas', 1)
        st = obj.setdefault('status', {})
        st.update({'replicas': replicas, 'updatedReplicas': replicas,
                   'readyReplicas': replicas if ready else 0,
                   'availableReplicas': replicas if ready else 0,
                   'unavailableReplicas': 0 if ready else replicas,
                   'observedGeneration': obj['metadata'].get('generation', 1)})
        self.update(key, obj, 'v1')

    def cluster_status(self, key, phase, message, ctype, reason, extra=None):
        obj = copy.deepcopy(self.server.store.objects[key])
        st = obj.setdefault('status', {})
        st['phase'] = phase
        st['message'] = message
        st['state'] = {'Ready': 'Created', 'Failure': 'Error'}.get(phase, 'Updating')
        st['conditions'] = [c for c in st.get('conditions', []) if c.get('type') != ctype]
        for c in st['conditions']:
            c['status'] = 'False'
        st['conditions'].append(condition(ctype, 'True', reason, message))
        if extra:
            st.update(extra)
        self.update(key, obj, 'v1')

    # -- one tick ----------------------------------------------------------
    def tick(self, t):
        mode = self.server.rook_upgrade_mode
        if mode == 'off':
            return
        store = self.server.store
        clusters = [(k, o) for k, o in store.objects.items() if k[1] == 'cephclusters']
        for ckey, cluster in clusters:
            ns = ckey[2]
            roll = self.rolls.setdefault(ns, Roll())
            okey, op = self.operator(ns)
            if op is None:
                continue
            image = containers(op)[0].get('image') if containers(op) else None
            spec_image = cluster.get('spec', {}).get('cephVersion', {}).get('image')
            if roll.operator_image is None:
                roll.operator_image = image
                roll.cluster_image = (cluster.get('status', {}).get('version', {})
                                      .get('image')) or spec_image
            if image != roll.operator_image:
                # A new operator pod: the old one stops at once.
                roll.operator_image = image
                roll.operator_ready_at = t + OPERATOR_SECONDS
                roll.queue = [q for q in roll.queue if q[0] != 'rook']
                self.set_ready(okey, False)
            if roll.operator_ready_at is None and self.stale(op):
                # Scaled: the deployment controller's status follows.
                self.set_ready(okey, True)
            if roll.operator_ready_at is not None:
                if t < roll.operator_ready_at:
                    continue
                roll.operator_ready_at = None
                self.set_ready(okey, True)
                roll.queue += [('rook', k) for _, k in self.daemons(ns)]
            running = op.get('spec', {}).get('replicas', 1) >= 1
            if running and spec_image != roll.cluster_image and not roll.failed:
                roll.cluster_image = spec_image
                roll.queue = [q for q in roll.queue if q[0] != 'ceph']
                roll.queue += [('ceph', k) for _, k in self.daemons(ns)]
                roll.osds_rolled = 0
                self.cluster_status(ckey, 'Progressing',
                                    'Upgrading Ceph to %s' % image_tag(spec_image),
                                    'Progressing', 'ClusterProgressing')
            self.advance(t, mode, roll, ckey, image, running)

    def advance(self, t, mode, roll, ckey, operator_image, running):
        store = self.server.store
        if roll.current is not None:
            # A pod becomes ready without the operator: even when it is
            # scaled down, the daemon in progress finishes.
            kind, key, ready_at = roll.current
            if ready_at is None or t < ready_at:
                return   # still not ready (or never: a stall)
            if key in store.objects:
                self.set_ready(key, True)
            roll.current = None
        if not roll.queue or not running:
            return   # nothing to do, or scaled down: nothing starts
        kind, key = roll.queue.pop(0)
        if kind == 'done':
            if key in store.objects:
                self.finish(key)
            return
        if key not in store.objects:
            return
        obj = copy.deepcopy(store.objects[key])
        labels = obj['metadata'].setdefault('labels', {})
        dtype = labels.get('ceph_daemon_type')
        if kind == 'rook':
            labels['rook-version'] = image_tag(operator_image)
        else:
            if mode == 'fail' and dtype != 'mon':
                roll.failed = True
                roll.queue = []
                msg = ('failed to upgrade ceph daemons: failed to update mgr "%s": '
                       'deployment rook-ceph-mgr-%s did not become ready: the fake '
                       'operator was told to fail' % (labels.get('ceph_daemon_id'),
                                                      labels.get('ceph_daemon_id')))
                self.cluster_status(ckey, 'Failure', msg, 'Failure', 'ClusterFailure')
                return
            image = store.objects[ckey]['spec']['cephVersion']['image']
            labels['ceph-version'] = ceph_label(image)
            for c in containers(obj):
                c['image'] = image
        self.update(key, obj, 'v1')
        self.set_ready(key, False)
        ready_at = t + STEP_SECONDS
        if kind == 'ceph' and dtype == 'osd':
            roll.osds_rolled += 1
            if mode == 'stall' and roll.osds_rolled == 2:
                ready_at = None   # this OSD's pod never becomes ready
        roll.current = (kind, key, ready_at)
        if kind == 'ceph' and not [q for q in roll.queue if q[0] == 'ceph']:
            # Finished once this last daemon is ready: said then.
            roll.queue.append(('done', ckey))

    def finish(self, ckey):
        store = self.server.store
        cluster = store.objects[ckey]
        image = cluster['spec']['cephVersion']['image']
        self.cluster_status(ckey, 'Ready', 'Cluster created successfully', 'Ready',
                            'ClusterCreated',
                            {'version': {'image': image, 'version': ceph_label(image)}})


def run(server):
    controller = Controller(server)
    store = server.store
    while True:
        time.sleep(0.1)
        with store.lock:
            t = time.monotonic()
            try:
                controller.tick(t)
            except Exception as e:  # pragma: no cover (keep the fake alive)
                sys.stderr.write('fake-kube-api: rook upgrade controller: %r\n' % (e,))


def control(handler, parts):
    if len(parts) == 1 and parts[0] in MODES:
        handler.server.rook_upgrade_mode = parts[0]
        return handler.send_json(200, {'rook-upgrade': parts[0]})
    return handler.send_json(404, {'kind': 'Status', 'status': 'Failure', 'code': 404,
                                   'message': 'no such control'})
