package graph

import (
	"context"
	"fmt"
	"strings"

	"github.com/cayleygraph/quad"

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
}

// Paths returns the simple paths of at most maxHops direct relation edges
// between entities a and b, following edges in either direction, shortest
// first (at most MaxPaths). Fact nodes and documents are not traversed.
func (s *Store) Paths(ctx context.Context, a, b quad.IRI, maxHops int) ([][]Edge, error) {
	if maxHops <= 0 {
		maxHops = 3
	}
	if a == b {
		return nil, nil
	}
	defer s.rlock()()
	r := s.newReader(ctx)
	pf := pathFinder{r: r, adj: map[quad.IRI][]Edge{}}
	paths, err := pf.find(a, b, maxHops)
	if err != nil {
		return nil, fmt.Errorf("graph: paths from %s to %s: %w", a, b, err)
	}
	return paths, nil
}

type pathFinder struct {
	r   *reader
	adj map[quad.IRI][]Edge
}

// neighbours returns the relation edges touching n, in both directions.
func (pf *pathFinder) neighbours(n quad.IRI) ([]Edge, error) {
	if es, ok := pf.adj[n]; ok {
		return es, nil
	}
	r := pf.r
	if err := r.ctx.Err(); err != nil {
		return nil, err
	}
	var out []Edge
	add := func(subj quad.IRI, p quad.Value, obj quad.Value) error {
		pred, ok := p.(quad.IRI)
		if !ok || !strings.HasPrefix(string(pred), schema.Vocab) || nonRelations[pred] {
			return nil
		}
		o, ok := obj.(quad.IRI)
		if !ok {
			return nil
		}
		other := o
		if o == n {
			other = subj
		}
		isEnt, err := r.isEntity(other)
		if err != nil || !isEnt {
			return err
		}
		e := Edge{Subject: subj, Predicate: schema.LocalName(pred), Object: o}
		if e.SubjectName, err = r.name(subj); err != nil {
			return err
		}
		if e.ObjectName, err = r.name(o); err != nil {
			return err
		}
		out = append(out, e)
		return nil
	}
	outQ, err := r.outQuads(n)
	if err != nil {
		return nil, err
	}
	for _, q := range outQ {
		if err := add(n, q.Predicate, q.Object); err != nil {
			return nil, err
		}
	}
	inQ, err := r.inQuads(n)
	if err != nil {
		return nil, err
	}
	for _, q := range inQ {
		subj, ok := q.Subject.(quad.IRI)
		if !ok || subj == n {
			continue // self-loops were added from the out side
		}
		if err := add(subj, q.Predicate, n); err != nil {
			return nil, err
		}
	}
	pf.adj[n] = out
	return out, nil
}

func otherEnd(e Edge, n quad.IRI) quad.IRI {
	if e.Subject == n {
		return e.Object
	}
	return e.Subject
}

// find runs a breadth-first search from b to learn every node's distance
// to b (up to maxHops), then enumerates paths from a depth-first, one length
// at a time from the shortest, entering only nodes from which b is still
// reachable within the length being enumerated.
func (pf *pathFinder) find(a, b quad.IRI, maxHops int) ([][]Edge, error) {
	dist := map[quad.IRI]int{b: 0}
	frontier := []quad.IRI{b}
	for d := 1; d <= maxHops && len(frontier) > 0; d++ {
		var next []quad.IRI
		for _, n := range frontier {
			es, err := pf.neighbours(n)
			if err != nil {
				return nil, err
			}
			for _, e := range es {
				m := otherEnd(e, n)
				if _, ok := dist[m]; !ok {
					dist[m] = d
					next = append(next, m)
				}
			}
		}
		frontier = next
	}
	da, ok := dist[a]
	if !ok {
		return nil, nil
	}
	var paths [][]Edge
	onPath := map[quad.IRI]bool{a: true}
	var walk func(n quad.IRI, path []Edge, length int) error
	walk = func(n quad.IRI, path []Edge, length int) error {
		if len(paths) >= MaxPaths {
			return nil
		}
		if n == b {
			if len(path) == length {
				paths = append(paths, append([]Edge(nil), path...))
			}
			return nil
		}
		es, err := pf.neighbours(n)
		if err != nil {
			return err
		}
		for _, e := range es {
			m := otherEnd(e, n)
			dm, ok := dist[m]
			if !ok || onPath[m] || len(path)+1+dm > length {
				continue
			}
			onPath[m] = true
			err := walk(m, append(path, e), length)
			onPath[m] = false
			if err != nil {
				return err
			}
		}
		return nil
	}
	for length := da; length <= maxHops && len(paths) < MaxPaths; length++ {
		if err := walk(a, nil, length); err != nil {
			return nil, err
		}
	}
	return paths, nil
}
