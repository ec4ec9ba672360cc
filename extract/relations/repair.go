package relations

// Tree repairs. The parser makes a few mistakes whose shape betrays them:
// a structure that UD never produces, or a coordination that only one
// reading makes grammatical. Repairing them in the view, before any
// clause is read, lets every rule downstream see the right tree. Each
// repair changes heads and relations only where its pattern is
// unambiguous.

// repair runs the tree repairs on the sanitised heads. It runs before the
// children lists are built, so it scans tokens instead of using kids.
func (v *view) repair() {
	v.repairDateline()
	for i := 0; i < v.n; i++ {
		v.repairDependentOfPunct(i)
	}
	for i := 0; i < v.n; i++ {
		if v.base[i] == "appos" || v.base[i] == "list" {
			v.repairCoordinatedApposition(i)
		}
	}
	for i := 0; i < v.n; i++ {
		if v.base[i] == "conj" {
			v.repairSplitConjunct(i)
			v.repairAdjectiveConjunct(i)
			v.repairParticipleConjunctOnNoun(i)
		}
	}
	for i := 0; i < v.n; i++ {
		switch v.base[i] {
		case "advcl":
			v.repairClauseOnNonPredicate(i)
		case "case":
			v.repairAbsoluteWith(i)
		case "acl":
			v.repairSpeechParticipleOnNoun(i)
		}
	}
	for i := 0; i < v.n; i++ {
		switch v.base[i] {
		case "obj":
			v.repairNounWithObject(i)
			v.repairThatClauseAsObject(i)
			v.repairSubjectAsObject(i)
			v.repairPlaceOnName(i)
			v.repairComplementizerAsObject(i)
		}
	}
	for i := 0; i < v.n; i++ {
		switch v.base[i] {
		case "ccomp":
			v.repairClauseAsObject(i)
			v.repairComplementizerAsDeterminer(i)
		case "aux":
			v.repairAdjectiveAsVerb(i)
		}
	}
	for i := 0; i < v.n; i++ {
		switch v.base[i] {
		case "conj":
			v.repairTenseConjunct(i)
			v.repairSpeechParticiple(i)
			v.repairObjectConjunctOnVerb(i)
		case "advmod":
			v.repairAdverbAsNoun(i)
		case "advcl":
			v.repairSpeechParticiple(i)
			v.repairParticipleOnPassive(i)
		}
	}
	for i := 0; i < v.n; i++ {
		if v.base[i] == "nsubj" {
			v.repairFrontedPhraseAsSubject(i)
			v.repairClauseAsSubject(i)
		}
	}
	for i := 0; i < v.n; i++ {
		if v.base[i] == "xcomp" {
			v.repairSubjectOfXcomp(i)
			v.repairParticipleBeforeObject(i)
		}
	}
	for i := 0; i < v.n; i++ {
		if v.xpos[i] == "VBN" {
			v.repairReducedRelative(i)
		}
	}
	for i := 0; i < v.n; i++ {
		if v.rel[i] == "acl:relcl" {
			v.repairRelativeOnFartherNoun(i)
		}
	}
	for i := 0; i < v.n; i++ {
		switch v.base[i] {
		case "ccomp", "parataxis", "conj":
			v.repairStrayRelative(i)
		case "appos":
			v.repairAdjectiveApposition(i)
		}
	}
}

// repairAdverbAsNoun fixes the head noun of an object tagged as an
// adverb: "reached a post-Cold War low", "hit a record high" parsed with
// "low" as the verb's adverb and "War" as the object. An indefinite
// article opens a phrase that must end in a common noun; when the
// object it opens ends in a name and the next word is a bare adverb
// closing the clause, that adverb is the phrase's head noun.
func (v *view) repairAdverbAsNoun(k int) {
	verb := v.head[k]
	if verb < 0 || v.xpos[k] != "RB" || k+1 < v.n && !v.isPunct(k+1) || v.hasChild(k) {
		return
	}
	o := k - 1
	if o < 0 || v.head[o] != verb || v.base[o] != "obj" || v.pos[o] != "PROPN" {
		return
	}
	det := -1
	for i := 0; i < o; i++ {
		if v.head[i] == o && v.base[i] == "det" && (v.low[i] == "a" || v.low[i] == "an") {
			det = i
		}
	}
	if det < 0 {
		return
	}
	v.pos[k], v.xpos[k] = "NOUN", "NN"
	v.setRel(k, "obj")
	v.head[o] = k
	v.setRel(o, "compound")
	for i := 0; i < o; i++ {
		if v.head[i] == o && (v.base[i] == "det" || v.base[i] == "amod") {
			v.head[i] = k
		}
	}
}

func (v *view) setRel(i int, rel string) {
	v.rel[i], v.base[i] = rel, rel
}

// firstChild returns the first token whose head is h and whose relation
// base is b, scanning tokens (the children lists are not built yet).
func (v *view) firstChild(h int, b string) int {
	for i := 0; i < v.n; i++ {
		if v.head[i] == h && v.base[i] == b {
			return i
		}
	}
	return -1
}

// repairNounWithObject fixes a verb the tagger took for a noun: a noun
// never has a direct object, so "Kyiv and European capitals view
// developments constructively and cautioned …" parsed with "view" as a
// compound of "developments" and "developments" as the object of "Kyiv"
// (or of "capitals", the subject's last conjunct) is read as the verb
// "view" with subject "Kyiv …" and object "developments". Done only when
// the clause the subject belonged to is a later coordinated verb ("and
// cautioned"), which then joins "view" as its conjunct. Adverbs after the
// object that the parser hung on the subject or the object
// ("constructively") modify the new verb.
func (v *view) repairNounWithObject(o int) {
	n := v.head[o]
	if n < 0 || n > o || !(v.pos[n] == "NOUN" || v.pos[n] == "PROPN") {
		return
	}
	// The noun is the subject or one of its conjuncts.
	s := n
	for k := 0; k < v.n && v.base[s] == "conj" && v.head[s] >= 0 && v.head[s] < s; k++ {
		s = v.head[s]
	}
	if v.base[s] != "nsubj" || !(v.pos[s] == "NOUN" || v.pos[s] == "PROPN") {
		return
	}
	h := v.head[s]
	if h < 0 || h < o || v.pos[h] != "VERB" {
		return
	}
	// The later verb's conjunction follows the object ("view
	// developments constructively and cautioned"); one before the subject
	// ("said it and VMS Realty Partners have agreed") coordinates the
	// subject instead.
	if cc := v.firstChild(h, "cc"); cc < o {
		return
	}
	c := -1
	for i := n + 1; i < o; i++ {
		if v.head[i] == o && v.base[i] == "compound" && v.pos[i] == "NOUN" {
			c = i
			break
		}
	}
	// The verb must follow the subject's phrase directly, and be no
	// capitalised part of a name.
	if c < 0 || c == 0 || !v.dominatesScan(s, c-1) || v.low[c] != v.toks[c].Text {
		return
	}
	v.pos[c], v.xpos[c] = "VERB", "VBP"
	v.head[c], v.rel[c], v.base[c] = v.head[h], v.rel[h], v.base[h]
	v.head[h] = c
	v.setRel(h, "conj")
	v.head[s] = c
	v.head[o] = c
	for i := 0; i < v.n; i++ {
		switch {
		case v.head[i] == h && v.base[i] == "mark" && i < c:
			v.head[i] = c
		case v.base[i] == "advmod" && i > o && i < h && (v.head[i] == o || v.head[i] == n || v.head[i] == s):
			v.head[i] = c
		}
	}
}

