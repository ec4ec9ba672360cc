// Package coref finds the mentions of a document that the recogniser does
// not produce (descriptions such as "the Russian leader" or "the summit",
// and pronouns), links every mention to the real-world entity it denotes and
// builds doc.Entities with canonical names.
//
// It is a deterministic, rule-based resolver in the tradition of the
// multi-pass sieves: exact and partial name matches first, then
// descriptions, then pronouns, each pass using only the links that earlier,
// more precise passes made. Rules rely on the tagger and parser output
// (UPOS, Lemma, Head, DepRel) but degrade gracefully when a parse is wrong:
// a missing link leaves a mention unresolved (Entity = -1) rather than
// guessing.
//
// Decisions worth knowing:
//   - Canonical person name: the most frequent name form with at least two
//     words after removing titles and single-letter middle initials
//     ("Donald J. Trump" counts as "Donald Trump"); without such a form the
//     longest form. Middle initials are dropped so that documents writing
//     "Donald J. Trump" and "Donald Trump" mint the same IRI.
//   - Aliases are names only (every distinct surface name without titles,
//     e.g. "Trump", "Donald J. Trump"); titles live in Mention.Title.
//   - Countries are canonicalised with a small hand-written table ("US",
//     "U.S.", "America" → "United States").
//   - Surname-only matches ("Trump" → "Donald Trump") are made only within
//     a document; cross-document merging is done later from canonical names.
//   - Event descriptions ("the summit", "the Anchorage meeting") become
//     entities of type Event named "<place> <noun>" when a place is known
//     ("Anchorage summit"), else by the noun alone, always lower case; such
//     place-less names are not proper names, so the graph scopes their nodes
//     to the document (schema.Minter.Entity).
//   - Document date: when doc.Date is empty, Resolve first sets it to the
//     latest full explicit date of the text (InferDate), so that relative
//     dates resolve and the typed stage can date reported events.
//   - Names the recogniser misses are added only on strong cues: a
//     well-known city (knownCities), a bare surname of a person named in
//     full in the same document, wire-service conventions, a numeral's
//     name ("World War II"), a lone capitalised word right before an
//     occupation noun and a person's name ("Burlington spokesman Gus
//     Melonas" → organisation Burlington).
//   - Recognised names are split where a name of another kind ends: a
//     place before a title ("Ohio Gov. X" → place Ohio), a source line's
//     place before its agency or broadcaster ("Moscow INTERFAX", "Havana
//     Radio Reloj Network").
package coref

import (
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/kg-project/kg/extract/coref/deptree"
	"github.com/kg-project/kg/extract/dates"
	"github.com/kg-project/kg/extract/document"
)

// Resolve adds nominal and pronoun mentions to doc, resolves titles and
// coreference, and rebuilds doc.Entities. It expects tokens with UPOS,
// Lemma, Head and DepRel and doc.Mentions holding the recogniser's names.
// Existing Entities are replaced; mention order becomes document order.
func Resolve(doc *document.Document) {
	InferDate(doc)
	r := newResolver(doc)
	r.cleanNames()
	r.findTitles()
	r.addNominals()
	r.addPronouns()
	r.sortMentions()
	r.unifyNameTypes()
	r.clusterNames()
	r.resolveDescriptions()
	r.buildEntities()
}

type resolver struct {
	doc *document.Document
	// bySent buckets mention indices by sentence; it is rebuilt whenever
	// doc.Mentions is replaced or grows (see mentionsIn).
	bySent     [][]int
	bySentHead *document.Mention
	bySentLen  int

	ref  time.Time
	kids [][][]int // sentence → token → children
	// cl[i] is the cluster of mention i, -1 if none.
	cl       []int
	clusters []*cluster
	// nearPlaces holds pairs of place clusters written as "A, B", which
	// makes them compatible locations of one event.
	nearPlaces map[[2]int]bool
}

type cluster struct {
	typ      document.EntityType
	mentions []int
	gender   byte
	first    string // lower-case first name of a person, if seen
	last     string // lower-case surname of a person
	event    string // event class for event clusters
	place    int    // place cluster of an event, -1 if unknown
	nation   string // country a person is associated with by title
	value    string // normalised value for dates
	dtype    string
	name     string // canonical name for event clusters
}

func newResolver(doc *document.Document) *resolver {
	r := &resolver{doc: doc, nearPlaces: map[[2]int]bool{}}
	if doc.Date != "" {
		if t, err := time.Parse("2006-01-02", doc.Date); err == nil {
			r.ref = t
		}
	}
	r.kids = deptree.Children(doc)
	return r
}

// ---- token helpers ----

func (r *resolver) tok(s, i int) *document.Token { return &r.doc.Sentences[s].Tokens[i] }

func word(t *document.Token) string  { return deptree.Word(t) }
func lower(t *document.Token) string { return deptree.Lower(t) }
func lemma(t *document.Token) string { return deptree.Lemma(t) }

func capitalised(w string) bool {
	for _, c := range w {
		return unicode.IsUpper(c)
	}
	return false
}

func hasLetterOrDigit(w string) bool {
	for _, c := range w {
		if unicode.IsLetter(c) || unicode.IsDigit(c) {
			return true
		}
	}
	return false
}

func hasLetter(w string) bool {
	for _, c := range w {
		if unicode.IsLetter(c) {
			return true
		}
	}
	return false
}

func baseRel(rel string) string { return deptree.BaseRel(rel) }

// headOf returns the syntactic head token of tokens [start,end): the last
// token whose head lies outside the range.
func (r *resolver) headOf(s, start, end int) int {
	return deptree.HeadOf(r.doc.Sentences[s].Tokens, start, end)
}

// setSpan fills the byte span and text of m from its token range.
func (r *resolver) setSpan(m *document.Mention) {
	toks := r.doc.Sentences[m.Sentence].Tokens
	m.Span = document.Span{Start: toks[m.Start].Start, End: toks[m.End-1].End}
	if m.Span.End <= len(r.doc.Text) && m.Span.Start <= m.Span.End && r.doc.Text != "" {
		m.Text = r.doc.Text[m.Span.Start:m.Span.End]
	} else {
		var b strings.Builder
		for i := m.Start; i < m.End; i++ {
			if i > m.Start && toks[i-1].SpaceAfter {
				b.WriteByte(' ')
			} else if i > m.Start && r.doc.Text == "" {
				b.WriteByte(' ')
			}
			b.WriteString(toks[i].Text)
		}
		m.Text = b.String()
	}
}

// mentionsIn returns the indices of the mentions of sentence s, keeping
// lookups linear in the size of a sentence rather than of the document.
func (r *resolver) mentionsIn(s int) []int {
	ms := r.doc.Mentions
	var head *document.Mention
	if len(ms) > 0 {
		head = &ms[0]
	}
	if r.bySent == nil || head != r.bySentHead || len(ms) != r.bySentLen {
		r.bySent = make([][]int, len(r.doc.Sentences))
		for mi := range ms {
			if ss := ms[mi].Sentence; ss >= 0 && ss < len(r.bySent) {
				r.bySent[ss] = append(r.bySent[ss], mi)
			}
		}
		r.bySentHead, r.bySentLen = head, len(ms)
	}
	if s < 0 || s >= len(r.bySent) {
		return nil
	}
	return r.bySent[s]
}

// mentionAt returns the index of the name mention covering token i of
// sentence s, or -1.
func (r *resolver) mentionAt(s, i int, kinds ...document.MentionKind) int {
	for _, mi := range r.mentionsIn(s) {
		m := &r.doc.Mentions[mi]
		if m.Sentence == s && m.Start <= i && i < m.End {
			if len(kinds) == 0 {
				return mi
			}
			for _, k := range kinds {
				if m.Kind == k {
					return mi
				}
			}
		}
	}
	return -1
}

// ---- pass 1: clean the recogniser's names ----

// cleanNames fixes name spans the recogniser gets wrong in news text:
// leading titles inside a person span, verbs glued to names in title-case
// headlines ("Trump Participates"), and hyphenated compounds of two places
// ("US-Russia relations").
func (r *resolver) cleanNames() {
	var out []document.Mention
	for _, m := range r.doc.Mentions {
		if m.Kind == "" {
			m.Kind = document.Name
		}
		m.Entity = -1
		m.Group = nil
		if m.Kind != document.Name || m.Sentence < 0 || m.Sentence >= len(r.doc.Sentences) ||
			m.Start < 0 || m.End > len(r.doc.Sentences[m.Sentence].Tokens) || m.Start >= m.End {
			out = append(out, m)
			continue
		}
		out = append(out, r.cleanOne(m, 0)...)
	}
	ms := r.dropNonNames(mergeNationalOrgs(r, out), false)
	r.doc.Mentions = r.dropNonNames(r.mergeCompassDemonyms(r.mergeDesignators(ms)), true)
	r.extendNumberedNames()
	if cities := r.knownCityNames(); len(cities) > 0 {
		r.doc.Mentions = append(r.doc.Mentions, cities...)
		r.sortByPosition()
	}
	r.addMissedNames()
	r.addStateAbbrevs()
	r.contextTypes()
	r.employerBeforeRole()
	// Headline glue: a title-case token after a known person name that
	// never appears as a name part elsewhere ("Trump Participates in ...").
	r.trimHeadlineGlue()
}

// nameLike reports whether a capitalised word of this part of speech can
// be part of a name: not a function word or a verb ("The", "And", "Said").
func nameLike(upos string) bool {
	switch upos {
	case "DET", "PRON", "ADP", "CCONJ", "SCONJ", "PUNCT", "AUX", "VERB", "PART":
		return false
	}
	return true
}

func hasDigit(w string) bool {
	return strings.ContainsAny(w, "0123456789")
}

// tableMonth reports whether w (lower case) is a month name or
// abbreviation, which head table rows in wire copy ("Feb 872.0"). May is
// left out: as a one-word name it is more often a person (Theresa May).
func tableMonth(w string) bool { return w != "may" && dates.IsMonth(w) }

// IsCorporateSuffix reports whether w (any case) is a corporate suffix
// such as "Corp", "Inc.", "AG" or "Plc".
func IsCorporateSuffix(w string) bool { return designators[strings.ToLower(w)] }

// designators are the corporate suffixes that end a company's name.
var designators = set("inc", "inc.", "corp", "corp.", "co", "co.", "ltd", "ltd.", "plc", "ag", "sa", "s.a.",
	"nv", "n.v.", "spa", "s.p.a.", "gmbh", "bhd", "llc", "lp", "l.p.", "ab", "kk", "k.k.", "pty", "limited",
	"oy", "as", "a/s", "asa", "bv", "b.v.", "se", "sarl", "srl")

// mergeDesignators joins a company's name and its corporate suffix when
// the recogniser cut them apart: "Hoechst AG" as the place "Hoechst" and
// the organisation "AG", "Harris Associates L.P.", "Acme, Inc.", "Merrill
// Lynch and Co Inc". A lone suffix names nothing; with the name before
// it, it makes that name an organisation.
func (r *resolver) mergeDesignators(ms []document.Mention) []document.Mention {
	type pos struct{ s, end int }
	ending := map[pos]int{}
	for i, m := range ms {
		if m.Kind == document.Name {
			ending[pos{m.Sentence, m.End}] = i
		}
	}
	drop := map[int]bool{}
	for i, m := range ms {
		if m.Kind != document.Name || m.Type != document.Org {
			continue
		}
		toks := r.doc.Sentences[m.Sentence].Tokens
		if !r.onlySuffixes(&m) {
			// "Standard and Poor's Corp" cut after "and": a company name
			// ending in a suffix takes the capitalised word and the "and"
			// before it, with any name that word ends.
			last := strings.ToLower(word(&toks[m.End-1]))
			if designators[last] && m.Start >= 2 && (strings.EqualFold(word(&toks[m.Start-1]), "and") || word(&toks[m.Start-1]) == "&") && capitalised(word(&toks[m.Start-2])) && nameLike(toks[m.Start-2].UPOS) {
				start := m.Start - 2
				if j, ok := ending[pos{m.Sentence, m.Start - 1}]; ok && j != i && !drop[j] {
					start = ms[j].Start
					drop[j] = true
				}
				ms[i].Start = start
				r.setSpan(&ms[i])
			}
			continue
		}
		j, ok := ending[pos{m.Sentence, m.Start}]
		if !ok && m.Start > 0 {
			// "Acme, Inc.", "Merrill Lynch and Co Inc", "Smith & Co".
			switch strings.ToLower(word(&toks[m.Start-1])) {
			case ",", "and", "&":
				j, ok = ending[pos{m.Sentence, m.Start - 1}]
			}
		}
		if !ok || j == i || drop[j] || ms[j].Type == document.Date || ms[j].Type == document.Time {
			continue
		}
		prev := &ms[j]
		prev.End = m.End
		prev.Type = document.Org
		r.setSpan(prev)
		drop[i] = true
	}
	return without(ms, drop)
}

