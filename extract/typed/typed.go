// Package typed extracts typed relations — titles, leadership, employment,
// residence, locations, event dates, durations, participants, meetings and
// killings — from a document whose tokens are parsed and whose mentions are
// resolved (extract/coref). It runs after the open-relation extractor and
// appends to doc.Facts, using the predicate constants of extract/document.
//
// Every rule is a small syntactic pattern over the dependency tree plus the
// entity types of the mentions it connects ("X, a spokesman for Y" with X a
// person and Y an organisation → works_for). Rules only fire between
// resolved mentions (Mention.Entity or Mention.Group), so a fact always
// links graph nodes; literals (titles, dates, durations) carry Value and
// Datatype. Confidence is a per-rule prior (how often the pattern is right
// in news text, judged on CoNLL04 train and UD-EWT sentences) times the
// confidence of the mentions involved.
//
// Demonyms ("Russian" → Russia) come from the hand-written country table
// in extract/coref. When a title names a country that the document never
// names ("Russian President Vladimir Putin" without "Russia"), Extract adds
// a GPE entity with the canonical country name and no mentions so that the
// leader_of fact has a node to point to.
//
// An event that the document only describes ("the summit", "the meeting",
// never a proper name such as "World War II") and reports in the past
// tense ("concluded a summit", "the meeting ended"), and for which no rule
// found an explicit date, gets the document date (doc.Date, which
// coref.Resolve infers from the text when it is missing) as its date, with
// a low confidence: news reports describe the events of the day they are
// published, but the event may have happened a day or more before. Wars
// and conflicts, which last for years, never take the document date.
package typed

import (
	"fmt"
	"strings"

	"github.com/kg-project/kg/extract/coref"
	"github.com/kg-project/kg/extract/coref/deptree"
	"github.com/kg-project/kg/extract/document"
)

// Argument roles used by typed facts besides "subject" and "object".
const (
	RoleFullTitle = "full_title" // the complete title text: "US President"
)

// Extract appends typed facts to doc.Facts.
func Extract(doc *document.Document) {
	x := newExtractor(doc)
	for s := range doc.Sentences {
		x.sentence(s)
	}
	x.closeLocatedIn()
	x.documentDates()
}

type extractor struct {
	doc  *document.Document
	ref  string
	kids [][][]int
	// at[s][i] lists the mentions covering token i of sentence s, names
	// first, then descriptions, then pronouns.
	at   [][][]int
	seen map[string]bool
}

func newExtractor(doc *document.Document) *extractor {
	x := &extractor{doc: doc, seen: map[string]bool{}}
	x.kids = deptree.Children(doc)
	x.at = make([][][]int, len(doc.Sentences))
	for si, s := range doc.Sentences {
		x.at[si] = make([][]int, len(s.Tokens))
	}
	for _, kind := range []document.MentionKind{document.Name, document.Nominal, document.Pronominal} {
		for mi, m := range doc.Mentions {
			if m.Kind != kind || m.Sentence < 0 || m.Sentence >= len(doc.Sentences) {
				continue
			}
			for i := m.Start; i < m.End && i < len(x.at[m.Sentence]); i++ {
				x.at[m.Sentence][i] = append(x.at[m.Sentence][i], mi)
			}
		}
	}
	for _, f := range doc.Facts {
		x.seen[factKey(&f)] = true
	}
	return x
}

// ---- token and mention helpers ----

func (x *extractor) tok(s, i int) *document.Token { return &x.doc.Sentences[s].Tokens[i] }

func word(t *document.Token) string  { return deptree.Word(t) }
func lower(t *document.Token) string { return deptree.Lower(t) }
func lemma(t *document.Token) string { return deptree.Lemma(t) }
func baseRel(rel string) string      { return deptree.BaseRel(rel) }

