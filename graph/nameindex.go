package graph

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"sort"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	ckv "github.com/cayleygraph/cayley/graph/kv"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
	hkv "github.com/hidal-go/hidalgo/kv"
	bolt "go.etcd.io/bbolt"

	"github.com/kg-project/kg/schema"
)

// The lookups behind `kg rel` read only the index ranges they need.
//
// Every statement about an entity is repeated once per document that makes
// it (quads are labelled by document, so that a document can be replaced),
// so a much-mentioned entity is the subject of thousands of rdf:type,
// schema:name and kgv:mentionedIn quads. Reading "all quads of the node"
// to find its name or its types, as the generic reader does, costs time in
// proportion to how famous the entity is, and a lookup touches many
// entities (every argument of every fact it shows). So this file reads
// through Cayley's quad indexes by more than one direction at once: the
// (subject, predicate) range for "the names of X", the exact
// (object, predicate, subject) key for "is F a fact", and the incoming
// quads of one literal for the name index (schema.NameKey): Cayley's
// ValueOf is a hash look-up, so finding who is called "vladimir putin" is
// one look-up plus that literal's few incoming quads.
//
// On bbolt the reads go straight to Cayley's kv index buckets (kvindex.go):
// a match is a prefix of one index's keys, and the keys alone already name
// what many questions need — an entity's incoming (predicate, subject)
// pairs are its (object, predicate, subject) keys, a name key's entities
// are the subjects of that literal's keys — so a statement that every
// document repeats costs one key, not a quad per document; quads are read
// only where their objects are needed, from the log, decoded by hand, in
// ascending id order. Every key found is checked for a live quad, since a
// replaced document's quads stay in the index lists (marked deleted in the
// log). On the other backends (memstore, PostgreSQL) a match goes through
// Cayley's iterators: the node's single-direction quad iterator, checking
// the other directions of each quad, which is correct everywhere.

// match constrains a quad to hold the given nodes in the given directions.
type match map[quad.Direction]cgraph.Ref

