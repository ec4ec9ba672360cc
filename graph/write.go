package graph

import (
	"context"
	"fmt"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/kg-project/kg/graph/pgbulk"
	"github.com/kg-project/kg/schema"
)

// ReplaceResult says what ReplaceDocument did.
type ReplaceResult struct {
	// Unchanged is true when the stored content hash equalled the new one
	// and nothing was written.
	Unchanged bool `json:"unchanged"`
	// Added and Removed count the quads written and retracted. Quads the
	// old and new versions share are left alone and counted in neither.
	Added   int `json:"added"`
	Removed int `json:"removed"`
}

// quadKey identifies a quad the way Cayley does: by the string form of its
// four values (Cayley hashes Value.String() to find nodes). Keying by the Go
// values instead would treat, say, a TypedString and the native value it
// converts to as different quads even though the store holds one of them.
type quadKey [4]string

func keyOf(q quad.Quad) quadKey {
	return quadKey{quad.StringOf(q.Subject), quad.StringOf(q.Predicate), quad.StringOf(q.Object), quad.StringOf(q.Label)}
}

// ReplaceDocument replaces every quad labelled label with quads, all of
// which must carry that label, writing only the difference between the old
// and the new quad set.
//
// If the document's stored content hash (the object of the quad
// <label> <kgv:contentHash> "..." labelled label, which the caller includes
// among quads) equals hash, nothing is read or written and the result has
// Unchanged set: re-running a build over unchanged input costs one lookup
// per document. An empty hash never matches.
//
// Atomicity: the additions are committed in one transaction and the
// removals in a second. One transaction for both is not possible through
// Cayley: its kv ApplyDeltas drops the directions of added quads whose
// nodes lose more references than they gain in the same call, silently
// corrupting them (TestReplaceShrinkingDocument guards against this). The
// two-step write is crash-safe instead of atomic: a crash between the steps
// leaves the union of both versions, including both content hashes, and a
// document with more than one stored hash never counts as unchanged, so the
// next build replaces it again and removes the leftovers. Readers may see
// that union for the duration of the second commit.
func (s *Store) ReplaceDocument(ctx context.Context, label quad.Value, hash string, quads []quad.Quad) (ReplaceResult, error) {
	if err := validateDocument(label, quads); err != nil {
		return ReplaceResult{}, err
	}
	unlock, err := s.wlock()
	if err != nil {
		return ReplaceResult{}, err
	}
	defer unlock()
	if s.pg != nil {
		return s.replacePG(ctx, label, hash, quads)
	}
	adds, dels, unchanged, err := s.planReplace(ctx, label, hash, quads)
	if err != nil || unchanged {
		return ReplaceResult{Unchanged: unchanged}, err
	}
	if err := ctx.Err(); err != nil {
		return ReplaceResult{}, err
	}
	if err := s.apply(adds); err != nil {
		return ReplaceResult{}, fmt.Errorf("graph: replace document %s: add quads: %w", label, err)
	}
	// The removals go ahead even if ctx has ended meanwhile: stopping here
	// would leave both versions in place until the next build.
	if err := s.apply(dels); err != nil {
		return ReplaceResult{Added: len(adds)}, fmt.Errorf("graph: replace document %s: remove old quads (the document now holds both versions; rebuild it): %w", label, err)
	}
	return ReplaceResult{Added: len(adds), Removed: len(dels)}, nil
}

// validateDocument checks, before anything is written, that every quad is
// complete, storable and labelled label.
func validateDocument(label quad.Value, quads []quad.Quad) error {
	if label == nil {
		return fmt.Errorf("graph: replace document: empty label")
	}
	labelKey := label.String()
	for i, q := range quads {
		if !q.IsValid() {
			return fmt.Errorf("graph: replace document %s: quad %d is incomplete: %v", label, i, q)
		}
		if err := checkStorable(q); err != nil {
			return fmt.Errorf("graph: replace document %s: quad %d: %w", label, i, err)
		}
		if quad.StringOf(q.Label) != labelKey {
			return fmt.Errorf("graph: replace document %s: quad %d has label %s, want the document's", label, i, quad.StringOf(q.Label))
		}
	}
	return nil
}

// planReplace works out what replacing document label by quads takes:
// nothing if its stored hash equals hash (unchanged), else the additions and
// removals. The caller holds the write lock.
func (s *Store) planReplace(ctx context.Context, label quad.Value, hash string, quads []quad.Quad) (adds, dels []cgraph.Delta, unchanged bool, err error) {
	if hash != "" {
		old, ok, err := s.documentHash(ctx, label)
		if err != nil {
			return nil, nil, false, err
		}
		if ok && old == hash {
			return nil, nil, true, nil
		}
	}
	oldQuads, err := s.quadsOf(ctx, quad.Label, label)
	if err != nil {
		return nil, nil, false, fmt.Errorf("graph: replace document %s: %w", label, err)
	}
	adds, dels = diff(oldQuads, quads)
	return adds, dels, false, nil
}

// apply commits deltas, all additions or all removals, in one transaction.
// Quads already present (or already gone) are skipped, not errors.
func (s *Store) apply(deltas []cgraph.Delta) error {
	if len(deltas) == 0 {
		return nil
	}
	return s.qs.ApplyDeltas(deltas, cgraph.IgnoreOpts{IgnoreDup: true, IgnoreMissing: true})
}

