package graph

import (
	"context"
	"encoding/binary"
	"fmt"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"

	"github.com/kg-project/kg/schema"
)

// Edge is one direct relation edge, as stored: Subject --Predicate--> Object.
// In a path, consecutive edges share a node but may point either way.
type Edge struct {
	Subject     quad.IRI `json:"subject"`
	SubjectName string   `json:"subject_name"`
	Predicate   string   `json:"predicate"`
	Object      quad.IRI `json:"object"`
	ObjectName  string   `json:"object_name"`
}

// MaxPaths caps how many paths Paths returns; hubs can make the number of
// paths grow exponentially with the hop count.
const MaxPaths = 100

// nonRelations are kgv: predicates between nodes that are bookkeeping, not
// relations between entities.
var nonRelations = map[quad.IRI]bool{
	schema.MentionedIn: true, schema.Source: true, schema.AttributedTo: true,
	schema.ContentHash: true, schema.Path: true, schema.TitleWords: true,
	schema.NameKey: true, schema.AliasKey: true, schema.NameWord: true,
}

// Paths returns the simple paths of at most maxHops direct relation edges
// between entities a and b, following edges in either direction, shortest
// first (at most MaxPaths). Fact nodes and documents are not traversed.
//
// The search is meet-in-the-middle: it learns every node's distance to the
// target only up to radius R (one hop for the default of three) and
// enumerates paths depth-first from the end whose neighbourhood is smaller,
// so a three-hop question expands the two ends and the smaller end's
// neighbours, never the target's whole two-hop neighbourhood (which, around
// a much-mentioned entity, is most of the graph). Neighbour lists are read
// as node references and only the edges of the returned paths are named.
func (s *Store) Paths(ctx context.Context, a, b quad.IRI, maxHops int) ([][]Edge, error) {
	if maxHops <= 0 {
		maxHops = 3
	}
	if a == b {
		return nil, nil
	}
	defer s.rlock()()
	x := s.newIxReader(ctx)
	pf := pathFinder{x: x, adj: map[interface{}][]refEdge{}}
	paths, err := pf.find(a, b, maxHops, true)
	if err != nil {
		return nil, fmt.Errorf("graph: paths from %s to %s: %w", a, b, err)
	}
	return paths, nil
}

// refEdge is one direct relation edge as node references.
type refEdge struct {
	s, p, o cgraph.Ref
}

// other returns the end of e that is not n.
func (e refEdge) other(n cgraph.Ref) cgraph.Ref {
	if e.s.Key() == n.Key() {
		return e.o
	}
	return e.s
}

type pathFinder struct {
	x   *ixReader
	adj map[interface{}][]refEdge // node reference key → its relation edges
	// preds caches whether a predicate reference is a relation.
	preds map[interface{}]bool
	// ents caches whether a node reference is an entity.
	ents map[interface{}]bool
	// force, when not zero, makes middlePlan choose plan force-1 of
	// inBothPlan, sideAPlan, sideBPlan (for tests).
	force int
}

// The plans middlePlan chooses between.
const (
	inBothPlan = iota
	sideAPlan
	sideBPlan
)

// isRelation reports whether predicate p links entities as a relation.
func isRelation(p quad.Value) bool {
	pred, ok := p.(quad.IRI)
	return ok && strings.HasPrefix(string(pred), schema.Vocab) && !nonRelations[pred]
}

