package graph

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"

	"github.com/kg-project/kg/graph/kvload"
	"github.com/kg-project/kg/graph/pgbulk"
)

// DefaultBulkBatch is how many quad changes a BulkWriter gathers before it
// commits. On bbolt the additions are written by kvload, whose cost per
// quad falls with the batch (BenchmarkWriteBulk: 56.5k quads per
// CPU-second at 20k, 64k at 200k), where Cayley's own writer, used before,
// got slower (28.6k at 20k, 23.6k at 200k) because inserting quad by quad
// into ever-larger unsplit pages cost more and more. Each commit also pays
// a fixed cost that grows with the store (opening and rewriting the node
// buckets it touches): a Reuters build in batches of 100k spent 61 CPU-s
// in kvload, 25 of them committing, against 17 committing in batches of
// 200k. Memory grows with the batch (bbolt holds every page a commit
// dirties on the heap: live heap peaks of 727 MB at 200k, 582 MB at 100k),
// which kg build bounds with a memory limit instead.
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
//
// On bbolt a full batch is committed in the background while Replace goes
// on planning and queueing the next documents: a commit of a large batch
// takes seconds, and a build whose writer stopped for it stalled every
// extraction worker behind a full channel. At most one commit runs at a
// time, so the writer holds at most two batches; a document whose previous
// version is still being committed waits for that commit before it is
// diffed. Planning reads the store without the store's write lock (bbolt
// gives readers a consistent snapshot while a commit runs); the commit
// itself holds the lock, so other writers stay serialised with it.
type BulkWriter struct {
	s     *Store
	batch int

	adds, dels []cgraph.Delta
	// pending holds the labels with uncommitted changes: a document given
	// twice must see its first version committed before it is diffed again.
	pending map[string]bool
	// inflight is the background commit running, or nil.
	inflight *bulkCommit
	// beforeCommit, if set, runs in the background commit's goroutine
	// before it writes: tests use it to hold a commit open.
	beforeCommit func()

	restoreNoSync bool // bbolt's NoSync before the writer changed it
	closed        bool
}

// bulkCommit is one batch being committed in the background.
type bulkCommit struct {
	done    chan struct{} // closed when the commit has returned
	err     error         // set before done is closed
	pending map[string]bool
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
	key := label.String()
	if w.pending[key] {
		if err := w.Flush(ctx); err != nil {
			return ReplaceResult{}, err
		}
	} else if c := w.inflight; c != nil {
		// Wait for a commit holding this document; otherwise only report
		// a commit that has already failed.
		if c.pending[key] {
			if err := w.wait(); err != nil {
				return ReplaceResult{}, err
			}
		} else {
			select {
			case <-c.done:
				if err := w.wait(); err != nil {
					return ReplaceResult{}, err
				}
			default:
			}
		}
	}
	adds, dels, unchanged, err := w.plan(ctx, label, hash, quads)
	if err != nil || unchanged {
		return ReplaceResult{Unchanged: unchanged}, err
	}
	res := ReplaceResult{Added: len(adds), Removed: len(dels)}
	if len(adds)+len(dels) == 0 {
		return res, nil
	}
	w.adds = append(w.adds, adds...)
	w.dels = append(w.dels, dels...)
	w.pending[key] = true
	if len(w.adds)+len(w.dels) >= w.batch {
		if err := w.start(ctx); err != nil {
			return res, err
		}
	}
	return res, nil
}

// plan is planReplace under the locking the backend needs: none on bbolt,
// where it may run beside a background commit (see BulkWriter), the store's
// write lock elsewhere.
func (w *BulkWriter) plan(ctx context.Context, label quad.Value, hash string, quads []quad.Quad) (adds, dels []cgraph.Delta, unchanged bool, err error) {
	if w.s.bolt == nil {
		unlock, err := w.s.wlock()
		if err != nil {
			return nil, nil, false, err
		}
		defer unlock()
	}
	return w.s.planReplace(ctx, label, hash, quads)
}

// Flush commits the queued changes, all additions in one transaction, then
// all removals in another, and returns once they are committed.
func (w *BulkWriter) Flush(ctx context.Context) error {
	if err := w.start(ctx); err != nil {
		return err
	}
	return w.wait()
}

// start hands the queued changes to a commit: in the background on bbolt,
// before returning elsewhere. It first waits for the commit already
// running, whose error it returns.
func (w *BulkWriter) start(ctx context.Context) error {
	if err := w.wait(); err != nil {
		return err
	}
	if len(w.adds)+len(w.dels) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	adds, dels := w.adds, w.dels
	c := &bulkCommit{done: make(chan struct{}), pending: w.pending}
	// Fresh slices: the commit owns the old ones until it returns.
	w.adds = make([]cgraph.Delta, 0, cap(adds))
	w.dels = nil
	w.pending = map[string]bool{}
	w.inflight = c
	if w.s.bolt == nil {
		c.err = w.s.commitBulk(ctx, adds, dels)
		close(c.done)
		return nil
	}
	// A commit once started runs to its end even if ctx is cancelled:
	// the documents in it were reported queued, and an interrupted build
	// commits what it has queued anyway (kg build closes the writer).
	bg := context.WithoutCancel(ctx)
	hook := w.beforeCommit
	go func() {
		defer close(c.done)
		if hook != nil {
			hook()
		}
		c.err = w.s.commitBulk(bg, adds, dels)
	}()
	return nil
}

// wait waits for the running commit, if any, and returns its error.
func (w *BulkWriter) wait() error {
	c := w.inflight
	if c == nil {
		return nil
	}
	<-c.done
	w.inflight = nil
	return c.err
}

// commitBulk writes one batch: all additions in one transaction, then all
// removals in another, under the store's write lock.
func (s *Store) commitBulk(ctx context.Context, adds, dels []cgraph.Delta) error {
	unlock, err := s.wlock()
	if err != nil {
		return err
	}
	defer unlock()
	if err := s.applyAdds(ctx, adds); err != nil {
		return fmt.Errorf("graph: bulk write: add quads: %w", err)
	}
	if err := s.apply(dels); err != nil {
		return fmt.Errorf("graph: bulk write: remove old quads (the documents now hold both versions; rebuild them): %w", err)
	}
	if s.bolt != nil {
		releaseMapped(s.bolt)
	}
	return nil
}

// applyAdds writes additions in one transaction: on bbolt with kvload,
// which writes the keys and values Cayley's writer would at several times
// its speed, on PostgreSQL with pgbulk, elsewhere through Cayley.
func (s *Store) applyAdds(ctx context.Context, adds []cgraph.Delta) error {
	if (s.bolt == nil && s.pg == nil) || len(adds) == 0 {
		return s.apply(adds)
	}
	qs := make([]quad.Quad, len(adds))
	for i, d := range adds {
		qs[i] = d.Quad
	}
	if s.pg != nil {
		// pgbulk COPYs the batch; a batch this large goes through a Load,
		// which rebuilds Cayley's indexes once when the batch is large
		// next to the store (see pgbulk.Load).
		_, err := s.writePG(ctx, pgbulk.Batch{Quads: qs})
		return err
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