// repairSpeechParticiple raises a participle of saying that the parser
// attached inside the reported clause before it: in "Trump stressed that
// the process rests with Zelensky, saying he would brief him", "saying"
// is Trump's act, set off by a comma after the whole complement, not an
// adjunct of "rests" (a process says nothing). A subjectless speech
// participle after a comma that closes a reporting verb's complement
// clause continues the report: its speaker is the reporting verb's.
// Only verbs that continue a report count for the participle ("asking
// it to study …" after "said the ministers referred it back" is the
// ministers' request), and only verbs of telling for the governor: after "records show that
// traders filed letters, demanding …" the traders demand, not the
// records, and in "said Canadians have shied away from it, fearing …"
// the Canadians fear.
func (v *view) repairSpeechParticiple(p int) {
	c := v.head[p]
	if c < 0 || p < c || v.xpos[p] != "VBG" || v.pos[p] != "VERB" || !continuationVerbs[v.lem[p]] || v.base[c] != "ccomp" {
		return
	}
	// As a conjunct the participle would need a conjunction and a finite
	// verb's form: ", adding" after "depends" is an adjunct.
	if v.base[p] == "conj" && (v.firstChild(p, "cc") >= 0 || v.xpos[c] == "VBG") {
		return
	}
	g := v.head[c]
	if g < 0 || g > c || v.pos[g] != "VERB" || !reportVerbs[v.lem[g]] {
		return
	}
	if p == 0 || v.low[p-1] != "," || v.firstChild(p, "nsubj") >= 0 || v.firstChild(p, "mark") >= 0 {
		return
	}
	v.head[p] = g
	v.setRel(p, "advcl")
}

// repairAdjectiveAsVerb fixes a verb the tagger took for an adjective
// or a noun ("she would brief Lee", "brief" as in "a brief talk" or "a
// legal brief"): an adjective or noun with a modal or infinitival "to"
// and no copula can only be a verb, and when it also has a direct object
// it is read as one, in its base form.
func (v *view) repairAdjectiveAsVerb(x int) {
	h := v.head[x]
	if h < 0 || !(v.pos[h] == "ADJ" || v.pos[h] == "NOUN") || !(v.xpos[x] == "MD" || v.low[x] == "to") {
		return
	}
	if v.firstChild(h, "cop") >= 0 || v.firstChild(h, "obj") < 0 {
		return
	}
	v.pos[h], v.xpos[h] = "VERB", "VB"
}

// repairComplementizerAsDeterminer fixes "urged that farmers plant crops"
// parsed with "that" as a determiner (or the governor's marker) and
// "farmers" as the governor's object, leaving "plant" a complement
// clause without a subject. "that" right after a verb, followed by a
// noun phrase that runs up to the complement's verb, opens the clause:
// the noun phrase is the clause's subject.
func (v *view) repairComplementizerAsDeterminer(c int) {
	g := v.head[c]
	if g < 0 || g > c || g+1 >= c || v.pos[g] != "VERB" || v.low[g+1] != "that" || v.firstChild(c, "nsubj") >= 0 || v.firstChild(c, "mark") >= 0 {
		return
	}
	m := g + 1
	o := -1
	for i := m + 1; i < c; i++ {
		if v.head[i] == g && v.base[i] == "obj" {
			o = i
		}
	}
	if o < 0 || !(v.pos[o] == "NOUN" || v.pos[o] == "PROPN") {
		return
	}
	// "that" is the object's determiner or the governor's marker, and
	// every word between it and the clause's verb is the object's.
	if !(v.head[m] == o && v.base[m] == "det" || v.head[m] == g && v.base[m] == "mark") {
		return
	}
	for i := m + 1; i < c; i++ {
		if !v.dominatesScan(o, i) {
			return
		}
	}
	v.head[m] = c
	v.setRel(m, "mark")
	v.pos[m], v.xpos[m] = "SCONJ", "IN"
	v.head[o] = c
	v.setRel(o, "nsubj")
}

// hasRel reports whether a token with the full relation rel depends on h.
func (v *view) hasRel(h int, rel string) bool {
	for i := 0; i < v.n; i++ {
		if v.head[i] == h && v.rel[i] == rel {
			return true
		}
	}
	return false
}

// hasChild reports whether any token depends on h.
func (v *view) hasChild(h int) bool {
	for i := 0; i < v.n; i++ {
		if v.head[i] == h {
			return true
		}
	}
	return false
}

// firstWordScan returns the first word of n's subtree at or after from
// (n itself when none before it is), for use before depths exist.
func (v *view) firstWordScan(n, from int) int {
	for i := from; i < n; i++ {
		if v.dominatesScan(n, i) {
			return i
		}
	}
	return n
}

// dominatesScan is dominates for use before depths exist: it follows
// heads at most n steps.
func (v *view) dominatesScan(a, b int) bool {
	for k := 0; b >= 0 && k <= v.n; k++ {
		if b == a {
			return true
		}
		b = v.head[b]
	}
	return false
}

// repairClauseAsObject fixes a clause complement that swallowed its
// governor's object: "the war entered its third year and bilateral
// relations reached a low" parsed as "entered [that] its third year and
// bilateral relations reached …". A verb that takes no object but a
// bare complement clause whose subject is a coordination "X and Y" is
// read as verb + object X, coordinated with the clause "Y reached …".
// Verbs of saying and thinking ("said the talks and the visit went
// well") keep their content clause.
func (v *view) repairClauseAsObject(c int) {
	g := v.head[c]
	if g < 0 || v.pos[g] != "VERB" || speechVerbs[v.lem[g]] || v.firstChild(g, "obj") >= 0 || v.firstChild(c, "mark") >= 0 {
		return
	}
	s := v.firstChild(c, "nsubj")
	if s < 0 || s < g || s > c {
		return
	}
	// Coordinated main clauses of a narrative share their tense ("entered
	// … and relations reached"); a clause in another tense or mood, or
	// one opened by a wh-word, is the governor's real complement ("pray a
	// tank doesn't bomb them", "figure out what Spain would have done").
	if tg, tc := v.tenseOf(g), v.tenseOf(c); tg == "" || tg != tc {
		return
	}
	for i := g + 1; i < s; i++ {
		if v.head[i] == c && len(v.xpos[i]) > 0 && v.xpos[i][0] == 'W' {
			return
		}
	}
	// A coordinator before the subject ("had recovered considerably but
	// Bank and Co launched …") makes the clause a conjunct already.
	first := v.firstWordScan(s, g+1)
	for i := g + 1; i <= first; i++ {
		if v.base[i] == "cc" {
			return
		}
	}
	// A passive governor has no object to swallow ("you are notified
	// …; any review or copying is prohibited").
	if v.hasRel(g, "nsubj:pass") || v.hasRel(g, "aux:pass") {
		return
	}
	s2, conjs := -1, 0
	for i := s + 1; i < c; i++ {
		if v.head[i] == s && v.base[i] == "conj" {
			s2 = i
			conjs++
		}
	}
	// Only "X and Y" splits: a longer list ("review, distribution or
	// copying") is one subject.
	if conjs > 1 {
		return
	}
	if s2 < 0 {
		v.splitSubjectAtConjunction(g, c, s)
		return
	}
	cc := -1
	for i := s + 1; i < s2; i++ {
		if v.head[i] == s2 && v.base[i] == "cc" {
			cc = i
		}
	}
	if cc < 0 {
		return
	}
	// The second conjunct's phrase starts right after the conjunction.
	v.head[s], v.rel[s], v.base[s] = g, "obj", "obj"
	v.head[s2] = c
	v.setRel(s2, "nsubj")
	v.head[cc] = c
	v.head[c] = g
	v.setRel(c, "conj")
	// Words between the conjunction and the second subject that hung on
	// the first one belong to the second subject's phrase.
	for i := cc + 1; i < s2; i++ {
		if v.head[i] == s {
			v.head[i] = s2
		}
	}
}