// mention returns the mention covering token i that refers to something
// (an entity or a group), preferring names, or -1.
func (x *extractor) mention(s, i int) int {
	if i < 0 || i >= len(x.at[s]) {
		return -1
	}
	for _, mi := range x.at[s][i] {
		m := &x.doc.Mentions[mi]
		if m.Entity >= 0 || len(m.Group) > 0 {
			return mi
		}
	}
	// An unresolved relative pronoun stands for the name it follows
	// ("Adamson , who was convicted of ..."), whatever the parser made of
	// the clause.
	if t := x.tok(s, i); t.UPOS == "PRON" && lower(t) == "who" {
		j := i - 1
		if j >= 0 && word(x.tok(s, j)) == "," {
			j--
		}
		if j >= 0 {
			for _, mi := range x.at[s][j] {
				m := &x.doc.Mentions[mi]
				if m.Kind == document.Name && m.End == j+1 && (m.Entity >= 0 || len(m.Group) > 0) {
					return mi
				}
			}
		}
	}
	// An unresolved relative pronoun whose antecedent is a predicate noun:
	// "Oswald was the lone gunman who killed Kennedy" → Oswald.
	if t := x.tok(s, i); t.UPOS == "PRON" && (lower(t) == "who" || lower(t) == "that") {
		v := t.Head
		if v >= 0 && x.tok(s, v).DepRel == "acl:relcl" {
			n := x.tok(s, v).Head
			if n >= 0 && n != i {
				for _, c := range x.kids[s][n] {
					if baseRel(x.tok(s, c).DepRel) == "nsubj" {
						for _, mi := range x.at[s][c] {
							if x.doc.Mentions[mi].Entity >= 0 {
								return mi
							}
						}
					}
				}
			}
		}
	}
	return -1
}

// entityType returns the type of the entity (or group) a mention refers to.
func (x *extractor) entityType(mi int) document.EntityType {
	m := &x.doc.Mentions[mi]
	if m.Entity >= 0 {
		return x.doc.Entities[m.Entity].Type
	}
	if len(m.Group) > 0 {
		return x.doc.Entities[m.Group[0]].Type
	}
	return m.Type
}

// isType reports whether token i is covered by a referring mention of one
// of the given types, returning the mention.
func (x *extractor) typed(s, i int, types ...document.EntityType) int {
	mi := x.mention(s, i)
	if mi < 0 {
		return -1
	}
	t := x.entityType(mi)
	for _, want := range types {
		if t == want || want == document.GPE && t.IsPlace() {
			return mi
		}
	}
	return -1
}

func (x *extractor) headOf(s, start, end int) int {
	return deptree.HeadOf(x.doc.Sentences[s].Tokens, start, end)
}

func (x *extractor) mentionHead(mi int) int {
	m := &x.doc.Mentions[mi]
	return x.headOf(m.Sentence, m.Start, m.End)
}

// caseOf returns the lower-case preposition attached to token k ("in").
func (x *extractor) caseOf(s, k int) string {
	for _, c := range x.kids[s][k] {
		if x.tok(s, c).DepRel == "case" && x.tok(s, c).UPOS == "ADP" {
			return lower(x.tok(s, c))
		}
	}
	for _, c := range x.kids[s][k] {
		if x.tok(s, c).DepRel == "case" {
			return lower(x.tok(s, c))
		}
	}
	return ""
}

// withConj returns k and the tokens conjoined to it ("Trump and Putin").
func (x *extractor) withConj(s, k int) []int {
	out := []int{k}
	for _, c := range x.kids[s][k] {
		if x.tok(s, c).DepRel == "conj" {
			out = append(out, x.withConj(s, c)...)
		}
	}
	return out
}

// args turns the mention at token k (and conjuncts) into arguments, one per
// entity (a plural description yields one per group member).
func (x *extractor) args(s, k int, role string, types ...document.EntityType) []document.Argument {
	var out []document.Argument
	for _, t := range x.withConj(s, k) {
		mi := x.typed(s, t, types...)
		if mi < 0 {
			mi = x.namedAfterRole(s, t, types...)
		}
		if mi < 0 {
			continue
		}
		out = append(out, x.mentionArgs(mi, role)...)
	}
	return out
}

// namedAfterRole returns the name mention written right after a role noun
// that has no mention of its own: the parser often heads "civil rights
// leader Martin Luther King" or "newspaper reporter Don Bolles" on the
// noun, leaving the name as a dependent. Only a common noun (not a name)
// directly followed by a name of a wanted type qualifies.
func (x *extractor) namedAfterRole(s, t int, types ...document.EntityType) int {
	tok := x.tok(s, t)
	if tok.UPOS != "NOUN" || t+1 >= len(x.doc.Sentences[s].Tokens) || x.mention(s, t) >= 0 {
		return -1
	}
	mi := x.typed(s, t+1, types...)
	if mi < 0 || x.doc.Mentions[mi].Kind != document.Name || x.doc.Mentions[mi].Start != t+1 {
		return -1
	}
	// The name must hang on the noun, the noun on the name, or both on
	// one head ("assassin of leader" + appositive "Martin Luther King").
	h := x.mentionHead(mi)
	if x.tok(s, h).Head != t && tok.Head != h && x.tok(s, h).Head != tok.Head && !x.dependsOn(s, h, t) {
		return -1
	}
	return mi
}