// dropNonNames removes recognised "names" that name nothing: a single
// letter ("P" from "S and P", a rating "B"), a credit rating ("AA",
// "BBB", "Baa-2"), which financial copy capitalises like a name, and,
// with suffixes set (after mergeDesignators has joined the suffixes that
// follow a name), a corporate suffix left on its own ("Inc", "Ltd").
func (r *resolver) dropNonNames(ms []document.Mention, suffixes bool) []document.Mention {
	drop := map[int]bool{}
	for i, m := range ms {
		if m.Kind != document.Name || m.Type == document.Date || m.Type == document.Time {
			continue
		}
		text := strings.Join(r.words(m.Sentence, m.Start, m.End), "")
		if suffixes && r.onlySuffixes(&m) || len(strings.TrimSuffix(text, ".")) == 1 || isCreditRating(text) {
			drop[i] = true
		}
	}
	return without(ms, drop)
}

// isCreditRating reports whether s is a bond rating as agencies write
// them: AAA to D with an optional +/-, or Moody's Aaa to C with an
// optional digit, and short-term grades such as A-1 or P-2.
func isCreditRating(s string) bool {
	base := strings.TrimRight(s, "+-123")
	base = strings.TrimSuffix(base, "-")
	switch base {
	case "AAA", "AA", "BBB", "BB", "CCC", "CC", "Aaa", "Aa", "Baa", "Ba", "Caa", "Ca":
		return true
	}
	return false
}

// onlySuffixes reports whether every word of m is a corporate suffix
// ("Inc", "Co Inc").
func (r *resolver) onlySuffixes(m *document.Mention) bool {
	for _, w := range r.words(m.Sentence, m.Start, m.End) {
		if !designators[strings.ToLower(w)] {
			return false
		}
	}
	return true
}

// without returns ms without the mentions whose indices are in drop,
// reusing ms's array.
func without(ms []document.Mention, drop map[int]bool) []document.Mention {
	if len(drop) == 0 {
		return ms
	}
	out := ms[:0]
	for i, m := range ms {
		if !drop[i] {
			out = append(out, m)
		}
	}
	return out
}

// mergeCompassDemonyms joins a compass word the recogniser took for a
// place to the nationality after it: "a West German bank" came out as the
// place "West" and the nationality "German", "South African" and "North
// Korean" likewise. The pair is one nationality.
func (r *resolver) mergeCompassDemonyms(ms []document.Mention) []document.Mention {
	type pos struct{ s, start int }
	starting := map[pos]int{}
	for i, m := range ms {
		if m.Kind == document.Name && m.Type == document.NORP {
			starting[pos{m.Sentence, m.Start}] = i
		}
	}
	drop := map[int]bool{}
	for i, m := range ms {
		if m.Kind != document.Name || !m.Type.IsPlace() || m.End-m.Start != 1 {
			continue
		}
		switch strings.ToLower(word(r.tok(m.Sentence, m.Start))) {
		case "west", "east", "north", "south":
		default:
			continue
		}
		j, ok := starting[pos{m.Sentence, m.End}]
		if !ok || drop[j] {
			continue
		}
		n := &ms[j]
		n.Start = m.Start
		r.setSpan(n)
		drop[i] = true
	}
	return without(ms, drop)
}

// InferDate sets doc.Date, when it is empty, to the latest full explicit
// date (day, month and four-digit year, "August 15, 2025") among the
// recogniser's date mentions. A news text without metadata is dated by its
// bylines, datelines and embedded posts, and the latest of them is the
// closest to publication; relative dates ("today", "Friday") and event
// dates then resolve against it. Dates without a year are ignored because
// they would need the very reference being inferred. The inference can be
// wrong when a text names a future date (a scheduled vote); callers that
// know the publication date should set doc.Date before Resolve, which then
// leaves it alone. Resolve calls InferDate first.
func InferDate(doc *document.Document) {
	if doc.Date != "" {
		return
	}
	best := ""
	for _, m := range doc.Mentions {
		if m.Type != document.Date || !hasYear(m.Text) {
			continue
		}
		v, dt, ok := dates.Normalize(m.Text, time.Time{})
		if ok && dt == dates.XSDDate && len(v) == len("2006-01-02") && v > best {
			best = v
		}
	}
	doc.Date = best
}

// hasYear reports whether text contains a four-digit number from 1000 to
// 2999 standing alone, as a year does in "August 15, 2025".
func hasYear(text string) bool {
	run := 0
	for i, c := range text + " " {
		if c >= '0' && c <= '9' {
			run++
			continue
		}
		if run == 4 && (text[i-4] == '1' || text[i-4] == '2') {
			return true
		}
		run = 0
	}
	return false
}

// extendNumberedNames widens a name that is only a number or a Roman
// numeral over the capitalised proper nouns right before it: the
// recogniser sometimes tags just "II" of "World War II" or "11" of "Apollo
// 11", and a bare numeral would become a node of its own. The words taken
// must be uncovered by other names and must not be titles ("President").
func (r *resolver) extendNumberedNames() {
	for s := range r.doc.Sentences {
		toks := r.doc.Sentences[s].Tokens
		for _, mi := range r.mentionsIn(s) {
			m := &r.doc.Mentions[mi]
			if m.Kind != document.Name || m.Type == document.Date || m.Type == document.Time || !isNumeral(r.words(s, m.Start, m.End)) {
				continue
			}
			start := m.Start
			for start > 0 && m.Start-start < 4 {
				t := &toks[start-1]
				w := word(t)
				if t.UPOS != "PROPN" || !capitalised(w) || !hasLetter(w) || IsTitleWord(w) || r.mentionAt(s, start-1, document.Name) >= 0 {
					break
				}
				start--
			}
			if start < m.Start {
				m.Start = start
				r.setSpan(m)
			}
		}
	}
}

// isNumeral reports whether words are one Arabic number or Roman numeral
// ("II", "XIV", "11").
func isNumeral(words []string) bool {
	if len(words) != 1 || words[0] == "" {
		return false
	}
	w := words[0]
	digits, roman := true, true
	for _, c := range w {
		if c < '0' || c > '9' {
			digits = false
		}
		if !strings.ContainsRune("IVXLC", c) {
			roman = false
		}
	}
	return digits || roman
}

// sortByPosition puts mentions in document order after additions.
func (r *resolver) sortByPosition() {
	sort.SliceStable(r.doc.Mentions, func(a, b int) bool {
		x, y := &r.doc.Mentions[a], &r.doc.Mentions[b]
		if x.Sentence != y.Sentence {
			return x.Sentence < y.Sentence
		}
		return x.Start < y.Start
	})
	r.bySent = nil // indices changed
}

// addMissedNames adds names the recogniser left out when the words around
// them say what they are: a run of capitalised proper nouns after a title
// ("Gov. Earl Long") or starting with a known first name is a person; one
// ending in an organisation or place head word ("Sabine Pass station" is
// not, "Truck Stops Inc." is) is an organisation or a place; one followed by
// ", <state>" is a place ("Tupelo , Miss."). Runs with no such cue are left
// alone.
func (r *resolver) addMissedNames() {
	var add []document.Mention
	for s := range r.doc.Sentences {
		toks := r.doc.Sentences[s].Tokens
		covered := make([]bool, len(toks))
		for _, mi := range r.mentionsIn(s) {
			m := &r.doc.Mentions[mi]
			for i := m.Start; i < m.End && i < len(toks); i++ {
				covered[i] = true
			}
		}
		isCap := func(i int) bool {
			t := &toks[i]
			w := word(t)
			return !covered[i] && t.UPOS == "PROPN" && capitalised(w) && hasLetter(w) && !IsTitleWord(w)
		}
		for i := 0; i < len(toks); {
			if !isCap(i) {
				i++
				continue
			}
			j := i + 1
			for j < len(toks) && (isCap(j) || j+1 < len(toks) && isCap(j+1) && !covered[j] && (lower(&toks[j]) == "de" || lower(&toks[j]) == "of" || lower(&toks[j]) == "van" || lower(&toks[j]) == "von")) {
				j++
			}
			start, end := i, j
			i = j
			if end-start > 5 {
				continue
			}
			m := document.Mention{Sentence: s, Start: start, End: end, Kind: document.Name, Entity: -1, Confidence: 0.5}
			last := strings.ToLower(word(&toks[end-1]))
			prev := ""
			if start > 0 {
				prev = word(&toks[start-1])
			}
			stateNext := end+1 < len(toks) && word(&toks[end]) == "," && IsStateAbbrev(word(&toks[end+1]))
			switch {
			case orgHeadWords[last] && end-start >= 2:
				m.Type = document.Org
			case placeHeadWords[last] && end-start >= 2 || stateNext:
				m.Type = document.GPE
			case capitalised(prev) && IsCoreTitle(prev) && end-start <= 3:
				m.Type = document.Person
			case IsFirstName(word(&toks[start])) && end-start >= 2 && end-start <= 3:
				m.Type = document.Person
			default:
				continue
			}
			if _, known := CanonicalPlace(strings.Join(r.words(s, start, end), " ")); known && m.Type == document.Person {
				continue
			}
			r.setSpan(&m)
			add = append(add, m)
		}
	}
	add = append(add, r.wireNames()...)
	add = append(add, r.bareSurnames(add)...)
	if len(add) == 0 {
		return
	}
	r.doc.Mentions = append(r.doc.Mentions, add...)
	r.sortByPosition()
}

// bareSurnames adds the surnames the recogniser missed when the document
// names the person in full elsewhere: "... Volodymyr Zelensky , saying he
// would brief Zelensky and NATO". Only an uncovered capitalised proper noun
// equal to the last word of a full person name qualifies.
func (r *resolver) bareSurnames(pending []document.Mention) []document.Mention {
	surnames := map[string]bool{}
	for _, ms := range [][]document.Mention{r.doc.Mentions, pending} {
		for _, m := range ms {
			if m.Kind == document.Name && m.Type == document.Person && m.End-m.Start >= 2 {
				surnames[word(r.tok(m.Sentence, m.End-1))] = true
			}
		}
	}
	if len(surnames) == 0 {
		return nil
	}
	var add []document.Mention
	for s := range r.doc.Sentences {
		toks := r.doc.Sentences[s].Tokens
		for i := range toks {
			w := word(&toks[i])
			if !surnames[w] || toks[i].UPOS != "PROPN" || r.mentionAt(s, i) >= 0 {
				continue
			}
			taken := false
			for _, m := range pending {
				taken = taken || m.Sentence == s && m.Start <= i && i < m.End
			}
			if taken {
				continue
			}
			m := document.Mention{Sentence: s, Start: i, End: i + 1, Kind: document.Name, Type: document.Person, Entity: -1, Confidence: 0.6}
			r.setSpan(&m)
			add = append(add, m)
		}
	}
	return add
}

// knownCityNames adds the well-known cities (see knownCities) that nothing
// covers: one to three capitalised words matching the table, not glued to
// another capitalised word on either side (which would make them part of a
// longer name such as "Houston Rockets" or "Paris Hilton"); an all-capitals
// neighbour does not count, as in wire source lines ("Moscow PRAVDA").
func (r *resolver) knownCityNames() []document.Mention {
	var add []document.Mention
	for s := range r.doc.Sentences {
		toks := r.doc.Sentences[s].Tokens
		covered := make([]bool, len(toks))
		for _, mi := range r.mentionsIn(s) {
			m := &r.doc.Mentions[mi]
			for i := m.Start; i < m.End && i < len(toks); i++ {
				covered[i] = true
			}
		}
		glued := func(i int) bool {
			if i < 0 || i >= len(toks) {
				return false
			}
			w := word(&toks[i])
			return capitalised(w) && hasLetter(w) && strings.ToUpper(w) != w && toks[i].UPOS == "PROPN"
		}
		for i := 0; i < len(toks); i++ {
			if covered[i] || !capitalised(word(&toks[i])) {
				continue
			}
			for n := 3; n >= 1; n-- {
				end := i + n
				if end > len(toks) || !knownCities[strings.ToLower(strings.Join(r.words(s, i, end), " "))] {
					continue
				}
				free := true
				for k := i; k < end; k++ {
					free = free && !covered[k]
				}
				if !free || glued(i-1) || glued(end) || i > 0 && IsTitleWord(word(&toks[i-1])) {
					break
				}
				m := document.Mention{Sentence: s, Start: i, End: end, Kind: document.Name, Type: document.GPE, Entity: -1, Confidence: 0.6}
				r.setSpan(&m)
				add = append(add, m)
				i = end - 1
				break
			}
		}
	}
	return add
}