// repairTenseConjunct moves a past-tense verb coordinated inside a
// present-tense complement clause up to the past-tense verb that governs
// the clause: in "Putin urged that Kyiv view developments constructively
// and cautioned against provocations", "cautioned" cannot share the
// subjunctive clause's subject; it is Putin's second act.
func (v *view) repairTenseConjunct(h int) {
	c := v.head[h]
	if c < 0 || v.base[c] != "ccomp" || v.pos[h] != "VERB" {
		return
	}
	// A bare participle ("and cautioned", tagged VBN) without auxiliary
	// or agent is a past tense all the same.
	if v.xpos[h] != "VBD" && (v.xpos[h] != "VBN" || v.hasRel(h, "obl:agent")) {
		return
	}
	// A second main verb follows "and" or "but"; a verb after a comma
	// ("the quarter ended January 31", "offer, made through …") or
	// "plus" ("plus accrued dividends") modifies a noun. A bare
	// participle right before a noun is attributive ("and previously
	// announced closings").
	if !v.afterAnd(h) || v.xpos[h] == "VBN" && h+1 < v.n && (v.pos[h+1] == "NOUN" || v.pos[h+1] == "PROPN" || v.pos[h+1] == "ADJ") {
		return
	}
	// "… and when appointed secretary, he decided": a conjunct with a
	// subordinator of its own is no second main verb.
	if v.firstChild(h, "mark") >= 0 {
		return
	}
	for i := c + 1; i < h; i++ {
		if v.head[i] == h && v.xpos[i] == "WRB" {
			return
		}
	}
	if x := v.xpos[c]; x != "VB" && x != "VBP" && x != "VBZ" {
		return
	}
	// The governor must open the sentence's report: after a postposed
	// "…, the department said" the conjunct stays in the reported clause.
	g := v.head[c]
	if g < 0 || g > c || v.xpos[g] != "VBD" || v.firstChild(h, "nsubj") >= 0 || v.firstChild(h, "aux") >= 0 {
		return
	}
	v.head[h] = g
}

// splitSubjectAtConjunction is repairClauseAsObject for a subject whose
// conjunction the parser buried inside it ("its third year and bilateral
// relations" with "year" a compound of "relations"): the words before the
// conjunction become the governor's object, the words after it the
// complement clause's subject, and the clause a conjunct of the governor.
func (v *view) splitSubjectAtConjunction(g, c, s int) {
	first := v.firstWordScan(s, g+1)
	j := -1
	for i := first + 1; i < s; i++ {
		if v.base[i] == "cc" && v.dominatesScan(s, i) {
			j = i
			break
		}
	}
	if j < 0 || j == first {
		return
	}
	// The left part must be one phrase: a single token whose head lies
	// outside it, a noun.
	obj := -1
	for i := first; i < j; i++ {
		if h := v.head[i]; h < first || h >= j {
			if obj >= 0 {
				return
			}
			obj = i
		}
	}
	if obj < 0 || !(v.pos[obj] == "NOUN" || v.pos[obj] == "PROPN") {
		return
	}
	v.head[obj] = g
	v.setRel(obj, "obj")
	for i := j + 1; i < s; i++ {
		if h := v.head[i]; h < j+1 || h > s {
			v.head[i] = s
			if v.pos[i] == "ADJ" || v.xpos[i] == "JJ" || v.base[i] == "conj" {
				v.setRel(i, "amod")
			}
		}
	}
	v.head[j] = c
	v.head[c] = g
	v.setRel(c, "conj")
}

// repairObjectConjunctOnVerb fixes the second of two coordinated objects
// hung on the verb: "would brief Lee and the unions on the talks" parsed
// with "unions" a conjunct of "brief". A noun conjoined to a verb would
// be a clause of its own, which needs a verb, a copula or (in gapping) an
// orphaned dependent; a bare noun phrase right after the verb's object
// and a conjunction is the object's second conjunct.
func (v *view) repairObjectConjunctOnVerb(k int) {
	h := v.head[k]
	if h < 0 || h > k || v.pos[h] != "VERB" || !(v.pos[k] == "NOUN" || v.pos[k] == "PROPN") {
		return
	}
	// A clause that stands as a noun ("on [what is driving the problems]
	// and our fixes", "lack of [speaking French] and manners") may well
	// be coordinated with a noun phrase.
	switch v.base[h] {
	case "nsubj", "obj", "iobj", "obl", "nmod", "csubj", "acl":
		return
	}
	for i := 0; i < h; i++ {
		if v.head[i] == h && (v.base[i] == "case" || v.base[i] == "mark" && v.low[i] != "that" || v.low[i] == "what") {
			return
		}
	}
	o, cc := -1, -1
	for i := 0; i < v.n; i++ {
		if v.head[i] == k {
			switch v.base[i] {
			case "cc":
				if cc < 0 {
					cc = i
				}
			case "det", "amod", "compound", "nmod", "flat", "punct", "nummod", "case":
				if v.base[i] == "case" && i < k {
					return
				}
				// After the noun only a prepositional modifier or a
				// name's continuation: "redress last year's deficit"
				// is a verb the tagger took for a noun.
				if i > k && !(v.base[i] == "flat" || v.base[i] == "punct" || v.base[i] == "nmod" && v.firstChild(i, "case") >= 0) {
					return
				}
			default:
				return
			}
		}
		if v.head[i] == h && v.base[i] == "obj" && i < k {
			o = i
		}
	}
	if o < 0 || cc < 0 || cc < o {
		return
	}
	// A noun phrase followed by a verb is the next clause's subject:
	// "adjusting its mix and its margins have been improving", "hurt the
	// economy and the act significantly lowers rates".
	end := k
	for i := k + 1; i < v.n && v.dominatesScan(k, i); i++ {
		end = i
	}
	for i := end + 1; i < v.n; i++ {
		if v.pos[i] == "ADV" {
			continue
		}
		if v.pos[i] == "VERB" || v.pos[i] == "AUX" {
			return
		}
		break
	}
	// Only the object's own words may lie between it and the
	// conjunction, and no preposition or verb: after "filed a statement
	// with the Securities and Exchange Commission" or "maintaining roads
	// and buying tractors and other needs" the conjunct may belong to the
	// nearer noun.
	for i := o + 1; i < cc; i++ {
		if !v.dominatesScan(o, i) || v.base[i] == "case" || v.pos[i] == "VERB" {
			return
		}
	}
	v.head[k] = o
}

// tenseOf classes a finite verb by its first auxiliary, else its own
// form: "past" (VBD), "present" (VBZ, VBP) or "modal" (MD); "" for
// non-finite forms.
func (v *view) tenseOf(h int) string {
	x := v.xpos[h]
	for i := 0; i < h; i++ {
		if v.head[i] == h && (v.base[i] == "aux") {
			x = v.xpos[i]
			break
		}
	}
	switch x {
	case "VBD":
		return "past"
	case "VBZ", "VBP":
		return "present"
	case "MD":
		return "modal"
	}
	return ""
}

// repairClauseOnNonPredicate lifts an adverbial clause that the parser
// hung on a punctuation mark ("declined to take questions from
// journalists, issuing only prepared statements" with "issuing" under
// the comma after "journalists"): it goes up to the nearest verb or
// copular predicate above the mark, and the argument the mark sat in no
// longer swallows it.
func (v *view) repairClauseOnNonPredicate(k int) {
	h := v.head[k]
	if h < 0 || v.isPredicateScan(h) || v.rel[k] != "advcl" {
		return
	}
	// A relative clause ("advcl:relcl") under the comma after its noun
	// ("shareholders, who hold …") belongs to that noun, not higher up.
	// Nouns do take adverbial clauses in UD ("as much as they can get",
	// "over what Bush requested"); a punctuation mark never does.
	if v.pos[h] != "PUNCT" {
		return
	}
	for n := 0; h >= 0 && n < v.n; n++ {
		if v.isPredicateScan(h) {
			v.head[k] = h
			return
		}
		h = v.head[h]
	}
}

// isPredicateScan reports whether h heads a clause: a verb, or a word
// with a copula.
func (v *view) isPredicateScan(h int) bool {
	return v.pos[h] == "VERB" || v.firstChild(h, "cop") >= 0
}

