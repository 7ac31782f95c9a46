# SPDX-License-Identifier: GPL-3.0-or-later
#
# Sourced by run-tests and run-demo: installs the Debian 12 packages KDCC
# needs to build, test and run a throwaway cluster, but only those missing,
# so a second run costs nothing. Uses sudo when not root.

KDCC_BUILD_PACKAGES=(
  meson ninja-build pkg-config gcc clang libclang-rt-14-dev libc6-dev
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev
  libjson-glib-dev libyaml-dev librados-dev libsecret-1-dev libarchive-dev libsqlite3-dev
  libgnutls28-dev
  gettext desktop-file-utils appstream
)
KDCC_RUNTIME_PACKAGES=(
  ceph-mon ceph-mgr ceph-osd ceph-mds ceph-common ceph-mgr-dashboard
  # The opt-in RGW of private test clusters (kdcc-test-cluster start-rgw).
  radosgw
  python3 openssl curl procps glib-networking librsvg2-common
  # The Dashboard's SAML2 single sign-on (mgr, loaded at its start).
  python3-onelogin-saml2
)
KDCC_TEST_PACKAGES=(
  xvfb xauth dbus dbus-x11 gnome-keyring libsecret-tools
  fonts-cantarell adwaita-icon-theme prometheus prometheus-alertmanager
  # The fake Kubernetes API checks OpenID Connect ID tokens (tests/kube).
  python3-jwt python3-cryptography
  # The Reef test cluster: tests/cluster builds a Debian 13 chroot with
  # debootstrap and runs its daemons with unshare, mount and chroot.
  debootstrap util-linux coreutils
  # The SAML identity provider of tests/saml (signs with xmlsec1).
  python3-pysaml2 xmlsec1
)
# kubectl drives the fake Kubernetes API server of the tests (tests/kube).
# The build machines carry Google's kubectl package (/usr/bin/kubectl, v1.32),
# whose file conflicts with Debian's kubernetes-client (kubectl 1.20): Debian's
# is installed only where no kubectl is found.
if ! command -v kubectl >/dev/null 2>&1; then
  KDCC_TEST_PACKAGES+=(kubernetes-client)
fi

# The OpenID Connect provider of the sign-in tests (tests/oidc) is npm's
# oidc-provider, run by node. The build machines carry node 20 on PATH;
# Debian's nodejs (18) and npm are installed only where no node is found.
if ! command -v node >/dev/null 2>&1; then
  KDCC_TEST_PACKAGES+=(nodejs npm)
fi

# Installs tests/oidc's npm packages from its package-lock.json, again
# only when the lock file changed since the last install.
kdcc_install_node_modules () {
  local dir="$1/tests/oidc"
  if [ ! -f "$dir/node_modules/.package-lock.json" ] \
     || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "Installing the test OpenID provider's npm packages (tests/oidc)" >&2
    (cd "$dir" && npm ci --no-audit --no-fund >&2)
  fi
}

kdcc_install_packages () {
  local missing=() pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q '^install ok installed$'; then
      missing+=("$pkg")
    fi
  done
  [ ${#missing[@]} -eq 0 ] && return 0

  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "Need root or sudo to install: ${missing[*]}" >&2; return 1; }
    sudo=(sudo)
  fi
  echo "Installing missing Debian packages: ${missing[*]}" >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >&2
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
    "${missing[@]}" >&2
}
