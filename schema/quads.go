package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/cayleygraph/quad"
	"github.com/kg-project/kg/extract/document"
)

// HashContent returns the hash stored on a document node. It covers the text and
// the metadata that end up in the graph, plus the extractor version and the
// schema Version, so an unchanged document can be skipped without
// re-extracting it and a new extractor or a new mapping invalidates old
// results.
func HashContent(doc *document.Document, extractorVersion string) string {
	h := sha256.New()
	for _, s := range []string{extractorVersion, Version, doc.ID, doc.Title, doc.Date, doc.URL, doc.Text} {
		h.Write([]byte(s))
		h.Write([]byte{0})
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil))
}

// Mapper turns extracted documents into quads.
type Mapper struct {
	Minter Minter
	// MinConfidence drops facts below this confidence.
	MinConfidence float64
}

// Class returns the schema.org class for an entity type.
func Class(t document.EntityType) quad.IRI {
	switch t {
	case document.Person:
		return ClassPerson
	case document.Org:
		return ClassOrganization
	case document.GPE, document.Loc:
		return ClassPlace
	case document.Event, document.Concept:
		return ClassEvent
	case document.NORP:
		return ClassGroup
	case document.Artifact:
		return ClassCreativeWork
	default:
		return ClassThing
	}
}

// valueEntity reports whether entities of type t are literals (dates, times)
// rather than nodes.
func valueEntity(t document.EntityType) bool {
	return t == document.Date || t == document.Time
}