// repairAbsoluteWith fixes "with Putin inviting Trump to Moscow" parsed
// with "with" on the participle and "Putin" as the participle's compound:
// a name or noun before a participle is its subject, not a modifier, so
// the phrase is read as an absolute: "Putin" the governor's oblique with
// "with", "inviting" a clause on it. (UD's own reading, "with" the
// participle's marker and "Putin" its subject, is recognised as it is:
// see absoluteClause.)
func (v *view) repairAbsoluteWith(k int) {
	p := v.head[k]
	if p < 0 || p < k || !(v.low[k] == "with" || v.low[k] == "without") || v.pos[p] != "VERB" || !(v.xpos[p] == "VBG" || v.xpos[p] == "VBN") {
		return
	}
	g := v.head[p]
	if g < 0 {
		return
	}
	n := -1
	for i := k + 1; i < p; i++ {
		if v.head[i] == p && (v.base[i] == "compound" || v.base[i] == "nsubj") && (v.pos[i] == "NOUN" || v.pos[i] == "PROPN") {
			n = i
		}
	}
	if n < 0 || n != p-1 && !v.dominatesScan(n, p-1) {
		return
	}
	v.head[n] = g
	v.setRel(n, "obl")
	v.head[k] = n
	v.head[p] = n
	v.setRel(p, "acl")
	for i := 0; i < k; i++ {
		if v.head[i] == p && v.base[i] == "punct" {
			v.head[i] = n
		}
	}
}

// repairDateline fixes a news dateline read as the subject: "Alaska: US
// President Donald Trump and … concluded a summit" parsed with "Alaska"
// the subject of "concluded" and the real subject its apposition. A
// sentence that opens with a short name and a colon, whose name the
// parser made a subject with an apposition after the colon, has that
// apposition as its subject; the dateline is left as a loose dependent.
func (v *view) repairDateline() {
	c := -1
	for i := 0; i < v.n && i <= 4; i++ {
		// Only a colon: a dash also sets off appositions ("Holly - the
		// owner, knows …") and joins name parts ("Al - Abbudi").
		if v.low[i] == ":" {
			c = i
			break
		}
		if v.pos[i] != "PROPN" {
			return
		}
	}
	if c <= 0 {
		return
	}
	d := -1
	for i := 0; i < c; i++ {
		if h := v.head[i]; h < 0 || h >= c {
			if d >= 0 {
				return
			}
			d = i
		}
	}
	if d < 0 || v.base[d] != "nsubj" {
		return
	}
	a := -1
	for i := c + 1; i < v.n; i++ {
		if v.head[i] == d && v.base[i] == "appos" {
			a = i
			break
		}
	}
	if a < 0 {
		// "Alaska: Trump and Putin concluded …" parsed with both the
		// dateline and the real subject as subjects of the verb: the
		// dateline steps aside.
		for i := c + 1; i < v.n; i++ {
			if v.head[i] == v.head[d] && v.base[i] == "nsubj" {
				v.setRel(d, "dep")
				return
			}
		}
	}
	if a < 0 || !(v.pos[a] == "PROPN" || v.pos[a] == "NOUN") {
		return
	}
	for i := c + 1; i < a; i++ {
		if !v.dominatesScan(a, i) {
			return
		}
	}
	v.head[a], v.rel[a], v.base[a] = v.head[d], v.rel[d], v.base[d]
	v.setRel(d, "dep")
	if v.head[c] == a {
		v.head[c] = d
	}
}

// repairParticipleOnPassive lifts a participle clause set off by a comma
// from a passive clause without an agent to the clause governing it: in
// "Trump claimed that some progress had been made, while stressing that
// …" the one stressing is Trump, not the progress; a passive without a
// "by" phrase has no agent for the participle to share.
func (v *view) repairParticipleOnPassive(k int) {
	h := v.head[k]
	if h < 0 || h > k || v.xpos[k] != "VBG" || v.firstChild(k, "nsubj") >= 0 {
		return
	}
	if !(v.hasRel(h, "aux:pass") || v.hasRel(h, "nsubj:pass")) || v.hasRel(h, "obl:agent") {
		return
	}
	if !(v.base[h] == "ccomp" || v.base[h] == "xcomp") {
		return
	}
	g := v.head[h]
	if g < 0 || v.pos[g] != "VERB" || v.firstChild(g, "nsubj") < 0 {
		return
	}
	first := v.firstWordScan(k, h+1)
	if first == 0 || v.low[first-1] != "," && v.low[first] != "," {
		return
	}
	v.head[k] = g
}

// repairSplitConjunct joins two conjuncts that are one phrase: "Trump and
// Russian President Vladimir Putin" parsed with both "President" and
// "Vladimir" as conjuncts of "Trump". A name conjunct right after another
// conjunct of the same word, with no conjunction or comma of its own, is
// the head the earlier one (here the title) modifies; the conjunction
// moves with it.
func (v *view) repairSplitConjunct(y int) {
	h := v.head[y]
	if v.pos[y] != "PROPN" || h < 0 || h > y {
		return
	}
	x := -1
	for i := h + 1; i < y; i++ {
		if v.head[i] == h && v.base[i] == "conj" {
			x = i
		}
	}
	if x < 0 || !(v.pos[x] == "PROPN" || v.pos[x] == "NOUN") {
		return
	}
	// Nothing between the two but x's own phrase, and y opens without a
	// conjunction or punctuation of its own.
	for i := x + 1; i < y; i++ {
		if !v.dominatesScan(x, i) {
			return
		}
	}
	cc := v.firstChild(x, "cc")
	if cc < 0 || cc > x || v.firstChild(y, "cc") >= 0 {
		return
	}
	for i := 0; i < y; i++ {
		if v.head[i] == y && v.isPunct(i) {
			return
		}
	}
	v.head[x] = y
	if v.pos[x] == "PROPN" {
		v.setRel(x, "nmod:desc")
	} else {
		v.setRel(x, "compound")
	}
	v.head[cc] = y
}

// repairParticipleConjunctOnNoun lifts a participle clause set off by a
// comma that the parser coordinated with a noun: in "referenced shared
// history, including Alaska's heritage and cooperation, suggesting the
// meeting …", "suggesting" is no second heritage but an adverbial clause
// of "referenced". It goes to the nearest predicate above the noun.
func (v *view) repairParticipleConjunctOnNoun(k int) {
	n := v.head[k]
	if n < 0 || n > k || v.xpos[k] != "VBG" || !(v.pos[n] == "NOUN" || v.pos[n] == "PROPN") {
		return
	}
	if k == 0 || v.low[k-1] != "," || v.head[k-1] != k || v.firstChild(k, "cc") >= 0 {
		return
	}
	// Only after a finished coordination ("heritage and cooperation,
	// suggesting"): a gerund inside a list ("hotels, airfare, seeing the
	// sites, food") or in a list without "and" is a list member.
	closed := false
	for i := n + 1; i < v.n; i++ {
		if v.head[i] != n || v.base[i] != "conj" || i == k {
			continue
		}
		if i > k {
			return
		}
		closed = closed || v.firstChild(i, "cc") >= 0
	}
	if !closed {
		return
	}
	for h, i := v.head[n], 0; h >= 0 && i < v.n; h, i = v.head[h], i+1 {
		if v.isPredicateScan(h) {
			v.head[k] = h
			v.setRel(k, "advcl")
			return
		}
	}
}

// repairSubjectAsObject restores a complement clause without "that" whose
// subject the parser took for the object of the speech verb before it:
// "suggesting the meeting symbolically represented a step" parsed with
// "the meeting" as what was suggested and "represented" as a clause of
// its own. A finite verb with no subject right after the object (adverbs
// and auxiliaries aside) is the complement; the object is its subject.
func (v *view) repairSubjectAsObject(o int) {
	g := v.head[o]
	if g < 0 || g > o || v.pos[g] != "VERB" || !speechVerbs[v.lem[g]] {
		return
	}
	// Not an infinitive ("to see these little ones breaks the heart":
	// the infinitive clause is the subject).
	if x := v.xpos[g]; !(x == "VBG" || x == "VBD" || x == "VBZ" || x == "VBP") {
		return
	}
	end := o
	for i := o + 1; i < v.n && v.dominatesScan(o, i); i++ {
		end = i
	}
	// The verb, after adverbs and auxiliaries; it or an auxiliary carries
	// the tense.
	f, finite := end+1, false
	for f < v.n && (v.xpos[f] == "RB" || v.pos[f] == "AUX") {
		finite = finite || v.pos[f] == "AUX" && (v.xpos[f] == "VBD" || v.xpos[f] == "VBZ" || v.xpos[f] == "VBP" || v.xpos[f] == "MD")
		f++
	}
	if f >= v.n || v.pos[f] != "VERB" || !(finite || v.xpos[f] == "VBD" || v.xpos[f] == "VBZ" || v.xpos[f] == "VBP") {
		return
	}
	if h := v.head[f]; h >= g || !(v.base[f] == "conj" || v.base[f] == "parataxis") {
		return
	}
	if v.firstChild(f, "nsubj") >= 0 || v.firstChild(f, "cc") >= 0 || v.dominatesScan(f, g) {
		return
	}
	for i := end + 1; i < f; i++ {
		if v.head[i] != f {
			return
		}
	}
	v.head[f] = g
	v.setRel(f, "ccomp")
	v.head[o] = f
	v.setRel(o, "nsubj")
}

