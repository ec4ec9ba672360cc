package server

import (
	"context"
	"sync/atomic"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
)

// cancelStore binds one query's context to the store its iterators read:
// every iterator it hands out, and every name lookup, stops once ctx ends.
//
// Cayley checks the context only between results. Its composite iterators
// (value filters, intersections) loop over their sub-iterators without
// looking at it, and Gizmo's interrupt reaches JavaScript only, so a query
// that filters a huge cross product down to nothing would run on after its
// deadline: holding a core, and over bbolt a read transaction, which makes
// closing the store wait forever. Cutting the leaves and the name lookups
// ends every such loop within one step.
//
// It also counts the iterators it has open, so that the handler can wait
// (drain) until a stopped query has closed them: Gizmo runs on its own
// goroutine, which may still be unwinding when the answer has been sent, and
// bbolt deadlocks if the store is closed while one goroutine is closing
// several read transactions.
type cancelStore struct {
	cgraph.QuadStore
	ctx  context.Context
	open *atomic.Int64
}

func newCancelStore(ctx context.Context, qs cgraph.QuadStore) cancelStore {
	return cancelStore{QuadStore: qs, ctx: ctx, open: new(atomic.Int64)}
}

// drain waits until every iterator handed out has been closed, for at most
// limit, and reports whether that happened.
func (s cancelStore) drain(limit time.Duration) bool {
	deadline := time.Now().Add(limit)
	for s.open.Load() > 0 {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(2 * time.Millisecond)
	}
	return true
}

// QuadIterator returns the store's iterator, stopped when ctx ends.
func (s cancelStore) QuadIterator(d quad.Direction, v cgraph.Ref) iterator.Shape {
	return s.wrap(s.QuadStore.QuadIterator(d, v))
}

// QuadsAllIterator returns the store's iterator, stopped when ctx ends.
func (s cancelStore) QuadsAllIterator() iterator.Shape {
	return s.wrap(s.QuadStore.QuadsAllIterator())
}

// NodesAllIterator returns the store's iterator, stopped when ctx ends.
func (s cancelStore) NodesAllIterator() iterator.Shape {
	return s.wrap(s.QuadStore.NodesAllIterator())
}

// NameOf fails once ctx has ended; value filters stop on that error.
func (s cancelStore) NameOf(v cgraph.Ref) (quad.Value, error) {
	if err := s.ctx.Err(); err != nil {
		return nil, err
	}
	return s.QuadStore.NameOf(v)
}

// ValuesOf keeps the store's batch lookup (refs.BatchNamer) available.
func (s cancelStore) ValuesOf(ctx context.Context, vals []cgraph.Ref) ([]quad.Value, error) {
	if err := s.ctx.Err(); err != nil {
		return nil, err
	}
	return refs.ValuesOf(ctx, s.QuadStore, vals)
}

// RefsOf keeps the store's batch lookup (refs.BatchNamer) available.
func (s cancelStore) RefsOf(ctx context.Context, nodes []quad.Value) ([]cgraph.Ref, error) {
	if err := s.ctx.Err(); err != nil {
		return nil, err
	}
	return refs.RefsOf(ctx, s.QuadStore, nodes)
}

// OptimizeShape keeps the store's own optimisations (bbolt's index scans).
// Their shapes build iterators only against the store itself, so the
// replacement is bound to it and its iterator wrapped like the leaves.
func (s cancelStore) OptimizeShape(ctx context.Context, sh shape.Shape) (shape.Shape, bool) {
	o, ok := s.QuadStore.(shape.Optimizer)
	if !ok {
		return sh, false
	}
	ns, changed := o.OptimizeShape(ctx, sh)
	if !changed {
		return sh, false
	}
	return BoundShape{Shape: ns, Via: s}, true
}

// BoundShape is a store-specific shape built against the store that made it,
// its iterator stopped when the query's context ends. (Exported fields:
// shape.Walk reads every field by reflection.)
type BoundShape struct {
	Shape shape.Shape
	Via   cancelStore
}

// BuildIterator builds the shape against its own store.
func (b BoundShape) BuildIterator(cgraph.QuadStore) iterator.Shape {
	return b.Via.wrap(b.Shape.BuildIterator(b.Via.QuadStore))
}

// Optimize leaves the already optimised shape alone.
func (b BoundShape) Optimize(context.Context, shape.Optimizer) (shape.Shape, bool) {
	return b, false
}

// wrap makes it stop when the query's context ends, and counted while open.
func (s cancelStore) wrap(it iterator.Shape) iterator.Shape {
	if it == nil || iterator.IsNull(it) {
		return it // keep cayley's shortcuts for empty iterators
	}
	return &cancelShape{Shape: it, s: s}
}

type cancelShape struct {
	iterator.Shape
	s cancelStore
}

func (c *cancelShape) Iterate() iterator.Scanner {
	c.s.open.Add(1)
	return &cancelScanner{Scanner: c.Shape.Iterate(), s: c.s}
}

func (c *cancelShape) Lookup() iterator.Index {
	c.s.open.Add(1)
	return &cancelIndex{Index: c.Shape.Lookup(), s: c.s}
}

func (c *cancelShape) Optimize(ctx context.Context) (iterator.Shape, bool) {
	ns, changed := c.Shape.Optimize(ctx)
	if !changed {
		return c, false
	}
	return c.s.wrap(ns), true
}

// Scanners and indexes are used by one goroutine at a time, so closed needs
// no lock.
type cancelScanner struct {
	iterator.Scanner
	s      cancelStore
	closed bool
}

func (c *cancelScanner) Next(ctx context.Context) bool {
	return c.s.ctx.Err() == nil && c.Scanner.Next(ctx)
}

func (c *cancelScanner) NextPath(ctx context.Context) bool {
	return c.s.ctx.Err() == nil && c.Scanner.NextPath(ctx)
}

func (c *cancelScanner) Err() error {
	if err := c.Scanner.Err(); err != nil {
		return err
	}
	return c.s.ctx.Err()
}

func (c *cancelScanner) Close() error {
	err := c.Scanner.Close()
	if !c.closed {
		c.closed = true
		c.s.open.Add(-1)
	}
	return err
}

type cancelIndex struct {
	iterator.Index
	s      cancelStore
	closed bool
}

func (c *cancelIndex) Contains(ctx context.Context, v refs.Ref) bool {
	return c.s.ctx.Err() == nil && c.Index.Contains(ctx, v)
}

func (c *cancelIndex) NextPath(ctx context.Context) bool {
	return c.s.ctx.Err() == nil && c.Index.NextPath(ctx)
}

func (c *cancelIndex) Err() error {
	if err := c.Index.Err(); err != nil {
		return err
	}
	return c.s.ctx.Err()
}

func (c *cancelIndex) Close() error {
	err := c.Index.Close()
	if !c.closed {
		c.closed = true
		c.s.open.Add(-1)
	}
	return err
}