// neighbours returns the relation edges touching n, in both directions,
// without duplicates (the same edge stated by several documents).
func (pf *pathFinder) neighbours(n cgraph.Ref) ([]refEdge, error) {
	if es, ok := pf.adj[n.Key()]; ok {
		return es, nil
	}
	x := pf.x
	if err := x.ctx.Err(); err != nil {
		return nil, err
	}
	var raw []refEdge
	if ids, ok := kvIDs(n); ok && x.kv != nil && x.kv.hasKeys() {
		for _, dir := range []quad.Direction{quad.Subject, quad.Object} {
			es, err := pf.kvEdges(ids[0], dir, nil)
			if err != nil {
				return nil, err
			}
			for _, e := range es {
				if dir == quad.Object && e.s.Key() == n.Key() {
					continue // self-loops were read from the out side
				}
				raw = append(raw, e)
			}
		}
		return pf.keepEntityEdges(n, raw)
	}
	var qerr error
	read := func(out bool) func(q cgraph.Ref) bool {
		return func(q cgraph.Ref) bool {
			var e refEdge
			var errs [3]error
			e.s, errs[0] = x.s.qs.QuadDirection(q, quad.Subject)
			e.p, errs[1] = x.s.qs.QuadDirection(q, quad.Predicate)
			e.o, errs[2] = x.s.qs.QuadDirection(q, quad.Object)
			if err := firstErr(errs[:]...); err != nil {
				qerr = fmt.Errorf("graph: read quad: %w", err)
				return false
			}
			if e.s == nil || e.p == nil || e.o == nil || (!out && e.s.Key() == n.Key()) {
				return true // self-loops were read from the out side
			}
			raw = append(raw, e)
			return true
		}
	}
	if err := x.eachMatch(match{quad.Subject: n}, read(true)); err != nil {
		return nil, err
	}
	if qerr == nil {
		if err := x.eachMatch(match{quad.Object: n}, read(false)); err != nil {
			return nil, err
		}
	}
	if qerr != nil {
		return nil, qerr
	}
	if err := pf.classify(raw); err != nil {
		return nil, err
	}
	return pf.keepEntityEdges(n, raw)
}

// keepEntityEdges keeps, once each, the relation edges of raw (n's edges)
// whose other end is an entity, and caches them as n's neighbours.
func (pf *pathFinder) keepEntityEdges(n cgraph.Ref, raw []refEdge) ([]refEdge, error) {
	if pf.x.kv != nil && pf.x.kv.hasKeys() {
		var ends []uint64
		for _, e := range raw {
			if id, ok := e.other(n).(ckv.Int64Value); ok {
				ends = append(ends, uint64(id))
			}
		}
		if err := pf.kvClassify(ends); err != nil {
			return nil, err
		}
	}
	var out []refEdge
	seen := map[[3]interface{}]bool{}
	for _, e := range raw {
		if !pf.preds[e.p.Key()] {
			continue
		}
		k := [3]interface{}{e.s.Key(), e.p.Key(), e.o.Key()}
		if seen[k] {
			continue
		}
		seen[k] = true
		ent, err := pf.isEntity(e.other(n))
		if err != nil {
			return nil, err
		}
		if ent {
			out = append(out, e)
		}
	}
	pf.adj[n.Key()] = out
	return out, nil
}

// kvEdges reads node n's relation edges in direction dir (quad.Subject:
// its outgoing edges, quad.Object: its incoming ones) from the bbolt index
// keys: the keys name each edge's predicate, and an incoming key its
// subject too, so non-relation statements (the type, name, name-index and
// mention quads every document repeats) are skipped without being read,
// and an incoming edge costs one log look-up to see it is live. keep, when
// not nil, filters edges by their far end before that look-up.
func (pf *pathFinder) kvEdges(n uint64, dir quad.Direction, keep func(far cgraph.Ref) bool) ([]refEdge, error) {
	x := pf.x
	keys, err := x.kv.keysOf(dir, n)
	if err != nil {
		return nil, fmt.Errorf("graph: read index: %w", err)
	}
	var fresh refSet
	for _, k := range keys {
		if _, ok := pf.preds[ckv.Int64Value(k.p)]; !ok {
			fresh.add(ckv.Int64Value(k.p))
		}
	}
	vals, err := x.valuesOf(fresh.list)
	if err != nil {
		return nil, err
	}
	for i, v := range vals {
		pf.preds[fresh.list[i].Key()] = isRelation(v)
	}
	nr := ckv.Int64Value(n)
	var out []refEdge
	if dir == quad.Object {
		var want []kvKey
		for _, k := range keys {
			if pf.preds[ckv.Int64Value(k.p)] && (keep == nil || keep(ckv.Int64Value(k.other))) {
				want = append(want, k)
			}
		}
		if keep == nil {
			// Most incoming statements come from fact nodes (their
			// roles): tell entities apart first, in one batch, so that
			// only edges from entities are checked for liveness.
			subj := make([]uint64, len(want))
			for i, k := range want {
				subj[i] = k.other
			}
			if err := pf.kvClassify(subj); err != nil {
				return nil, err
			}
			kept := want[:0]
			for _, k := range want {
				if pf.ents[ckv.Int64Value(k.other)] {
					kept = append(kept, k)
				}
			}
			want = kept
		}
		ok, err := x.kv.liveKeys(want)
		if err != nil {
			return nil, fmt.Errorf("graph: read log: %w", err)
		}
		for i, k := range want {
			if ok[i] {
				out = append(out, refEdge{s: ckv.Int64Value(k.other), p: ckv.Int64Value(k.p), o: nr})
			}
		}
		return out, nil
	}
	var ids []uint64
	for _, k := range keys {
		if pf.preds[ckv.Int64Value(k.p)] {
			ids = append(ids, k.ids...)
		}
	}
	qs, err := x.kv.quadsOf(ids)
	if err != nil {
		return nil, fmt.Errorf("graph: read log: %w", err)
	}
	seen := map[[2]uint64]bool{}
	for _, q := range qs {
		k := [2]uint64{q.Predicate, q.Object}
		if seen[k] || q.Object == 0 {
			continue
		}
		seen[k] = true
		far := ckv.Int64Value(q.Object)
		if keep == nil || keep(far) {
			out = append(out, refEdge{s: nr, p: ckv.Int64Value(q.Predicate), o: far})
		}
	}
	return out, nil
}