// eachMatch calls fn for every live quad matching m until fn returns false.
// fn receives the quad's reference; qs.QuadDirection reads its nodes.
func (s *Store) eachMatch(ctx context.Context, m match, fn func(q cgraph.Ref) bool) error {
	if len(m) == 0 {
		return fmt.Errorf("graph: internal error: empty quad match")
	}
	for _, v := range m {
		if v == nil {
			return nil // a node the store has never seen matches nothing
		}
	}
	it, check := s.matchIterator(ctx, m)
	sc := it.Iterate()
	defer sc.Close()
	for sc.Next(ctx) {
		q := sc.Result()
		if check != nil {
			ok, err := s.holds(q, check)
			if err != nil {
				return err
			}
			if !ok {
				continue
			}
		}
		if !fn(q) {
			break
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("graph: scan index: %w", err)
	}
	return ctx.Err()
}

// matchIterator returns an iterator over quads matching m and the part of
// m that the caller still has to check on each quad (nil when the iterator
// is exact).
func (s *Store) matchIterator(ctx context.Context, m match) (iterator.Shape, match) {
	if s.kind == backendBolt && len(m) > 1 {
		if opt, ok := s.qs.(shape.Optimizer); ok {
			qa := shape.QuadsAction{Result: quad.Subject, Filter: map[quad.Direction]cgraph.Ref(m)}
			if sh, done := opt.OptimizeShape(ctx, qa); done {
				if nf, ok := sh.(shape.NodesFrom); ok {
					if scan, ok := nf.Quads.(ckv.IndexScan); ok {
						return scan.BuildIterator(s.qs), nil
					}
				}
			}
		}
	}
	// One direction drives the scan: the subject if constrained (a node's
	// outgoing quads are fewer than a literal's or a class's incoming
	// ones), else the object, else whatever is left.
	var drive quad.Direction
	for _, d := range []quad.Direction{quad.Subject, quad.Object, quad.Label, quad.Predicate} {
		if _, ok := m[d]; ok {
			drive = d
			break
		}
	}
	rest := match{}
	for d, v := range m {
		if d != drive {
			rest[d] = v
		}
	}
	if len(rest) == 0 {
		rest = nil
	}
	return s.qs.QuadIterator(drive, m[drive]), rest
}

// holds reports whether quad q holds the nodes of m.
func (s *Store) holds(q cgraph.Ref, m match) (bool, error) {
	for d, want := range m {
		got, err := s.qs.QuadDirection(q, d)
		if err != nil {
			return false, fmt.Errorf("graph: read quad: %w", err)
		}
		if got == nil || got.Key() != want.Key() {
			return false, nil
		}
	}
	return true, nil
}

// ixReader is a reader that looks nodes up through the indexes (see the
// comment at the top of this file) and remembers, for one call, the node
// references and names it has resolved.
type ixReader struct {
	*reader
	refs  map[quad.Value]cgraph.Ref
	names map[quad.IRI]string
	facts map[interface{}]bool // node reference key → is a kgv:Fact
	keys  map[string]nameHits  // folded name → keyHits
	// docs caches documents' titles and paths for factView.
	docs map[quad.IRI][2]string
	// kv reads the bbolt indexes directly (see kvindex.go); nil on other
	// backends, or when the store's index list cannot be read, and then
	// Cayley's iterators serve every match.
	kv *kvIndex
}

func (s *Store) newIxReader(ctx context.Context) *ixReader {
	kv, err := s.kvIndexOf()
	if err != nil {
		kv = nil // Cayley's iterators read any layout Cayley can
	}
	return &ixReader{
		reader: s.newReader(ctx),
		refs:   map[quad.Value]cgraph.Ref{},
		names:  map[quad.IRI]string{},
		facts:  map[interface{}]bool{},
		keys:   map[string]nameHits{},
		kv:     kv,
	}
}

// eachMatch is Store.eachMatch, read straight from the bbolt indexes when
// an index fits m.
func (x *ixReader) eachMatch(m match, fn func(q cgraph.Ref) bool) error {
	if x.kv == nil {
		return x.s.eachMatch(x.ctx, m, fn)
	}
	for _, v := range m {
		if v == nil {
			return nil
		}
	}
	p, ok := x.kv.plan(m)
	if !ok {
		return x.s.eachMatch(x.ctx, m, fn)
	}
	sc := x.kv.scan(p)
	for i := 0; sc.Next(); i++ {
		if i%kvChunk == 0 {
			if err := x.ctx.Err(); err != nil {
				return err
			}
		}
		if !fn(sc.Result()) {
			break
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("graph: scan index: %w", err)
	}
	return x.ctx.Err()
}

// exactSize is the length of the quad list of the one index key m names,
// dead quads included; ok is false when m is not one whole key.
func (x *ixReader) exactSize(m match) (n int64, ok bool, err error) {
	if x.kv == nil {
		return 0, false, nil
	}
	p, fits := x.kv.plan(m)
	if !fits || !p.exact || p.check != nil {
		return 0, false, nil
	}
	n, err = x.kv.size(p)
	if err != nil {
		return 0, false, fmt.Errorf("graph: read index: %w", err)
	}
	return n, true, nil
}

// ref returns the store's reference for v, or nil when v is in no quad.
func (x *ixReader) ref(v quad.Value) (cgraph.Ref, error) {
	if r, ok := x.refs[v]; ok {
		return r, nil
	}
	r, err := x.s.qs.ValueOf(v)
	if err != nil {
		return nil, fmt.Errorf("graph: look up %s: %w", v, err)
	}
	x.refs[v] = r
	return r, nil
}

// refSet is a set of node references in first-seen order.
type refSet struct {
	list []cgraph.Ref
	seen map[interface{}]bool
}

func (rs *refSet) add(r cgraph.Ref) {
	if r == nil {
		return
	}
	if rs.seen == nil {
		rs.seen = map[interface{}]bool{}
	}
	if k := r.Key(); !rs.seen[k] {
		rs.seen[k] = true
		rs.list = append(rs.list, r)
	}
}

func (rs *refSet) has(r cgraph.Ref) bool { return r != nil && rs.seen[r.Key()] }

// collect returns the distinct nodes in direction res of the quads matching
// m, at most limit of them (0: all).
func (x *ixReader) collect(m match, res quad.Direction, limit int) (refSet, error) {
	var out refSet
	var qerr error
	err := x.eachMatch(m, func(q cgraph.Ref) bool {
		r, err := x.s.qs.QuadDirection(q, res)
		if err != nil {
			qerr = fmt.Errorf("graph: read quad: %w", err)
			return false
		}
		out.add(r)
		return limit <= 0 || len(out.list) < limit
	})
	if err == nil {
		err = qerr
	}
	return out, err
}

// valuesOf names a list of references in one batch.
func (x *ixReader) valuesOf(rs []cgraph.Ref) ([]quad.Value, error) {
	if len(rs) == 0 {
		return nil, nil
	}
	vals, err := cgraph.ValuesOf(x.ctx, x.s.qs, rs)
	if err != nil {
		return nil, fmt.Errorf("graph: read nodes: %w", err)
	}
	return vals, nil
}

// objects returns the distinct objects of v's quads with predicate p, at
// most limit (0: all), in index order.
func (x *ixReader) objects(v quad.Value, p quad.IRI, limit int) ([]quad.Value, error) {
	vr, err := x.ref(v)
	if err != nil || vr == nil {
		return nil, err
	}
	pr, err := x.ref(p)
	if err != nil || pr == nil {
		return nil, err
	}
	rs, err := x.distinctObjects(vr, pr, limit)
	if err != nil {
		return nil, err
	}
	return x.valuesOf(rs)
}

// distinctObjects returns the distinct objects of node v's live quads
// with predicate p, at most limit (0: all), in index order. On bbolt it
// reads the (subject, predicate) key's quads in one transaction.
func (x *ixReader) distinctObjects(v, p cgraph.Ref, limit int) ([]cgraph.Ref, error) {
	if ids, ok := kvIDs(v, p); ok && x.kv != nil && x.kv.hasKeys() {
		objs, err := x.kv.distinctObjects(ids[0], ids[1], limit)
		if err != nil {
			return nil, fmt.Errorf("graph: read index: %w", err)
		}
		out := make([]cgraph.Ref, len(objs))
		for i, o := range objs {
			out[i] = ckv.Int64Value(o)
		}
		return out, nil
	}
	rs, err := x.collect(match{quad.Subject: v, quad.Predicate: p}, quad.Object, limit)
	return rs.list, err
}

// firstText returns the text of v's first value for p, or "".
func (x *ixReader) firstText(v quad.Value, p quad.IRI) (string, error) {
	vals, err := x.objects(v, p, 1)
	if err != nil || len(vals) == 0 || vals[0] == nil {
		return "", err
	}
	return literalText(vals[0]), nil
}

// nameOf returns a node's schema:name, falling back to its IRI.
func (x *ixReader) nameOf(v quad.Value) (string, error) {
	iri, isIRI := v.(quad.IRI)
	if isIRI {
		if n, ok := x.names[iri]; ok {
			return n, nil
		}
	}
	n, err := x.firstText(v, schema.Name)
	if err != nil {
		return "", err
	}
	if n == "" {
		n = literalText(v)
	}
	if isIRI {
		x.names[iri] = n
	}
	return n, nil
}

// isFact reports whether node r is typed kgv:Fact: one exact index key,
// however many quads the node has.
func (x *ixReader) isFact(r cgraph.Ref) (bool, error) {
	if r == nil {
		return false, nil
	}
	k := r.Key()
	if f, ok := x.facts[k]; ok {
		return f, nil
	}
	tr, err := x.ref(schema.RDFType)
	if err != nil {
		return false, err
	}
	fr, err := x.ref(schema.ClassFact)
	if err != nil {
		return false, err
	}
	found := false
	if tr != nil && fr != nil {
		if found, err = x.exists(match{quad.Subject: r, quad.Predicate: tr, quad.Object: fr}); err != nil {
			return false, err
		}
	}
	x.facts[k] = found
	return found, nil
}

// inSubjects returns the distinct subjects of the quads pointing at v,
// leaving out quads whose predicate skip rejects (nil: none). Predicates are
// named once each, not once per quad.
func (x *ixReader) inSubjects(v quad.Value, skip func(quad.IRI) bool) (refSet, error) {
	var out refSet
	vr, err := x.ref(v)
	if err != nil || vr == nil {
		return out, err
	}
	type pending struct{ s, p cgraph.Ref }
	var quads []pending
	var preds refSet
	var qerr error
	err = x.eachMatch(match{quad.Object: vr}, func(q cgraph.Ref) bool {
		s, err1 := x.s.qs.QuadDirection(q, quad.Subject)
		p, err2 := x.s.qs.QuadDirection(q, quad.Predicate)
		if err1 != nil || err2 != nil {
			qerr = fmt.Errorf("graph: read quad: %w", firstErr(err1, err2))
			return false
		}
		if skip == nil {
			out.add(s)
			return true
		}
		preds.add(p)
		quads = append(quads, pending{s, p})
		return true
	})
	if err == nil {
		err = qerr
	}
	if err != nil || skip == nil {
		return out, err
	}
	pvals, err := x.valuesOf(preds.list)
	if err != nil {
		return out, err
	}
	skipped := map[interface{}]bool{}
	for i, pv := range pvals {
		iri, ok := pv.(quad.IRI)
		skipped[preds.list[i].Key()] = !ok || skip(iri)
	}
	for _, q := range quads {
		if !skipped[q.p.Key()] {
			out.add(q.s)
		}
	}
	return out, nil
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// notArgument reports predicates that point at a node without making it a
// fact's argument: its type and the fact's source document.
func notArgument(p quad.IRI) bool {
	return p == schema.RDFType || (factBookkeeping[p] && p != schema.AttributedTo)
}

// factsOf returns the fact nodes in which entity fills a role, in the
// order their quads were found.
func (x *ixReader) factsOf(entity quad.IRI) ([]cgraph.Ref, error) {
	if x.kv != nil && x.kv.hasOPS() {
		return x.factsOfKV(entity)
	}
	subj, err := x.inSubjects(entity, notArgument)
	if err != nil {
		return nil, err
	}
	var out []cgraph.Ref
	for _, s := range subj.list {
		f, err := x.isFact(s)
		if err != nil {
			return nil, err
		}
		if f {
			out = append(out, s)
		}
	}
	return out, nil
}

// factsOfKV is factsOf from the bbolt (object, predicate, subject) keys
// of the entity: each key names a distinct (role, fact) without reading a
// quad, so a fact is one cursor step, one exact key for its type and one
// log entry to see that the key still holds a live quad. Reading the
// incoming quads instead costs a log entry per quad plus a transaction per
// type check, most of Entity's time on an entity in thousands of facts.
func (x *ixReader) factsOfKV(entity quad.IRI) ([]cgraph.Ref, error) {
	er, err := x.ref(entity)
	if err != nil || er == nil {
		return nil, err
	}
	tr, err := x.ref(schema.RDFType)
	if err != nil || tr == nil {
		return nil, err
	}
	fr, err := x.ref(schema.ClassFact)
	if err != nil || fr == nil {
		return nil, err
	}
	ids, ok := kvIDs(er, tr, fr)
	if !ok {
		return nil, fmt.Errorf("graph: internal error: foreign node references")
	}
	skip, err := x.argumentRefs()
	if err != nil {
		return nil, err
	}
	skipIDs := map[uint64]bool{}
	for r := range skip {
		if id, ok := r.(ckv.Int64Value); ok {
			skipIDs[uint64(id)] = true
		}
	}
	facts, err := x.kv.factsOf(ids[0], ids[1], ids[2], skipIDs)
	if err != nil {
		return nil, fmt.Errorf("graph: read index: %w", err)
	}
	out := make([]cgraph.Ref, len(facts))
	for i, f := range facts {
		out[i] = ckv.Int64Value(f)
		x.facts[out[i]] = true
	}
	return out, x.ctx.Err()
}

// kvIDs returns the node ids of kv references.
func kvIDs(rs ...cgraph.Ref) ([]uint64, bool) {
	out := make([]uint64, len(rs))
	for i, r := range rs {
		id, ok := r.(ckv.Int64Value)
		if !ok {
			return nil, false
		}
		out[i] = uint64(id)
	}
	return out, true
}

// entityView summarises entity iri from the index ranges it needs: its
// types, names and documents by (subject, predicate), the facts it is in
// by its incoming quads. ok is false when iri has no type.
func (x *ixReader) entityView(iri quad.IRI) (ev EntityView, ok bool, err error) {
	types, err := x.types(iri)
	if err != nil || len(types) == 0 {
		return EntityView{}, false, err
	}
	ev, err = x.entityViewTyped(iri, types)
	return ev, err == nil, err
}

// entityViewTyped is entityView for an entity whose classes are known.
func (x *ixReader) entityViewTyped(iri quad.IRI, types []quad.Value) (ev EntityView, err error) {
	ev.IRI = iri
	for _, t := range types {
		if c, ok := t.(quad.IRI); ok {
			ev.Types = append(ev.Types, shortIRI(c))
		}
	}
	sort.Strings(ev.Types)
	if ev.Name, err = x.nameOf(iri); err != nil {
		return EntityView{}, err
	}
	aliases, docs, err := x.aliasesAndDocs(iri)
	if err != nil {
		return EntityView{}, err
	}
	for _, a := range aliases {
		if a != nil {
			ev.Aliases = append(ev.Aliases, literalText(a))
		}
	}
	sort.Strings(ev.Aliases)
	ev.Docs = docs
	facts, err := x.factsOf(iri)
	if err != nil {
		return EntityView{}, err
	}
	ev.Facts = len(facts)
	return ev, nil
}

// aliasesAndDocs returns entity iri's distinct aliases and the number of
// documents mentioning it. On bbolt both come from one sweep of the log
// (kvIndex.objectsOf); a much-mentioned entity has an alias and a mention
// quad per document, side by side.
func (x *ixReader) aliasesAndDocs(iri quad.IRI) ([]quad.Value, int, error) {
	ir, err := x.ref(iri)
	if err != nil || ir == nil {
		return nil, 0, err
	}
	ar, err := x.ref(schema.AlternateName)
	if err != nil {
		return nil, 0, err
	}
	mr, err := x.ref(schema.MentionedIn)
	if err != nil {
		return nil, 0, err
	}
	if ids, ok := kvIDs(ir); ok && x.kv != nil && x.kv.hasKeys() {
		var ps []uint64
		for _, r := range []cgraph.Ref{ar, mr} {
			id, _ := r.(ckv.Int64Value) // 0, matching no key, when absent
			ps = append(ps, uint64(id))
		}
		objs, err := x.kv.objectsOf(ids[0], ps)
		if err != nil {
			return nil, 0, fmt.Errorf("graph: read index: %w", err)
		}
		refs := make([]cgraph.Ref, len(objs[0]))
		for i, o := range objs[0] {
			refs[i] = ckv.Int64Value(o)
		}
		aliases, err := x.valuesOf(refs)
		return aliases, len(objs[1]), err
	}
	var aliases []quad.Value
	if ar != nil {
		rs, err := x.distinctObjects(ir, ar, 0)
		if err != nil {
			return nil, 0, err
		}
		if aliases, err = x.valuesOf(rs); err != nil {
			return nil, 0, err
		}
	}
	docs := 0
	if mr != nil {
		rs, err := x.distinctObjects(ir, mr, 0)
		if err != nil {
			return nil, 0, err
		}
		docs = len(rs)
	}
	return aliases, docs, nil
}

// nameHits are the entities whose name index holds one folded string.
type nameHits struct {
	canonical, alias, word refSet
}

// hasNameIndex reports whether the store was written with the name index
// (schema.NameKey); stores built before it are searched by scanning names.
func (x *ixReader) hasNameIndex() (bool, error) {
	r, err := x.ref(schema.NameKey)
	return r != nil, err
}

// keyHits looks up one folded name in the name index: a hash look-up of
// the literal, then its incoming quads.
func (x *ixReader) keyHits(key string) (nameHits, error) {
	if h, ok := x.keys[key]; ok {
		return h, nil
	}
	h, err := x.readKeyHits(key)
	if err == nil {
		x.keys[key] = h
	}
	return h, err
}

func (x *ixReader) readKeyHits(key string) (nameHits, error) {
	var h nameHits
	kr, err := x.ref(quad.String(key))
	if err != nil || kr == nil {
		return h, err
	}
	var preds [3]cgraph.Ref
	for i, p := range []quad.IRI{schema.NameKey, schema.AliasKey, schema.NameWord} {
		if preds[i], err = x.ref(p); err != nil {
			return h, err
		}
	}
	if ids, ok := kvIDs(kr); ok && x.kv != nil && x.kv.hasKeys() {
		return x.keyHitsKV(ids[0], preds)
	}
	var qerr error
	err = x.eachMatch(match{quad.Object: kr}, func(q cgraph.Ref) bool {
		p, err1 := x.s.qs.QuadDirection(q, quad.Predicate)
		s, err2 := x.s.qs.QuadDirection(q, quad.Subject)
		if err1 != nil || err2 != nil {
			qerr = fmt.Errorf("graph: read quad: %w", firstErr(err1, err2))
			return false
		}
		if p == nil {
			return true
		}
		switch k := p.Key(); {
		case preds[0] != nil && k == preds[0].Key():
			h.canonical.add(s)
		case preds[1] != nil && k == preds[1].Key():
			h.alias.add(s)
		case preds[2] != nil && k == preds[2].Key():
			h.word.add(s)
		}
		return true
	})
	if err == nil {
		err = qerr
	}
	return h, err
}

// keyHitsKV is readKeyHits from the folded name's (object, predicate,
// subject) keys: each entity once per key, however many documents stated
// the name (a famous name's literal has thousands of identical quads).
func (x *ixReader) keyHitsKV(key uint64, preds [3]cgraph.Ref) (nameHits, error) {
	var h nameHits
	keys, err := x.kv.keysOf(quad.Object, key)
	if err != nil {
		return h, fmt.Errorf("graph: read index: %w", err)
	}
	sets := [3]*refSet{&h.canonical, &h.alias, &h.word}
	var want []kvKey
	var to []*refSet
	for _, k := range keys {
		for i, p := range preds {
			if p != nil && p.Key() == ckv.Int64Value(k.p) {
				want = append(want, k)
				to = append(to, sets[i])
			}
		}
	}
	ok, err := x.kv.liveKeys(want)
	if err != nil {
		return h, fmt.Errorf("graph: read log: %w", err)
	}
	for i, k := range want {
		if ok[i] {
			to[i].add(ckv.Int64Value(k.other))
		}
	}
	return h, nil
}

// iris names references that are IRIs.
func (x *ixReader) iris(rs []cgraph.Ref) ([]quad.IRI, error) {
	vals, err := x.valuesOf(rs)
	if err != nil {
		return nil, err
	}
	out := make([]quad.IRI, 0, len(vals))
	for _, v := range vals {
		if iri, ok := v.(quad.IRI); ok {
			out = append(out, iri)
		}
	}
	return out, nil
}

// normNames returns the folded canonical names and aliases of entity n.
func (x *ixReader) normNames(n quad.IRI) ([]string, error) {
	var out []string
	for _, p := range []quad.IRI{schema.Name, schema.AlternateName} {
		vals, err := x.objects(n, p, 0)
		if err != nil {
			return nil, err
		}
		for _, v := range vals {
			if v != nil {
				out = append(out, normName(literalText(v)))
			}
		}
	}
	return out, nil
}

// maxWordCandidates bounds how many entities sharing the words of a name
// resolveIndexed reads the names of to check the run of words or rank
// suggestions; a more common word ("the") is left to resolveByScan.
const maxWordCandidates = 500

// resolveIndexed is Resolve through the name index: the exact match by one
// look-up of the folded name, the word match by one look-up per word and
// an intersection. done is false when the index cannot settle the name (no
// entity has it, or the words are too common): the caller then scans.
func (x *ixReader) resolveIndexed(name string) (iri quad.IRI, suggestions []string, done bool, err error) {
	want := normName(name)
	h, err := x.keyHits(want)
	if err != nil {
		return "", nil, false, err
	}
	if len(h.canonical.list)+len(h.alias.list) > 0 {
		iri, suggestions, err := x.rankExact(h)
		if err != nil || iri != "" {
			return iri, suggestions, err == nil, err
		}
	}

	// A word or run of words of exactly one entity's names ("zelensky"
	// for "Ukrainian President Volodymyr Zelensky") names that entity.
	words := strings.Fields(want)
	var set refSet
	for i, w := range words {
		hw := h
		if len(words) > 1 {
			if hw, err = x.keyHits(w); err != nil {
				return "", nil, false, err
			}
		}
		var cur refSet
		for _, rs := range []refSet{hw.word, hw.canonical, hw.alias} {
			for _, r := range rs.list {
				if i == 0 || set.has(r) {
					cur.add(r)
				}
			}
		}
		set = cur
		if len(set.list) == 0 || len(set.list) > maxWordCandidates && i == len(words)-1 {
			return "", nil, false, nil
		}
	}
	cands, err := x.iris(set.list)
	if err != nil {
		return "", nil, false, err
	}
	padded := " " + want + " "
	best := map[quad.IRI]float64{}
	var hits []quad.IRI
	for _, n := range cands {
		norms, err := x.normNames(n)
		if err != nil {
			return "", nil, false, err
		}
		hit := false
		for _, nn := range norms {
			hit = hit || strings.Contains(" "+nn+" ", padded)
			if sc, ok := closeness(want, nn); ok {
				if old, seen := best[n]; !seen || sc < old {
					best[n] = sc
				}
			}
		}
		if hit {
			hits = append(hits, n)
		}
	}
	switch len(hits) {
	case 0:
		return "", nil, false, nil
	case 1:
		return hits[0], nil, true, nil
	}
	// Several entities share the words: suggest them, closest first.
	type ranked struct {
		iri     quad.IRI
		score   float64
		display string
	}
	var rs []ranked
	for _, n := range hits {
		d, err := x.display(n)
		if err != nil {
			return "", nil, false, err
		}
		rs = append(rs, ranked{n, best[n], d})
	}
	sort.Slice(rs, func(i, j int) bool {
		if rs[i].score != rs[j].score {
			return rs[i].score < rs[j].score
		}
		return rs[i].display < rs[j].display
	})
	for _, c := range rs[:min(len(rs), MaxSuggestions)] {
		suggestions = append(suggestions, c.display)
	}
	return "", suggestions, true, nil
}

// rankExact picks, among the entities an exact name hit names, the one
// Resolve returns and the suggestions: canonical names beat aliases, then
// the entity with more statements pointing at it, then the smaller IRI.
//
// A common word ("meeting") names a thousand document-scoped entities, so
// the statements are counted from index keys (inCounts) and only the
// candidates that can reach the first 1+MaxSuggestions places are named:
// those ranked ahead of, or tied by count with, the last of them.
func (x *ixReader) rankExact(h nameHits) (quad.IRI, []string, error) {
	type cand struct {
		ref       cgraph.Ref
		iri       quad.IRI
		canonical bool
		facts     int
	}
	var cands []cand
	for k, set := range []refSet{h.canonical, h.alias} {
		canonical := k == 0
		for _, r := range set.list {
			if !canonical && h.canonical.has(r) {
				continue
			}
			cands = append(cands, cand{ref: r, canonical: canonical})
		}
	}
	if len(cands) > 1 {
		refs := make([]cgraph.Ref, len(cands))
		for i, c := range cands {
			refs[i] = c.ref
		}
		counts, err := x.inCounts(refs)
		if err != nil {
			return "", nil, err
		}
		for i := range cands {
			cands[i].facts = counts[i]
		}
		sort.SliceStable(cands, func(i, j int) bool {
			a, b := cands[i], cands[j]
			if a.canonical != b.canonical {
				return a.canonical
			}
			return a.facts > b.facts
		})
	}
	// Name groups of equal rank until enough IRIs are named; references
	// that are not IRIs drop out, as they always did.
	var named []cand
	for i := 0; i < len(cands) && len(named) < 1+MaxSuggestions; {
		j := i + 1
		for j < len(cands) && cands[j].canonical == cands[i].canonical && cands[j].facts == cands[i].facts {
			j++
		}
		group := cands[i:j]
		refs := make([]cgraph.Ref, len(group))
		for k, c := range group {
			refs[k] = c.ref
		}
		vals, err := x.valuesOf(refs)
		if err != nil {
			return "", nil, err
		}
		var got []cand
		for k, v := range vals {
			if iri, ok := v.(quad.IRI); ok {
				c := group[k]
				c.iri = iri
				got = append(got, c)
			}
		}
		sort.SliceStable(got, func(a, b int) bool { return got[a].iri < got[b].iri })
		named = append(named, got...)
		i = j
	}
	if len(named) == 0 {
		return "", nil, nil
	}
	var suggestions []string
	for _, c := range named[1:min(len(named), 1+MaxSuggestions)] {
		d, err := x.display(c.iri)
		if err != nil {
			return "", nil, err
		}
		suggestions = append(suggestions, d)
	}
	return named[0].iri, suggestions, nil
}

// inCounts is inCount for many nodes: on bbolt, each node's (object,
// predicate, subject) keys counted in one read transaction.
func (x *ixReader) inCounts(rs []cgraph.Ref) ([]int, error) {
	out := make([]int, len(rs))
	if ids, ok := kvIDs(rs...); ok && x.kv != nil && x.kv.hasOPS() {
		err := x.kv.db.View(func(tx *bolt.Tx) error {
			b := tx.Bucket(kvOPS)
			if b == nil {
				return nil
			}
			c := b.Cursor()
			for i, id := range ids {
				prefix := binary.BigEndian.AppendUint64(nil, id)
				for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
					out[i]++
				}
			}
			return nil
		})
		if err != nil {
			return nil, fmt.Errorf("graph: read index: %w", err)
		}
		return out, nil
	}
	vals, err := x.valuesOf(rs)
	if err != nil {
		return nil, err
	}
	for i, v := range vals {
		if iri, ok := v.(quad.IRI); ok {
			if out[i], err = x.inCount(iri); err != nil {
				return nil, err
			}
		}
	}
	return out, nil
}

// display names entity n in a suggestion: its canonical name, followed by
// its IRI when other entities bear that name too.
func (x *ixReader) display(n quad.IRI) (string, error) {
	name, err := x.nameOf(n)
	if err != nil {
		return "", err
	}
	if name == string(n) {
		return n.String(), nil
	}
	h, err := x.keyHits(normName(name))
	if err != nil {
		return "", err
	}
	if len(h.canonical.list) > 1 {
		return name + " " + n.String(), nil
	}
	return name, nil
}

// argumentRefs returns the references of the predicates notArgument
// rejects, to filter quads without naming each one's predicate.
func (x *ixReader) argumentRefs() (map[interface{}]bool, error) {
	skip := map[interface{}]bool{}
	for p := range factBookkeeping {
		if !notArgument(p) {
			continue
		}
		r, err := x.ref(p)
		if err != nil {
			return nil, err
		}
		if r != nil {
			skip[r.Key()] = true
		}
	}
	r, err := x.ref(schema.RDFType)
	if err != nil {
		return nil, err
	}
	if r != nil {
		skip[r.Key()] = true
	}
	return skip, nil
}

// inScan walks the quads pointing at one node, collecting the subjects of
// those whose predicate can make the node a fact's argument. It reads the
// bbolt index directly when it can (kv), else through Cayley (sc).
type inScan struct {
	sc   iterator.Scanner
	kv   *kvScan
	subj refSet
	done bool
}

func (x *ixReader) newInScan(r cgraph.Ref) *inScan {
	if x.kv != nil {
		if p, ok := x.kv.plan(match{quad.Object: r}); ok {
			return &inScan{kv: x.kv.scan(p)}
		}
	}
	return &inScan{sc: x.s.qs.QuadIterator(quad.Object, r).Iterate()}
}

// close releases the scan's iterator.
func (in *inScan) close() {
	if in.sc != nil {
		in.sc.Close()
	}
}

// next returns the scan's next quad, or nil once exhausted.
func (x *ixReader) next(in *inScan) (cgraph.Ref, error) {
	if in.kv != nil {
		if in.kv.Next() {
			return in.kv.Result(), nil
		}
		if err := in.kv.Err(); err != nil {
			return nil, fmt.Errorf("graph: scan index: %w", err)
		}
		return nil, x.ctx.Err()
	}
	if in.sc.Next(x.ctx) {
		return in.sc.Result(), nil
	}
	if err := in.sc.Err(); err != nil {
		return nil, fmt.Errorf("graph: scan index: %w", err)
	}
	return nil, x.ctx.Err()
}

// step advances the scan by one quad; it reports false once exhausted.
func (x *ixReader) step(in *inScan, skip map[interface{}]bool) (bool, error) {
	if in.done {
		return false, nil
	}
	q, err := x.next(in)
	if q == nil || err != nil {
		in.done = true
		return false, err
	}
	p, err := x.s.qs.QuadDirection(q, quad.Predicate)
	if err != nil {
		return false, fmt.Errorf("graph: read quad: %w", err)
	}
	if p != nil && skip[p.Key()] {
		return true, nil
	}
	s, err := x.s.qs.QuadDirection(q, quad.Subject)
	if err != nil {
		return false, fmt.Errorf("graph: read quad: %w", err)
	}
	in.subj.add(s)
	return true, nil
}

// factQuadsGuess is about how many quads a fact node has (type, predicate,
// two or three roles, sentence, offsets, confidence, source).
const factQuadsGuess = 12

// factsBetween returns the fact nodes in which both a and b fill a role
// (see FactsBetween for the strategy).
func (x *ixReader) factsBetween(a, b quad.IRI) ([]cgraph.Ref, error) {
	if a == b {
		return x.factsOf(a)
	}
	ar, err := x.ref(a)
	if err != nil || ar == nil {
		return nil, err
	}
	br, err := x.ref(b)
	if err != nil || br == nil {
		return nil, err
	}
	skip, err := x.argumentRefs()
	if err != nil {
		return nil, err
	}
	if ids, ok := kvIDs(ar, br); ok && x.kv != nil && x.kv.hasKeys() {
		return x.factsBetweenKV(ids[0], ids[1], skip)
	}
	sa, sb := x.newInScan(ar), x.newInScan(br)
	defer sa.close()
	defer sb.close()
	for {
		moreA, err := x.step(sa, skip)
		if err != nil {
			return nil, err
		}
		moreB, err := x.step(sb, skip)
		if err != nil {
			return nil, err
		}
		if !moreA || !moreB {
			break
		}
	}
	// At least one side is complete; walk the complete one.
	small, big, otherRef := sa, sb, br
	if !sa.done {
		small, big, otherRef = sb, sa, ar
	}
	// Asking a fact for the other end costs a type check and a scan of the
	// fact's dozen quads; when many of the small side's subjects are still
	// unseen, finishing the big side's scan is cheaper. Scan on for that
	// budget, then ask the facts themselves.
	budget := 0
	for _, s := range small.subj.list {
		if !big.subj.has(s) {
			budget += factQuadsGuess
		}
	}
	for ; budget > 0 && !big.done; budget-- {
		if _, err := x.step(big, skip); err != nil {
			return nil, err
		}
	}
	var out []cgraph.Ref
	for _, s := range small.subj.list {
		if !big.done && !big.subj.has(s) {
			// The other side's scan stopped early: ask the fact itself.
			f, err := x.isFact(s)
			if err != nil {
				return nil, err
			}
			if !f {
				continue
			}
			linked := false
			err = x.eachMatch(match{quad.Subject: s, quad.Object: otherRef}, func(q cgraph.Ref) bool {
				p, err := x.s.qs.QuadDirection(q, quad.Predicate)
				linked = err == nil && (p == nil || !skip[p.Key()])
				return !linked
			})
			if err != nil {
				return nil, err
			}
			if linked {
				out = append(out, s)
			}
			continue
		}
		if !big.subj.has(s) {
			continue
		}
		f, err := x.isFact(s)
		if err != nil {
			return nil, err
		}
		if f {
			out = append(out, s)
		}
	}
	return out, nil
}

// factsBetweenKV is factsBetween from the two entities' (object,
// predicate, subject) keys: both lists of (role, subject) are read whole
// without reading a quad (a cursor step per key), intersected by subject,
// and only the common subjects are checked: a type key each, and one log
// look-up per key to see it still holds a live quad.
func (x *ixReader) factsBetweenKV(a, b uint64, skip map[interface{}]bool) ([]cgraph.Ref, error) {
	var sides [2][]kvKey
	for i, n := range []uint64{a, b} {
		keys, err := x.kv.keysOf(quad.Object, n)
		if err != nil {
			return nil, fmt.Errorf("graph: read index: %w", err)
		}
		for _, k := range keys {
			if !skip[ckv.Int64Value(k.p)] {
				sides[i] = append(sides[i], k)
			}
		}
	}
	inB := map[uint64]bool{}
	for _, k := range sides[1] {
		inB[k.other] = true
	}
	var order []uint64
	common := map[uint64]bool{}
	for _, k := range sides[0] {
		if inB[k.other] && !common[k.other] {
			common[k.other] = true
			order = append(order, k.other)
		}
	}
	if len(order) == 0 {
		return nil, nil
	}
	var check []kvKey
	var side []int
	for i, keys := range sides {
		for _, k := range keys {
			if common[k.other] {
				check = append(check, k)
				side = append(side, i)
			}
		}
	}
	ok, err := x.kv.liveKeys(check)
	if err != nil {
		return nil, fmt.Errorf("graph: read log: %w", err)
	}
	liveOn := map[uint64]*[2]bool{}
	for i, k := range check {
		if ok[i] {
			if liveOn[k.other] == nil {
				liveOn[k.other] = &[2]bool{}
			}
			liveOn[k.other][side[i]] = true
		}
	}
	var out []cgraph.Ref
	for _, s := range order {
		if l := liveOn[s]; l == nil || !l[0] || !l[1] {
			continue
		}
		f, err := x.isFact(ckv.Int64Value(s))
		if err != nil {
			return nil, err
		}
		if f {
			out = append(out, ckv.Int64Value(s))
		}
	}
	return out, nil
}

// knownClasses are the classes schema.Mapper types nodes with; types
// probes them one exact key at a time.
var knownClasses = []quad.IRI{
	schema.ClassPerson, schema.ClassOrganization, schema.ClassPlace, schema.ClassEvent,
	schema.ClassGroup, schema.ClassCreativeWork, schema.ClassThing, schema.ClassFact, schema.ClassNewsArticle,
}

// probeTypesAbove is how many type quads a node must have before types
// probes the known classes rather than reading them all.
const probeTypesAbove = 64

// types returns the distinct classes of node iri.
//
// An entity is typed again by every document that mentions it, so a famous
// one has thousands of identical rdf:type quads. On kv stores, types
// compares the size of the node's (subject, rdf:type) index key with the
// sizes of its exact keys for the known classes: when they add up, every
// type quad is of a known class, and only the classes present are read
// (until one live quad each, since sizes also count quads of replaced
// documents). Otherwise, and on other backends, it reads the type quads.
func (x *ixReader) types(iri quad.IRI) ([]quad.Value, error) {
	ir, err := x.ref(iri)
	if err != nil || ir == nil {
		return nil, err
	}
	tr, err := x.ref(schema.RDFType)
	if err != nil || tr == nil {
		return nil, err
	}
	total, exact, err := x.size(match{quad.Subject: ir, quad.Predicate: tr})
	if err != nil {
		return nil, err
	}
	if exact && total > probeTypesAbove {
		var sum int64
		var present []quad.Value
		for _, c := range knownClasses {
			cr, err := x.ref(c)
			if err != nil {
				return nil, err
			}
			if cr == nil {
				continue
			}
			m := match{quad.Subject: ir, quad.Predicate: tr, quad.Object: cr}
			n, ok, err := x.size(m)
			if err != nil || !ok {
				exact = false
				break
			}
			if n == 0 {
				continue
			}
			sum += n
			live, err := x.collect(m, quad.Object, 1)
			if err != nil {
				return nil, err
			}
			if len(live.list) > 0 {
				present = append(present, c)
			}
		}
		if exact && sum == total {
			return present, nil
		}
	}
	return x.objects(iri, schema.RDFType, 0)
}

// size returns the number of quads in the kv index key that m names
// exactly, counting quads of replaced documents too; exact is false when
// m is not one index key (or the backend has none), and n is then unknown.
func (x *ixReader) size(m match) (n int64, exact bool, err error) {
	for _, v := range m {
		if v == nil {
			return 0, true, nil
		}
	}
	if x.kv != nil {
		return x.exactSize(m)
	}
	it, check := x.s.matchIterator(x.ctx, m)
	if check != nil {
		return 0, false, nil
	}
	st, err := it.Stats(x.ctx)
	if errors.Is(err, hkv.ErrNotFound) {
		return 0, true, nil
	}
	if err != nil || !st.Size.Exact {
		return 0, false, nil
	}
	return st.Size.Value, true, nil
}

// inCount counts the distinct (subject, predicate) pairs pointing at iri:
// what Resolve ranks entities of the same name by.
func (x *ixReader) inCount(iri quad.IRI) (int, error) {
	ir, err := x.ref(iri)
	if err != nil || ir == nil {
		return 0, err
	}
	if ids, ok := kvIDs(ir); ok && x.kv != nil && x.kv.hasOPS() {
		// On bbolt the distinct pairs are the node's (object, predicate,
		// subject) keys: counted without reading a quad. A key left
		// holding only quads of replaced documents still counts; this is
		// a ranking, and one stale statement rarely decides it.
		n := 0
		err := x.kv.eachIn(ids[0], func(kvTx, inKey) (bool, error) {
			n++
			return true, nil
		})
		if err != nil {
			return 0, fmt.Errorf("graph: read index: %w", err)
		}
		return n, nil
	}
	seen := map[[2]interface{}]bool{}
	var qerr error
	err = x.eachMatch(match{quad.Object: ir}, func(q cgraph.Ref) bool {
		s, err1 := x.s.qs.QuadDirection(q, quad.Subject)
		p, err2 := x.s.qs.QuadDirection(q, quad.Predicate)
		if err1 != nil || err2 != nil || s == nil || p == nil {
			qerr = firstErr(err1, err2)
			return qerr == nil
		}
		seen[[2]interface{}{s.Key(), p.Key()}] = true
		return true
	})
	if err == nil {
		err = qerr
	}
	return len(seen), err
}

// hasClass reports whether node r has rdf:type class: one exact index key.
func (x *ixReader) hasClass(r cgraph.Ref, class quad.IRI) (bool, error) {
	tr, err := x.ref(schema.RDFType)
	if err != nil || tr == nil {
		return false, err
	}
	cr, err := x.ref(class)
	if err != nil || cr == nil {
		return false, err
	}
	return x.exists(match{quad.Subject: r, quad.Predicate: tr, quad.Object: cr})
}

// exists reports whether a quad matches m. When m is exactly one kv index
// key (a node's type is: subject, predicate and object) the answer is that
// key's size, one read without loading any quad. The size still counts
// quads of since-replaced documents; the lookups ask it only about nodes
// met through live quads that their own document wrote along with the
// matching quad (a fact and its type, an entity and its type), so a stale
// count cannot make them wrong.
func (x *ixReader) exists(m match) (bool, error) {
	for _, v := range m {
		if v == nil {
			return false, nil
		}
	}
	if n, ok, err := x.exactSize(m); err != nil || ok {
		return n > 0, err
	}
	if it, check := x.s.matchIterator(x.ctx, m); x.kv == nil && check == nil {
		st, err := it.Stats(x.ctx)
		if errors.Is(err, hkv.ErrNotFound) {
			return false, nil // no such index key
		}
		if err == nil && st.Size.Exact {
			return st.Size.Value > 0, nil
		}
	}
	found := false
	err := x.eachMatch(m, func(cgraph.Ref) bool {
		found = true
		return false
	})
	return found, err
}

// typed reports whether node r has any rdf:type. On kv stores it reads the
// size of r's (subject, rdf:type) index key (see exists), not the
// thousands of type quads a much-mentioned entity has (one per document).
func (x *ixReader) typed(r cgraph.Ref) (bool, error) {
	tr, err := x.ref(schema.RDFType)
	if err != nil || tr == nil {
		return false, err
	}
	return x.exists(match{quad.Subject: r, quad.Predicate: tr})
}