// wireNames adds the names of wire-service conventions the recogniser
// misses: an all-capitals dateline place at the start of a sentence
// ("NEW ORLEANS ( AP )"), an all-capitals agency or paper right after a
// place ("Berlin N-TV", "Bangkok THE NATION") and an agency in
// parentheses after a dateline ("( AP )").
func (r *resolver) wireNames() []document.Mention {
	var add []document.Mention
	isCaps := func(w string) bool {
		letters := 0
		for _, c := range w {
			switch {
			case unicode.IsLetter(c):
				if !unicode.IsUpper(c) {
					return false
				}
				letters++
			case c == '-' || c == '.' || c == '&':
			default:
				return false
			}
		}
		return letters >= 2
	}
	for s := range r.doc.Sentences {
		toks := r.doc.Sentences[s].Tokens
		covered := make([]bool, len(toks))
		placeEnd := map[int]bool{}
		for _, mi := range r.mentionsIn(s) {
			m := &r.doc.Mentions[mi]
			for i := m.Start; i < m.End && i < len(toks); i++ {
				covered[i] = true
			}
			if m.Kind == document.Name && m.Type.IsPlace() {
				placeEnd[m.End] = true
			}
		}
		capsRun := func(i int) int {
			j := i
			for j < len(toks) && j-i < 5 && !covered[j] && isCaps(word(&toks[j])) && !IsStateAbbrev(word(&toks[j])) {
				j++
			}
			return j
		}
		newName := func(start, end int, t document.EntityType) {
			m := document.Mention{Sentence: s, Start: start, End: end, Type: t, Kind: document.Name, Entity: -1, Confidence: 0.5}
			r.setSpan(&m)
			add = append(add, m)
			for i := start; i < end; i++ {
				covered[i] = true
			}
		}
		// Dateline place at the start (after a catalogue code, if any).
		i := 0
		if len(toks) > 0 && isCode(word(&toks[0])) {
			i = 1
		}
		if j := capsRun(i); j > i && j < len(toks) && (word(&toks[j]) == "," || word(&toks[j]) == "(") {
			newName(i, j, document.GPE)
			placeEnd[j] = true
		}
		for i := 0; i < len(toks); i++ {
			// Agency after a place: "Berlin N-TV".
			if placeEnd[i] {
				if j := capsRun(i); j > i {
					newName(i, j, document.Org)
					continue
				}
			}
			// "( AP )"
			if word(&toks[i]) == "(" && i+2 < len(toks) && word(&toks[i+2]) == ")" && !covered[i+1] && isCaps(word(&toks[i+1])) && i > 0 {
				newName(i+1, i+2, document.Org)
			}
		}
	}
	return add
}

// addStateAbbrevs adds the state the recogniser missed after a place and a
// comma ("Tupelo , Miss .", "Amherst , Mass"), keeping a split-off dot.
func (r *resolver) addStateAbbrevs() {
	var add []document.Mention
	for _, m := range r.doc.Mentions {
		if m.Kind != document.Name || !m.Type.IsPlace() {
			continue
		}
		s := m.Sentence
		toks := r.doc.Sentences[s].Tokens
		i := m.End + 1
		if i >= len(toks) || word(&toks[m.End]) != "," || !IsStateAbbrev(word(&toks[i])) || r.mentionAt(s, i, document.Name) >= 0 {
			continue
		}
		n := document.Mention{Sentence: s, Start: i, End: i + 1, Type: document.GPE, Kind: document.Name, Entity: -1, Confidence: 0.7}
		if !strings.HasSuffix(word(&toks[i]), ".") && i+1 < len(toks) && word(&toks[i+1]) == "." {
			n.End++
		}
		r.setSpan(&n)
		add = append(add, n)
	}
	r.doc.Mentions = append(r.doc.Mentions, add...)
	r.sortByPosition()
}

// employerRoles are lower-case occupation nouns that, between a one-word
// name and a person's name, make the first name the person's employer
// ("Burlington spokesman Gus Melonas", "Pepco executive Sharon Pratt
// Dixon", "ITAR-TASS correspondent Mikhail Shevtsov").
var employerRoles = set("spokesman", "spokeswoman", "spokesperson", "attorney", "lawyer",
	"correspondent", "president", "chairman", "chairwoman", "executive", "official", "director",
	"economist", "analyst", "employee", "engineer", "reporter", "editor", "manager")

// employerBeforeRole types a lone capitalised word written right before an
// occupation noun and a person's name as an organisation: the recogniser
// often misses such names or takes them for surnames ("Edison spokesman
// Kevin Kelly"). In CoNLL04 train 8 of 10 such words are the person's
// employer. Known places, nationalities, title words and words already
// part of a longer name are left alone ("Ohio attorney", "Soviet
// official").
func (r *resolver) employerBeforeRole() {
	var add []document.Mention
	for si, sent := range r.doc.Sentences {
		toks := sent.Tokens
		for i := 0; i+2 < len(toks); i++ {
			w, role := word(&toks[i]), word(&toks[i+1])
			if !capitalised(w) || !hasLetter(w) || !employerRoles[role] || IsTitleWord(w) {
				continue
			}
			pm := r.mentionAt(si, i+2, document.Name)
			if pm < 0 || r.doc.Mentions[pm].Type != document.Person || r.doc.Mentions[pm].Start != i+2 {
				continue
			}
			if _, ok := CanonicalPlace(w); ok || usStateNames[strings.ToLower(w)] || IsStateAbbrev(w) || IsKnownCity(w) {
				continue
			}
			if _, ok := CountryOfDemonym(w); ok {
				continue
			}
			if mi := r.mentionAt(si, i, document.Name); mi >= 0 {
				m := &r.doc.Mentions[mi]
				if m.Start == i && m.End == i+1 && m.Type == document.Person {
					m.Type = document.Org
				}
				continue
			}
			if i > 0 && capitalised(word(&toks[i-1])) && toks[i-1].UPOS == "PROPN" {
				continue // part of a longer unrecognised name
			}
			n := document.Mention{Sentence: si, Start: i, End: i + 1, Type: document.Org, Kind: document.Name, Entity: -1, Confidence: 0.5}
			r.setSpan(&n)
			add = append(add, n)
		}
	}
	if len(add) > 0 {
		r.doc.Mentions = append(r.doc.Mentions, add...)
		r.sortByPosition()
	}
}

// nameParticles are lower-case words that belong inside names ("Charles
// de Gaulle", "Ludwig van Beethoven").
var nameParticles = map[string]bool{
	"de": true, "da": true, "van": true, "von": true, "der": true, "del": true, "la": true,
	"le": true, "bin": true, "al": true, "ibn": true, "dos": true, "du": true, "di": true,
	"des": true, "den": true, "ter": true, "y": true, "of": true, "the": true, "and": true,
	"for": true, "on": true, "in": true, "&": true, "'s": true,
}

// splitTitles are the titles that, inside a recognised name, separate an
// organisation or place from a person ("Cape Town Supreme Court Judge
// J.H. Berman"); words that are also common surnames (King, Prince,
// General) are left out.
var splitTitles = map[string]bool{
	"judge": true, "gov.": true, "governor": true, "sen.": true, "senator": true, "rep.": true,
	"director": true, "administrator": true, "commissioner": true, "chairman": true,
	"chairwoman": true, "officer": true, "minister": true, "president": true, "secretary": true,
	"mayor": true, "ambassador": true, "spokesman": true, "spokeswoman": true, "deputy": true,
	"gen.": true, "col.": true, "lt.": true, "sgt.": true, "capt.": true, "adm.": true, "dr.": true,
	"mr.": true, "mrs.": true, "ms.": true, "superintendent": true, "ceo": true,
	"premier": true, "attorney": true, "sheriff": true, "prosecutor": true,
}

// isAge reports whether w is a plausible age ("45").
func isAge(w string) bool {
	n, err := strconv.Atoi(w)
	return err == nil && n > 0 && n < 115
}

// startsLower reports whether w begins with a lower-case letter.
func startsLower(w string) bool {
	for _, c := range w {
		return unicode.IsLower(c)
	}
	return false
}

// isCode spots wire-service catalogue numbers glued to names
// ("LD0506194194").
func isCode(w string) bool {
	digits, letters := 0, 0
	for _, c := range w {
		switch {
		case unicode.IsDigit(c):
			digits++
		case unicode.IsLetter(c):
			letters++
		}
	}
	return digits >= 3 && letters >= 1
}

// cleanOne fixes one recognised name and may split it in parts; depth
// bounds the recursion on the parts.
func (r *resolver) cleanOne(m document.Mention, depth int) []document.Mention {
	s := m.Sentence
	toks := r.doc.Sentences[s].Tokens
	// Punctuation, catalogue codes and lower-case modifiers at the edges
	// never belong to a name ("western Kamchatka", "LD0506194194 Paris").
	// Dates and times are written in lower case ("two years ago", "the end
	// of March"): only their punctuation goes.
	temporal := m.Type == document.Date || m.Type == document.Time
	for m.End-m.Start > 1 {
		w := word(&toks[m.Start])
		lw := strings.ToLower(w)
		if !hasLetterOrDigit(w) || !temporal && (isCode(w) || startsLower(w) && !nameParticles[lw]) {
			m.Start++
			continue
		}
		break
	}
	for m.End-m.Start > 1 && !hasLetterOrDigit(word(&toks[m.End-1])) {
		m.End--
	}
	if m.Type == document.Person {
		// A leading verb or lower-case word ("said Peter Butler").
		for m.End-m.Start > 1 && (r.notNamePart(s, m.Start) || !capitalised(word(&toks[m.Start]))) {
			m.Start++
		}
		// Trailing verbs, function and lower-case words ("Oswald two").
		for m.End-m.Start > 1 && (r.notNamePart(s, m.End-1) || startsLower(word(&toks[m.End-1])) && !nameParticles[strings.ToLower(word(&toks[m.End-1]))]) {
			m.End--
		}
		// Leading titles belong in Title, not in the name.
		for m.End-m.Start > 1 && IsTitleWord(word(&toks[m.Start])) {
			m.Start++
		}
		// People's names hold no figures: "Feb 872.0", "Toledo 1.41"
		// are rows of a table the recogniser read as names.
		for m.End-m.Start > 1 && hasDigit(word(&toks[m.End-1])) {
			m.End--
		}
		for m.End-m.Start > 1 && hasDigit(word(&toks[m.Start])) {
			m.Start++
		}
		if hasDigit(word(&toks[m.Start])) || m.End-m.Start == 1 && tableMonth(strings.ToLower(strings.TrimSuffix(word(&toks[m.Start]), "."))) {
			return nil
		}
	}
	// A name made only of title words ("Ms.", "President") is no name.
	allTitles := true
	for i := m.Start; i < m.End; i++ {
		if !IsTitleWord(word(&toks[i])) {
			allTitles = false
		}
	}
	if allTitles {
		return nil
	}
	if depth < 3 {
		// "Brutus and Cassius": two people. But a name that ends in a
		// corporate suffix is one company ("Standard and Poor's Corp",
		// "Procter and Gamble Co").
		if m.Type == document.Person && designators[strings.ToLower(word(&toks[m.End-1]))] {
			m.Type = document.Org
		}
		if m.Type == document.Person {
			for i := m.Start + 1; i < m.End-1; i++ {
				if strings.EqualFold(word(&toks[i]), "and") {
					left, right := m, m
					left.End, right.Start = i, i+1
					return append(r.cleanOne(left, depth+1), r.cleanOne(right, depth+1)...)
				}
			}
		}
		// "Cape Town Supreme Court Judge J.H. Berman", "FAA Administrator
		// Allan McArtor": an organisation or place, a title, a person.
		for i := m.Start + 1; i < m.End-1; i++ {
			w := word(&toks[i])
			if !capitalised(w) || !splitTitles[strings.ToLower(w)] || m.End-(i+1) > 4 || !capitalised(word(&toks[i+1])) {
				continue
			}
			if toks[m.Start].UPOS == "VERB" || IsFirstName(word(&toks[m.Start])) && i == m.Start+1 {
				continue
			}
			left, right := m, m
			left.End, right.Start = i, i+1
			if left.Type == document.Person {
				left.Type = document.Org
				if _, ok := CanonicalPlace(strings.Join(r.words(s, left.Start, left.End), " ")); ok {
					left.Type = document.GPE
				}
			}
			if left.Type == document.Org {
				// "Ohio Gov. X", "Pittsburgh Mayor X": a US state or a
				// well-known city before the title is the place the
				// title belongs to, not an organisation.
				name := strings.Join(r.words(s, left.Start, left.End), " ")
				if usStateNames[strings.ToLower(name)] || IsStateAbbrev(name) || IsKnownCity(name) {
					left.Type = document.GPE
				}
			}
			right.Type = document.Person
			return append(r.cleanOne(left, depth+1), r.cleanOne(right, depth+1)...)
		}
	}
	// "Mich ." at the end of a sentence: the abbreviation's dot was split
	// off as the full stop.
	if m.End < len(toks) && word(&toks[m.End]) == "." && IsStateAbbrev(word(&toks[m.End-1])) && !strings.HasSuffix(word(&toks[m.End-1]), ".") {
		m.End++
	}
	// A hyphenated compound modifier of places ("US-Russia") is two
	// entities, not one: split it at the hyphen token, or drop a
	// single-token compound.
	if parts, isCompound := r.splitHyphenated(&m); isCompound {
		return parts
	}
	if !hasLetter(strings.Join(r.words(s, m.Start, m.End), "")) {
		return nil
	}
	if parts, ok := r.splitCaps(&m); ok {
		return parts
	}
	if parts, ok := r.splitBroadcaster(&m); ok {
		return parts
	}
	r.setSpan(&m)
	return []document.Mention{m}
}

// sourceLine reports whether sentence s is a wire-service source line: it
// holds a catalogue code ("LD0706183794") or a "GMT" time, or is at most
// six tokens long ("Beirut Radio Lebanon").
func (r *resolver) sourceLine(s int) bool {
	toks := r.doc.Sentences[s].Tokens
	if len(toks) <= 6 {
		return true
	}
	for i := range toks {
		if w := word(&toks[i]); isCode(w) || w == "GMT" {
			return true
		}
	}
	return false
}

// broadcastWords open the name of a radio or television service.
var broadcastWords = set("radio", "television", "tv")