// repairAdjectiveConjunct fixes a coordination of names whose second
// conjunct opens with an adjective: "Donald Trump and Russian President
// Vladimir Putin" parsed with "Russian" the conjunct and "Vladimir" a
// list item of "Donald". An adjective conjoined to a name, followed by
// a name phrase hung on the same name, modifies that phrase; the phrase
// is the conjunct.
func (v *view) repairAdjectiveConjunct(k int) {
	n := v.head[k]
	if n < 0 || n > k || v.pos[k] != "ADJ" || v.pos[n] != "PROPN" || v.hasChild(k) && v.firstChild(k, "cc") < 0 {
		return
	}
	// The name phrase after the adjective: its head is the first token
	// after k whose head is n.
	q := -1
	for i := k + 1; i < v.n; i++ {
		if v.head[i] == n {
			q = i
			break
		}
		if !(v.pos[i] == "PROPN" || v.pos[i] == "NOUN") {
			return
		}
	}
	if q < 0 || v.pos[q] != "PROPN" {
		return
	}
	// A name's own continuation ("San Diego Gas and Electric Co", "Co"
	// flat on "San") is one name, not two.
	switch v.base[q] {
	case "list", "appos", "parataxis", "dep":
	default:
		return
	}
	for i := k + 1; i < q; i++ {
		if !v.dominatesScan(q, i) {
			return
		}
	}
	v.head[q] = n
	v.setRel(q, "conj")
	for i := 0; i < k; i++ {
		if v.head[i] == k && v.base[i] == "cc" {
			v.head[i] = q
		}
	}
	v.head[k] = k + 1
	v.setRel(k, "amod")
}

// repairSpeechParticipleOnNoun fixes ", saying …" hung on the noun
// before the comma ("rests with President Zelensky, saying he would
// brief …" with "saying" an acl of "Zelensky"): a participle of telling
// set off by a comma after a clause's object or oblique reports what the
// clause's subject said, as in "met Lee, saying he was pleased". It
// becomes an adjunct of the clause's predicate (and from
// there repairSpeechParticiple may raise it to a reporting verb).
func (v *view) repairSpeechParticipleOnNoun(p int) {
	n := v.head[p]
	if n < 0 || n > p || p == 0 || v.low[p-1] != "," || v.xpos[p] != "VBG" || v.pos[p] != "VERB" || !continuationVerbs[v.lem[p]] {
		return
	}
	switch v.base[n] {
	case "obj", "obl", "nmod", "iobj", "flat", "appos":
	default:
		return
	}
	// Only after a name: a common noun may be a text that speaks itself
	// ("submitted a request, asking officials to abolish the cap").
	if v.pos[n] != "PROPN" {
		return
	}
	if v.firstChild(p, "nsubj") >= 0 || v.firstChild(p, "mark") >= 0 {
		return
	}
	h := v.head[n]
	for k := 0; h >= 0 && k < v.n && !v.isPredicateScan(h); k++ {
		h = v.head[h]
	}
	if h < 0 || !v.isPredicateScan(h) {
		return
	}
	v.head[p] = h
	v.setRel(p, "advcl")
}

// repairThatClauseAsObject fixes a "that"-clause whose verb the tagger
// took for a noun and whose subject the parser made the governor's
// object: "urged that Kyiv and European capitals view developments …"
// parsed as "urged [that Kyiv and capitals]" with "developments" an
// object of "capitals" and "view" its compound. A noun never has an
// object, and "that" right after the governor opens a clause: the
// compound before the object is the clause's verb, the governor's object
// its subject.
func (v *view) repairThatClauseAsObject(o int) {
	n := v.head[o]
	if n < 0 || n > o || !(v.pos[n] == "NOUN" || v.pos[n] == "PROPN") {
		return
	}
	s := n
	for k := 0; k < v.n && v.base[s] == "conj" && v.head[s] >= 0 && v.head[s] < s; k++ {
		s = v.head[s]
	}
	g := v.head[s]
	if v.base[s] != "obj" || g < 0 || g+1 >= s || v.pos[g] != "VERB" || v.low[g+1] != "that" {
		return
	}
	m := g + 1
	if !(v.head[m] == s && v.base[m] == "det" || v.head[m] == g && v.base[m] == "mark") {
		return
	}
	c := -1
	for i := n + 1; i < o; i++ {
		if v.head[i] == o && v.base[i] == "compound" && v.pos[i] == "NOUN" {
			c = i
			break
		}
	}
	if c < 0 || !v.dominatesScan(s, c-1) || v.low[c] != v.toks[c].Text {
		return
	}
	v.pos[c], v.xpos[c] = "VERB", "VBP"
	v.head[c] = g
	v.setRel(c, "ccomp")
	v.head[s] = c
	v.setRel(s, "nsubj")
	v.head[o] = c
	v.head[m] = c
	v.setRel(m, "mark")
	v.pos[m], v.xpos[m] = "SCONJ", "IN"
	for i := o + 1; i < v.n; i++ {
		if v.base[i] == "advmod" && (v.head[i] == o || v.head[i] == n || v.head[i] == s) {
			v.head[i] = c
		}
	}
}

// afterAnd reports whether "and" or "but", perhaps followed by adverbs,
// comes right before h: a participle after "plus" ("plus accrued
// dividends") or a comma ("offer, made through …") modifies a noun.
func (v *view) afterAnd(h int) bool {
	i := h - 1
	for i >= 0 && v.pos[i] == "ADV" {
		i--
	}
	return i >= 0 && (v.low[i] == "and" || v.low[i] == "but")
}

