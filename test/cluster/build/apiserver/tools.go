//go:build tools

// Package tools pins the upstream main package built by build-control-plane.sh.
package tools

import _ "k8s.io/kubernetes/cmd/kube-apiserver"
