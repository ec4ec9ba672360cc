package graph

import (
	"context"
	"strconv"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/kg-project/kg/schema"
)

// reader caches the quads one lookup has read, so that a fact's arguments,
// the arguments' names and the nodes' types are each fetched once per call
// however often they recur. It lives for one call: no cache outlives a
// method, so writes are never hidden from later reads.
type reader struct {
	s   *Store
	ctx context.Context
	out map[string][]quad.Quad // node → quads with the node as subject
	in  map[string][]quad.Quad // node → quads with the node as object
}

func (s *Store) newReader(ctx context.Context) *reader {
	return &reader{s: s, ctx: ctx, out: map[string][]quad.Quad{}, in: map[string][]quad.Quad{}}
}

// outQuads returns the quads whose subject is v, without duplicates that
// differ only by label (the same statement made by several documents).
func (r *reader) outQuads(v quad.Value) ([]quad.Quad, error) {
	k := v.String()
	if qs, ok := r.out[k]; ok {
		return qs, nil
	}
	qs, err := r.s.quadsOf(r.ctx, quad.Subject, v)
	if err != nil {
		return nil, err
	}
	qs = dedupeTriples(qs)
	r.out[k] = qs
	return qs, nil
}

// inQuads returns the quads whose object is v, deduplicated like outQuads.
func (r *reader) inQuads(v quad.Value) ([]quad.Quad, error) {
	k := v.String()
	if qs, ok := r.in[k]; ok {
		return qs, nil
	}
	qs, err := r.s.quadsOf(r.ctx, quad.Object, v)
	if err != nil {
		return nil, err
	}
	qs = dedupeTriples(qs)
	r.in[k] = qs
	return qs, nil
}

// dedupeTriples keeps the first quad of each subject-predicate-object
// triple, in order.
func dedupeTriples(qs []quad.Quad) []quad.Quad {
	seen := make(map[[3]string]struct{}, len(qs))
	out := qs[:0]
	for _, q := range qs {
		k := [3]string{q.Subject.String(), q.Predicate.String(), q.Object.String()}
		if _, dup := seen[k]; dup {
			continue
		}
		seen[k] = struct{}{}
		out = append(out, q)
	}
	return out
}

// values returns the objects of v's quads with predicate p.
func (r *reader) values(v quad.Value, p quad.IRI) ([]quad.Value, error) {
	qs, err := r.outQuads(v)
	if err != nil {
		return nil, err
	}
	var out []quad.Value
	for _, q := range qs {
		if q.Predicate == p {
			out = append(out, q.Object)
		}
	}
	return out, nil
}

// first returns the text of v's first value for p, or "".
func (r *reader) first(v quad.Value, p quad.IRI) (string, error) {
	vals, err := r.values(v, p)
	if err != nil || len(vals) == 0 {
		return "", err
	}
	return literalText(vals[0]), nil
}

// name returns a node's schema:name, falling back to its IRI.
func (r *reader) name(v quad.Value) (string, error) {
	n, err := r.first(v, schema.Name)
	if err != nil {
		return "", err
	}
	if n == "" {
		n = literalText(v)
	}
	return n, nil
}

// hasType reports whether node v has rdf:type class.
func (r *reader) hasType(v quad.Value, class quad.IRI) (bool, error) {
	types, err := r.values(v, schema.RDFType)
	if err != nil {
		return false, err
	}
	for _, t := range types {
		if t == class {
			return true, nil
		}
	}
	return false, nil
}

// isEntity reports whether v is a typed node that is neither a fact nor a
// document: the things relations connect.
func (r *reader) isEntity(v quad.Value) (bool, error) {
	if _, ok := v.(quad.IRI); !ok {
		return false, nil
	}
	types, err := r.values(v, schema.RDFType)
	if err != nil || len(types) == 0 {
		return false, err
	}
	for _, t := range types {
		if t == schema.ClassFact || t == schema.ClassNewsArticle {
			return false, nil
		}
	}
	return true, nil
}

// shortIRI abbreviates the namespaces the graph uses, for display.
func shortIRI(iri quad.IRI) string {
	s := string(iri)
	for _, ns := range [...]struct{ full, short string }{
		{"http://schema.org/", "schema:"},
		{"https://schema.org/", "schema:"},
		{"http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdf:"},
		{"http://www.w3.org/2000/01/rdf-schema#", "rdfs:"},
		{"http://www.w3.org/2001/XMLSchema#", "xsd:"},
	} {
		if strings.HasPrefix(s, ns.full) {
			return ns.short + s[len(ns.full):]
		}
	}
	return s
}

// localName returns the part of a class IRI after its namespace:
// "http://schema.org/Person" → "Person", "kgv:Group" → "Group".
func localName(iri quad.IRI) string {
	s := shortIRI(iri)
	if i := strings.LastIndexAny(s, ":/#"); i >= 0 {
		return s[i+1:]
	}
	return s
}

// toInt converts a numeric literal; ok is false for anything else.
func toInt(v quad.Value) (int, bool) {
	switch n := quad.NativeOf(v).(type) {
	case int64:
		return int(n), true
	case int:
		return n, true
	case float64:
		return int(n), true
	case string:
		i, err := strconv.Atoi(n)
		return i, err == nil
	}
	if ts, ok := v.(quad.TypedString); ok {
		i, err := strconv.Atoi(string(ts.Value))
		return i, err == nil
	}
	return 0, false
}

// toFloat converts a numeric literal; ok is false for anything else.
func toFloat(v quad.Value) (float64, bool) {
	switch n := quad.NativeOf(v).(type) {
	case float64:
		return n, true
	case int64:
		return float64(n), true
	case string:
		f, err := strconv.ParseFloat(n, 64)
		return f, err == nil
	}
	if ts, ok := v.(quad.TypedString); ok {
		f, err := strconv.ParseFloat(string(ts.Value), 64)
		return f, err == nil
	}
	return 0, false
}
