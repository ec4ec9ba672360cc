package graph

import (
	"context"
	"fmt"
	"sort"
	"strings"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/quad"

	"github.com/kg-project/kg/schema"
)

// ArgView is one argument of a fact as shown to a user.
type ArgView struct {
	Role string `json:"role"`
	// IRI is set when the argument is a node (an entity); empty for a
	// literal.
	IRI quad.IRI `json:"iri,omitempty"`
	// Name is the entity's schema:name, or the literal's text.
	Name string `json:"name"`
	// Datatype is the literal's datatype ("xsd:date"), if any.
	Datatype string `json:"datatype,omitempty"`
}

// FactView is one fact node with everything needed to show it and its
// provenance.
type FactView struct {
	IRI       quad.IRI `json:"iri"`
	Predicate string   `json:"predicate"`
	// Args lists the arguments: subject first, then object, then the other
	// roles in alphabetical order.
	Args       []ArgView `json:"args"`
	Sentence   string    `json:"sentence,omitempty"`
	Doc        quad.IRI  `json:"doc,omitempty"`
	DocTitle   string    `json:"doc_title,omitempty"`
	DocPath    string    `json:"doc_path,omitempty"`
	Confidence float64   `json:"confidence"`
	// Start and End are the byte offsets of the evidence in the document.
	Start        int      `json:"start"`
	End          int      `json:"end"`
	Negated      bool     `json:"negated,omitempty"`
	Modality     string   `json:"modality,omitempty"`
	AttributedTo *ArgView `json:"attributed_to,omitempty"`
}

// Arg returns the first argument with the given role, or nil.
func (f *FactView) Arg(role string) *ArgView {
	for i := range f.Args {
		if f.Args[i].Role == role {
			return &f.Args[i]
		}
	}
	return nil
}

// Involves reports whether iri fills any role of the fact, the speaker
// included.
func (f *FactView) Involves(iri quad.IRI) bool {
	for _, a := range f.Args {
		if a.IRI == iri {
			return true
		}
	}
	return f.AttributedTo != nil && f.AttributedTo.IRI == iri
}

// factBookkeeping are the fact-node predicates that are not argument roles.
var factBookkeeping = map[quad.IRI]bool{
	schema.RDFType: true, schema.Predicate: true, schema.Sentence: true, schema.SentenceNum: true,
	schema.Start: true, schema.End: true, schema.Confidence: true, schema.Source: true,
	schema.Negated: true, schema.Modality: true, schema.AttributedTo: true,
}

// FactsAbout returns every fact in which entity fills any role (subject,
// object, recipient, location, ..., or speaker), sorted by predicate, then
// document, then position.
//
// The facts are the subjects of the entity's incoming quads that are typed
// kgv:Fact (one exact index key each); only those facts' own quads are
// read, and their arguments are named through the (subject, name) index
// range, never by loading an argument's every quad.
func (s *Store) FactsAbout(ctx context.Context, entity quad.IRI) ([]FactView, error) {
	defer s.rlock()()
	x := s.newIxReader(ctx)
	refs, err := x.factsOf(entity)
	if err != nil {
		return nil, fmt.Errorf("graph: facts about %s: %w", entity, err)
	}
	facts, err := x.factViews(refs)
	if err != nil {
		return nil, fmt.Errorf("graph: facts about %s: %w", entity, err)
	}
	return facts, nil
}

// FactsBetween returns every fact in which both a and b fill a role, in
// either direction (a subject and b object, or the reverse, or any other
// pair of roles).
//
// It intersects the two entities' incoming quads by subject before it
// reads any fact: the incoming quads of both are walked in step, and when
// the smaller side runs out its subjects are checked against the other's
// (or, for those the other side has not reached yet, against the fact's
// own few quads), so a famous entity's thousands of facts are not read to
// answer a question about a rare one.
func (s *Store) FactsBetween(ctx context.Context, a, b quad.IRI) ([]FactView, error) {
	defer s.rlock()()
	x := s.newIxReader(ctx)
	refs, err := x.factsBetween(a, b)
	if err != nil {
		return nil, fmt.Errorf("graph: facts between %s and %s: %w", a, b, err)
	}
	facts, err := x.factViews(refs)
	if err != nil {
		return nil, fmt.Errorf("graph: facts between %s and %s: %w", a, b, err)
	}
	out := facts[:0]
	for _, f := range facts {
		if f.Involves(a) && f.Involves(b) {
			out = append(out, f)
		}
	}
	return out, nil
}

// factViews reads the given fact nodes, sorted.
func (x *ixReader) factViews(refs []cgraph.Ref) ([]FactView, error) {
	iris, err := x.iris(refs)
	if err != nil {
		return nil, err
	}
	out := make([]FactView, 0, len(iris))
	for _, f := range iris {
		fv, err := x.factView(f)
		if err != nil {
			return nil, err
		}
		out = append(out, fv)
	}
	sortFacts(out)
	return out, nil
}

// sortFacts orders facts by predicate, document, position and IRI, so
// output is stable across runs.
func sortFacts(fs []FactView) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := &fs[i], &fs[j]
		if a.Predicate != b.Predicate {
			return a.Predicate < b.Predicate
		}
		if a.Doc != b.Doc {
			return a.Doc < b.Doc
		}
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		return a.IRI < b.IRI
	})
}