// repairStrayRelative re-attaches a relative clause that the parser hung
// on a verb as its complement instead of on its noun: in "Putin said the
// talks were held in a calm atmosphere, a sentiment echoed by Trump, who
// called the summit productive", "called" parsed as a second complement
// of "said" (with the comment "a sentiment echoed by Trump" as its
// oblique) would make the narrator's remark part of Putin's report. A
// clause whose subject is "who" or "which" right after a comma and a
// noun is a non-restrictive relative clause on that noun (a question word
// after a comma opens no complement). Words of the clause before the
// pronoun cannot be inside it: the only such phrase allowed is a noun
// phrase set off by a comma that contains the antecedent (the comment on
// the preceding clause); it becomes a parataxis of the clause it comments
// on. A relative clause parsed as a conjunct or parataxis is moved only
// when it swallowed such a phrase; otherwise it keeps its place
// (resolveStrayRelatives gives it its subject), since moving it would
// only lengthen the argument its noun sits in.
func (v *view) repairStrayRelative(t int) {
	r := -1
	for i := 0; i < t; i++ {
		if v.head[i] == t && v.base[i] == "nsubj" {
			r = i
			break
		}
	}
	if r < 2 || !(v.low[r] == "who" || v.low[r] == "which") || !(v.xpos[r] == "WP" || v.xpos[r] == "WDT") || v.low[r-1] != "," {
		return
	}
	n := r - 2
	if !(v.pos[n] == "NOUN" || v.pos[n] == "PROPN") {
		return
	}
	// The governor lies before the comma: in "…, which I think is
	// intentional" the pronoun is the subject of a complement inside the
	// relative clause, as it should be.
	if v.head[t] < 0 || v.head[t] >= r-1 {
		return
	}
	for k := 0; k < v.n && v.base[n] == "flat" && v.head[n] >= 0 && v.head[n] < n; k++ {
		n = v.head[n]
	}
	if v.low[r] == "who" {
		n = v.apposAnchor(n, r-2)
	}
	// The clause's words before the pronoun.
	d := -1
	for i := 0; i < r-1; i++ {
		if v.head[i] != t || v.isPunct(i) {
			continue
		}
		if d >= 0 || !v.dominatesScan(i, n) || !(v.pos[i] == "NOUN" || v.pos[i] == "PROPN") {
			return
		}
		d = i
	}
	if d < 0 && (v.dominatesScan(t, n) || v.base[t] != "ccomp" && !v.inComplement(v.head[t])) {
		// A conjunct or parataxis keeps its place unless it swallowed
		// a phrase before the pronoun, or hangs inside a complement
		// clause (whose report would then claim it): moving it would
		// only lengthen the argument its noun sits in
		// (resolveStrayRelatives gives it its subject).
		return
	}
	g := -1
	if d >= 0 {
		first := d
		for i := 0; i < d; i++ {
			if v.dominatesScan(d, i) && !v.isPunct(i) {
				first = i
				break
			}
		}
		if first < 2 || v.low[first-1] != "," {
			return
		}
		// The clause the comment follows: the nearest predicate above the
		// word before the comma, outside the stray clause.
		g = v.head[first-2]
		if first-2 >= 0 && v.isPredicateScan(first-2) {
			g = first - 2
		}
		for k := 0; g >= 0 && k < v.n && !v.isPredicateScan(g); k++ {
			g = v.head[g]
		}
		if g < 0 || v.dominatesScan(t, g) || v.dominatesScan(d, g) {
			return
		}
	}
	oldHead, oldRel, oldBase := v.head[t], v.rel[t], v.base[t]
	if d >= 0 {
		v.head[d] = g
		v.setRel(d, "parataxis")
	}
	v.head[t] = n
	v.rel[t], v.base[t] = "acl:relcl", "acl"
	// Never leave a cycle behind.
	if v.dominatesScan(t, n) || d >= 0 && v.dominatesScan(d, g) {
		v.head[t], v.rel[t], v.base[t] = oldHead, oldRel, oldBase
		if d >= 0 {
			v.head[d] = t
			v.setRel(d, "obl")
		}
	}
}

// repairReducedRelative fixes a comment phrase read as a clause: in "…
// were held in a calm atmosphere, a sentiment echoed by Trump, who …" the
// parser may make the participle "echoed" the head, with "a sentiment" as
// its oblique, hung on the preceding clause, so that the comment reads as
// part of that clause (and of whatever report contains it). A past
// participle with no auxiliary and a single noun before it, whose phrase
// opens right after a comma, is a reduced relative clause on that noun
// ("a sentiment [that was] echoed by Trump") when the participle has a
// by-agent: a passive participle never takes its own subject or object
// before it without an auxiliary. (Without the agent the noun may be the
// participle's own modifier: "code named Charlie", "potty trained".) The
// noun takes the participle's place as a parataxis of the clause it
// comments on, and the participle becomes its acl.
func (v *view) repairReducedRelative(t int) {
	if v.head[t] < 0 || v.head[t] > t {
		return
	}
	agent, n := false, -1
	for i := 0; i < v.n; i++ {
		if v.head[i] != t || v.isPunct(i) {
			continue
		}
		if i > t {
			agent = agent || v.rel[i] == "obl:agent"
			continue
		}
		if n >= 0 || !(v.base[i] == "obl" || v.base[i] == "obj" || v.base[i] == "nsubj") ||
			!(v.pos[i] == "NOUN" || v.pos[i] == "PROPN") {
			return // an auxiliary, a subject with another phrase, an adverb …
		}
		n = i
	}
	if n < 0 || !agent {
		return
	}
	first := v.firstWordScan(n, 0)
	if first < 1 || v.low[first-1] != "," {
		return
	}
	for i := n + 1; i < t; i++ {
		if !v.dominatesScan(n, i) {
			return
		}
	}
	// The noun phrase comments on the clause it follows, as a parataxis
	// (see repairStrayRelative).
	v.head[n] = v.head[t]
	v.setRel(n, "parataxis")
	v.head[t] = n
	v.setRel(t, "acl")
	if v.head[first-1] == t {
		v.head[first-1] = n // the comma opens the noun's phrase
	}
}

// repairSubjectOfXcomp fixes a small clause read with its own subject:
// "called the summit “very productive”" parsed with "the summit" as the
// subject of "productive". An open complement (xcomp) takes its subject
// from its governor by definition, so a noun between the verb and the
// complement that the parser made the complement's subject is the verb's
// object, as UD analyses "called the summit productive", unless the verb
// already has one.
func (v *view) repairSubjectOfXcomp(x int) {
	g := v.head[x]
	if g < 0 || g > x || v.firstChild(g, "obj") >= 0 {
		return
	}
	for i := g + 1; i < x; i++ {
		if v.head[i] == x && v.base[i] == "nsubj" && (v.pos[i] == "NOUN" || v.pos[i] == "PROPN" || v.pos[i] == "PRON") {
			v.head[i] = g
			v.setRel(i, "obj")
			return
		}
	}
}

// repairCoordinatedApposition fixes a conjunct read as an apposition or
// a list item: "Donald Trump and Russian President Vladimir Putin
// concluded …" parsed with "Putin" an apposition of "Trump". A phrase that
// opens with a coordinating conjunction is a conjunct (an apposition
// renames, it is never coordinated with its noun), so both men are
// subjects. The conjunction becomes the conjunct's cc, as UD attaches it.
func (v *view) repairCoordinatedApposition(a int) {
	h := v.head[a]
	if h < 0 || h > a {
		return
	}
	first := v.firstWordScan(a, h+1)
	// Only "and": UD does make "a nightgown, or nightie" an apposition.
	if first == a || v.pos[first] != "CCONJ" || v.low[first] != "and" {
		return
	}
	v.setRel(a, "conj")
	v.head[first] = a
	v.setRel(first, "cc")
}

// repairDependentOfPunct re-attaches a word the parser hung on a
// punctuation mark, which never has dependents: "…mutual respect, a
// sentiment echoed by Trump" parsed with "sentiment" the subject of the
// comma. A noun set off by a comma after a noun goes to the mark's head
// as an apposition (the rules read a trailing one as a comment on the
// clause). Verbs under a comma are left to the clause rules, which read
// them as clauses of their own.
func (v *view) repairDependentOfPunct(d int) {
	p := v.head[d]
	if p < 0 || !v.isPunct(p) || v.isPunct(d) {
		return
	}
	h := v.head[p]
	if h < 0 || h == d || v.dominatesScan(d, h) {
		return
	}
	nominal := func(i int) bool { return v.pos[i] == "NOUN" || v.pos[i] == "PROPN" || v.pos[i] == "PRON" }
	if v.low[p] != "," || !(h < p && p < d) || !nominal(d) || !nominal(h) {
		return // clauses under a comma are read by the clause rules
	}
	v.head[d] = h
	v.setRel(d, "appos")
}

