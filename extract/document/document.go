// Package document holds the annotation types that the extraction stages
// fill in: a Document is created from raw text, the segmenter adds Sentences
// and Tokens, the tagger and parser annotate tokens, the recogniser adds
// Mentions, the relation extractor adds Facts and the resolver groups
// mentions into Entities.
//
// Every annotation keeps byte offsets into Document.Text so that provenance
// (which characters of which sentence a fact came from) survives all stages.
// The package has no dependencies so that every stage, and the code that maps
// documents to a graph, can share it without import cycles.
package document

// Span is a half-open byte range [Start, End) into Document.Text.
type Span struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

// Len returns the number of bytes the span covers.
func (s Span) Len() int { return s.End - s.Start }

// Token is one word or punctuation mark.
type Token struct {
	Span
	// Text is the token exactly as it appears in the document.
	Text string `json:"text"`
	// Norm is the form the models see: curly quotes and apostrophes made
	// straight, dashes unified. Equal to Text for most tokens.
	Norm string `json:"norm,omitempty"`
	// SpaceAfter reports whether whitespace follows the token in the text.
	SpaceAfter bool `json:"space_after,omitempty"`

	UPOS string `json:"upos,omitempty"` // Universal POS tag
	XPOS string `json:"xpos,omitempty"` // Penn Treebank tag
	// Supertag is the tagger's guess of the word's relation and the side
	// of its head (depparse.Supertags), which the parser reads; it is not
	// part of the output.
	Supertag string `json:"-"`
	Lemma    string `json:"lemma,omitempty"` // dictionary form
	// Head is the index (within the sentence) of the syntactic head, or -1
	// for the root. Meaningful only once the parser has run.
	Head   int    `json:"head"`
	DepRel string `json:"deprel,omitempty"` // Universal Dependencies relation
}

// Sentence is a run of tokens; token indices in annotations are relative to
// the sentence.
type Sentence struct {
	Span
	Tokens []Token `json:"tokens"`
}

// Words returns the model-facing form (Norm, falling back to Text) of each token.
func (s *Sentence) Words() []string {
	w := make([]string, len(s.Tokens))
	for i, t := range s.Tokens {
		if t.Norm != "" {
			w[i] = t.Norm
		} else {
			w[i] = t.Text
		}
	}
	return w
}

// EntityType is a coarse named-entity class.
type EntityType string

// The entity classes the recogniser produces. GPE (countries, cities,
// states) and LOC (other places) are both places for the graph.
const (
	Person   EntityType = "PERSON"
	Org      EntityType = "ORG"
	GPE      EntityType = "GPE"
	Loc      EntityType = "LOC"
	NORP     EntityType = "NORP" // nationalities, religious and political groups
	Date     EntityType = "DATE"
	Time     EntityType = "TIME"
	Event    EntityType = "EVENT"
	Artifact EntityType = "ART"
	Natural  EntityType = "NAT" // natural phenomena
	Misc     EntityType = "MISC"
	// Concept marks a non-named argument that still deserves a node, such
	// as "the summit" when it anchors event facts.
	Concept EntityType = "CONCEPT"
)

// IsPlace reports whether t denotes a location of any kind.
func (t EntityType) IsPlace() bool { return t == GPE || t == Loc }

// Mention is one occurrence of an entity (a name, a description or a
// pronoun) in a sentence.
type Mention struct {
	Span
	Sentence int `json:"sentence"`
	// Start and End are token indices [Start, End) within the sentence.
	Start int        `json:"tok_start"`
	End   int        `json:"tok_end"`
	Text  string     `json:"text"`
	Type  EntityType `json:"type"`
	// Kind says whether this is a proper name, a description or a pronoun.
	Kind       MentionKind `json:"kind"`
	Confidence float64     `json:"confidence"`
	// Entity is the index into Document.Entities once resolved, else -1.
	Entity int `json:"entity"`
	// Group lists the entities a plural mention refers to ("both leaders",
	// "Trump and Putin"); empty for singular mentions.
	Group []int `json:"group,omitempty"`
	// Title holds the title or role words that precede a person's name and
	// are kept outside the name span ("US President", "Ukrainian President").
	Title string `json:"title,omitempty"`
}

// MentionKind distinguishes names from descriptions and pronouns.
type MentionKind string

// Mention kinds.
const (
	Name        MentionKind = "name"
	Nominal     MentionKind = "nominal" // "the Russian leader", "the summit"
	Pronominal  MentionKind = "pronoun"
	ValueString MentionKind = "value" // dates, durations, numbers
)

