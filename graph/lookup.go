package graph

import (
	"context"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"github.com/cayleygraph/quad"

	"github.com/kg-project/kg/schema"
)

// EntityView summarises one entity node.
type EntityView struct {
	IRI     quad.IRI `json:"iri"`
	Name    string   `json:"name"`
	Types   []string `json:"types"`
	Aliases []string `json:"aliases,omitempty"`
	// Facts counts the facts the entity takes part in, in any role.
	Facts int `json:"facts"`
	// Docs counts the documents that mention it.
	Docs int `json:"docs"`
}

// DocView summarises one document node.
type DocView struct {
	IRI      quad.IRI `json:"iri"`
	Path     string   `json:"path,omitempty"`
	Headline string   `json:"headline,omitempty"`
	URL      string   `json:"url,omitempty"`
	Date     string   `json:"date,omitempty"`
	Hash     string   `json:"hash,omitempty"`
	// Quads counts the quads labelled with the document.
	Quads int64 `json:"quads"`
	// Facts counts the fact nodes whose source is the document.
	Facts int `json:"facts"`
}

// typeIndex maps every typed node to its classes, read in one scan of the
// rdf:type quads.
type typeIndex map[quad.IRI][]quad.IRI

func (r *reader) typeIndex() (typeIndex, error) {
	qs, err := r.s.quadsOf(r.ctx, quad.Predicate, schema.RDFType)
	if err != nil {
		return nil, err
	}
	ti := typeIndex{}
	seen := map[[2]quad.IRI]bool{}
	for _, q := range qs {
		s, ok1 := q.Subject.(quad.IRI)
		c, ok2 := q.Object.(quad.IRI)
		if !ok1 || !ok2 || seen[[2]quad.IRI{s, c}] {
			continue
		}
		seen[[2]quad.IRI{s, c}] = true
		ti[s] = append(ti[s], c)
	}
	return ti, nil
}

// kind classifies a typed node as fact, document or entity.
func (ti typeIndex) kind(n quad.IRI) string {
	cs := ti[n]
	if len(cs) == 0 {
		return ""
	}
	for _, c := range cs {
		switch c {
		case schema.ClassFact:
			return "fact"
		case schema.ClassNewsArticle:
			return "document"
		}
	}
	return "entity"
}

// Stats summarises the store's contents.
type Stats struct {
	Quads     int64 `json:"quads"`
	Nodes     int64 `json:"nodes"`
	Documents int   `json:"documents"`
	Entities  int   `json:"entities"`
	Facts     int   `json:"facts"`
	// ByType counts distinct nodes per class ("schema:Person": 12).
	ByType map[string]int `json:"by_type"`
}

// Stats counts quads and nodes (from the backend's counters) and documents,
// entities, facts and nodes per class (from one scan of the rdf:type quads).
func (s *Store) Stats(ctx context.Context) (Stats, error) {
	defer s.rlock()()
	cs, err := s.backendStats(ctx, true)
	if err != nil {
		return Stats{}, fmt.Errorf("graph: stats: %w", err)
	}
	st := Stats{Quads: cs.Quads.Value, Nodes: cs.Nodes.Value, ByType: map[string]int{}}
	ti, err := s.newReader(ctx).typeIndex()
	if err != nil {
		return Stats{}, fmt.Errorf("graph: stats: %w", err)
	}
	for n, cs := range ti {
		for _, c := range cs {
			st.ByType[shortIRI(c)]++
		}
		switch ti.kind(n) {
		case "fact":
			st.Facts++
		case "document":
			st.Documents++
		case "entity":
			st.Entities++
		}
	}
	return st, nil
}

