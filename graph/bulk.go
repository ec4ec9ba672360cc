package graph

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"

	"github.com/kg-project/kg/graph/kvload"
)

// DefaultBulkBatch is how many quad changes a BulkWriter gathers before it
// commits: a few thousand documents. On bbolt the additions are written by
// kvload, whose cost per quad falls with the batch (BenchmarkWriteBulk:
// 56.5k quads per CPU-second at 20k, 64k at 200k), where Cayley's own
// writer, used before, got slower (28.6k at 20k, 23.6k at 200k) because
// inserting quad by quad into ever-larger unsplit pages cost more and more.
const DefaultBulkBatch = 200_000

// BulkWriter replaces many documents with few, large transactions. On
// bbolt its additions are written by kvload (Cayley's layout written
// directly) and Cayley's view of the file is reopened without bloom filters
// when the writer starts, so QuadStores obtained before must not write
// afterwards. It has
// ReplaceDocument's semantics (unchanged documents are skipped by content
// hash, changed ones replaced by difference, crash-safe by the same
// two-hash rule) but commits the additions of many documents in one
// transaction and their removals in a second, and on bbolt skips fsync
// until Close.
//
// Changes are visible to readers only after the batch holding them is
// committed (by Flush, Close, or a full batch). A BulkWriter is not safe for
// concurrent use, and nothing else should write the documents it is
// replacing while it is open. Close must be called.
type BulkWriter struct {
	s     *Store
	batch int

	adds, dels []cgraph.Delta
	// pending holds the labels with uncommitted changes: a document given
	// twice must see its first version committed before it is diffed again.
	pending map[string]bool

	restoreNoSync bool // bbolt's NoSync before the writer changed it
	closed        bool
}

// NewBulkWriter starts a bulk load. batch is the number of quad changes per
// commit; zero means DefaultBulkBatch.
func (s *Store) NewBulkWriter(batch int) (*BulkWriter, error) {
	if s.readOnly {
		return nil, ErrReadOnly
	}
	if batch <= 0 {
		batch = DefaultBulkBatch
	}
	w := &BulkWriter{s: s, batch: batch, pending: map[string]bool{}}
	if s.bolt != nil {
		s.mu.Lock()
		defer s.mu.Unlock()
		w.restoreNoSync = s.bolt.NoSync
		s.bolt.NoSync, s.bolt.NoGrowSync = true, true
		if err := createValueBuckets(s.bolt); err != nil {
			s.bolt.NoSync, s.bolt.NoGrowSync = w.restoreNoSync, w.restoreNoSync
			return nil, fmt.Errorf("graph: bulk writer: %w", err)
		}
		// Additions are written by kvload behind Cayley's back, so Cayley
		// must hold no bloom filters about the file when it writes the
		// removals; swapping its view now, before any reader can be using
		// the writer's batches, keeps the swap out of the readers' way.
		if err := s.reopenKV(); err != nil {
			s.bolt.NoSync, s.bolt.NoGrowSync = w.restoreNoSync, w.restoreNoSync
			return nil, fmt.Errorf("graph: bulk writer: %w", err)
		}
	}
	return w, nil
}

// createValueBuckets creates the 2×65536 buckets in which Cayley's kv
// backend files nodes by the first two bytes of their hash ('v' for values,
// 'n' for reference counts), unless a previous bulk load did. Cayley
// creates them lazily, and inside one transaction every new bucket is
// inserted into the same ever-growing root page, which made a 190k-quad
// transaction spend 60% of its time moving that page's entries. Creating
// them all costs about a second once (and 14 MB of file), so only bulk
// loads pay it.
func createValueBuckets(db *bolt.DB) error {
	last := []byte{'n', 0xff, 0xff}
	done := false
	if err := db.View(func(tx *bolt.Tx) error {
		done = tx.Bucket(last) != nil
		return nil
	}); err != nil || done {
		return err
	}
	for i := 0; i < 256; i++ {
		err := db.Update(func(tx *bolt.Tx) error {
			for j := 0; j < 256; j++ {
				for _, prefix := range []byte{'v', 'n'} {
					if _, err := tx.CreateBucketIfNotExists([]byte{prefix, byte(i), byte(j)}); err != nil {
						return err
					}
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// Replace queues the replacement of document label by quads, like
// Store.ReplaceDocument. The counts it returns are the changes queued; they
// are written by the next commit. An error from a commit triggered here is
// returned too.
func (w *BulkWriter) Replace(ctx context.Context, label quad.Value, hash string, quads []quad.Quad) (ReplaceResult, error) {
	if w.closed {
		return ReplaceResult{}, fmt.Errorf("graph: bulk writer is closed")
	}
	if err := validateDocument(label, quads); err != nil {
		return ReplaceResult{}, err
	}
	if w.pending[label.String()] {
		if err := w.Flush(ctx); err != nil {
			return ReplaceResult{}, err
		}
	}
	unlock, err := w.s.wlock()
	if err != nil {
		return ReplaceResult{}, err
	}
	adds, dels, unchanged, err := w.s.planReplace(ctx, label, hash, quads)
	unlock()
	if err != nil || unchanged {
		return ReplaceResult{Unchanged: unchanged}, err
	}
	res := ReplaceResult{Added: len(adds), Removed: len(dels)}
	if len(adds)+len(dels) == 0 {
		return res, nil
	}
	w.adds = append(w.adds, adds...)
	w.dels = append(w.dels, dels...)
	w.pending[label.String()] = true
	if len(w.adds)+len(w.dels) >= w.batch {
		if err := w.Flush(ctx); err != nil {
			return res, err
		}
	}
	return res, nil
}

// Flush commits the queued changes: all additions in one transaction, then
// all removals in another.
func (w *BulkWriter) Flush(ctx context.Context) error {
	if len(w.adds)+len(w.dels) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	unlock, err := w.s.wlock()
	if err != nil {
		return err
	}
	defer unlock()
	if err := w.s.applyAdds(ctx, w.adds); err != nil {
		return fmt.Errorf("graph: bulk write: add quads: %w", err)
	}
	w.adds = w.adds[:0]
	if err := w.s.apply(w.dels); err != nil {
		return fmt.Errorf("graph: bulk write: remove old quads (the documents now hold both versions; rebuild them): %w", err)
	}
	w.dels = w.dels[:0]
	clear(w.pending)
	return nil
}

// applyAdds writes additions in one transaction: on bbolt with kvload,
// which writes the keys and values Cayley's writer would at several times
// its speed, elsewhere through Cayley.
func (s *Store) applyAdds(ctx context.Context, adds []cgraph.Delta) error {
	if s.bolt == nil || len(adds) == 0 {
		return s.apply(adds)
	}
	qs := make([]quad.Quad, len(adds))
	for i, d := range adds {
		qs[i] = d.Quad
	}
	_, err := kvload.Load(ctx, s.bolt, qs)
	return err
}

// Close commits what is queued, syncs the store to disk once and restores
// per-commit syncing.
func (w *BulkWriter) Close() error {
	if w.closed {
		return nil
	}
	w.closed = true
	err := w.Flush(context.Background())
	if w.s.bolt != nil {
		w.s.mu.Lock()
		if serr := w.s.bolt.Sync(); err == nil && serr != nil {
			err = fmt.Errorf("graph: bulk write: sync: %w", serr)
		}
		w.s.bolt.NoSync, w.s.bolt.NoGrowSync = w.restoreNoSync, w.restoreNoSync
		w.s.mu.Unlock()
	}
	return err
}
