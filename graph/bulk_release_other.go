//go:build !linux

package graph

import bolt "go.etcd.io/bbolt"

// releaseMapped is a no-op where madvise is not wired up; see the Linux
// version for what it is for.
func releaseMapped(*bolt.DB) {}