// splitBroadcaster splits a wire-service source line that names a place
// and then a broadcaster ("Havana Radio Reloj Network", "Beirut Radio
// Lebanon", "Riga Radio Riga"), which the recogniser reads as one
// organisation: the place is where the broadcaster is based. The place
// must be a known one or a one- or two-word name, and the broadcaster
// word must come right after it.
func (r *resolver) splitBroadcaster(m *document.Mention) ([]document.Mention, bool) {
	if m.End-m.Start < 2 || m.Type == document.Person || m.Type == document.Date || m.Type == document.Time {
		return nil, false
	}
	s := m.Sentence
	for k := m.Start + 1; k < m.End && k-m.Start <= 3; k++ {
		if !broadcastWords[strings.ToLower(word(r.tok(s, k)))] {
			if !capitalised(word(r.tok(s, k))) {
				return nil, false
			}
			continue
		}
		if k+1 >= m.End {
			return nil, false // "Bosnia-Herzegovina Radio"
		}
		name := strings.Join(r.words(s, m.Start, k), " ")
		_, known := CanonicalPlace(name)
		if !known && !IsKnownCity(name) && !usStateNames[strings.ToLower(name)] && !(k-m.Start <= 2 && r.sourceLine(s)) {
			return nil, false
		}
		if _, nat := CountryOfDemonym(name); nat {
			return nil, false // "Polish Radio" is a name of its own
		}
		place, org := *m, *m
		place.End, place.Type = k, document.GPE
		org.Start, org.Type = k, document.Org
		// The recogniser often stops before "Network" ("Radio Reloj
		// Network").
		toks := r.doc.Sentences[s].Tokens
		if org.End < len(toks) && word(&toks[org.End]) == "Network" && r.mentionAt(s, org.End) < 0 {
			org.End++
		}
		r.setSpan(&place)
		r.setSpan(&org)
		return []document.Mention{place, org}, true
	}
	return nil, false
}

// contextTypes corrects recogniser errors that the words around a name
// settle: "a Fargo native", "a Tokyo-based firm" and "Springfield ,
// Ill." name places; a first name just before a person's span belongs to
// it ("Mark" + "David Chapman").
func (r *resolver) contextTypes() {
	// Surnames of the people named in full: a lone "Lincoln" typed as a
	// place after "Abraham Lincoln" is the same person.
	surnames := map[string]bool{}
	for _, m := range r.doc.Mentions {
		if m.Kind == document.Name && m.Type == document.Person && m.End-m.Start >= 2 {
			surnames[strings.ToLower(word(r.tok(m.Sentence, m.End-1)))] = true
		}
	}
	// Head words settle the type of many names the recogniser mistypes:
	// "... Party", "... University" are organisations; "... County",
	// "... River" are places; a known first name starts a person's name.
	for i := range r.doc.Mentions {
		m := &r.doc.Mentions[i]
		if m.Kind != document.Name {
			continue
		}
		switch m.Type {
		case document.Person, document.Org, document.GPE, document.Loc, document.NORP:
		default:
			continue
		}
		toks := r.doc.Sentences[m.Sentence].Tokens
		last := strings.ToLower(word(&toks[m.End-1]))
		first := word(&toks[m.Start])
		hasOrgWord := false
		for k := m.Start; k < m.End; k++ {
			if orgHeadWords[strings.ToLower(word(&toks[k]))] {
				hasOrgWord = true
			}
		}
		inParens := m.Start > 0 && m.End < len(toks) && word(&toks[m.Start-1]) == "(" && word(&toks[m.End]) == ")"
		acronym := m.End-m.Start == 1 && (len(first) >= 3 || inParens && len(first) >= 2) && strings.ToUpper(first) == first && hasLetter(first) && !strings.Contains(first, ".")
		dateline := m.Start == 0 && m.End < len(toks) && word(&toks[m.End]) == ","
		_, knownPlace := CanonicalPlace(first)
		if _, country := CanonicalPlace(m.Text); country && (m.Type == document.Org || m.Type == document.Person) && !hasOrgWord {
			// "Ukraine" tagged as an organisation is still the country.
			m.Type = document.GPE
			continue
		}
		if _, demonym := CountryOfDemonym(m.Text); demonym && m.End-m.Start == 1 && (m.Type == document.Org || m.Type == document.Person) {
			// "Philippine President Corazon Aquino" with "Philippine"
			// tagged as an organisation: a nationality word names none.
			m.Type = document.NORP
			continue
		}
		bare := strings.TrimSuffix(strings.TrimSpace(m.Text), " .")
		if m.Type != document.Org && knownOrgs[strings.ToLower(bare)] {
			// "U.N. peacekeepers": international bodies are no places.
			m.Type = document.Org
			continue
		}
		if m.Type == document.Org && !hasOrgWord && (IsStateAbbrev(bare) || usStateNames[strings.ToLower(bare)] || IsKnownCity(bare)) {
			// "Mich ." and "The Hague" tagged as organisations are
			// places; a lone known city is one too ("Kiev").
			m.Type = document.GPE
			continue
		}
		if m.Type == document.Org && m.End-m.Start >= 2 && facilityWords[last] {
			// "Andrews Air Force Base", "Lenin Shipyard": facilities
			// are places.
			m.Type = document.Loc
			continue
		}
		if (m.Type == document.Person || m.Type.IsPlace()) && !knownPlace && orgByContext(toks, m.Start, m.End) {
			m.Type = document.Org
			continue
		}
		switch {
		case hasOrgWord && m.Type != document.Org && m.End-m.Start >= 2:
			m.Type = document.Org
		case acronym && m.Type.IsPlace() && !knownPlace && !dateline && !IsStateAbbrev(first):
			// "NASA", "IRS": capitalised acronyms are organisations far
			// more often than places.
			m.Type = document.Org
		case placeHeadWords[last] && m.End-m.Start >= 2 && (m.Type == document.Person || m.Type == document.Org && !hasOrgWord):
			m.Type = document.GPE
		case m.Type != document.Person && m.Type != document.Org && m.End-m.Start >= 2 && m.End-m.Start <= 3 && IsFirstName(first) && capitalised(word(&toks[m.End-1])) &&
			!hasOrgWord && !placeHeadWords[last]:
			if _, known := CanonicalPlace(m.Text); !known {
				m.Type = document.Person
			}
		}
	}
	for i := range r.doc.Mentions {
		m := &r.doc.Mentions[i]
		if m.Kind != document.Name || m.Type == document.Person || m.End-m.Start > 3 {
			continue
		}
		if m.Type != document.GPE && m.Type != document.Org && m.Type != document.Loc && m.Type != document.NORP {
			continue
		}
		if _, known := CanonicalPlace(m.Text); known || IsStateAbbrev(m.Text) {
			continue
		}
		if _, known := CountryOfDemonym(m.Text); known {
			continue
		}
		s := m.Sentence
		toks := r.doc.Sentences[s].Tokens
		prev, next := "", ""
		if m.Start > 0 {
			prev = word(&toks[m.Start-1])
		}
		if m.End < len(toks) {
			next = strings.ToLower(word(&toks[m.End]))
		}
		single := m.End-m.Start == 1
		switch {
		case single && surnames[strings.ToLower(m.Text)]:
			m.Type = document.Person
		case capitalised(prev) && IsCoreTitle(prev) && !strings.EqualFold(prev, "chief") && r.mentionAt(s, m.Start-1, document.Name) < 0 &&
			(m.Start < 2 || !strings.EqualFold(word(&toks[m.Start-2]), "the")):
			// "President Kennedy", "Officer Tippit" — but not "the
			// President of ...".
			m.Type = document.Person
		case next == "," && m.End+2 < len(toks) && (isAge(word(&toks[m.End+1])) && word(&toks[m.End+2]) == "," ||
			strings.EqualFold(word(&toks[m.End+1]), "who") && m.Type != document.Org):
			// "Sanders , 45 , was found guilty", "Oswald , who ...":
			// ages and "who" follow people.
			m.Type = document.Person
		case m.Type != document.Org && (strings.EqualFold(prev, "said") || strings.EqualFold(prev, "says") ||
			(next == "said" || next == "says" || next == "told") && (single || IsFirstName(word(&toks[m.Start]))) &&
				(m.Start == 0 || toks[m.Start-1].UPOS != "ADP" && word(&toks[m.Start-1]) != ",")):
			// Places do not speak: "said Tidwell", "Epps said".
			m.Type = document.Person
		case occupationNouns[strings.ToLower(prev)] && m.Start > 0 && toks[m.Start-1].UPOS == "NOUN":
			// An occupation written before a name makes it a person's
			// ("comedian Tuvia Tzafir").
			m.Type = document.Person
		}
	}
	for i := range r.doc.Mentions {
		m := &r.doc.Mentions[i]
		if m.Kind != document.Name {
			continue
		}
		s := m.Sentence
		toks := r.doc.Sentences[s].Tokens
		next := ""
		if m.End < len(toks) {
			next = strings.ToLower(word(&toks[m.End]))
		}
		// "MEMPHIS , Tenn." / "Petaluma , Calif." / "SEOUL , South Korea
		// ( AP )": a name followed by a state or country after a comma is
		// a place, unless it is clearly a person's full name.
		if next == "," && m.End+1 < len(toks) && !m.Type.IsPlace() {
			after := word(&toks[m.End+1])
			state := IsStateAbbrev(after)
			country := false
			if pm := r.mentionAt(s, m.End+1, document.Name); pm >= 0 && r.doc.Mentions[pm].Type.IsPlace() {
				_, country = CanonicalPlace(r.doc.Mentions[pm].Text)
				// A dateline's full state name counts as well
				// ("MILLINOCKET , Maine ( AP )").
				country = country || usStateNames[strings.ToLower(r.doc.Mentions[pm].Text)]
			}
			allCaps := strings.ToUpper(m.Text) == m.Text && hasLetter(m.Text)
			firstName := maleNames[strings.ToLower(word(&toks[m.Start]))] || femaleNames[strings.ToLower(word(&toks[m.Start]))]
			switch {
			case (state || country) && allCaps && m.Start == 0:
				m.Type = document.GPE
			case state && m.Type == document.Person && !firstName:
				m.Type = document.GPE
			}
		}
		if m.Type == document.Person || m.Type == document.Org {
			switch next {
			case "native", "-born", "-based", "natives", "resident", "residents":
				m.Type = document.GPE
			}
		}
		if m.Type == document.Person && m.Start > 0 {
			// A capitalised proper noun glued to the front of a person's
			// name is a first name the recogniser missed ("Vyacheslav
			// Chornovil", "Mark David Chapman").
			prev := &toks[m.Start-1]
			lw := strings.ToLower(word(prev))
			known := maleNames[lw] || femaleNames[lw]
			unknownPropn := prev.UPOS == "PROPN" && !IsTitleWord(lw) && m.Start-1 > 0 && !strings.HasSuffix(lw, ".") && hasLetter(lw)
			if (known || unknownPropn) && capitalised(word(prev)) && r.mentionAt(s, m.Start-1, document.Name) < 0 &&
				strings.ToUpper(word(prev)) != word(prev) {
				m.Start--
				r.setSpan(m)
			}
		}
		// "Texas Agriculture Commissioner Jim Hightower": title words at
		// the end of an organisation name belong to the person after it.
		if m.Type == document.Org && m.End-m.Start > 1 {
			if pm := r.mentionAt(s, m.End, document.Name); pm >= 0 && r.doc.Mentions[pm].Type == document.Person && r.doc.Mentions[pm].Start == m.End {
				end := m.End
				for end-m.Start > 1 && IsCoreTitle(word(&toks[end-1])) {
					end--
				}
				if end < m.End {
					m.End = end
					r.setSpan(m)
					// What is left may be a place: "Ohio Gov. X",
					// "Pittsburgh Mayor X".
					bare := strings.TrimSpace(m.Text)
					if _, country := CanonicalPlace(bare); country || usStateNames[strings.ToLower(bare)] || IsStateAbbrev(bare) || IsKnownCity(bare) {
						m.Type = document.GPE
					}
				}
			}
		}
	}
}

// mergeNationalOrgs joins a nationality adjective written right before an
// organisation's name into the name ("Italian" + "Agricultural
// Confederation"): the recogniser, trained on a corpus that tags such
// adjectives apart, splits names like "Russian State Duma".
func mergeNationalOrgs(r *resolver, ms []document.Mention) []document.Mention {
	out := ms[:0]
	for i := 0; i < len(ms); i++ {
		m := ms[i]
		if m.Kind == document.Name && m.Type == document.NORP && i+1 < len(ms) {
			n := ms[i+1]
			if n.Kind == document.Name && n.Type == document.Org && n.Sentence == m.Sentence && n.Start == m.End {
				n.Start = m.Start
				r.setSpan(&n)
				out = append(out, n)
				i++
				continue
			}
		}
		out = append(out, m)
	}
	return out
}

func (r *resolver) words(s, start, end int) []string {
	w := make([]string, 0, end-start)
	for i := start; i < end; i++ {
		w = append(w, word(r.tok(s, i)))
	}
	return w
}