// Entities lists the entities of class typ ("Person", "schema:Person", a
// full IRI, or "" for all), most facts first. Class names match
// case-insensitively; an unknown class is an error naming the known ones.
func (s *Store) Entities(ctx context.Context, typ string) ([]EntityView, error) {
	defer s.rlock()()
	r := s.newReader(ctx)
	ti, err := r.typeIndex()
	if err != nil {
		return nil, fmt.Errorf("graph: entities: %w", err)
	}
	var want map[quad.IRI]bool
	if typ != "" {
		want, err = matchClass(ti, typ)
		if err != nil {
			return nil, err
		}
	}
	// On bbolt each entity is summarised as Entity does, from its index
	// keys (a few key walks and its own mention and alias quads), not
	// from every quad touching it; a listing of the Reuters graph took
	// over half a minute reading famous entities' quads. Other backends
	// answer per-node queries one round trip each, so there the listing
	// keeps reading each node's quads in two queries.
	var x *ixReader
	if s.kind == backendBolt {
		if x = s.newIxReader(ctx); x.kv == nil || !x.kv.hasKeys() {
			x = nil
		}
	}
	var out []EntityView
	for n, cs := range ti {
		if ti.kind(n) != "entity" {
			continue
		}
		match := want == nil
		for _, c := range cs {
			match = match || want[c]
		}
		if !match {
			continue
		}
		if x != nil {
			types := make([]quad.Value, len(cs))
			for i, c := range cs {
				types[i] = c
			}
			ev, err := x.entityViewTyped(n, types)
			if err != nil {
				return nil, fmt.Errorf("graph: entities: %w", err)
			}
			out = append(out, ev)
			if len(out)%1024 == 0 {
				if err := ctx.Err(); err != nil {
					return nil, err
				}
				// The per-call caches would grow with the graph.
				x = s.newIxReader(ctx)
			}
			continue
		}
		ev, err := r.entityView(n, cs, func(s quad.IRI) (bool, error) { return ti.kind(s) == "fact", nil })
		if err != nil {
			return nil, fmt.Errorf("graph: entities: %w", err)
		}
		out = append(out, ev)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Facts != out[j].Facts {
			return out[i].Facts > out[j].Facts
		}
		if out[i].Name != out[j].Name {
			return out[i].Name < out[j].Name
		}
		return out[i].IRI < out[j].IRI
	})
	return out, nil
}

// matchClass returns the classes in the graph that typ names.
func matchClass(ti typeIndex, typ string) (map[quad.IRI]bool, error) {
	typ = strings.Trim(strings.TrimSpace(typ), "<>")
	all := map[quad.IRI]bool{}
	for n, cs := range ti {
		if ti.kind(n) != "entity" {
			continue
		}
		for _, c := range cs {
			all[c] = true
		}
	}
	want := map[quad.IRI]bool{}
	for c := range all {
		if string(c) == typ || strings.EqualFold(shortIRI(c), typ) || strings.EqualFold(localName(c), typ) {
			want[c] = true
		}
	}
	if len(want) == 0 {
		var names []string
		for c := range all {
			names = append(names, localName(c))
		}
		sort.Strings(names)
		return nil, fmt.Errorf("graph: no entities of type %q (types in the graph: %s)", typ, strings.Join(names, ", "))
	}
	return want, nil
}

// Entity describes one entity; ok is false when iri is not a typed node.
// It reads only the index ranges it reports on (see ixReader.entityView),
// so it costs about the same for an entity in one document as for one in
// thousands.
func (s *Store) Entity(ctx context.Context, iri quad.IRI) (ev EntityView, ok bool, err error) {
	defer s.rlock()()
	ev, ok, err = s.newIxReader(ctx).entityView(iri)
	if err != nil {
		return EntityView{}, false, fmt.Errorf("graph: entity %s: %w", iri, err)
	}
	return ev, ok, nil
}

// entityView summarises entity n of the given classes; isFact tells fact
// nodes among the nodes pointing at it.
func (r *reader) entityView(n quad.IRI, classes []quad.IRI, isFact func(quad.IRI) (bool, error)) (EntityView, error) {
	ev := EntityView{IRI: n}
	for _, c := range classes {
		ev.Types = append(ev.Types, shortIRI(c))
	}
	sort.Strings(ev.Types)
	out, err := r.outQuads(n)
	if err != nil {
		return EntityView{}, err
	}
	docs := map[string]bool{}
	for _, q := range out {
		switch q.Predicate {
		case schema.Name:
			if ev.Name == "" {
				ev.Name = literalText(q.Object)
			}
		case schema.AlternateName:
			ev.Aliases = append(ev.Aliases, literalText(q.Object))
		case schema.MentionedIn:
			docs[q.Object.String()] = true
		}
	}
	if ev.Name == "" {
		ev.Name = string(n)
	}
	sort.Strings(ev.Aliases)
	ev.Docs = len(docs)
	in, err := r.inQuads(n)
	if err != nil {
		return EntityView{}, err
	}
	facts := map[quad.Value]bool{}
	for _, q := range in {
		s, ok := q.Subject.(quad.IRI)
		if !ok || facts[s] {
			continue
		}
		f, err := isFact(s)
		if err != nil {
			return EntityView{}, err
		}
		if f {
			facts[s] = true
		}
	}
	ev.Facts = len(facts)
	// Drop the per-entity caches: a listing touches each node once.
	delete(r.out, n.String())
	delete(r.in, n.String())
	return ev, nil
}