// kvClassify fills pf.ents for the given nodes not classified yet, from
// exact bbolt index keys in one read transaction (see isEntity).
func (pf *pathFinder) kvClassify(ns []uint64) error {
	x := pf.x
	var ids [3]uint64
	for i, v := range []quad.IRI{schema.RDFType, schema.ClassFact, schema.ClassNewsArticle} {
		r, err := x.ref(v)
		if err != nil {
			return err
		}
		if r != nil {
			id, ok := r.(ckv.Int64Value)
			if !ok {
				return fmt.Errorf("graph: internal error: foreign node reference")
			}
			ids[i] = uint64(id)
		}
	}
	typ, fact, doc := ids[0], ids[1], ids[2]
	err := x.kv.db.View(func(btx *bolt.Tx) error {
		tx := kvTx{ops: btx.Bucket(kvOPS)}
		sp := btx.Bucket(kvSP)
		var key [16]byte
		for _, n := range ns {
			r := ckv.Int64Value(n)
			if _, ok := pf.ents[r]; ok {
				continue
			}
			isFact := typ != 0 && fact != 0 && opsSize(tx, fact, typ, n) > 0
			x.facts[r] = isFact
			ent := false
			if typ != 0 && !isFact && (doc == 0 || opsSize(tx, doc, typ, n) == 0) && sp != nil {
				binary.BigEndian.PutUint64(key[0:], n)
				binary.BigEndian.PutUint64(key[8:], typ)
				ent = len(sp.Get(key[:])) > 0
			}
			pf.ents[r] = ent
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("graph: read index: %w", err)
	}
	return nil
}

// isEntity reports whether node r is a typed IRI node that is neither a
// fact nor a document, from exact index keys.
func (pf *pathFinder) isEntity(r cgraph.Ref) (bool, error) {
	k := r.Key()
	if e, ok := pf.ents[k]; ok {
		return e, nil
	}
	x := pf.x
	ent := false
	f, err := x.isFact(r)
	if err != nil {
		return false, err
	}
	if !f {
		doc, err := x.hasClass(r, schema.ClassNewsArticle)
		if err != nil {
			return false, err
		}
		if !doc {
			if ent, err = x.typed(r); err != nil {
				return false, err
			}
		}
	}
	pf.ents[k] = ent
	return ent, nil
}

// find enumerates the paths from a to b (see Paths).
//
// short chooses findShort for up to three hops; the general walk, which
// any length allows, is kept for longer searches and for testing.
func (pf *pathFinder) find(a, b quad.IRI, maxHops int, short bool) ([][]Edge, error) {
	pf.preds = map[interface{}]bool{}
	pf.ents = map[interface{}]bool{}
	ar, err := pf.x.ref(a)
	if err != nil || ar == nil {
		return nil, err
	}
	br, err := pf.x.ref(b)
	if err != nil || br == nil {
		return nil, err
	}
	na, err := pf.neighbours(ar)
	if err != nil {
		return nil, err
	}
	nb, err := pf.neighbours(br)
	if err != nil {
		return nil, err
	}
	if short && maxHops <= 3 {
		paths, err := pf.findShort(ar, br, na, nb, maxHops)
		if err != nil {
			return nil, err
		}
		return pf.name(paths, false)
	}
	// Longer searches walk from the end with fewer neighbours (the walk
	// expands them), pruned by every node's distance to the other end up
	// to radius r; an unknown node is at least r+1 away.
	src, dst, flip := ar, br, false
	if len(nb) < len(na) {
		src, dst, flip = br, ar, true
	}
	r := maxHops - 1
	dist := map[interface{}]int{dst.Key(): 0}
	frontier := []cgraph.Ref{dst}
	for d := 1; d <= r && len(frontier) > 0; d++ {
		var next []cgraph.Ref
		for _, n := range frontier {
			es, err := pf.neighbours(n)
			if err != nil {
				return nil, err
			}
			for _, e := range es {
				m := e.other(n)
				if _, ok := dist[m.Key()]; !ok {
					dist[m.Key()] = d
					next = append(next, m)
				}
			}
		}
		frontier = next
	}
	lower := func(n cgraph.Ref) int {
		if d, ok := dist[n.Key()]; ok {
			return d
		}
		return r + 1
	}
	// dst's edges by their other end, for the walk's last step.
	last := map[interface{}][]refEdge{}
	dstEdges, err := pf.neighbours(dst)
	if err != nil {
		return nil, err
	}
	for _, e := range dstEdges {
		o := e.other(dst).Key()
		last[o] = append(last[o], e)
	}

	var paths [][]refEdge
	onPath := map[interface{}]bool{src.Key(): true}
	var walk func(n cgraph.Ref, path []refEdge, length int) error
	walk = func(n cgraph.Ref, path []refEdge, length int) error {
		if len(paths) >= MaxPaths {
			return nil
		}
		if n.Key() == dst.Key() {
			if len(path) == length {
				paths = append(paths, append([]refEdge(nil), path...))
			}
			return nil
		}
		var es []refEdge
		if len(path)+1 == length {
			es = last[n.Key()] // only an edge to dst can end the path
		} else {
			var err error
			if es, err = pf.neighbours(n); err != nil {
				return err
			}
		}
		for _, e := range es {
			m := e.other(n)
			if onPath[m.Key()] || len(path)+1+lower(m) > length {
				continue
			}
			onPath[m.Key()] = true
			err := walk(m, append(path, e), length)
			onPath[m.Key()] = false
			if err != nil {
				return err
			}
		}
		return nil
	}
	for length := lower(src); length <= maxHops && len(paths) < MaxPaths; length++ {
		if err := walk(src, nil, length); err != nil {
			return nil, err
		}
	}
	return pf.name(paths, flip)
}

// findShort finds the paths of up to three hops from a to b, given both
// ends' edges: one hop is an edge of a to b, two hops go through a common
// neighbour, three hops through an edge between a neighbour x of a and a
// neighbour y of b. Those middle edges are found among the incoming quads
// of the two neighbourhoods alone (an edge x→y is a quad pointing at y
// whose subject is x), compared by node reference, so no node beyond the
// two neighbourhoods is read and no quad's subject needs a type check: x
// and y are already known to be entities.
func (pf *pathFinder) findShort(a, b cgraph.Ref, na, nb []refEdge, maxHops int) ([][]refEdge, error) {
	type side struct {
		order []cgraph.Ref              // neighbours in first-seen order
		edges map[interface{}][]refEdge // neighbour → its edges to the end
	}
	group := func(end cgraph.Ref, es []refEdge, skip cgraph.Ref) side {
		sd := side{edges: map[interface{}][]refEdge{}}
		for _, e := range es {
			m := e.other(end)
			k := m.Key()
			if k == skip.Key() || k == end.Key() {
				continue
			}
			if _, ok := sd.edges[k]; !ok {
				sd.order = append(sd.order, m)
			}
			sd.edges[k] = append(sd.edges[k], e)
		}
		return sd
	}
	var paths [][]refEdge
	full := func() bool { return len(paths) >= MaxPaths }
	for _, e := range na {
		if !full() && e.other(a).Key() == b.Key() {
			paths = append(paths, []refEdge{e})
		}
	}
	if maxHops < 2 || full() {
		return paths, nil
	}
	sa, sb := group(a, na, b), group(b, nb, a)
	for _, m := range sa.order {
		for _, e1 := range sa.edges[m.Key()] {
			for _, e2 := range sb.edges[m.Key()] {
				if full() {
					return paths, nil
				}
				paths = append(paths, []refEdge{e1, e2})
			}
		}
	}
	if maxHops < 3 || full() {
		return paths, nil
	}
	// Middle edges x–y, x a neighbour of a, y of b, x ≠ y. Every such
	// edge is an incoming quad of one end and an outgoing quad of the
	// other, so scanning the incoming quads of both neighbourhoods finds
	// them all, and so does scanning both directions of one
	// neighbourhood; the latter wins when that neighbourhood is small and
	// the other holds much-mentioned entities, whose incoming quads number
	// thousands.
	x := pf.x
	var qerr error
	seenMid := map[[3]interface{}]bool{}
	var addMids func(mids []refEdge) error
	scan := func(n cgraph.Ref, dir quad.Direction) error {
		nk := n.Key()
		_, inA := sa.edges[nk]
		_, inB := sb.edges[nk]
		far := quad.Subject // the end that is not n
		if dir == quad.Subject {
			far = quad.Object
		}
		var mids []refEdge
		if ids, ok := kvIDs(n); ok && x.kv != nil && x.kv.hasKeys() {
			es, err := pf.kvEdges(ids[0], dir, func(f cgraph.Ref) bool {
				if f.Key() == nk {
					return false
				}
				_, fA := sa.edges[f.Key()]
				_, fB := sb.edges[f.Key()]
				return (inA && fB) || (inB && fA)
			})
			if err != nil {
				return err
			}
			return addMids(es)
		}
		err := x.eachMatch(match{dir: n}, func(q cgraph.Ref) bool {
			f, err1 := x.s.qs.QuadDirection(q, far)
			p, err2 := x.s.qs.QuadDirection(q, quad.Predicate)
			if err := firstErr(err1, err2); err != nil {
				qerr = fmt.Errorf("graph: read quad: %w", err)
				return false
			}
			if f == nil || p == nil || f.Key() == nk {
				return true
			}
			_, fA := sa.edges[f.Key()]
			_, fB := sb.edges[f.Key()]
			if (inA && fB) || (inB && fA) {
				e := refEdge{s: f, p: p, o: n}
				if dir == quad.Subject {
					e = refEdge{s: n, p: p, o: f}
				}
				mids = append(mids, e)
			}
			return true
		})
		if err == nil {
			err = qerr
		}
		if err != nil {
			return err
		}
		if err := pf.classify(mids); err != nil {
			return err
		}
		return addMids(mids)
	}
	addMids = func(mids []refEdge) error {
		for _, e := range mids {
			k := [3]interface{}{e.s.Key(), e.p.Key(), e.o.Key()}
			if !pf.preds[e.p.Key()] || seenMid[k] {
				continue
			}
			seenMid[k] = true
			// The edge can serve as x→y either way round when both ends
			// neighbour both a and b.
			for _, xy := range [][2]cgraph.Ref{{e.s, e.o}, {e.o, e.s}} {
				for _, e1 := range sa.edges[xy[0].Key()] {
					for _, e3 := range sb.edges[xy[1].Key()] {
						if full() {
							return nil
						}
						paths = append(paths, []refEdge{e1, e, e3})
					}
				}
			}
		}
		return nil
	}
	plan, err := pf.middlePlan(sa.order, sb.order)
	if err != nil {
		return nil, err
	}
	for _, st := range plan {
		if full() {
			return paths, nil
		}
		if err := scan(st.n, st.dir); err != nil {
			return nil, err
		}
	}
	return paths, nil
}

// scanStep is one node's quads to read in one direction.
type scanStep struct {
	n   cgraph.Ref
	dir quad.Direction
}

// middlePlan chooses which quads findShort reads to find the edges between
// neighbourhoods na and nb: the incoming quads of both, or the incoming and
// outgoing quads of one, whichever is estimated cheaper. A node's quads are
// estimated from the number of documents typing it (one index-key size;
// about 1.5 incoming and 6 outgoing quads per document on news graphs);
// backends without such sizes read the incoming quads of both.
func (pf *pathFinder) middlePlan(na, nb []cgraph.Ref) ([]scanStep, error) {
	const perNode, inPerDoc, outPerDoc = 4, 1.5, 6
	docs := map[interface{}]int64{}
	cost := func(ns []cgraph.Ref, in, out float64) (float64, bool, error) {
		tr, err := pf.x.ref(schema.RDFType)
		if err != nil || tr == nil {
			return 0, false, err
		}
		var c float64
		for _, n := range ns {
			d, ok := docs[n.Key()]
			if !ok {
				var exact bool
				d, exact, err = pf.x.size(match{quad.Subject: n, quad.Predicate: tr})
				if err != nil || !exact {
					return 0, false, err
				}
				docs[n.Key()] = d
			}
			c += perNode + float64(d)*(in+out)
		}
		return c, true, nil
	}
	var both []cgraph.Ref
	var seen refSet
	for _, n := range append(append([]cgraph.Ref(nil), na...), nb...) {
		if !seen.has(n) {
			seen.add(n)
			both = append(both, n)
		}
	}
	plan := func(ns []cgraph.Ref, dirs ...quad.Direction) []scanStep {
		var out []scanStep
		for _, n := range ns {
			for _, d := range dirs {
				out = append(out, scanStep{n, d})
			}
		}
		return out
	}
	switch pf.force - 1 {
	case inBothPlan:
		return plan(both, quad.Object), nil
	case sideAPlan:
		return plan(na, quad.Object, quad.Subject), nil
	case sideBPlan:
		return plan(nb, quad.Object, quad.Subject), nil
	}
	inBoth, ok, err := cost(both, inPerDoc, 0)
	if err != nil || !ok {
		return plan(both, quad.Object), err
	}
	oneA, _, err := cost(na, inPerDoc, outPerDoc)
	if err != nil {
		return nil, err
	}
	oneB, _, err := cost(nb, inPerDoc, outPerDoc)
	if err != nil {
		return nil, err
	}
	switch {
	case oneA < inBoth && oneA <= oneB:
		return plan(na, quad.Object, quad.Subject), nil
	case oneB < inBoth:
		return plan(nb, quad.Object, quad.Subject), nil
	}
	return plan(both, quad.Object), nil
}

// classify names the predicates of es not seen before and records whether
// each is a relation.
func (pf *pathFinder) classify(es []refEdge) error {
	var fresh refSet
	for _, e := range es {
		if _, ok := pf.preds[e.p.Key()]; !ok {
			fresh.add(e.p)
		}
	}
	vals, err := pf.x.valuesOf(fresh.list)
	if err != nil {
		return err
	}
	for i, v := range vals {
		pf.preds[fresh.list[i].Key()] = isRelation(v)
	}
	return nil
}

// name turns paths of references into Edges, reversing each when the walk
// ran from b to a.
func (pf *pathFinder) name(paths [][]refEdge, flip bool) ([][]Edge, error) {
	var nodes refSet
	for _, p := range paths {
		for _, e := range p {
			nodes.add(e.s)
			nodes.add(e.p)
			nodes.add(e.o)
		}
	}
	vals, err := pf.x.valuesOf(nodes.list)
	if err != nil {
		return nil, err
	}
	val := make(map[interface{}]quad.Value, len(vals))
	for i, v := range vals {
		val[nodes.list[i].Key()] = v
	}
	out := make([][]Edge, 0, len(paths))
	for _, p := range paths {
		es := make([]Edge, len(p))
		for i, e := range p {
			subj, _ := val[e.s.Key()].(quad.IRI)
			pred, _ := val[e.p.Key()].(quad.IRI)
			obj, _ := val[e.o.Key()].(quad.IRI)
			ed := Edge{Subject: subj, Predicate: schema.LocalName(pred), Object: obj}
			if ed.SubjectName, err = pf.x.nameOf(subj); err != nil {
				return nil, err
			}
			if ed.ObjectName, err = pf.x.nameOf(obj); err != nil {
				return nil, err
			}
			j := i
			if flip {
				j = len(p) - 1 - i
			}
			es[j] = ed
		}
		out = append(out, es)
	}
	return out, nil
}