// factView assembles a fact node's quads into a FactView.
func (r *ixReader) factView(fact quad.IRI) (FactView, error) {
	qs, err := r.outTriples(fact)
	if err != nil {
		return FactView{}, err
	}
	fv := FactView{IRI: fact}
	for _, q := range qs {
		p, _ := q.Predicate.(quad.IRI)
		switch p {
		case schema.RDFType, schema.SentenceNum:
		case schema.Predicate:
			fv.Predicate = literalText(q.Object)
		case schema.Sentence:
			fv.Sentence = literalText(q.Object)
		case schema.Start:
			fv.Start, _ = toInt(q.Object)
		case schema.End:
			fv.End, _ = toInt(q.Object)
		case schema.Confidence:
			fv.Confidence, _ = toFloat(q.Object)
		case schema.Source:
			if doc, ok := q.Object.(quad.IRI); ok && fv.Doc == "" {
				fv.Doc = doc
			}
		case schema.Negated:
			b, ok := quad.NativeOf(q.Object).(bool)
			fv.Negated = !ok || b
		case schema.Modality:
			fv.Modality = literalText(q.Object)
		case schema.AttributedTo:
			a, err := r.argView("speaker", q.Object)
			if err != nil {
				return FactView{}, err
			}
			fv.AttributedTo = &a
		default:
			if !strings.HasPrefix(string(p), schema.Vocab) {
				continue // a statement about the fact node we don't display
			}
			a, err := r.argView(schema.LocalName(p), q.Object)
			if err != nil {
				return FactView{}, err
			}
			fv.Args = append(fv.Args, a)
		}
	}
	sortArgs(fv.Args)
	if fv.Doc != "" {
		// Facts between two entities often share a document: read its
		// title and path once per call.
		d, ok := r.docs[fv.Doc]
		if !ok {
			if d[0], err = r.firstText(fv.Doc, schema.Headline); err != nil {
				return FactView{}, err
			}
			if d[1], err = r.firstText(fv.Doc, schema.Path); err != nil {
				return FactView{}, err
			}
			if r.docs == nil {
				r.docs = map[quad.IRI][2]string{}
			}
			r.docs[fv.Doc] = d
		}
		fv.DocTitle, fv.DocPath = d[0], d[1]
	}
	return fv, nil
}

// outTriples returns node v's outgoing quads, one per distinct predicate
// and object (as reader.outQuads does). On bbolt they are read from v's
// index keys and their predicates and objects named in one batch, rather
// than through Cayley's generic quad reader, which names every direction
// of every quad separately.
func (r *ixReader) outTriples(v quad.Value) ([]quad.Quad, error) {
	if r.kv == nil || !r.kv.hasKeys() {
		return r.outQuads(v)
	}
	vr, err := r.ref(v)
	if err != nil || vr == nil {
		return nil, err
	}
	var prims []cgraph.Ref
	seen := map[[2]interface{}]bool{}
	var qerr error
	err = r.eachMatch(match{quad.Subject: vr}, func(q cgraph.Ref) bool {
		p, err1 := r.s.qs.QuadDirection(q, quad.Predicate)
		o, err2 := r.s.qs.QuadDirection(q, quad.Object)
		if err := firstErr(err1, err2); err != nil || p == nil || o == nil {
			qerr = err
			return err == nil
		}
		k := [2]interface{}{p.Key(), o.Key()}
		if !seen[k] {
			seen[k] = true
			prims = append(prims, p, o)
		}
		return true
	})
	if err == nil {
		err = qerr
	}
	if err != nil {
		return nil, err
	}
	vals, err := r.valuesOf(prims)
	if err != nil {
		return nil, err
	}
	out := make([]quad.Quad, 0, len(vals)/2)
	for i := 0; i+1 < len(vals); i += 2 {
		if vals[i] != nil && vals[i+1] != nil {
			out = append(out, quad.Quad{Subject: v, Predicate: vals[i], Object: vals[i+1]})
		}
	}
	return out, nil
}

func (r *ixReader) argView(role string, v quad.Value) (ArgView, error) {
	a := ArgView{Role: role}
	switch v := v.(type) {
	case quad.IRI:
		a.IRI = v
		name, err := r.nameOf(v)
		if err != nil {
			return ArgView{}, err
		}
		a.Name = name
	case quad.TypedString:
		a.Name = string(v.Value)
		a.Datatype = shortIRI(v.Type)
	default:
		a.Name = literalText(v)
	}
	return a, nil
}

// roleRank puts the subject first and the object second.
func roleRank(role string) int {
	switch role {
	case "subject":
		return 0
	case "object":
		return 1
	}
	return 2
}

func sortArgs(as []ArgView) {
	sort.SliceStable(as, func(i, j int) bool {
		ri, rj := roleRank(as[i].Role), roleRank(as[j].Role)
		if ri != rj {
			return ri < rj
		}
		if as[i].Role != as[j].Role {
			return as[i].Role < as[j].Role
		}
		return as[i].Name < as[j].Name
	})
}