func (r *resolver) notNamePart(s, i int) bool {
	t := r.tok(s, i)
	switch t.UPOS {
	case "VERB", "AUX", "ADP", "PRON", "DET", "CCONJ", "SCONJ", "PUNCT":
		return word(t) != "." && !strings.HasSuffix(word(t), ".")
	}
	switch t.XPOS {
	case "VBZ", "VBD", "VBP", "VBG", "POS":
		return true
	}
	return false
}

func (r *resolver) splitHyphenated(m *document.Mention) ([]document.Mention, bool) {
	if !m.Type.IsPlace() && m.Type != document.NORP && m.Type != document.Org {
		return nil, false
	}
	s := m.Sentence
	// Single token "US-Russia" used as a modifier.
	if m.End-m.Start == 1 {
		w := word(r.tok(s, m.Start))
		a, b, found := strings.Cut(w, "-")
		if found && capitalised(a) && capitalised(b) && len(a) > 1 && len(b) > 1 {
			return nil, true
		}
		return nil, false
	}
	for i := m.Start + 1; i < m.End-1; i++ {
		w := word(r.tok(s, i))
		if (w == "-" || w == "–") && !r.tok(s, i-1).SpaceAfter && capitalised(word(r.tok(s, i+1))) {
			left, right := *m, *m
			left.End = i
			right.Start = i + 1
			r.setSpan(&left)
			r.setSpan(&right)
			return []document.Mention{left, right}, true
		}
	}
	return nil, false
}

// splitCaps splits a name whose first words are in title case and whose
// last words are in capitals: wire-service source lines write the place and
// then the agency or paper ("Moscow INTERFAX", "Cairo AL-AHALI"), which the
// recogniser reads as one name.
func (r *resolver) splitCaps(m *document.Mention) ([]document.Mention, bool) {
	if m.End-m.Start < 2 || m.Type == document.Date || m.Type == document.Time {
		return nil, false
	}
	s := m.Sentence
	isCaps := func(w string) bool {
		letters := 0
		for _, c := range w {
			if unicode.IsLetter(c) {
				letters++
				if !unicode.IsUpper(c) {
					return false
				}
			}
		}
		return letters >= 2
	}
	isTitle := func(w string) bool { return capitalised(w) && !isCaps(w) }
	k := m.Start
	for k < m.End && isTitle(word(r.tok(s, k))) {
		k++
	}
	if k == m.Start || k == m.End || k-m.Start > 2 {
		return nil, false
	}
	for i := k; i < m.End; i++ {
		if !isCaps(word(r.tok(s, i))) {
			return nil, false
		}
	}
	place, org := *m, *m
	place.End, place.Type = k, document.GPE
	org.Start, org.Type = k, document.Org
	r.setSpan(&place)
	r.setSpan(&org)
	return []document.Mention{place, org}, true
}

// trimHeadlineGlue drops the last word of a multi-word person name when the
// rest of the name is a person name seen elsewhere in the document and the
// dropped word appears in no other name. This catches title-case headlines
// where the recogniser swallows the verb ("President Trump Participates").
func (r *resolver) trimHeadlineGlue() {
	partCount := map[string]int{}
	full := map[string]bool{}
	for _, m := range r.doc.Mentions {
		if m.Kind != document.Name || m.Type != document.Person {
			continue
		}
		w := r.words(m.Sentence, m.Start, m.End)
		full[strings.ToLower(strings.Join(w, " "))] = true
		full[strings.ToLower(w[len(w)-1])] = true
		for _, x := range w {
			partCount[strings.ToLower(x)]++
		}
	}
	for i := range r.doc.Mentions {
		m := &r.doc.Mentions[i]
		if m.Kind != document.Name || m.Type != document.Person || m.End-m.Start < 2 {
			continue
		}
		w := r.words(m.Sentence, m.Start, m.End)
		last := strings.ToLower(w[len(w)-1])
		rest := strings.ToLower(strings.Join(w[:len(w)-1], " "))
		if partCount[last] == 1 && full[rest] && rest != strings.ToLower(strings.Join(w, " ")) &&
			strings.HasSuffix(last, "s") && r.isTitleCaseLine(m.Sentence) {
			m.End--
			r.setSpan(m)
		}
	}
}

// isTitleCaseLine reports whether most content words of the sentence are
// capitalised, as in headlines and tweet cards.
func (r *resolver) isTitleCaseLine(s int) bool {
	caps, n := 0, 0
	for i := range r.doc.Sentences[s].Tokens {
		w := word(r.tok(s, i))
		if len(w) < 4 || !hasLetter(w) {
			continue
		}
		n++
		if capitalised(w) {
			caps++
		}
	}
	return n >= 3 && caps*10 >= n*7
}

// ---- pass 2: titles ----

// findTitles records the title words before each person name ("US
// President", "Ukrainian President", "former Foreign Minister") and, when
// there are none, the head of an appositive description ("Zelensky,
// Ukraine's president").
func (r *resolver) findTitles() {
	for i := range r.doc.Mentions {
		m := &r.doc.Mentions[i]
		if m.Kind != document.Name || m.Type != document.Person {
			continue
		}
		if t := r.titleBefore(m); t != "" {
			m.Title = t
			continue
		}
		if t := r.appositiveTitle(m); t != "" {
			m.Title = t
		}
	}
}

func (r *resolver) titleBefore(m *document.Mention) string {
	s := m.Sentence
	j := m.Start - 1
	core := false
	for j >= 0 {
		t := r.tok(s, j)
		w := word(t)
		lw := strings.ToLower(w)
		switch {
		case IsTitleWord(w) && (capitalised(w) || lw == "former" || lw == "acting" || lw == "then" || core):
			if IsCoreTitle(w) {
				core = true
			}
		case core && r.isNationWord(s, j):
			// "US President", "Russian Foreign Minister"
		case core && lw == "'s" && j > 0 && r.isNationWord(s, j-1):
			j-- // "Russia 's President"
		case lw == "then" || lw == "-" && core:
		default:
			goto done
		}
		if r.mentionAt(s, j, document.Name) >= 0 && !r.isNationWord(s, j) {
			goto done
		}
		j--
	}
done:
	if !core || j+1 >= m.Start {
		return ""
	}
	// Never start a title with a modifier that belongs to something else.
	start := j + 1
	for start < m.Start && (lower(r.tok(s, start)) == "-" || lower(r.tok(s, start)) == "then") {
		start++
	}
	return r.joinTokens(s, start, m.Start)
}

// isNationWord reports whether token j names a country or nationality:
// a NORP/GPE mention or a demonym from the table.
func (r *resolver) isNationWord(s, j int) bool {
	w := word(r.tok(s, j))
	if _, ok := CountryOfDemonym(w); ok {
		return true
	}
	if _, ok := CanonicalPlace(w); ok && capitalised(w) {
		return true
	}
	if mi := r.mentionAt(s, j, document.Name); mi >= 0 {
		t := r.doc.Mentions[mi].Type
		return t == document.NORP || t == document.GPE
	}
	return false
}

func (r *resolver) appositiveTitle(m *document.Mention) string {
	s := m.Sentence
	h := r.headOf(s, m.Start, m.End)
	for _, k := range r.kids[s][h] {
		t := r.tok(s, k)
		if t.DepRel != "appos" || k < m.End || t.UPOS != "NOUN" || !IsCoreTitle(word(t)) {
			continue
		}
		lo, hi := r.leftEdge(s, k), k+1
		for lo < hi && (r.tok(s, lo).UPOS == "DET" || r.tok(s, lo).UPOS == "PUNCT") {
			lo++
		}
		if hi-lo > 6 {
			continue
		}
		return r.joinTokens(s, lo, hi)
	}
	return ""
}

// leftEdge returns the leftmost token of the left dependents of h (the
// start of h's noun phrase without postmodifiers).
func (r *resolver) leftEdge(s, h int) int {
	lo := h
	var walk func(i int)
	walk = func(i int) {
		for _, k := range r.kids[s][i] {
			if k < lo {
				lo = k
			}
			if k < h {
				walk(k)
			}
		}
	}
	for _, k := range r.kids[s][h] {
		if k < h {
			switch baseRel(r.tok(s, k).DepRel) {
			case "case", "punct", "mark", "cc", "advmod", "aux", "cop", "nsubj", "obj", "obl":
				continue
			}
			if k < lo {
				lo = k
			}
			walk(k)
		}
	}
	return lo
}

func (r *resolver) joinTokens(s, start, end int) string {
	toks := r.doc.Sentences[s].Tokens
	if r.doc.Text != "" && toks[end-1].End <= len(r.doc.Text) {
		return r.doc.Text[toks[start].Start:toks[end-1].End]
	}
	var b strings.Builder
	for i := start; i < end; i++ {
		if i > start && (toks[i-1].SpaceAfter || r.doc.Text == "") && toks[i].Text != "'s" {
			b.WriteByte(' ')
		}
		b.WriteString(toks[i].Text)
	}
	return b.String()
}

// ---- pass 3: descriptions and pronouns ----

// addNominals adds a mention for every noun phrase headed by a person role
// noun or an event noun that is determined ("the Russian leader", "both
// leaders", "a highly anticipated summit", "the Anchorage meeting").
func (r *resolver) addNominals() {
	for s := range r.doc.Sentences {
		for h := range r.doc.Sentences[s].Tokens {
			t := r.tok(s, h)
			if t.UPOS != "NOUN" {
				continue
			}
			if r.mentionAt(s, h) >= 0 {
				continue
			}
			lem := lemma(t)
			_, isEvent := EventClass(lower(t))
			if !isEvent {
				_, isEvent = EventClass(lem)
			}
			isPerson := personNouns[lem] || personNouns[lower(t)]
			isOrg := orgNouns[lem] && !isEvent && !isPerson
			if !isEvent && !isPerson && !isOrg {
				continue
			}
			// Organisation descriptions only with "the" ("the agency"):
			// "a company" introduces an unnamed one.
			if isOrg && !r.hasDefiniteDet(s, h) {
				continue
			}
			// Part of a larger noun phrase ("summit talks" keeps "talks").
			if t.DepRel == "compound" {
				continue
			}
			if !r.determined(s, h) {
				continue
			}
			lo := r.leftEdge(s, h)
			// Skip a leading name mention inside the span's left edge only
			// if it is a person ("Putin's envoy" is not a description of Putin).
			m := document.Mention{Sentence: s, Start: lo, End: h + 1, Kind: document.Nominal, Entity: -1, Confidence: 0.6}
			switch {
			case isEvent:
				m.Type = document.Event
			case isOrg:
				m.Type = document.Org
			default:
				m.Type = document.Person
			}
			r.setSpan(&m)
			r.doc.Mentions = append(r.doc.Mentions, m)
		}
	}
}

// determined reports whether noun h has a determiner, possessor, number or
// quantifier ("the", "both", "two", "its", "Russia's") or a proper-noun
// compound ("the Anchorage meeting") — bare plurals are generic.
func (r *resolver) determined(s, h int) bool {
	for _, k := range r.kids[s][h] {
		if k > h {
			continue
		}
		t := r.tok(s, k)
		switch baseRel(t.DepRel) {
		case "det", "nmod", "nummod":
			if t.DepRel == "nmod" && !strings.HasSuffix(t.DepRel, "poss") {
				continue
			}
			return true
		}
		if t.DepRel == "nmod:poss" {
			return true
		}
		if t.UPOS == "DET" || t.UPOS == "PRON" && t.XPOS == "PRP$" {
			return true
		}
		// "US and Russian leaders": a plural role noun with nationalities.
		if r.tok(s, h).XPOS == "NNS" && (t.DepRel == "amod" || t.DepRel == "compound") && r.isNationWord(s, k) {
			return true
		}
	}
	return false
}

// addPronouns adds a mention for every third-person pronoun that can refer
// to an entity, skipping expletive "it" ("it is raining").
func (r *resolver) addPronouns() {
	for s := range r.doc.Sentences {
		for i := range r.doc.Sentences[s].Tokens {
			t := r.tok(s, i)
			lw := lower(t)
			_, isPron := pronouns[lw]
			isRel := (lw == "who" || lw == "whom" || lw == "whose" || lw == "which") && r.relativeHead(s, i) >= 0
			if !isPron && !isRel {
				continue
			}
			if t.UPOS != "PRON" && t.UPOS != "DET" && t.XPOS != "PRP" && t.XPOS != "PRP$" && t.XPOS != "WP" && t.XPOS != "WP$" && t.XPOS != "WDT" {
				continue
			}
			if t.DepRel == "expl" || lw == "it" && r.expletiveIt(s, i) {
				continue
			}
			if r.mentionAt(s, i, document.Name) >= 0 {
				continue
			}
			m := document.Mention{Sentence: s, Start: i, End: i + 1, Kind: document.Pronominal, Entity: -1, Confidence: 0.5}
			r.setSpan(&m)
			r.doc.Mentions = append(r.doc.Mentions, m)
		}
	}
}

// relativeHead returns the noun a relative pronoun at i refers to: the head
// of the acl:relcl clause containing it.
func (r *resolver) relativeHead(s, i int) int {
	v := r.tok(s, i).Head
	for steps := 0; v >= 0 && steps < 3; steps++ {
		vt := r.tok(s, v)
		if vt.DepRel == "acl:relcl" {
			return vt.Head
		}
		v = vt.Head
	}
	return -1
}