// Entity is one real-world thing mentioned in a document.
type Entity struct {
	// Name is the canonical name: the longest proper name seen, without
	// titles ("Donald Trump", not "US President Donald Trump").
	Name string     `json:"name"`
	Type EntityType `json:"type"`
	// Aliases lists every distinct surface name seen, including Name.
	Aliases []string `json:"aliases,omitempty"`
	// Mentions are indices into Document.Mentions.
	Mentions []int `json:"mentions,omitempty"`
	// Value is a normalised literal for value entities (xsd:date for dates).
	Value string `json:"value,omitempty"`
}

// Argument is one participant of a fact, with its role.
type Argument struct {
	Span
	// Role names the argument's part in the fact: subject, object,
	// recipient, location, destination, time, topic, purpose, ...
	Role string `json:"role"`
	Text string `json:"text"`
	// Entity is the index into Document.Entities, or -1 for a literal.
	Entity int `json:"entity"`
	// Value and Datatype carry a normalised literal (e.g. "2025-08-15",
	// "xsd:date"); empty when the text is the value.
	Value    string `json:"value,omitempty"`
	Datatype string `json:"datatype,omitempty"`
}

// Fact is one statement extracted from a sentence.
type Fact struct {
	// Predicate is a readable relation name: a verb lemma or phrase for
	// open relations ("invite", "brief", "call"), or one of the typed
	// predicates declared in this package (PredTitle, PredLocatedIn, ...).
	Predicate string `json:"predicate"`
	// Args holds every argument; Args[0] is the subject. The object, if
	// any, has Role "object".
	Args []Argument `json:"args"`
	// Sentence is the index of the source sentence; Span covers the
	// evidence in Document.Text.
	Sentence int `json:"sentence"`
	Span
	Negated  bool   `json:"negated,omitempty"`
	Modality string `json:"modality,omitempty"` // "would", "could", "may", ...
	// AttributedTo is the entity index of the speaker when the fact is
	// reported speech ("Putin said ...") rather than asserted; -1 otherwise.
	AttributedTo int `json:"attributed_to"`
	// Confidence in [0,1].
	Confidence float64 `json:"confidence"`
}

// Subject returns the fact's first argument.
func (f *Fact) Subject() *Argument {
	if len(f.Args) == 0 {
		return nil
	}
	return &f.Args[0]
}

// Arg returns the first argument with the given role, or nil.
func (f *Fact) Arg(role string) *Argument {
	for i := range f.Args {
		if f.Args[i].Role == role {
			return &f.Args[i]
		}
	}
	return nil
}

// Typed predicates. Open relations use verb lemmas instead.
const (
	PredTitle       = "title"       // Person → "President" (literal)
	PredLeaderOf    = "leader_of"   // Person → Place/Org
	PredMemberOf    = "member_of"   // Person/Org → Org
	PredEmployeeOf  = "works_for"   // Person → Org
	PredLocatedIn   = "located_in"  // Place/Org/Event → Place
	PredLivesIn     = "lives_in"    // Person → Place
	PredBasedIn     = "based_in"    // Org → Place
	PredLocation    = "location"    // Event → Place
	PredDate        = "date"        // Event → date literal
	PredDuration    = "duration"    // Event → duration literal
	PredParticipant = "participant" // Event → Person/Org
	PredMeet        = "meet"        // Person → Person
	PredKill        = "kill"        // Person → Person
	PredNationality = "nationality" // Person → NORP
	PredSaid        = "say"         // reported speech: speaker → content
	PredAlias       = "alias"       // Entity → alternative name (literal)
)

// Document is a text and everything extracted from it.
type Document struct {
	// ID is a stable identifier: the path, URL or corpus id.
	ID    string `json:"id"`
	Title string `json:"title,omitempty"`
	// Date is the publication date as YYYY-MM-DD, if known; relative dates
	// ("Friday") are resolved against it.
	Date string `json:"date,omitempty"`
	URL  string `json:"url,omitempty"`
	Text string `json:"-"`

	Sentences []Sentence `json:"sentences,omitempty"`
	Mentions  []Mention  `json:"mentions,omitempty"`
	Entities  []Entity   `json:"entities,omitempty"`
	Facts     []Fact     `json:"facts,omitempty"`
}

// SentenceText returns the text of sentence i.
func (d *Document) SentenceText(i int) string {
	s := d.Sentences[i]
	return d.Text[s.Start:s.End]
}