// checkStorable rejects values Cayley's stores cannot encode. The bbolt
// backend panics on them in the middle of a write transaction, so they must
// be caught before a write starts.
func checkStorable(q quad.Quad) error {
	for _, d := range quad.Directions {
		switch v := q.Get(d).(type) {
		case nil, quad.String, quad.IRI, quad.BNode, quad.TypedString, quad.LangString,
			quad.Int, quad.Float, quad.Bool, quad.Time:
		default:
			return fmt.Errorf("%s value %v has type %T, which the store cannot hold", d, v, v)
		}
	}
	return nil
}

// diff returns the additions and removals that turn the quad set old into
// the quad set new (duplicates in either are ignored).
func diff(old, new []quad.Quad) (adds, dels []cgraph.Delta) {
	oldSet := make(map[quadKey]struct{}, len(old))
	for _, q := range old {
		oldSet[keyOf(q)] = struct{}{}
	}
	newSet := make(map[quadKey]struct{}, len(new))
	for _, q := range new {
		k := keyOf(q)
		if _, dup := newSet[k]; dup {
			continue
		}
		newSet[k] = struct{}{}
		if _, ok := oldSet[k]; !ok {
			adds = append(adds, cgraph.Delta{Quad: q, Action: cgraph.Add})
		}
	}
	for _, q := range old {
		k := keyOf(q)
		if _, keep := newSet[k]; keep {
			continue
		}
		newSet[k] = struct{}{} // a second copy of a removed quad is not removed twice
		dels = append(dels, cgraph.Delta{Quad: q, Action: cgraph.Delete})
	}
	return adds, dels
}

// DocumentHash returns the content hash stored for the document labelled
// label; ok is false when the store has none, or has several (left by a
// replacement that did not finish), since then the document needs
// rebuilding whatever its hash.
func (s *Store) DocumentHash(ctx context.Context, label quad.Value) (hash string, ok bool, err error) {
	defer s.rlock()()
	return s.documentHash(ctx, label)
}

func (s *Store) documentHash(ctx context.Context, label quad.Value) (string, bool, error) {
	qs, err := s.quadsOf(ctx, quad.Subject, label)
	if err != nil {
		return "", false, fmt.Errorf("graph: content hash of %s: %w", label, err)
	}
	hash, n := "", 0
	for _, q := range qs {
		if q.Predicate == schema.ContentHash && quad.StringOf(q.Label) == label.String() {
			if h := literalText(q.Object); n == 0 || h != hash {
				hash = h
				n++
			}
		}
	}
	if n != 1 {
		return "", false, nil
	}
	return hash, true, nil
}

// RemoveDocument retracts every quad labelled label in one transaction and
// returns how many there were. Quads other documents assert about the same
// entities carry those documents' labels and stay.
func (s *Store) RemoveDocument(ctx context.Context, label quad.Value) (removed int, err error) {
	if label == nil {
		return 0, fmt.Errorf("graph: remove document: empty label")
	}
	unlock, err := s.wlock()
	if err != nil {
		return 0, err
	}
	defer unlock()
	if s.pg != nil {
		r, err := s.writePG(ctx, pgbulk.Batch{Replace: []quad.Value{label}})
		if err != nil {
			return 0, fmt.Errorf("graph: remove document %s: %w", label, err)
		}
		return r.Removed, nil
	}
	old, err := s.quadsOf(ctx, quad.Label, label)
	if err != nil {
		return 0, fmt.Errorf("graph: remove document %s: %w", label, err)
	}
	_, dels := diff(old, nil)
	if err := ctx.Err(); err != nil {
		return 0, err
	}
	if err := s.apply(dels); err != nil {
		return 0, fmt.Errorf("graph: remove document %s: %w", label, err)
	}
	return len(dels), nil
}

// literalText returns the text of a literal value without quotes or
// datatype; IRIs come back bare.
func literalText(v quad.Value) string {
	switch v := v.(type) {
	case nil:
		return ""
	case quad.String:
		return string(v)
	case quad.TypedString:
		return string(v.Value)
	case quad.LangString:
		return string(v.Value)
	case quad.IRI:
		return string(v)
	case quad.BNode:
		return "_:" + string(v)
	default:
		return fmt.Sprint(v.Native())
	}
}

// replacePG is ReplaceDocument on PostgreSQL: one transaction that deletes
// the label's old quads and COPYs the new ones (package pgbulk), so there a
// replacement is fully atomic.
func (s *Store) replacePG(ctx context.Context, label quad.Value, hash string, quads []quad.Quad) (ReplaceResult, error) {
	if hash != "" {
		old, ok, err := s.documentHash(ctx, label)
		if err != nil {
			return ReplaceResult{}, err
		}
		if ok && old == hash {
			return ReplaceResult{Unchanged: true}, nil
		}
	}
	r, err := s.writePG(ctx, pgbulk.Batch{Replace: []quad.Value{label}, Quads: quads})
	if err != nil {
		return ReplaceResult{}, fmt.Errorf("graph: replace document %s: %w", label, err)
	}
	return ReplaceResult{Added: r.Added, Removed: r.Removed}, nil
}

// writePG writes around Cayley, then lets Cayley drop the counts it caches
// after an exact Stats (an empty ApplyDeltas does that).
func (s *Store) writePG(ctx context.Context, b pgbulk.Batch) (pgbulk.Result, error) {
	r, err := s.pg.Write(ctx, b)
	if err != nil {
		return r, err
	}
	return r, s.qs.ApplyDeltas(nil, cgraph.IgnoreOpts{})
}