// expletiveIt spots "it is/was ADJ to/that ..." and weather "it".
func (r *resolver) expletiveIt(s, i int) bool {
	toks := r.doc.Sentences[s].Tokens
	if i+2 < len(toks) && lemma(&toks[i+1]) == "be" {
		for j := i + 2; j < len(toks) && j < i+6; j++ {
			lw := lower(&toks[j])
			if lw == "that" || lw == "to" {
				return true
			}
		}
	}
	if i+1 < len(toks) {
		switch lemma(&toks[i+1]) {
		case "rain", "snow", "seem", "appear":
			return true
		}
	}
	return false
}

func (r *resolver) sortMentions() {
	ms := r.doc.Mentions
	sort.SliceStable(ms, func(a, b int) bool {
		if ms[a].Sentence != ms[b].Sentence {
			return ms[a].Sentence < ms[b].Sentence
		}
		if ms[a].Start != ms[b].Start {
			return ms[a].Start < ms[b].Start
		}
		return ms[a].End > ms[b].End
	})
	r.bySent = nil // indices changed
	r.cl = make([]int, len(ms))
	for i := range r.cl {
		r.cl[i] = -1
	}
}

// ---- pass 4: names ----

// nameKey is the normalised form of a name used for matching: lower-case
// words without leading "the", titles and single-letter middle initials.
func (r *resolver) nameKey(m *document.Mention) []string {
	w := r.words(m.Sentence, m.Start, m.End)
	var out []string
	for i, x := range w {
		lx := strings.ToLower(x)
		if i == 0 && lx == "the" {
			continue
		}
		if m.Type == document.Person && len(out) > 0 && i < len(w)-1 && isInitial(x) {
			continue
		}
		if m.Type == document.Person && (lx == "jr." || lx == "sr." || lx == "jr" || lx == "sr" || lx == "iii" || lx == "ii") && i == len(w)-1 {
			continue
		}
		if lx == "'s" || lx == "," {
			continue
		}
		out = append(out, lx)
	}
	return out
}

func isInitial(w string) bool {
	w = strings.TrimSuffix(w, ".")
	return len(w) == 1 && capitalised(w)
}

func (r *resolver) newCluster(t document.EntityType) int {
	r.clusters = append(r.clusters, &cluster{typ: t, place: -1})
	return len(r.clusters) - 1
}

func (r *resolver) add(mi, ci int) {
	r.cl[mi] = ci
	c := r.clusters[ci]
	c.mentions = append(c.mentions, mi)
}

func compatibleTypes(a, b document.EntityType) bool {
	if a == b {
		return true
	}
	return a.IsPlace() && b.IsPlace()
}

// unifyNameTypes gives every mention of the same name in a document the
// same type: one name, one entity. The recogniser decides each mention on
// its own words, so a company named five times can come out as an
// organisation four times and as a person or a place once ("Citibank",
// "Standard Oil"), which would split it into several entities and hang
// facts on the wrong one. Counting votes is not enough: business copy
// names a company in full once ("Goodyear Tire and Rubber Co") and then by
// a short form ("Goodyear said") that the recogniser, seeing a capitalised
// word before "said", often takes for a surname. So evidence decides
// first: a name the place tables know, or written before a state or a
// country ("Akron, Ohio"), is a place; a name that opens a
// longer organisation name of the document, or holds an organisation word
// itself, is an organisation; a name that starts with a first name, is
// the surname of a person's full name in the document or carries a title
// ("President Reagan") is a person.
// Without evidence, a name read two ways is taken for an organisation:
// the place tables know the places that news names most, and company
// short names are what the recogniser mistypes most.
func (r *resolver) unifyNameTypes() {
	type group struct {
		words []string
		ms    []int
	}
	groups := map[string]*group{}
	var order []string
	for mi := range r.doc.Mentions {
		m := &r.doc.Mentions[mi]
		if m.Kind != document.Name || !(m.Type == document.Person || m.Type == document.Org || m.Type.IsPlace()) {
			continue
		}
		lw := r.foldedName(m)
		if len(lw) == 0 {
			continue
		}
		k := strings.Join(lw, " ")
		g := groups[k]
		if g == nil {
			g = &group{words: lw}
			groups[k] = g
			order = append(order, k)
		}
		g.ms = append(g.ms, mi)
	}
	ev := r.indexNameEvidence()
	for _, k := range order {
		g := groups[k]
		var person, org, place float64
		for _, mi := range g.ms {
			m := &r.doc.Mentions[mi]
			c := m.Confidence
			if c <= 0 {
				c = 0.5
			}
			switch {
			case m.Type == document.Person:
				person += c
			case m.Type == document.Org:
				org += c
			default:
				place += c
			}
		}
		kinds := 0
		for _, v := range []float64{person, org, place} {
			if v > 0 {
				kinds++
			}
		}
		if kinds < 2 {
			// Read as a person only: still a company's short form when it
			// opens the company's full name ("Chrysler" after "Chrysler
			// Corp"), unless it is a person's surname. (A place opening an
			// organisation's name is usually the place: "Greenwood" and
			// "Greenwood Health Care Center".)
			if person > 0 && !r.knownPlaceName(k) && (holdsOrgWord(g.words) || ev.opensOrgName(g.words) && !ev.personName(g.words) && !r.titled(g.ms)) {
				for _, mi := range g.ms {
					r.doc.Mentions[mi].Type = document.Org
				}
			}
			continue
		}
		var win document.EntityType
		switch {
		case place > 0 && (r.knownPlaceName(k) || r.beforeStateOrCountry(g.ms)):
			win = document.GPE
		case ev.opensOrgName(g.words):
			win = document.Org
		case person > 0 && (ev.personName(g.words) || r.titled(g.ms)):
			win = document.Person
		default:
			// Read two ways with no evidence for either, a name the place
			// tables do not know is most often a company's short name
			// ("Pennzoil", "Bertelsmann", "Nordbanken").
			win = document.Org
		}
		for _, mi := range g.ms {
			m := &r.doc.Mentions[mi]
			if win == document.GPE && m.Type.IsPlace() {
				continue // GPE and LOC stay as they were
			}
			m.Type = win
		}
	}
}

// titled reports whether one of the person mentions carries a title
// ("President Reagan"): a title is said of people.
func (r *resolver) titled(ms []int) bool {
	for _, mi := range ms {
		if m := &r.doc.Mentions[mi]; m.Type == document.Person && m.Title != "" {
			return true
		}
	}
	return false
}

// beforeStateOrCountry reports whether one of the mentions is followed
// by a comma and a state or a country, as places are ("Bloomington,
// Ill.", "Akron, Ohio").
func (r *resolver) beforeStateOrCountry(ms []int) bool {
	for _, mi := range ms {
		m := &r.doc.Mentions[mi]
		toks := r.doc.Sentences[m.Sentence].Tokens
		if m.End+1 >= len(toks) || word(&toks[m.End]) != "," {
			continue
		}
		next := word(&toks[m.End+1])
		if IsStateAbbrev(next) || usStateNames[strings.ToLower(next)] || IsCountry(next) {
			return true
		}
		if m.End+2 < len(toks) && usStateNames[strings.ToLower(next+" "+word(&toks[m.End+2]))] {
			return true // "New York", "South Carolina"
		}
	}
	return false
}

// knownPlaceName reports whether the lowercased name is in the place
// tables (countries, states, known cities).
func (r *resolver) knownPlaceName(name string) bool {
	if _, ok := CanonicalPlace(name); ok {
		return true
	}
	return usStateNames[name] || IsKnownCity(name)
}

// foldedName returns the lowercased words of name mention m without a
// leading "the": the form unifyNameTypes compares names in.
func (r *resolver) foldedName(m *document.Mention) []string {
	w := r.words(m.Sentence, m.Start, m.End)
	if len(w) > 0 && strings.EqualFold(w[0], "the") {
		w = w[1:]
	}
	lw := make([]string, len(w))
	for k, x := range w {
		lw[k] = strings.ToLower(x)
	}
	return lw
}

// nameEvidence indexes, once per document, what unifyNameTypes asks of
// the other names: the word sequences that open a longer organisation
// name ("goodyear" for "Goodyear Tire and Rubber Co"), and the surnames of
// people named in full with a first name.
type nameEvidence struct {
	orgPrefixes map[string]bool
	surnames    map[string]bool
}

func (r *resolver) indexNameEvidence() nameEvidence {
	ev := nameEvidence{orgPrefixes: map[string]bool{}, surnames: map[string]bool{}}
	for mi := range r.doc.Mentions {
		m := &r.doc.Mentions[mi]
		if m.Kind != document.Name {
			continue
		}
		lw := r.foldedName(m)
		if holdsOrgWord(lw) {
			for k := 1; k < len(lw); k++ {
				ev.orgPrefixes[strings.Join(lw[:k], " ")] = true
			}
		}
		if m.Type == document.Person && len(lw) >= 2 && IsFirstName(lw[0]) {
			ev.surnames[lw[len(lw)-1]] = true
		}
	}
	return ev
}

// opensOrgName reports whether words (lowercased) hold an organisation
// word or open a longer name of the document that does ("goodyear" in
// "Goodyear Tire and Rubber Co").
func (ev nameEvidence) opensOrgName(words []string) bool {
	return holdsOrgWord(words) || ev.orgPrefixes[strings.Join(words, " ")]
}

// holdsOrgWord reports whether one of the lowercased words is an
// organisation word ("Industries", "Inc"): such a name is no person's,
// titled or not ("General DataComm Industries Inc").
func holdsOrgWord(words []string) bool {
	for _, w := range words {
		if orgHeadWords[w] {
			return true
		}
	}
	return false
}

// personName reports whether words (lowercased) read as a person's name
// in this document: a first name followed by more (or a first name alone
// that is no organisation word), or the surname of a person named in full
// ("Iacocca" after "Lee Iacocca").
func (ev nameEvidence) personName(words []string) bool {
	if IsFirstName(words[0]) && (len(words) >= 2 || !orgHeadWords[words[0]]) {
		return true
	}
	return len(words) == 1 && ev.surnames[words[0]]
}

// clusterNames groups name mentions: identical names, person names sharing
// a surname (with compatible first names), acronyms of organisations, and
// country variants from the table. Dates with equal values merge too.
func (r *resolver) clusterNames() {
	byKey := map[string]int{}
	for mi := range r.doc.Mentions {
		m := &r.doc.Mentions[mi]
		if m.Kind != document.Name {
			continue
		}
		key := r.nameKey(m)
		if len(key) == 0 {
			continue
		}
		ks := string(groupKey(m.Type)) + "|" + strings.Join(key, " ")
		switch {
		case m.Type == document.Date || m.Type == document.Time:
			v, dt, ok := dates.Normalize(m.Text, r.ref)
			if ok {
				ks = "date|" + v
			}
			ci, seen := byKey[ks]
			if !seen {
				ci = r.newCluster(m.Type)
				byKey[ks] = ci
				if ok {
					r.clusters[ci].value, r.clusters[ci].dtype = v, dt
				}
			}
			r.add(mi, ci)
			continue
		case m.Type.IsPlace() || m.Type == document.NORP:
			if c, ok := CanonicalPlace(strings.Join(r.words(m.Sentence, m.Start, m.End), " ")); ok && m.Type.IsPlace() {
				ks = "place|" + strings.ToLower(c)
			}
		}
		if ci, ok := byKey[ks]; ok {
			r.add(mi, ci)
			continue
		}
		ci := -1
		switch m.Type {
		case document.Person:
			ci = r.matchPerson(key)
		case document.Org:
			ci = r.matchOrg(mi, key)
		}
		if ci < 0 {
			ci = r.newCluster(m.Type)
		}
		byKey[ks] = ci
		r.add(mi, ci)
		c := r.clusters[ci]
		if m.Type == document.Person {
			if len(key) >= 2 && c.first == "" {
				c.first = key[0]
			}
			if c.last == "" || len(key) >= 2 {
				c.last = key[len(key)-1]
			}
			if c.gender == 0 {
				switch {
				case maleNames[key[0]] && len(key) >= 2:
					c.gender = 'm'
				case femaleNames[key[0]] && len(key) >= 2:
					c.gender = 'f'
				}
				if m.Title != "" {
					tw := strings.Fields(strings.ToLower(m.Title))
					if maleHonorifics[tw[len(tw)-1]] {
						c.gender = 'm'
					} else if femaleHonorifics[tw[len(tw)-1]] {
						c.gender = 'f'
					}
				}
			}
		}
		if m.Type == document.Person && m.Title != "" && c.nation == "" {
			c.nation = r.titleNation(m.Title)
		}
	}
	// "Anchorage, Alaska": places next to each other are compatible
	// locations for one event.
	for mi := 0; mi+1 < len(r.doc.Mentions); mi++ {
		a, b := &r.doc.Mentions[mi], &r.doc.Mentions[mi+1]
		if a.Sentence == b.Sentence && a.Type.IsPlace() && b.Type.IsPlace() && b.Start == a.End+1 &&
			word(r.tok(a.Sentence, a.End)) == "," && r.cl[mi] >= 0 && r.cl[mi+1] >= 0 {
			r.nearPlaces[[2]int{r.cl[mi], r.cl[mi+1]}] = true
			r.nearPlaces[[2]int{r.cl[mi+1], r.cl[mi]}] = true
		}
	}
}