func (x *extractor) mentionArgs(mi int, role string) []document.Argument {
	m := &x.doc.Mentions[mi]
	if m.Entity >= 0 {
		return []document.Argument{{Span: m.Span, Role: role, Text: m.Text, Entity: m.Entity}}
	}
	var out []document.Argument
	for _, e := range m.Group {
		out = append(out, document.Argument{Span: m.Span, Role: role, Text: m.Text, Entity: e})
	}
	return out
}

// emit appends a fact unless an identical one exists.
func (x *extractor) emit(pred string, s int, conf float64, args ...document.Argument) {
	if len(args) < 2 || args[0].Entity < 0 {
		return
	}
	if args[1].Entity >= 0 && args[1].Entity == args[0].Entity {
		return
	}
	if pred == document.PredLocatedIn && x.countryInPlace(args[0], args[1]) {
		return
	}
	f := document.Fact{Predicate: pred, Args: args, Sentence: s, AttributedTo: -1, Confidence: conf}
	f.Span = args[0].Span
	for _, a := range args {
		if a.Span.Len() == 0 {
			continue
		}
		if a.Start < f.Start {
			f.Start = a.Start
		}
		if a.End > f.End {
			f.End = a.End
		}
	}
	if f.Span.Len() == 0 {
		f.Span = x.doc.Sentences[s].Span
	}
	k := factKey(&f)
	if x.seen[k] {
		return
	}
	x.seen[k] = true
	x.doc.Facts = append(x.doc.Facts, f)
}

func factKey(f *document.Fact) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s|%d", f.Predicate, f.Sentence)
	for _, a := range f.Args {
		if a.Role == RoleFullTitle {
			continue
		}
		if a.Entity >= 0 {
			fmt.Fprintf(&b, "|%s:e%d", a.Role, a.Entity)
		} else {
			fmt.Fprintf(&b, "|%s:%s", a.Role, strings.ToLower(a.Text)+"="+a.Value)
		}
	}
	return b.String()
}

// pairs emits pred for every subject × object combination.
func (x *extractor) pairs(pred string, s int, conf float64, subs, objs []document.Argument, extra ...document.Argument) {
	for _, a := range subs {
		for _, b := range objs {
			if a.Entity == b.Entity {
				continue
			}
			args := append([]document.Argument{a, b}, extra...)
			x.emit(pred, s, conf, args...)
		}
	}
}

// countryInPlace reports whether located_in(a, b) would put a country
// inside anything but a region: "In Bangkok, … Thailand would keep its
// quota" does not put Thailand in Bangkok, and "Bhutan" next to "India"
// is no part of it. Countries lie only in regions (Asia, the Middle East).
func (x *extractor) countryInPlace(a, b document.Argument) bool {
	if a.Entity < 0 || b.Entity < 0 {
		return false
	}
	return coref.IsCountry(x.doc.Entities[a.Entity].Name) && !coref.IsRegion(x.doc.Entities[b.Entity].Name)
}

func subj(a []document.Argument) []document.Argument {
	for i := range a {
		a[i].Role = "subject"
	}
	return a
}

func obj(a []document.Argument) []document.Argument {
	for i := range a {
		a[i].Role = "object"
	}
	return a
}

// countryEntity returns the entity index of a country, adding a GPE entity
// without mentions when the document never names it.
func (x *extractor) countryEntity(name string) int {
	for i, e := range x.doc.Entities {
		if e.Type.IsPlace() && strings.EqualFold(e.Name, name) {
			return i
		}
	}
	x.doc.Entities = append(x.doc.Entities, document.Entity{Name: name, Type: document.GPE})
	return len(x.doc.Entities) - 1
}

// nationArg makes an argument for the country named by token k (a demonym,
// country name or NORP/GPE mention), with the token's mention span.
func (x *extractor) nationArg(s, k int, role string) (document.Argument, bool) {
	mi := x.mention(s, k)
	text := word(x.tok(s, k))
	span := x.tok(s, k).Span
	if mi >= 0 {
		m := &x.doc.Mentions[mi]
		text, span = m.Text, m.Span
		if m.Entity >= 0 && x.doc.Entities[m.Entity].Type.IsPlace() {
			return document.Argument{Span: span, Role: role, Text: text, Entity: m.Entity}, true
		}
	}
	name, ok := coref.CountryOfDemonym(text)
	if !ok {
		name, ok = coref.CanonicalPlace(text)
	}
	if !ok {
		return document.Argument{}, false
	}
	return document.Argument{Span: span, Role: role, Text: text, Entity: x.countryEntity(name)}, true
}

// mentionConf is a mention's confidence, treating an unset one as certain.
func mentionConf(m *document.Mention) float64 {
	if m.Confidence <= 0 || m.Confidence > 1 {
		return 1
	}
	return m.Confidence
}