// repairRelativeOnFartherNoun moves a relative clause to the noun its
// pronoun follows: in "a sentiment echoed by Trump, who called …" the
// clause describes Trump, the noun right before ", who", not the
// farther "sentiment" the parser hung it on. Only for a subject "who",
// which follows its antecedent directly ("which" may refer to a whole
// phrase), and only for the by-agent of a participle on the head noun
// ("a view shared by Kim, who …"): a name inside a title, an alias ("a
// man known as Jafar the Pilot, who …") or a coordination keeps the
// parser's reading.
func (v *view) repairRelativeOnFartherNoun(t int) {
	h := v.head[t]
	r := -1
	for i := 0; i < t; i++ {
		if v.head[i] == t && v.base[i] == "nsubj" {
			r = i
			break
		}
	}
	if r < 2 || v.low[r] != "who" || v.low[r-1] != "," || h < 0 || h >= r-2 {
		return
	}
	n := r - 2
	if v.pos[n] != "PROPN" || !v.dominatesScan(h, n) {
		return
	}
	for k := 0; k < v.n && (v.base[n] == "flat" || v.base[n] == "compound") && v.head[n] > h; k++ {
		n = v.head[n]
	}
	// Only across a clause: the name is an argument of a verb that
	// modifies the head noun, not part of the head's own name or title.
	verb := false
	for x, k := v.head[n], 0; x >= 0 && x != h && k < v.n; x, k = v.head[x], k+1 {
		verb = verb || v.pos[x] == "VERB"
	}
	if n == h || !verb || v.rel[n] != "obl:agent" || v.dominatesScan(t, n) {
		return
	}
	v.head[t] = n
}

// repairAdjectiveApposition fixes an object complement read as an
// apposition: "called the summit “very productive”", "declared the
// vote invalid" with the adjective an appos of the object. An
// apposition renames a noun with a noun; an adjective after a verb's
// object is the verb's predicative complement (xcomp in UD).
func (v *view) repairAdjectiveApposition(k int) {
	o := v.head[k]
	if o < 0 || o > k || v.pos[k] != "ADJ" || v.base[o] != "obj" {
		return
	}
	g := v.head[o]
	if g < 0 || v.pos[g] != "VERB" {
		return
	}
	// Only a complement right after the object, at most in quotes: one
	// set off by a comma or brackets ("20 dollars, sometimes a bit more")
	// is an afterthought on the noun.
	for i := o + 1; i < k; i++ {
		if v.isPunct(i) && !isQuote(v.low[i]) {
			return
		}
	}
	// An adjective with a determiner heads a noun phrase: "cuts the
	// amount a little".
	if v.firstChild(k, "det") >= 0 {
		return
	}
	v.head[k] = g
	v.setRel(k, "xcomp")
}

// apposAnchor climbs from noun n, the last noun before ", who", to the
// person an apposition ending at end describes: in "said A.W. Clements,
// finance director of ICI, who was at the meeting", "who" is Clements,
// not the company that ends his title. It climbs only through the noun
// phrase's own modifiers: in "… mutual respect, a sentiment echoed by
// Trump, who called the summit productive" Trump is the agent of a clause
// inside the apposition, and "who" is Trump, not the respect the
// apposition describes.
func (v *view) apposAnchor(n, end int) int {
	for x, k := n, 0; x >= 0 && k < v.n; x, k = v.head[x], k+1 {
		if v.base[x] != "appos" {
			switch v.base[x] {
			case "nmod", "compound", "flat", "conj":
				continue
			}
			return n
		}
		// The apposition must end where n's phrase does.
		last := x
		for i := x; i < v.n && i <= end; i++ {
			if v.dominatesScan(x, i) {
				last = i
			}
		}
		if last == end && v.head[x] >= 0 && v.head[x] < x {
			return v.head[x]
		}
		return n
	}
	return n
}

// repairClauseAsSubject fixes a finite verb with a subject of its own
// parsed as the subject of a later verb: "He also referenced shared
// history, …, suggesting the meeting symbolically represented a step"
// parsed with "referenced" the subject of "represented". A clause can be
// a subject only when "that", "whether" or a wh-word opens it; a bare
// clause with its own subject is the main clause. The later verb is then
// the complement of the participle whose object ends right before it
// (", suggesting [the meeting represented …]", "quoted as saying
// [Venezuela will export …]"), that object its subject; without such a
// participle the tree is left alone.
func (v *view) repairClauseAsSubject(p int) {
	q := v.head[p]
	if q < 0 || q < p || v.pos[p] != "VERB" || v.pos[q] != "VERB" || v.rel[p] != "nsubj" {
		return
	}
	switch v.xpos[p] {
	case "VBD", "VBZ", "VBP", "VBN":
	default:
		return
	}
	s := -1
	for i := 0; i < p; i++ {
		if v.head[i] == p {
			switch {
			case v.base[i] == "nsubj":
				s = i
			case v.base[i] == "mark" || len(v.xpos[i]) > 0 && v.xpos[i][0] == 'W':
				return
			}
		}
	}
	if s < 0 || !(v.pos[s] == "PRON" || v.pos[s] == "PROPN" || v.pos[s] == "NOUN") {
		return
	}
	// The object that ends right before the later verb (adverbs of that
	// verb may come between).
	w, o := -1, -1
	for i := p + 1; i < q; i++ {
		if v.base[i] != "obj" || !v.dominatesScan(p, i) || v.pos[v.head[i]] != "VERB" {
			continue
		}
		end := i
		for j := i + 1; j < q && v.dominatesScan(i, j); j++ {
			end = j
		}
		ok := true
		for j := end + 1; j < q; j++ {
			if v.head[j] != q {
				ok = false
			}
		}
		if ok {
			w, o = v.head[i], i
		}
	}
	if w < 0 || !(v.pos[o] == "NOUN" || v.pos[o] == "PROPN" || v.pos[o] == "PRON") {
		return
	}
	// The verb is a participle clause of the main one (", suggesting",
	// "as saying"), the usual place of a report whose subject the parser
	// took for an object; a participle inside a name ("Icahn-controlled
	// TWA made …") is no such clause.
	if w == p || v.xpos[w] != "VBG" || w == 0 || !(v.low[w-1] == "," || v.low[w-1] == "as") {
		return
	}
	v.head[p], v.rel[p], v.base[p] = v.head[q], v.rel[q], v.base[q]
	v.head[q] = w
	v.setRel(q, "ccomp")
	v.head[o] = q
	v.setRel(o, "nsubj")
	// Punctuation that closed the sentence on the later verb closes the
	// main clause.
	for i := q + 1; i < v.n; i++ {
		if v.head[i] == q && v.isPunct(i) && i == v.n-1 {
			v.head[i] = p
		}
	}
}

// repairParticipleBeforeObject fixes a participle read as a verb's
// complement when it modifies the noun after it: "referenced shared
// history" parsed with "shared" an xcomp of "referenced" and "history"
// its object. A bare past participle (no "to", auxiliary or subject)
// right before its object, with nothing of its own between them, is an
// adjective of that noun; the noun is the governor's object, and what
// else hung on the participle after the noun phrase is the governor's.
func (v *view) repairParticipleBeforeObject(t int) {
	g := v.head[t]
	if g < 0 || g+1 != t || v.xpos[t] != "VBN" || v.pos[g] != "VERB" || v.firstChild(g, "obj") >= 0 {
		return
	}
	// Only right after a finite lexical verb: after "have", "be" or
	// "get" the participle is the verb ("have agreed", "had placed its
	// stake" misparsed), and after another participle ("frozen
	// concentrated juice", "those questioned believed") the reading is
	// anyone's guess.
	switch v.xpos[g] {
	case "VBD", "VBZ", "VBP":
	case "VBN":
		// A participle with a subject and no auxiliary is a past tense
		// the tagger missed ("He also referenced shared history").
		if v.firstChild(g, "nsubj") < 0 || v.firstChild(g, "aux") >= 0 {
			return
		}
	default:
		return
	}
	switch v.lem[g] {
	case "have", "be", "get", "do":
		return
	}
	o := -1
	for i := 0; i < v.n; i++ {
		if v.head[i] != t {
			continue
		}
		switch {
		case v.base[i] == "obj" && i > t && o < 0:
			o = i
		case i < t || v.base[i] == "aux" || v.base[i] == "mark" || v.base[i] == "nsubj" || v.base[i] == "obj":
			return
		}
	}
	if o < 0 || !(v.pos[o] == "NOUN" || v.pos[o] == "PROPN") {
		return
	}
	// The object's phrase starts right after the participle and holds
	// nothing but the object's own words up to the object, none of them
	// a number or determiner: an adjective comes after those ("a shared
	// history"), and a participle before a measure is the verb
	// ("averaged 6.05 pct").
	for i := t + 1; i < o; i++ {
		if !v.dominatesScan(o, i) || v.pos[i] == "NUM" || v.pos[i] == "DET" {
			return
		}
	}
	v.head[o] = g
	v.setRel(o, "obj")
	for i := 0; i < v.n; i++ {
		if v.head[i] == t {
			v.head[i] = g
		}
	}
	v.head[t] = o
	v.setRel(t, "amod")
	v.pos[t] = "ADJ"
}

