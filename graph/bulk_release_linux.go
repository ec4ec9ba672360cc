//go:build linux

package graph

import (
	"syscall"

	bolt "go.etcd.io/bbolt"
)

// releaseMapped drops this process's mappings of the store file's pages
// (madvise MADV_DONTNEED on bbolt's read-only shared mapping). The pages
// stay in the kernel's page cache and the next access maps them again
// without reading the disk, so nothing is lost but a minor fault; without
// it, every page a bulk load's commits had ever read stayed counted in the
// process's resident set, which grew with the store (880 MB of a 1.97 GB
// peak in a Reuters build) whatever the batch size.
//
// It runs inside a read transaction: bbolt only remaps the file after all
// read transactions have ended, so the mapping's address and length are
// stable while the call runs, whatever other goroutines do. Errors are
// ignored: this only affects how memory is accounted, not what is stored.
func releaseMapped(db *bolt.DB) {
	_ = db.View(func(tx *bolt.Tx) error {
		size := tx.Size() // pages in use; the mapping is at least this long
		if size <= 0 {
			return nil
		}
		_, _, _ = syscall.Syscall(syscall.SYS_MADVISE, tx.DB().Info().Data, uintptr(size), syscall.MADV_DONTNEED)
		return nil
	})
}