// groupKey lets GPE and LOC names share one key space.
func groupKey(t document.EntityType) document.EntityType {
	if t.IsPlace() {
		return document.GPE
	}
	return t
}

// titleNation returns the country a title names ("US President" → United
// States, "Ukraine's president" → Ukraine), or "".
func (r *resolver) titleNation(title string) string {
	for _, w := range strings.Fields(strings.ReplaceAll(title, "'s", " ")) {
		if c, ok := CountryOfDemonym(w); ok {
			return c
		}
		if c, ok := CanonicalPlace(w); ok {
			return c
		}
	}
	return ""
}

// matchPerson finds the person cluster a (possibly partial) name belongs
// to: same surname and, when both have one, the same first name. When
// several people share the surname, the most recently mentioned wins.
func (r *resolver) matchPerson(key []string) int {
	last := key[len(key)-1]
	first := ""
	if len(key) >= 2 {
		first = key[0]
	}
	best := -1
	bestPos := -1
	for ci, c := range r.clusters {
		if c.typ != document.Person {
			continue
		}
		ok := c.last == last && (first == "" || c.first == "" || c.first == first)
		// A one-word mention may also be a first name used alone? No: news
		// refers to people by surname; only match first names via full keys.
		if !ok && len(key) == 1 && c.last == "" {
			continue
		}
		if ok {
			pos := c.mentions[len(c.mentions)-1]
			if pos > bestPos {
				best, bestPos = ci, pos
			}
		}
	}
	return best
}

// matchOrg links an acronym to an earlier spelled-out organisation name
// ("NATO" ↔ "North Atlantic Treaty Organization") and a shorter name to a
// longer one that ends with it ("the White House" ↔ "White House").
func (r *resolver) matchOrg(mi int, key []string) int {
	acr := func(k []string) string {
		var b strings.Builder
		for _, w := range k {
			if w == "of" || w == "and" || w == "for" || w == "the" || w == "&" {
				continue
			}
			b.WriteByte(w[0])
		}
		return b.String()
	}
	joined := strings.Join(key, " ")
	for ci, c := range r.clusters {
		if c.typ != document.Org {
			continue
		}
		for _, o := range c.mentions {
			ok := r.nameKey(&r.doc.Mentions[o])
			oj := strings.Join(ok, " ")
			switch {
			case len(key) == 1 && len(ok) >= 2 && strings.ReplaceAll(key[0], ".", "") == acr(ok):
				return ci
			case len(ok) == 1 && len(key) >= 2 && strings.ReplaceAll(ok[0], ".", "") == acr(key):
				return ci
			case len(key) >= 2 && len(ok) >= 2 && (strings.HasSuffix(oj, " "+joined) || strings.HasSuffix(joined, " "+oj)):
				return ci
			}
		}
	}
	// A company's short form: "Chrysler" after "Chrysler Corp", "the
	// Bank" after "the Bank of England". The short form opens the full
	// name, which ends in an organisation word; with several candidates
	// the one named last before it wins, as a reader would take it.
	best, bestAt := -1, -1
	for ci, c := range r.clusters {
		if c.typ != document.Org {
			continue
		}
		for _, o := range c.mentions {
			if o >= mi || o <= bestAt {
				continue
			}
			ok := r.nameKey(&r.doc.Mentions[o])
			if len(ok) <= len(key) || !orgHeadWords[ok[len(ok)-1]] && !orgHeadWords[ok[0]] {
				continue
			}
			prefix := true
			for k := range key {
				if ok[k] != key[k] {
					prefix = false
					break
				}
			}
			if prefix {
				best, bestAt = ci, o
			}
		}
	}
	return best
}

// ---- pass 5: descriptions and pronouns ----

func (r *resolver) resolveDescriptions() {
	for mi := range r.doc.Mentions {
		m := &r.doc.Mentions[mi]
		switch m.Kind {
		case document.Nominal:
			switch m.Type {
			case document.Event:
				r.resolveEvent(mi)
			case document.Org:
				r.resolveOrgNominal(mi)
			default:
				r.resolvePersonNominal(mi)
			}
		case document.Pronominal:
			r.resolvePronoun(mi)
		}
	}
}

// hasDefiniteDet reports whether noun h has "the", "this" or "that".
func (r *resolver) hasDefiniteDet(s, h int) bool {
	for _, k := range r.kids[s][h] {
		if k < h && r.tok(s, k).DepRel == "det" {
			switch lower(r.tok(s, k)) {
			case "the", "this", "that":
				return true
			}
		}
	}
	return false
}

// resolveOrgNominal links "the agency", "the company" to the most recent
// organisation named in this or the previous sentence, preferring one
// whose name contains the noun ("the agency" → "Environmental Protection
// Agency").
func (r *resolver) resolveOrgNominal(mi int) {
	m := &r.doc.Mentions[mi]
	noun := lemma(r.tok(m.Sentence, r.headOf(m.Sentence, m.Start, m.End)))
	best, bestScore := -1, -1
	for o := mi - 1; o >= 0; o-- {
		om := &r.doc.Mentions[o]
		if m.Sentence-om.Sentence > 1 {
			break
		}
		if om.Kind != document.Name || om.Type != document.Org || r.cl[o] < 0 {
			continue
		}
		score := 1
		if strings.Contains(strings.ToLower(om.Text), noun) {
			score = 2
		}
		if score > bestScore {
			best, bestScore = o, score
		}
	}
	if best >= 0 {
		r.add(mi, r.cl[best])
	}
}

// modifiers returns the left dependents of the head of mention m.
func (r *resolver) headAndMods(m *document.Mention) (int, []int) {
	s := m.Sentence
	h := r.headOf(s, m.Start, m.End)
	var mods []int
	for _, k := range r.kids[s][h] {
		mods = append(mods, k)
	}
	return h, mods
}

// resolveEvent links an event description to the most recent compatible
// event of the same class, or starts a new event. Indefinite descriptions
// ("a summit") always start a new event.
func (r *resolver) resolveEvent(mi int) {
	m := &r.doc.Mentions[mi]
	s := m.Sentence
	h, mods := r.headAndMods(m)
	class, _ := EventClass(lower(r.tok(s, h)))
	if class == "" {
		class, _ = EventClass(lemma(r.tok(s, h)))
	}
	place := -1
	indefinite := false
	for _, k := range mods {
		t := r.tok(s, k)
		if k < h && t.DepRel == "det" && (lower(t) == "a" || lower(t) == "an") {
			indefinite = true
		}
		if pm := r.mentionAt(s, k, document.Name); pm >= 0 && r.doc.Mentions[pm].Type.IsPlace() && r.cl[pm] >= 0 {
			rel := baseRel(t.DepRel)
			if (k < h && (rel == "compound" || rel == "amod" || rel == "nmod")) || (k > h && rel == "nmod" && r.hasCase(s, k, "in", "at")) {
				place = r.cl[pm]
			}
		}
	}
	// A compound that is not a dependent in the parse ("Anchorage meeting"
	// parsed flat): look at the token right before the head.
	if place < 0 && h > 0 {
		if pm := r.mentionAt(s, h-1, document.Name); pm >= 0 && r.doc.Mentions[pm].Type.IsPlace() && r.cl[pm] >= 0 && r.doc.Mentions[pm].End == h {
			place = r.cl[pm]
		}
	}
	// A modifier spelled like a place named earlier ("the Anchorage
	// meeting" when the recogniser missed the name here).
	for k := m.Start; place < 0 && k < h; k++ {
		w := strings.ToLower(word(r.tok(s, k)))
		for ci, c := range r.clusters {
			if !c.typ.IsPlace() {
				continue
			}
			for _, o := range c.mentions {
				if strings.ToLower(r.doc.Mentions[o].Text) == w {
					place = ci
				}
			}
		}
	}
	target := -1
	if !indefinite && place >= 0 {
		// "The Anchorage meeting": the event at that place, even if
		// another meeting was mentioned since.
		for ci := len(r.clusters) - 1; ci >= 0; ci-- {
			c := r.clusters[ci]
			if c.typ == document.Event && c.event == class && (c.place == place || c.place >= 0 && r.nearPlaces[[2]int{place, c.place}]) {
				target = ci
				break
			}
		}
	}
	if !indefinite && target < 0 {
		// The most salient compatible event: mentions so far, plus a
		// bonus for being mentioned in this or the previous sentence.
		best := -1.0
		for ci := len(r.clusters) - 1; ci >= 0; ci-- {
			c := r.clusters[ci]
			if c.typ != document.Event || c.event != class {
				continue
			}
			if place >= 0 && c.place >= 0 && place != c.place && !r.nearPlaces[[2]int{place, c.place}] {
				continue
			}
			score := float64(len(c.mentions))
			if last := c.mentions[len(c.mentions)-1]; s-r.doc.Mentions[last].Sentence <= 1 {
				score += 2
			}
			if score > best {
				target, best = ci, score
			}
		}
	}
	if target < 0 {
		target = r.newCluster(document.Event)
		r.clusters[target].event = class
	}
	c := r.clusters[target]
	if c.place < 0 && place >= 0 {
		c.place = place
	}
	if c.name == "" {
		c.name = lemma(r.tok(s, h))
		if lower(r.tok(s, h)) == "talks" {
			c.name = "talks"
		}
	}
	r.add(mi, target)
	m.Confidence = 0.6
}

func (r *resolver) hasCase(s, k int, words ...string) bool {
	for _, c := range r.kids[s][k] {
		if r.tok(s, c).DepRel == "case" {
			lw := lower(r.tok(s, c))
			for _, w := range words {
				if lw == w {
					return true
				}
			}
		}
	}
	return false
}

// resolvePersonNominal links "the Russian leader" to the person whose
// title names Russia, "the president" to the most salient person titled
// president, and plural descriptions ("both leaders", "the two
// presidents", "US and Russian leaders") to a group of the most salient
// persons.
func (r *resolver) resolvePersonNominal(mi int) {
	m := &r.doc.Mentions[mi]
	s := m.Sentence
	h, mods := r.headAndMods(m)
	head := r.tok(s, h)
	plural := head.XPOS == "NNS" || strings.HasSuffix(lower(head), "s") && lemma(head) != lower(head)
	var nations []string
	count := 0
	for _, k := range mods {
		t := r.tok(s, k)
		if k > h && t.DepRel != "conj" {
			continue
		}
		if c, ok := CountryOfDemonym(word(t)); ok {
			nations = append(nations, c)
		} else if pm := r.mentionAt(s, k, document.Name); pm >= 0 && (r.doc.Mentions[pm].Type == document.NORP || r.doc.Mentions[pm].Type.IsPlace()) {
			if c, ok := CountryOfDemonym(r.doc.Mentions[pm].Text); ok {
				nations = append(nations, c)
			} else if c, ok := CanonicalPlace(r.doc.Mentions[pm].Text); ok {
				nations = append(nations, c)
			} else {
				nations = append(nations, r.doc.Mentions[pm].Text)
			}
		}
		// conjoined demonyms: "US and Russian leaders"
		for _, kk := range r.kids[s][k] {
			if r.tok(s, kk).DepRel == "conj" {
				if c, ok := CountryOfDemonym(word(r.tok(s, kk))); ok {
					nations = append(nations, c)
				}
			}
		}
		lw := lower(t)
		switch lw {
		case "both", "two":
			count = 2
			plural = true
		case "three":
			count = 3
			plural = true
		}
	}
	// "US and Russian leaders": a conjoined nationality left of the span.
	if m.Start >= 2 && strings.EqualFold(word(r.tok(s, m.Start-1)), "and") {
		if c, ok := CountryOfDemonym(word(r.tok(s, m.Start-2))); ok {
			nations = append(nations, c)
		} else if c, ok := CanonicalPlace(word(r.tok(s, m.Start-2))); ok {
			nations = append(nations, c)
		}
	}
	// Appositive name: "the Russian leader, Vladimir Putin".
	for _, k := range r.kids[s][h] {
		if r.tok(s, k).DepRel == "appos" {
			if pm := r.mentionAt(s, k, document.Name); pm >= 0 && r.doc.Mentions[pm].Type == document.Person && r.cl[pm] >= 0 {
				r.add(mi, r.cl[pm])
				return
			}
		}
	}
	// Candidates: persons mentioned before this mention.
	type cand struct {
		ci    int
		score float64
		last  int
	}
	var cands []cand
	for ci, c := range r.clusters {
		if c.typ != document.Person {
			continue
		}
		n, last := 0, -1
		for _, o := range c.mentions {
			if o < mi {
				n++
				last = o
			}
		}
		if n == 0 {
			continue
		}
		score := float64(n) + 0.01*float64(last)
		cands = append(cands, cand{ci, score, last})
	}
	match := func(c cand, nation string) bool {
		return nation == "" || r.clusters[c.ci].nation == nation
	}
	sort.Slice(cands, func(a, b int) bool { return cands[a].score > cands[b].score })
	if plural {
		if count == 0 {
			count = 2
		}
		var group []int
		if len(nations) > 0 {
			for _, n := range nations {
				for _, c := range cands {
					if match(c, n) && !containsInt(group, c.ci) {
						group = append(group, c.ci)
						break
					}
				}
			}
		} else {
			for _, c := range cands {
				if len(group) == count {
					break
				}
				group = append(group, c.ci)
			}
		}
		if len(group) >= 2 {
			sort.Ints(group)
			m.Group = group
		}
		return
	}
	role := lemma(head)
	for _, c := range cands {
		if len(nations) > 0 && !match(c, nations[0]) {
			continue
		}
		if len(nations) == 0 && !r.hasTitle(c.ci, role) {
			continue
		}
		r.add(mi, c.ci)
		return
	}
}