// docIRIs returns every document node: typed schema:NewsArticle or
// carrying a content hash.
func (r *reader) docIRIs() ([]quad.IRI, error) {
	typed, err := r.s.quadsOf(r.ctx, quad.Object, schema.ClassNewsArticle)
	if err != nil {
		return nil, err
	}
	hashed, err := r.s.quadsOf(r.ctx, quad.Predicate, schema.ContentHash)
	if err != nil {
		return nil, err
	}
	seen := map[quad.IRI]bool{}
	var out []quad.IRI
	for _, q := range append(typed, hashed...) {
		if q.Predicate != schema.RDFType && q.Predicate != schema.ContentHash {
			continue
		}
		if d, ok := q.Subject.(quad.IRI); ok && !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out, nil
}

// Documents lists the documents in the store, sorted by IRI.
func (s *Store) Documents(ctx context.Context) ([]DocView, error) {
	defer s.rlock()()
	r := s.newReader(ctx)
	iris, err := r.docIRIs()
	if err != nil {
		return nil, fmt.Errorf("graph: documents: %w", err)
	}
	out := make([]DocView, 0, len(iris))
	for _, d := range iris {
		dv, err := r.docView(d)
		if err != nil {
			return nil, fmt.Errorf("graph: documents: %w", err)
		}
		if dv.Quads, err = s.countQuads(ctx, quad.Label, d); err != nil {
			return nil, fmt.Errorf("graph: documents: %w", err)
		}
		in, err := r.inQuads(d)
		if err != nil {
			return nil, fmt.Errorf("graph: documents: %w", err)
		}
		for _, q := range in {
			if q.Predicate == schema.Source {
				dv.Facts++
			}
		}
		delete(r.in, d.String())
		out = append(out, dv)
	}
	return out, nil
}

func (r *reader) docView(d quad.IRI) (DocView, error) {
	dv := DocView{IRI: d}
	out, err := r.outQuads(d)
	if err != nil {
		return DocView{}, err
	}
	for _, q := range out {
		t := literalText(q.Object)
		switch q.Predicate {
		case schema.Path:
			dv.Path = t
		case schema.Headline:
			dv.Headline = t
		case schema.URL:
			dv.URL = t
		case schema.DatePublished:
			dv.Date = t
		case schema.ContentHash:
			dv.Hash = t
		}
	}
	return dv, nil
}

// FindDocument resolves what a user typed to name a document: its IRI (with
// or without angle brackets), its ID or path as stored in kgv:path (also
// matched after cleaning and making both absolute), or the part of the IRI
// after "doc/".
func (s *Store) FindDocument(ctx context.Context, ref string) (quad.IRI, error) {
	defer s.rlock()()
	r := s.newReader(ctx)
	iris, err := r.docIRIs()
	if err != nil {
		return "", fmt.Errorf("graph: find document: %w", err)
	}
	ref = strings.TrimSpace(ref)
	bare := strings.TrimSuffix(strings.TrimPrefix(ref, "<"), ">")
	absRef, _ := filepath.Abs(ref)
	var matches []quad.IRI
	for _, d := range iris {
		dv, err := r.docView(d)
		if err != nil {
			return "", fmt.Errorf("graph: find document: %w", err)
		}
		tail := string(d)
		if i := strings.Index(tail, "doc/"); i >= 0 {
			tail = tail[i+len("doc/"):]
		}
		absPath := ""
		if dv.Path != "" {
			absPath, _ = filepath.Abs(dv.Path)
		}
		switch {
		case string(d) == bare:
			return d, nil // an exact IRI is never ambiguous
		case dv.Path != "" && (dv.Path == ref || filepath.Clean(dv.Path) == filepath.Clean(ref) || (absRef != "" && absPath == absRef)),
			tail == ref:
			matches = append(matches, d)
		}
	}
	switch len(matches) {
	case 0:
		return "", fmt.Errorf("graph: no document %q (see `kg docs`)", ref)
	case 1:
		return matches[0], nil
	}
	names := make([]string, len(matches))
	for i, m := range matches {
		names[i] = m.String()
	}
	return "", fmt.Errorf("graph: %q names several documents: %s", ref, strings.Join(names, ", "))
}

// MaxSuggestions caps the close matches Resolve offers.
const MaxSuggestions = 5

// nameEntry is one schema:name or schema:alternateName of a node.
type nameEntry struct {
	iri       quad.IRI
	text      string
	norm      string
	canonical bool
}

func (r *reader) names() ([]nameEntry, error) {
	var out []nameEntry
	seen := map[[2]string]bool{}
	for _, p := range []quad.IRI{schema.Name, schema.AlternateName} {
		qs, err := r.s.quadsOf(r.ctx, quad.Predicate, p)
		if err != nil {
			return nil, err
		}
		for _, q := range qs {
			iri, ok := q.Subject.(quad.IRI)
			if !ok {
				continue
			}
			text := literalText(q.Object)
			k := [2]string{string(iri), text}
			if seen[k] {
				continue
			}
			seen[k] = true
			out = append(out, nameEntry{iri: iri, text: text, norm: normName(text), canonical: p == schema.Name})
		}
	}
	return out, nil
}

// normName folds case, apostrophe styles and runs of spaces so that names
// match the way people type them; it is schema.NormName, the key of the
// name index.
func normName(s string) string { return schema.NormName(s) }

// Resolve finds the entity a user means by name: an exact match of its
// schema:name or any schema:alternateName, ignoring case; an IRI
// ("kg:vladimir-putin" or "<kg:vladimir-putin>") is accepted as is.
// When several entities share the name, canonical names beat aliases, then
// the entity in more facts wins, and suggestions lists the others (the
// first MaxSuggestions of them in that order: a common word such as
// "meeting" can name a thousand document-scoped entities).
//
// Failing an exact match, a name that is a whole word (or run of words) of
// exactly one entity's names resolves to it: "zelensky" finds "Ukrainian
// President Volodymyr Zelensky".
//
// An unknown name is not an error: iri is empty and suggestions lists up to
// MaxSuggestions close names (by prefix, word or edit distance). Each
// suggestion is a canonical name, followed by the IRI in angle brackets
// when that name alone would be ambiguous, so it can be passed back as is.
//
// On a store written with the name index (schema.NameKey) the exact and
// the word match are a few hash look-ups of the folded name and its words
// (resolveIndexed); only a name the index does not know, or a word shared
// by very many entities, falls back to reading every name in the store
// (resolveByScan), which also serves stores built before the index.
func (s *Store) Resolve(ctx context.Context, name string) (iri quad.IRI, suggestions []string, err error) {
	defer s.rlock()()
	name = strings.TrimSpace(name)
	if name == "" {
		return "", nil, fmt.Errorf("graph: resolve: empty name")
	}
	x := s.newIxReader(ctx)
	if bare := strings.TrimSuffix(strings.TrimPrefix(name, "<"), ">"); strings.Contains(bare, ":") && !strings.ContainsAny(bare, " \t") {
		types, err := x.objects(quad.IRI(bare), schema.RDFType, 1)
		if err != nil {
			return "", nil, fmt.Errorf("graph: resolve %q: %w", name, err)
		}
		if len(types) > 0 {
			return quad.IRI(bare), nil, nil
		}
	}
	indexed, err := x.hasNameIndex()
	if err != nil {
		return "", nil, fmt.Errorf("graph: resolve %q: %w", name, err)
	}
	if indexed {
		iri, suggestions, done, err := x.resolveIndexed(name)
		if err != nil {
			return "", nil, fmt.Errorf("graph: resolve %q: %w", name, err)
		}
		if done {
			return iri, suggestions, nil
		}
	}
	return x.resolveByScan(name)
}

// resolveByScan is Resolve by reading every name and alias in the store.
func (x *ixReader) resolveByScan(name string) (iri quad.IRI, suggestions []string, err error) {
	r := x.reader
	entries, err := r.names()
	if err != nil {
		return "", nil, fmt.Errorf("graph: resolve %q: %w", name, err)
	}
	canon := map[quad.IRI]string{}
	byName := map[string][]quad.IRI{} // canonical name → entities, to spot ambiguity
	for _, e := range entries {
		if e.canonical {
			if _, ok := canon[e.iri]; !ok {
				canon[e.iri] = e.text
				byName[e.norm] = append(byName[e.norm], e.iri)
			}
		}
	}
	display := func(n quad.IRI) string {
		c, ok := canon[n]
		if !ok {
			return n.String()
		}
		if len(byName[normName(c)]) > 1 {
			return c + " " + n.String()
		}
		return c
	}

	want := normName(name)
	type cand struct {
		iri       quad.IRI
		canonical bool
		facts     int
	}
	var cands []cand
	idx := map[quad.IRI]int{}
	for _, e := range entries {
		if e.norm != want {
			continue
		}
		if i, ok := idx[e.iri]; ok {
			cands[i].canonical = cands[i].canonical || e.canonical
			continue
		}
		idx[e.iri] = len(cands)
		cands = append(cands, cand{iri: e.iri, canonical: e.canonical})
	}
	if len(cands) > 0 {
		if len(cands) > 1 {
			for i := range cands {
				in, err := r.inQuads(cands[i].iri)
				if err != nil {
					return "", nil, fmt.Errorf("graph: resolve %q: %w", name, err)
				}
				cands[i].facts = len(in)
			}
		}
		sort.SliceStable(cands, func(i, j int) bool {
			a, b := cands[i], cands[j]
			if a.canonical != b.canonical {
				return a.canonical
			}
			if a.facts != b.facts {
				return a.facts > b.facts
			}
			return a.iri < b.iri
		})
		for _, c := range cands[1:min(len(cands), 1+MaxSuggestions)] {
			suggestions = append(suggestions, display(c.iri))
		}
		return cands[0].iri, suggestions, nil
	}

	// A word or run of words of exactly one entity's names ("zelensky"
	// for "Ukrainian President Volodymyr Zelensky") names that entity.
	padded := " " + want + " "
	var wordMatch []quad.IRI
	seenWord := map[quad.IRI]bool{}
	for _, e := range entries {
		if !seenWord[e.iri] && strings.Contains(" "+e.norm+" ", padded) {
			seenWord[e.iri] = true
			wordMatch = append(wordMatch, e.iri)
		}
	}
	if len(wordMatch) == 1 {
		return wordMatch[0], nil, nil
	}

	// Unknown or ambiguous: rank every name by how close it is.
	best := map[quad.IRI]float64{}
	for _, e := range entries {
		sc, ok := closeness(want, e.norm)
		if !ok {
			continue
		}
		if old, seen := best[e.iri]; !seen || sc < old {
			best[e.iri] = sc
		}
	}
	ranked := make([]quad.IRI, 0, len(best))
	for n := range best {
		ranked = append(ranked, n)
	}
	sort.Slice(ranked, func(i, j int) bool {
		if best[ranked[i]] != best[ranked[j]] {
			return best[ranked[i]] < best[ranked[j]]
		}
		return display(ranked[i]) < display(ranked[j])
	})
	for _, n := range ranked {
		if len(suggestions) == MaxSuggestions {
			break
		}
		suggestions = append(suggestions, display(n))
	}
	return "", suggestions, nil
}

// closeness scores how well a typed name q matches a known name n (both
// normalised); lower is closer, ok is false when they are unrelated.
func closeness(q, n string) (float64, bool) {
	if q == "" || n == "" {
		return 0, false
	}
	qr := []rune(q)
	if len(qr) >= 2 && strings.HasPrefix(n, q) {
		return 0.5, true
	}
	words := strings.Fields(n)
	if len(qr) >= 3 {
		for _, w := range words {
			if strings.HasPrefix(w, q) {
				return 0.6, true
			}
		}
		if strings.Contains(n, q) {
			return 0.8, true
		}
	}
	maxDist := 1 + len(qr)/4
	bestD := levenshtein(q, n, maxDist)
	if len(words) > 1 && !strings.Contains(q, " ") {
		for _, w := range words {
			if d := levenshtein(q, w, maxDist); d < bestD {
				bestD = d
			}
		}
	}
	if bestD <= maxDist {
		return float64(bestD), true
	}
	return 0, false
}

// levenshtein returns the edit distance between a and b in runes, or
// max+1 when it exceeds max (checked cheaply from the lengths first).
func levenshtein(a, b string, max int) int {
	ar, br := []rune(a), []rune(b)
	if d := len(ar) - len(br); d > max || -d > max {
		return max + 1
	}
	prev := make([]int, len(br)+1)
	cur := make([]int, len(br)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ar); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(br); j++ {
			cost := 1
			if ar[i-1] == br[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > max {
			return max + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(br)]
}
