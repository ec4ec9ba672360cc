// Package schema owns the graph vocabulary: which IRIs name entities, facts,
// documents and predicates, and how an extracted document becomes quads.
//
// The model, in short (README.md has the long version with examples):
//
//   - An entity is one node, <kg:vladimir-putin>: the configurable base ("kg:"
//     by default) followed by a slug of its canonical name. It carries rdf:type
//     (a schema.org class), schema:name and one schema:alternateName per alias.
//   - Every fact is a node <kg:fact/HASH> of type kgv:Fact with its predicate as
//     a literal (kgv:predicate "invite") and one edge per argument role
//     (kgv:subject, kgv:object, kgv:recipient, kgv:destination, kgv:location,
//     kgv:time, ...), plus its provenance: sentence text, byte offsets,
//     confidence and the source document.
//   - Asserted facts between two entities (or an entity and a literal) are
//     also written as a direct edge, <kg:vladimir-putin> <kgv:invite>
//     <kg:donald-trump>, so simple questions are one hop. Negated facts and
//     reported speech (attributed to a speaker) get no direct edge: the graph
//     must not state as true what the article only quotes or denies.
//   - A document is a node <kg:doc/PATH> of type schema:NewsArticle. Every
//     quad derived from a document is labelled with the document's IRI, so a
//     document's facts can be listed and retracted by label.
//
// Our own vocabulary lives under the "kgv:" scheme, separate from entity IRIs,
// so that an entity slug can never collide with a predicate name. Standard
// terms (rdf:type, schema.org) use their full IRIs so exports stay valid RDF.
package schema

import "github.com/cayleygraph/quad"

// DefaultBase is the prefix of entity, fact and document IRIs.
const DefaultBase = "kg:"

// Vocab is the prefix of every predicate and class we define ourselves.
const Vocab = "kgv:"

// Standard vocabulary.
const (
	RDFType       = quad.IRI("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
	Name          = quad.IRI("http://schema.org/name")
	AlternateName = quad.IRI("http://schema.org/alternateName")
	Headline      = quad.IRI("http://schema.org/headline")
	URL           = quad.IRI("http://schema.org/url")
	DatePublished = quad.IRI("http://schema.org/datePublished")

	ClassPerson       = quad.IRI("http://schema.org/Person")
	ClassOrganization = quad.IRI("http://schema.org/Organization")
	ClassPlace        = quad.IRI("http://schema.org/Place")
	ClassEvent        = quad.IRI("http://schema.org/Event")
	ClassNewsArticle  = quad.IRI("http://schema.org/NewsArticle")
	ClassCreativeWork = quad.IRI("http://schema.org/CreativeWork")
	ClassThing        = quad.IRI("http://schema.org/Thing")

	XSDDate     = "http://www.w3.org/2001/XMLSchema#date"
	XSDDateTime = "http://www.w3.org/2001/XMLSchema#dateTime"
	XSDDuration = "http://www.w3.org/2001/XMLSchema#duration"
	XSDGYear    = "http://www.w3.org/2001/XMLSchema#gYear"
)

// Our vocabulary: classes and the predicates of fact and document nodes.
const (
	ClassFact = quad.IRI(Vocab + "Fact")
	// ClassGroup types nationality and political-group nodes (NORP).
	ClassGroup = quad.IRI(Vocab + "Group")

	Predicate    = quad.IRI(Vocab + "predicate")     // fact → "invite"
	Sentence     = quad.IRI(Vocab + "sentence")      // fact → sentence text
	SentenceNum  = quad.IRI(Vocab + "sentenceIndex") // fact → 0-based index in the document
	Start        = quad.IRI(Vocab + "start")         // fact → byte offset of the evidence
	End          = quad.IRI(Vocab + "end")           // fact → byte offset past the evidence
	Confidence   = quad.IRI(Vocab + "confidence")    // fact → float in [0,1]
	Source       = quad.IRI(Vocab + "source")        // fact → document
	Negated      = quad.IRI(Vocab + "negated")       // fact → true
	Modality     = quad.IRI(Vocab + "modality")      // fact → "would"
	AttributedTo = quad.IRI(Vocab + "attributedTo")  // fact → speaker entity
	MentionedIn  = quad.IRI(Vocab + "mentionedIn")   // entity → document
	ContentHash  = quad.IRI(Vocab + "contentHash")   // document → "sha256:…"
	Path         = quad.IRI(Vocab + "path")          // document → its ID (path, or path#id)
	TitleWords   = quad.IRI(Vocab + "titleText")     // entity → full title as written ("US President")

	// Name-index predicates: an entity points at its names in the folded
	// form NormName gives, so that a reader can find the entity a user
	// typed by one exact look-up of that literal (Cayley's value index is a
	// hash) followed by its incoming quads, instead of scanning every name
	// in the store. NameKey holds the canonical name, AliasKey each alias,
	// NameWord each word of a multi-word name or alias ("putin" for
	// "vladimir putin"), for look-ups by surname or any other word.
	NameKey  = quad.IRI(Vocab + "nameKey")  // entity → "vladimir putin"
	AliasKey = quad.IRI(Vocab + "aliasKey") // entity → "the russian president"
	NameWord = quad.IRI(Vocab + "nameWord") // entity → "putin"
)

// Role returns the predicate linking a fact node to its argument in role r
// ("subject", "object", "recipient", ...).
func Role(r string) quad.IRI { return quad.IRI(Vocab + cleanName(r)) }

// Relation returns the predicate of the direct edge for a fact predicate
// ("invite", "located_in").
func Relation(p string) quad.IRI { return quad.IRI(Vocab + cleanName(p)) }

// LocalName strips the vocabulary prefix from a predicate IRI, for display.
func LocalName(iri quad.IRI) string {
	s := string(iri)
	if len(s) > len(Vocab) && s[:len(Vocab)] == Vocab {
		return s[len(Vocab):]
	}
	return s
}