// hasTitle reports whether a person cluster carries the role noun in a
// title ("president" in "US President"); "leader" matches any head of
// state or government title.
func (r *resolver) hasTitle(ci int, role string) bool {
	for _, o := range r.clusters[ci].mentions {
		t := strings.ToLower(r.doc.Mentions[o].Title)
		if t == "" {
			continue
		}
		if strings.Contains(t, role) {
			return true
		}
		if role == "leader" {
			for _, x := range []string{"president", "prime minister", "premier", "chancellor", "king", "queen", "leader"} {
				if strings.Contains(t, x) {
					return true
				}
			}
		}
	}
	return false
}

func containsInt(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// resolvePronoun picks the antecedent of a pronoun among the mentions of
// the same and the three previous sentences: compatible in gender, number
// and animacy, preferring subjects, recent sentences and salient entities,
// and never a co-argument of the same verb ("he would brief Zelensky").
func (r *resolver) resolvePronoun(mi int) {
	m := &r.doc.Mentions[mi]
	s := m.Sentence
	lw := strings.ToLower(m.Text)
	// Relative pronouns: the noun the clause modifies.
	if lw == "who" || lw == "whom" || lw == "whose" || lw == "which" {
		if h := r.relativeHead(s, m.Start); h >= 0 {
			for o := mi - 1; o >= 0; o-- {
				om := &r.doc.Mentions[o]
				if om.Sentence == s && om.Start <= h && h < om.End && (r.cl[o] >= 0 || len(om.Group) > 0) {
					r.link(mi, o)
					return
				}
			}
		}
		return
	}
	p, ok := pronouns[lw]
	if !ok {
		return
	}
	pt := r.tok(s, m.Start)
	best, bestScore := -1, -1e9
	for o := mi - 1; o >= 0; o-- {
		om := &r.doc.Mentions[o]
		if s-om.Sentence > 3 {
			break
		}
		if om.Kind == document.Pronominal && r.cl[o] < 0 && len(om.Group) == 0 {
			continue
		}
		if om.Sentence == s && om.End > m.Start {
			continue
		}
		if !r.compatible(o, p) {
			continue
		}
		ot := r.tok(om.Sentence, r.headOf(om.Sentence, om.Start, om.End))
		if om.Sentence == s && ot.Head == pt.Head && ot.Head >= 0 && !strings.HasSuffix(lw, "self") && !strings.HasSuffix(lw, "selves") &&
			(baseRel(pt.DepRel) == "nsubj" || baseRel(pt.DepRel) == "obj") {
			continue
		}
		score := -2.0 * float64(s-om.Sentence)
		// A possessive refers first to the subject of its own clause
		// ("the war entered its third year").
		if om.Sentence == s && pt.DepRel == "nmod:poss" && pt.Head >= 0 && ot.Head >= 0 &&
			r.tok(s, pt.Head).Head == ot.Head && baseRel(ot.DepRel) == "nsubj" {
			score += 1.5
		}
		switch baseRel(ot.DepRel) {
		case "nsubj":
			score += 2
			if ot.Head >= 0 && r.tok(om.Sentence, ot.Head).Head < 0 {
				score++
			}
		case "obj", "iobj":
			score++
		case "appos", "flat", "compound":
			score -= 0.5
		}
		if om.Kind == document.Name {
			score += 0.5
		}
		if ci := r.cl[o]; ci >= 0 {
			n := len(r.clusters[ci].mentions)
			if n > 5 {
				n = 5
			}
			score += 0.3 * float64(n)
		}
		score += 0.001 * float64(o) // recency breaks ties
		if score > bestScore {
			best, bestScore = o, score
		}
	}
	if p.plural && best < 0 {
		return
	}
	if best >= 0 {
		if p.plural && len(r.doc.Mentions[best].Group) > 0 {
			// "Trump and Putin ... their": the group, not the first conjunct.
			r.doc.Mentions[mi].Group = append([]int(nil), r.doc.Mentions[best].Group...)
			r.doc.Mentions[mi].Type = r.doc.Mentions[best].Type
			return
		}
		r.link(mi, best)
		if ci := r.cl[mi]; ci >= 0 && p.gender != 0 && r.clusters[ci].gender == 0 {
			r.clusters[ci].gender = p.gender
		}
	}
}

// link makes mention mi corefer with mention o (entity or group).
func (r *resolver) link(mi, o int) {
	om := &r.doc.Mentions[o]
	if ci := r.cl[o]; ci >= 0 {
		r.add(mi, ci)
		r.doc.Mentions[mi].Type = r.clusters[ci].typ
		return
	}
	if len(om.Group) > 0 {
		r.doc.Mentions[mi].Group = append([]int(nil), om.Group...)
		r.doc.Mentions[mi].Type = om.Type
	}
}

// compatible reports whether mention o can be the antecedent of a pronoun
// with features p.
func (r *resolver) compatible(o int, p pronoun) bool {
	om := &r.doc.Mentions[o]
	if p.plural {
		if len(om.Group) > 0 {
			return true
		}
		// Conjoined names: "Trump and Putin sought ..." — build the group.
		if g := r.conjGroup(o); len(g) >= 2 {
			om.Group = g
			return true
		}
		return false
	}
	ci := r.cl[o]
	if ci < 0 || len(om.Group) > 0 {
		return false
	}
	c := r.clusters[ci]
	switch c.typ {
	case document.Date, document.Time, document.NORP:
		return false
	}
	if p.person {
		return c.typ == document.Person && (c.gender == 0 || c.gender == p.gender)
	}
	if p.thing {
		return c.typ != document.Person
	}
	return false
}

// conjGroup returns the entities of a coordination whose first conjunct is
// mention o ("Trump and Putin"), or nil.
func (r *resolver) conjGroup(o int) []int {
	om := &r.doc.Mentions[o]
	if r.cl[o] < 0 {
		return nil
	}
	s := om.Sentence
	h := r.headOf(s, om.Start, om.End)
	group := []int{r.cl[o]}
	for _, k := range r.kids[s][h] {
		if r.tok(s, k).DepRel != "conj" {
			continue
		}
		for x := range r.doc.Mentions {
			xm := &r.doc.Mentions[x]
			if xm.Sentence == s && xm.Start <= k && k < xm.End && r.cl[x] >= 0 && !containsInt(group, r.cl[x]) {
				group = append(group, r.cl[x])
			}
		}
	}
	if len(group) < 2 {
		return nil
	}
	sort.Ints(group)
	return group
}

// ---- pass 6: entities ----

func (r *resolver) buildEntities() {
	r.doc.Entities = nil
	index := make([]int, len(r.clusters))
	for ci, c := range r.clusters {
		index[ci] = -1
		if len(c.mentions) == 0 {
			continue
		}
		e := document.Entity{Type: c.typ}
		hasName := false
		seen := map[string]bool{}
		forms := map[string]int{}
		var order []string
		for _, mi := range c.mentions {
			m := &r.doc.Mentions[mi]
			if m.Kind != document.Name {
				continue
			}
			hasName = true
			alias := strings.TrimSpace(m.Text)
			if c.typ != document.Person && strings.HasPrefix(strings.ToLower(alias), "the ") {
				alias = alias[4:]
			}
			if !seen[alias] {
				seen[alias] = true
				e.Aliases = append(e.Aliases, alias)
			}
			form := r.canonicalForm(m)
			if forms[form] == 0 {
				order = append(order, form)
			}
			forms[form]++
		}
		switch {
		case hasName:
			e.Name = pickName(c.typ, order, forms)
			if c.typ.IsPlace() {
				if canon, ok := CanonicalPlace(e.Name); ok {
					e.Name = canon
				}
			}
		case c.typ == document.Event:
			e.Name = c.name
			if c.place >= 0 && index[c.place] >= 0 {
				e.Name = r.doc.Entities[index[c.place]].Name + " " + c.name
			} else if c.place >= 0 {
				e.Name = r.placeName(c.place) + " " + c.name
			}
		default:
			continue // pronoun-only clusters do not exist; be safe
		}
		if c.value != "" {
			e.Value = c.value
		}
		e.Mentions = append([]int(nil), c.mentions...)
		sort.Ints(e.Mentions)
		index[ci] = len(r.doc.Entities)
		r.doc.Entities = append(r.doc.Entities, e)
	}
	for mi := range r.doc.Mentions {
		m := &r.doc.Mentions[mi]
		m.Entity = -1
		if ci := r.cl[mi]; ci >= 0 {
			m.Entity = index[ci]
		}
		if len(m.Group) > 0 {
			g := make([]int, 0, len(m.Group))
			for _, ci := range m.Group {
				if index[ci] >= 0 && !containsInt(g, index[ci]) {
					g = append(g, index[ci])
				}
			}
			m.Group = g
		}
	}
}

func (r *resolver) placeName(ci int) string {
	for _, mi := range r.clusters[ci].mentions {
		m := &r.doc.Mentions[mi]
		if m.Kind == document.Name {
			if c, ok := CanonicalPlace(m.Text); ok {
				return c
			}
			return m.Text
		}
	}
	return ""
}

// canonicalForm is the name as it should appear canonically: no leading
// "the" for non-persons, no middle initials for persons.
func (r *resolver) canonicalForm(m *document.Mention) string {
	w := r.words(m.Sentence, m.Start, m.End)
	var out []string
	for i, x := range w {
		if i == 0 && strings.EqualFold(x, "the") && m.Type != document.Person {
			continue
		}
		if m.Type == document.Person && i > 0 && i < len(w)-1 && isInitial(x) {
			continue
		}
		out = append(out, x)
	}
	if len(out) == 0 {
		return strings.TrimSpace(m.Text)
	}
	if len(out) == len(w) {
		t := strings.TrimSpace(m.Text)
		if !strings.ContainsAny(t, "\n\t") {
			return t
		}
	}
	return strings.Join(out, " ")
}

// pickName chooses the canonical name among the forms seen: for persons the
// most frequent form of two or more words (ties: longest, then first seen);
// for everything else the longest form.
func pickName(t document.EntityType, order []string, count map[string]int) string {
	best := order[0]
	for _, f := range order[1:] {
		bf, ff := len(strings.Fields(best)), len(strings.Fields(f))
		if t == document.Person {
			switch {
			case ff >= 2 && bf < 2:
				best = f
			case ff >= 2 && bf >= 2 && (count[f] > count[best] || count[f] == count[best] && len(f) > len(best)):
				best = f
			case ff < 2 && bf < 2 && len(f) > len(best):
				best = f
			}
			continue
		}
		if len(f) > len(best) {
			best = f
		}
	}
	return best
}

// unitNouns name a part of a company: "its Fluor Daniel unit".
var unitNouns = set("unit", "units", "division", "subsidiary", "affiliate", "arm", "subsidiaries", "affiliates")

// firmNouns head a description that makes a name an organisation:
// "Sonatrach, the Algerian state petroleum agency".
var firmNouns = set("agency", "company", "firm", "group", "corporation", "bank", "utility", "airline",
	"carrier", "producer", "maker", "manufacturer", "subsidiary", "unit", "concern", "conglomerate",
	"monopoly", "organisation", "organization", "association", "institute", "insurer", "lender",
	"retailer", "distributor", "exporter", "importer", "refiner", "operator", "broker", "brokerage",
	"newspaper", "broadcaster", "publisher", "developer", "supplier", "contractor", "chain", "fund")

// orgByContext reports whether the words around the name toks[start:end]
// say it names an organisation, whatever the recogniser typed it: a
// company part ("its Fluor Daniel unit", "the Drummond McCall division")
// or a description set off after it ("Sonatrach, the Algerian state
// petroleum agency,"). Company names that look like people's or places'
// names are common in business news.
func orgByContext(toks []document.Token, start, end int) bool {
	if end < len(toks) && unitNouns[strings.ToLower(word(&toks[end]))] && start > 0 {
		switch strings.ToLower(word(&toks[start-1])) {
		case "its", "their", "the", "a", "'s", "’s":
			return true
		}
	}
	// ", the|a|an [modifiers] NOUN" then punctuation or the end.
	k := end
	if k+2 >= len(toks) || word(&toks[k]) != "," {
		return false
	}
	switch strings.ToLower(word(&toks[k+1])) {
	case "the", "a", "an":
	default:
		return false
	}
	for j := k + 2; j < len(toks) && j <= k+7; j++ {
		t := &toks[j]
		if t.UPOS == "PUNCT" {
			if w := word(t); w == "-" || w == "‑" {
				continue // "state-owned"
			}
			return j > k+2 && firmNouns[strings.ToLower(word(&toks[j-1]))]
		}
		if t.UPOS == "VERB" || t.UPOS == "AUX" || t.UPOS == "ADP" || t.UPOS == "PRON" || t.UPOS == "SCONJ" || t.UPOS == "CCONJ" {
			return false
		}
	}
	return false
}
