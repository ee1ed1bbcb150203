#!/usr/bin/env bash
# Builds (or reuses) the test control plane: a real kube-apiserver and a real etcd, compiled from
# their upstream Go modules with the Go toolchain on the machine. The pinned versions live in
# test/cluster/build/{apiserver,etcd}/go.mod; binaries are cached per version pair under
#   ${KUBEWARD_CONTROL_PLANE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kubeward/control-plane}/<key>/
# so only the first build on a machine pays. Prints the directory holding the binaries as its last
# line. Builds run under `nice -n 19` (the machine is shared).
#
# Usage: test/cluster/build-control-plane.sh [--print-dir]
#   --print-dir   print the cache directory for the pinned versions and exit (no build);
#                 exit status 1 when the binaries are not built yet.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
apiserver_mod="$here/build/apiserver"
etcd_mod="$here/build/etcd"

module_version() { # <go.mod> <module path>
  awk -v m="$2" '$1 == "require" && $2 == m { print $3 } $1 == m && $2 ~ /^v/ { print $2 }' "$1" | head -n 1
}

kube_version="$(module_version "$apiserver_mod/go.mod" k8s.io/kubernetes)"
etcd_version="$(module_version "$etcd_mod/go.mod" go.etcd.io/etcd/server/v3)"
if [[ -z "$kube_version" || -z "$etcd_version" ]]; then
  echo "build-control-plane: cannot read pinned versions from $apiserver_mod/go.mod and $etcd_mod/go.mod" >&2
  exit 2
fi

cache_root="${KUBEWARD_CONTROL_PLANE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kubeward/control-plane}"
key="kube-${kube_version}-etcd-${etcd_version}"
out="$cache_root/$key"

is_built() { [[ -x "$out/kube-apiserver" && -x "$out/etcd" && -f "$out/BUILD-INFO" ]]; }

if [[ "${1:-}" == "--print-dir" ]]; then
  echo "$out"
  is_built
  exit $?
fi

if is_built; then
  echo "build-control-plane: reusing $key" >&2
  echo "$out"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  echo "build-control-plane: the Go toolchain (go) is required to build the control plane" >&2
  exit 2
fi

mkdir -p "$cache_root"
staging="$(mktemp -d "$cache_root/.build-$key.XXXXXX")"
trap 'rm -rf "$staging"' EXIT

# kube-apiserver reports the version it was stamped with (GET /version, and the compatibility
# version logic reads it), as Kubernetes' own build does through hack/lib/version.sh.
major="${kube_version#v}"; major="${major%%.*}"
minor="${kube_version#v*.}"; minor="${minor%%.*}"
build_date="$(date -u +'%Y-%m-%dT%H:%M:%SZ')"
ldflags="-s -w"
for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  ldflags+=" -X $pkg.gitVersion=$kube_version -X $pkg.gitMajor=$major -X $pkg.gitMinor=$minor"
  ldflags+=" -X $pkg.gitTreeState=clean -X $pkg.buildDate=$build_date"
done

export CGO_ENABLED=0 GOFLAGS="-trimpath -buildvcs=false"
start=$(date +%s)
echo "build-control-plane: building kube-apiserver $kube_version (cold builds take long; see docs/adr/0003-test-control-plane.md)" >&2
(cd "$apiserver_mod" && nice -n 19 go build -ldflags "$ldflags" -o "$staging/kube-apiserver" k8s.io/kubernetes/cmd/kube-apiserver)
mid=$(date +%s)
echo "build-control-plane: kube-apiserver built in $((mid - start))s; building etcd $etcd_version" >&2
(cd "$etcd_mod" && nice -n 19 go build -ldflags "-s -w" -o "$staging/etcd" .)
end=$(date +%s)
echo "build-control-plane: etcd built in $((end - mid))s" >&2

{
  echo "kube-apiserver $kube_version"
  echo "etcd $etcd_version"
  echo "go $(go env GOVERSION)"
  echo "built $build_date in $((end - start))s (kube-apiserver $((mid - start))s, etcd $((end - mid))s)"
} > "$staging/BUILD-INFO"

rm -rf "$out"
mv "$staging" "$out"
trap - EXIT
echo "build-control-plane: ready in $out" >&2
echo "$out"