// repairPlaceOnName moves a place or time phrase the parser hung on a
// name to the verb: "Lee met Kim in Seoul" parsed with "in Seoul" a
// modifier of Kim makes Kim-in-Seoul the one met, and loses where the
// meeting was. A person's or company's name is already specific, so a
// phrase with "in" or "at" and a name of its own after it nearly always
// says where or when the event happened: the object's name must end right
// before the phrase, and the phrase must end the clause. A name written
// in lower case ("try dominos in Pottstown", in EWT) is more likely a
// business named with its branch, and is left alone.
func (v *view) repairPlaceOnName(o int) {
	g := v.head[o]
	if g < 0 || g > o || v.pos[g] != "VERB" || v.pos[o] != "PROPN" || !capitalised(v.toks[o].Text) {
		return
	}
	for i := 0; i < v.n; i++ {
		if v.head[i] != o || v.base[i] != "nmod" || i < o || v.pos[i] != "PROPN" {
			continue
		}
		c := i - 1
		for c > o && v.base[c] == "compound" && v.head[c] == i {
			c--
		}
		if c != o+1 || v.head[c] != i || v.base[c] != "case" || !(v.low[c] == "in" || v.low[c] == "at") {
			continue
		}
		// Nothing after the phrase but punctuation.
		for j := i + 1; j < v.n; j++ {
			if !v.isPunct(j) {
				return
			}
		}
		v.head[i] = g
		v.setRel(i, "obl")
		return
	}
}

// capitalised reports whether w starts with an upper-case ASCII letter.
func capitalised(w string) bool { return w != "" && w[0] >= 'A' && w[0] <= 'Z' }

// inComplement reports whether h is a complement clause or lies inside
// one: "held" in "Putin said the talks were held in a calm atmosphere".
func (v *view) inComplement(h int) bool {
	for k := 0; h >= 0 && k < v.n; h, k = v.head[h], k+1 {
		if v.base[h] == "ccomp" {
			return true
		}
	}
	return false
}

// repairComplementizerAsObject fixes a "that"-clause whose verb the
// tagger took for a noun, parsed with "that" itself as the governor's
// object heading the clause's words as one noun phrase: "urged that Kyiv
// and European capitals view developments constructively" with "view" a
// compound of "developments" and Kyiv, capitals and developments all
// under "that". A complementizer heads nothing, and a plain noun between
// the subject and the object, right before the object, is the clause's
// verb: the words between "that" and it are the subject (coordinated
// where a conjunction joins them), the object stays its object.
// repairThatClauseAsObject handles the same error parsed the other way
// ("that" a determiner of the governor's object).
func (v *view) repairComplementizerAsObject(m int) {
	g := v.head[m]
	if v.low[m] != "that" || v.pos[m] != "SCONJ" || g < 0 || g != m-1 || v.pos[g] != "VERB" {
		return
	}
	o := -1
	for i := m + 1; i < v.n; i++ {
		if v.head[i] == m && (v.pos[i] == "NOUN" || v.pos[i] == "PROPN") {
			o = i
			break
		}
	}
	c := o - 1
	if o < m+3 || v.head[c] != o || v.base[c] != "compound" || v.xpos[c] != "NN" || v.low[c] != v.toks[c].Text {
		return
	}
	// The words before the verb: the subject, one phrase or a
	// coordination of phrases, all inside the object's phrase. An
	// adjective hung on the object modifies the noun right after it
	// ("Kyiv and European capitals" with "European" on the object).
	var tops, adjs []int
	for i := m + 1; i < c; i++ {
		if !v.dominatesScan(o, i) {
			return
		}
		if v.head[i] != o {
			continue
		}
		switch {
		case v.pos[i] == "NOUN" || v.pos[i] == "PROPN":
			tops = append(tops, i)
		case v.pos[i] == "ADJ" && i+1 < c && v.head[i+1] == o && (v.pos[i+1] == "NOUN" || v.pos[i+1] == "PROPN"):
			adjs = append(adjs, i)
		default:
			return
		}
	}
	ccs, ok := v.conjunctions(tops)
	if !ok {
		return
	}
	for _, a := range adjs {
		v.head[a] = a + 1
		v.setRel(a, "amod")
	}
	v.pos[c], v.xpos[c] = "VERB", "VBP"
	v.head[c] = g
	v.setRel(c, "ccomp")
	v.head[m] = c
	v.setRel(m, "mark")
	v.coordinateSubject(c, tops, ccs)
	v.head[o] = c
	v.setRel(o, "obj")
	for i := o + 1; i < v.n; i++ {
		if v.head[i] == o && (v.base[i] == "advmod" || v.base[i] == "conj" && v.pos[i] == "VERB") {
			v.head[i] = c
		}
	}
}

// repairFrontedPhraseAsSubject splits a fronted prepositional phrase from
// the subject the parser merged it with: "Despite no breakthrough on
// Ukraine, Trump and Putin sought …" parsed with "breakthrough" the
// subject and Trump and Putin conjuncts of Ukraine. A subject takes no
// preposition, and a comma after a fronted phrase ends it: the words
// between the comma and the verb are the subject (coordinated where a
// conjunction joins them), and the phrase is an oblique of the verb.
func (v *view) repairFrontedPhraseAsSubject(s int) {
	g := v.head[s]
	if g < 0 || g < s || v.pos[g] != "VERB" {
		return
	}
	first := v.firstWordScan(s, 0)
	if first >= s || v.head[first] != s || v.base[first] != "case" || v.pos[first] != "ADP" {
		return
	}
	// The last comma inside the phrase before the verb, with only the
	// phrase's own words after it.
	k := -1
	for i := s + 1; i < g; i++ {
		if !v.dominatesScan(s, i) {
			return
		}
		if v.low[i] == "," {
			k = i
		}
	}
	if k < 0 || k+1 >= g {
		return
	}
	var tops []int
	for i := k + 1; i < g; i++ {
		if h := v.head[i]; h <= k || h >= g {
			if !(v.pos[i] == "PROPN" || v.pos[i] == "NOUN" || v.pos[i] == "PRON") || !(v.base[i] == "conj" || v.base[i] == "appos") {
				return
			}
			tops = append(tops, i)
		}
	}
	ccs, ok := v.conjunctions(tops)
	if !ok {
		return
	}
	v.coordinateSubject(g, tops, ccs)
	v.head[k] = s
	v.setRel(s, "obl")
}

// conjunctions returns, for each of the phrase heads tops after the first,
// the conjunction ("and", "or") between it and the one before, and false
// when there are no heads or one has no conjunction: heads are re-read as
// a coordination only when a conjunction joins them.
func (v *view) conjunctions(tops []int) ([]int, bool) {
	if len(tops) == 0 {
		return nil, false
	}
	var ccs []int
	for k := 1; k < len(tops); k++ {
		cc := -1
		for i := tops[k-1] + 1; i < tops[k]; i++ {
			if v.base[i] == "cc" {
				cc = i
			}
		}
		if cc < 0 {
			return nil, false
		}
		ccs = append(ccs, cc)
	}
	return ccs, true
}

// coordinateSubject makes tops[0] the subject of g and the other heads in
// tops its conjuncts, each with its conjunction from ccs.
func (v *view) coordinateSubject(g int, tops, ccs []int) {
	x := tops[0]
	v.head[x] = g
	v.setRel(x, "nsubj")
	for k, y := range tops[1:] {
		v.head[y] = x
		v.setRel(y, "conj")
		v.head[ccs[k]] = y
	}
}