// Quads maps doc to quads, every one labelled with the document IRI. hash is
// the document's ContentHash. The result is deterministic and free of
// duplicates.
func (m Mapper) Quads(doc *document.Document, hash string) []quad.Quad {
	label := m.Minter.Document(doc.ID)
	// Sized for a typical news article's quads (fewer than 8 per entity and
	// 11 per fact on Reuters, name index included): in a Reuters build's
	// profile, inserting into the map and appending to the slice as they
	// grew step by step took 2 of the mapping's 4.9 CPU-seconds.
	size := 8 + 8*len(doc.Entities) + 11*len(doc.Facts)
	out := make([]quad.Quad, 0, size)
	seen := make(map[quad.Quad]struct{}, size)
	add := func(s, p, o quad.Value) {
		q := quad.Quad{Subject: s, Predicate: p, Object: o, Label: label}
		if _, dup := seen[q]; dup {
			return
		}
		seen[q] = struct{}{}
		out = append(out, q)
	}
	// addKeys writes the name index of one name or alias of iri (see
	// NameKey): its folded form, and each of its words. An alias that folds
	// to the canonical name adds nothing, the NameKey already finds it.
	addKeys := func(iri quad.IRI, name string, canonical bool) {
		norm := NormName(name)
		if norm == "" {
			return
		}
		if canonical {
			add(iri, NameKey, quad.String(norm))
		} else if _, dup := seen[quad.Quad{Subject: iri, Predicate: NameKey, Object: quad.String(norm), Label: label}]; !dup {
			add(iri, AliasKey, quad.String(norm))
		}
		for _, w := range NameWords(norm) {
			add(iri, NameWord, quad.String(w))
		}
	}

	add(label, RDFType, ClassNewsArticle)
	add(label, Path, quad.String(doc.ID))
	add(label, ContentHash, quad.String(hash))
	if doc.Title != "" {
		add(label, Headline, quad.String(doc.Title))
	}
	if doc.URL != "" {
		add(label, URL, quad.String(doc.URL))
	}
	if doc.Date != "" {
		add(label, DatePublished, quad.TypedString{Value: quad.String(doc.Date), Type: XSDDate})
	}

	// Entity nodes. Value entities (dates) stay literals.
	iris := make([]quad.IRI, len(doc.Entities))
	for i := range doc.Entities {
		e := &doc.Entities[i]
		if valueEntity(e.Type) || strings.TrimSpace(e.Name) == "" {
			continue
		}
		iri := m.Minter.Entity(doc, e)
		iris[i] = iri
		add(iri, RDFType, Class(e.Type))
		add(iri, Name, quad.String(e.Name))
		addKeys(iri, e.Name, true)
		for _, a := range e.Aliases {
			if a != e.Name && strings.TrimSpace(a) != "" {
				add(iri, AlternateName, quad.String(a))
				addKeys(iri, a, false)
			}
		}
		add(iri, MentionedIn, label)
	}
	// Titled forms are aliases too: "US President Donald Trump" and
	// "President Trump" were written in the article and a reader will look
	// the person up by them.
	for i := range doc.Mentions {
		mn := &doc.Mentions[i]
		if mn.Kind != document.Name || mn.Title == "" || mn.Entity < 0 || mn.Entity >= len(iris) || iris[mn.Entity] == "" {
			continue
		}
		titled := strings.Join(strings.Fields(mn.Title+" "+mn.Text), " ")
		if titled != doc.Entities[mn.Entity].Name {
			add(iris[mn.Entity], AlternateName, quad.String(titled))
			addKeys(iris[mn.Entity], titled, false)
		}
	}

	argValue := func(a *document.Argument) quad.Value {
		if a.Entity >= 0 && a.Entity < len(iris) && iris[a.Entity] != "" {
			return iris[a.Entity]
		}
		if a.Entity >= 0 && a.Entity < len(doc.Entities) && a.Value == "" {
			e := &doc.Entities[a.Entity]
			if e.Value != "" {
				return literal(e.Value, "xsd:date")
			}
		}
		if a.Value != "" {
			return literal(a.Value, a.Datatype)
		}
		return quad.String(strings.TrimSpace(a.Text))
	}

	for i := range doc.Facts {
		f := &doc.Facts[i]
		if f.Confidence < m.MinConfidence || len(f.Args) == 0 || f.Predicate == "" {
			continue
		}
		fn := m.Minter.Fact(doc.ID, f)
		add(fn, RDFType, ClassFact)
		add(fn, Predicate, quad.String(f.Predicate))
		for j := range f.Args {
			a := &f.Args[j]
			if a.Role == "" {
				continue
			}
			add(fn, Role(a.Role), argValue(a))
		}
		if f.Sentence >= 0 && f.Sentence < len(doc.Sentences) {
			add(fn, Sentence, quad.String(doc.SentenceText(f.Sentence)))
			add(fn, SentenceNum, quad.Int(f.Sentence))
		}
		add(fn, Start, quad.Int(f.Start))
		add(fn, End, quad.Int(f.End))
		add(fn, Confidence, quad.Float(round3(f.Confidence)))
		add(fn, Source, label)
		if f.Negated {
			add(fn, Negated, quad.Bool(true))
		}
		if f.Modality != "" {
			add(fn, Modality, quad.String(f.Modality))
		}
		attributed := f.AttributedTo >= 0 && f.AttributedTo < len(iris) && iris[f.AttributedTo] != ""
		if attributed {
			add(fn, AttributedTo, iris[f.AttributedTo])
		}

		// The direct edge: only for asserted, positive facts whose subject
		// is an entity node.
		subj := f.Subject()
		if f.Negated || f.AttributedTo >= 0 || subj.Entity < 0 || subj.Entity >= len(iris) || iris[subj.Entity] == "" {
			continue
		}
		if obj := directObject(f); obj != nil {
			add(iris[subj.Entity], Relation(f.Predicate), argValue(obj))
		}
	}
	return out
}

// directObject picks the argument a direct edge points to: the object if
// any, else the first entity argument, else the first literal argument.
func directObject(f *document.Fact) *document.Argument {
	if o := f.Arg("object"); o != nil {
		return o
	}
	for i := 1; i < len(f.Args); i++ {
		if f.Args[i].Entity >= 0 {
			return &f.Args[i]
		}
	}
	if len(f.Args) > 1 {
		return &f.Args[1]
	}
	return nil
}

func literal(value, datatype string) quad.Value {
	switch datatype {
	case "":
		return quad.String(value)
	case "xsd:date":
		datatype = XSDDate
	case "xsd:dateTime":
		datatype = XSDDateTime
	case "xsd:duration":
		datatype = XSDDuration
	case "xsd:gYear":
		datatype = XSDGYear
	}
	return quad.TypedString{Value: quad.String(value), Type: quad.IRI(datatype)}
}

func round3(f float64) float64 {
	return float64(int64(f*1000+0.5)) / 1000
}

// cleanName turns a predicate or role into an IRI-safe local name: lower
// case, spaces to underscores, anything else not alphanumeric dropped.
func cleanName(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r == ' ' || r == '-' || r == '_':
			b.WriteByte('_')
		case r < 128 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z'):
			b.WriteRune(r)
		case r >= 128:
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "related_to"
	}
	return b.String()
}
