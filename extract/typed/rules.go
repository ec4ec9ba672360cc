package typed

import (
	"strings"
	"time"

	"github.com/kg-project/kg/extract/coref"
	"github.com/kg-project/kg/extract/dates"
	"github.com/kg-project/kg/extract/document"
)

// Role nouns that make their holder the leader of the place they name.
var leaderRoles = map[string]bool{
	"president": true, "premier": true, "chancellor": true, "king": true, "queen": true,
	"emperor": true, "empress": true, "leader": true, "ruler": true, "monarch": true,
	"governor": true, "gov.": true, "mayor": true, "dictator": true, "sultan": true, "emir": true,
	"president-elect": true, "prime minister": true, "head": true, "chief": true, "shah": true,
	"tsar": true, "czar": true, "pharaoh": true, "strongman": true,
}

// Nouns saying where a person lives or comes from ("a Chicago native").
var residenceNouns = map[string]bool{
	"native": true, "resident": true, "citizen": true, "inhabitant": true, "man": true,
	"woman": true, "boy": true, "girl": true, "son": true, "daughter": true, "national": true,
	"homeowner": true, "villager": true, "townsman": true, "local": true, "people": true,
}

var (
	killVerbs = map[string]float64{
		"kill": 0.7, "murder": 0.75, "assassinate": 0.8, "slay": 0.75, "shoot": 0.55,
		"stab": 0.55, "execute": 0.6, "strangle": 0.7, "poison": 0.5, "behead": 0.75,
		"lynch": 0.7, "gun": 0.6, "slain": 0.75,
	}
	killNouns = map[string]bool{
		"assassination": true, "murder": true, "killing": true, "slaying": true, "shooting": true,
		"death": true, "execution": true,
	}
	// Verbs whose subject is accused of (or did) the killing named by a noun
	// they govern ("arrested in the shooting of Kennedy").
	accuseVerbs = map[string]bool{
		"arrest": true, "charge": true, "convict": true, "accuse": true, "suspect": true,
		"sentence": true, "try": true, "commit": true, "plead": true, "confess": true,
		"admit": true, "indict": true, "blame": true, "implicate": true, "carry": true,
		"execute": true, "hang": true, "jail": true, "acquit": true, "deny": true, "plan": true,
		"serve": true,
	}
	workVerbs = map[string]bool{
		"work": true, "serve": true, "join": true, "head": true, "lead": true, "run": true,
		"chair": true, "direct": true, "manage": true, "found": true, "co-found": true,
		"represent": true, "edit": true, "publish": true, "cover": true, "command": true,
		"own": true, "teach": true, "coach": true, "write": true, "report": true,
	}
	hireVerbs = map[string]bool{
		"hire": true, "employ": true, "appoint": true, "name": true, "elect": true,
		"recruit": true, "nominate": true, "promote": true, "sign": true,
	}
	// Accusation verbs whose object (or passive subject) is the killer:
	// "police arrested Oswald in the shooting of Kennedy".
	passiveAccuse = map[string]bool{
		"charge": true, "arrest": true, "convict": true, "accuse": true, "suspect": true,
		"indict": true, "try": true, "sentence": true, "execute": true, "hang": true,
		"jail": true, "acquit": true,
	}
	ruleVerbs = map[string]bool{"lead": true, "rule": true, "govern": true, "head": true, "run": true}
	liveVerbs = map[string]float64{
		"live": 0.7, "reside": 0.75, "settle": 0.6, "grow": 0.5, "bear": 0.65, "raise": 0.55,
		"move": 0.45, "stay": 0.4, "dwell": 0.7, "relocate": 0.5, "emigrate": 0.45,
	}
	participateVerbs = map[string]bool{
		"hold": true, "attend": true, "conclude": true, "host": true, "join": true, "have": true,
		"chair": true, "address": true, "open": true, "convene": true, "participate": true,
		"organize": true, "organise": true, "lead": true, "begin": true, "start": true,
		"end": true, "finish": true, "complete": true, "wrap": true, "cancel": true,
		"postpone": true, "call": true, "skip": true, "boycott": true, "take": true, "meet": true,
		"enter": true, "describe": true, "leave": true,
	}
	// Event verbs whose subject is the event: "the summit was held in X".
	eventSubjectVerbs = map[string]bool{
		"hold": true, "take": true, "happen": true, "occur": true, "end": true, "begin": true,
		"start": true, "open": true, "close": true, "last": true, "conclude": true, "mark": true,
		"be": true, "wrap": true,
	}
)

func (x *extractor) sentence(s int) {
	ms := x.sentenceMentions(s)
	for _, mi := range ms {
		m := &x.doc.Mentions[mi]
		switch {
		case m.Kind == document.Name && x.entityType(mi) == document.Person:
			x.titleFacts(mi)
			x.nameModifiers(mi)
			x.appositions(mi)
		case m.Kind == document.Nominal && x.entityType(mi) == document.Event && m.Entity >= 0:
			x.eventFacts(mi)
		case m.Kind == document.Nominal && x.entityType(mi) == document.Person && m.Entity >= 0:
			x.describedPerson(mi)
		}
		if x.entityType(mi) == document.Org && m.Kind == document.Name {
			x.orgFacts(mi)
		}
		if x.entityType(mi).IsPlace() && m.Kind == document.Name {
			x.placeFacts(mi)
		}
	}
	x.commaPlaces(s, ms)
	x.basedCompounds(s)
	x.surface(s)
	for v := range x.doc.Sentences[s].Tokens {
		t := x.tok(s, v)
		switch t.UPOS {
		case "VERB":
			x.verbFacts(s, v)
		case "NOUN", "PROPN":
			x.copulaFacts(s, v)
			x.killNoun(s, v)
		}
	}
}

func (x *extractor) sentenceMentions(s int) []int {
	var out []int
	for mi := range x.doc.Mentions {
		if x.doc.Mentions[mi].Sentence == s {
			out = append(out, mi)
		}
	}
	return out
}

// ---- persons ----

// titleTokens finds the token range of a person mention's Title.
func (x *extractor) titleTokens(mi int) (int, bool) {
	m := &x.doc.Mentions[mi]
	if m.Title == "" {
		return 0, false
	}
	want := strings.Join(strings.Fields(m.Title), "")
	var b string
	for a := m.Start - 1; a >= 0 && m.Start-a <= 10; a-- {
		b = word(x.tok(m.Sentence, a)) + b
		if b == want {
			return a, true
		}
		if x.tok(m.Sentence, a).Text != word(x.tok(m.Sentence, a)) {
			bt := x.tok(m.Sentence, a).Text + b[len(word(x.tok(m.Sentence, a))):]
			if bt == want {
				return a, true
			}
		}
	}
	return 0, false
}

func isLeaderRole(words []string) bool {
	if len(words) == 0 {
		return false
	}
	last := strings.ToLower(words[len(words)-1])
	if last == "minister" && len(words) >= 2 && strings.EqualFold(words[len(words)-2], "prime") {
		return true
	}
	for _, w := range words {
		if strings.EqualFold(w, "former") || strings.EqualFold(w, "vice") || strings.EqualFold(w, "deputy") || strings.EqualFold(w, "ex") {
			return false
		}
	}
	return leaderRoles[last]
}

// titleFacts turns "US President Donald Trump" into title(Trump,
// "President"), leader_of(Trump, United States), and "FBI spokesman Doug
// Beldon" into works_for(Beldon, FBI).
func (x *extractor) titleFacts(mi int) {
	m := &x.doc.Mentions[mi]
	s := m.Sentence
	person := x.mentionArgs(mi, "subject")
	if len(person) == 0 {
		return
	}
	a, ok := x.titleTokens(mi)
	if !ok {
		// An organisation right before the name: "FBI agent X" is not
		// caught as a title, but "Microsoft CEO" is; nothing else to do.
		return
	}
	x.legislator(mi, person)
	var roleWords []string
	var nations []int
	var orgs []int
	for i := a; i < m.Start; i++ {
		t := x.tok(s, i)
		if om := x.typed(s, i, document.Org); om >= 0 {
			orgs = append(orgs, i)
			roleWords = nil
			continue
		}
		if x.isNation(s, i) {
			nations = append(nations, i)
			roleWords = nil
			continue
		}
		if lower(t) == "'s" {
			roleWords = nil
			continue
		}
		roleWords = append(roleWords, word(t))
	}
	// An organisation directly before the title: "FBI spokesman", "the
	// Foreign Ministry 's chief".
	for j := a - 1; j >= 0 && j >= a-2; j-- {
		if lower(x.tok(s, j)) == "'s" {
			continue
		}
		if x.typed(s, j, document.Org) >= 0 {
			orgs = append(orgs, j)
		}
		break
	}
	if len(roleWords) > 0 {
		lit := document.Argument{Span: x.spanOf(s, m.Start-len(roleWords), m.Start), Role: "object", Text: strings.Join(roleWords, " "), Entity: -1}
		full := document.Argument{Span: x.spanOf(s, a, m.Start), Role: RoleFullTitle, Text: m.Title, Entity: -1}
		for _, p := range person {
			x.emit(document.PredTitle, s, 0.85*mentionConf(m), p, lit, full)
		}
	}
	leader := isLeaderRole(roleWords)
	for _, n := range nations {
		na, ok := x.nationArg(s, n, "object")
		if !ok {
			continue
		}
		for _, p := range person {
			if leader {
				x.emit(document.PredLeaderOf, s, 0.8, p, na)
			} else {
				x.nationality(s, n, p, 0.7)
			}
		}
	}
	for _, o := range orgs {
		for _, p := range person {
			for _, oa := range x.args(s, o, "object", document.Org) {
				if leader && len(roleWords) > 0 {
					x.emit(document.PredLeaderOf, s, 0.7, p, oa)
				}
				x.emit(document.PredEmployeeOf, s, 0.75, p, oa)
			}
		}
	}
}

// legislatures maps legislators' titles to the chambers they sit in.
var legislatures = map[string][]string{
	"sen.": {"senate", "congress"}, "senator": {"senate", "congress"},
	"rep.": {"house", "congress", "house of representatives"}, "congressman": {"congress", "house"},
	"congresswoman": {"congress", "house"}, "representative": {"house", "congress"},
	"mp": {"parliament", "house of commons"}, "deputy": {"parliament", "duma", "assembly", "national assembly"},
}

// legislator: "Sen. Strom Thurmond ... the Congress", "Rep. X ... the
// House" — a legislator's title names the chamber, so an organisation of
// the sentence called by that chamber's name is where the person works.
func (x *extractor) legislator(mi int, person []document.Argument) {
	m := &x.doc.Mentions[mi]
	fields := strings.Fields(strings.ToLower(m.Title))
	if len(fields) == 0 {
		return
	}
	chambers := legislatures[fields[len(fields)-1]]
	if len(chambers) == 0 {
		return
	}
	for _, o := range x.names(m.Sentence) {
		if x.entityType(o) != document.Org {
			continue
		}
		name := strings.ToLower(strings.TrimPrefix(x.doc.Mentions[o].Text, "the "))
		for _, c := range chambers {
			if name == c || strings.HasPrefix(name, "u.s. ") && strings.TrimPrefix(name, "u.s. ") == c {
				x.pairs(document.PredEmployeeOf, m.Sentence, 0.55, person, obj(x.mentionArgs(o, "object")))
			}
		}
	}
}

// nationality emits nationality(person, NORP) when token n is a NORP mention
// and lives_in(person, country) when it is a place.
func (x *extractor) nationality(s, n int, p document.Argument, conf float64) {
	if nm := x.typed(s, n, document.NORP); nm >= 0 {
		for _, na := range x.mentionArgs(nm, "object") {
			x.emit(document.PredNationality, s, conf, p, na)
		}
		return
	}
	if pm := x.typed(s, n, document.GPE); pm >= 0 {
		for _, pa := range x.mentionArgs(pm, "object") {
			x.emit(document.PredLivesIn, s, conf*0.7, p, pa)
		}
	}
}

// isNation reports whether token i names a country or nationality.
func (x *extractor) isNation(s, i int) bool {
	w := word(x.tok(s, i))
	if _, ok := coref.CountryOfDemonym(w); ok {
		return true
	}
	if x.typed(s, i, document.NORP, document.GPE) >= 0 {
		return true
	}
	_, ok := coref.CanonicalPlace(w)
	return ok
}

func (x *extractor) spanOf(s, a, b int) document.Span {
	toks := x.doc.Sentences[s].Tokens
	if a >= b {
		return document.Span{}
	}
	return document.Span{Start: toks[a].Start, End: toks[b-1].End}
}

// nameModifiers handles dependents of a person's name: "Wang Ziqiang at the
// Institute of Mechanics" (works_for), "Harry Reasoner of Iowa", "Doug
// Beldon in Albuquerque", "Rochester's Peter McWalters" (lives_in).
func (x *extractor) nameModifiers(mi int) {
	m := &x.doc.Mentions[mi]
	s := m.Sentence
	h := x.mentionHead(mi)
	person := x.mentionArgs(mi, "subject")
	titleStart := m.Start
	if a, ok := x.titleTokens(mi); ok {
		titleStart = a
	}
	for _, c := range x.kids[s][h] {
		if c >= titleStart && c < m.End {
			continue // the name itself and its title ("US President")
		}
		t := x.tok(s, c)
		rel := t.DepRel
		cs := x.caseOf(s, c)
		switch {
		case baseRel(rel) == "nmod" && rel != "nmod:poss" || rel == "nmod:poss" || rel == "compound" && c < m.Start:
			if rel == "nmod:poss" || rel == "compound" {
				cs = "'s"
			}
			switch cs {
			case "at", "of", "from", "with", "for", "'s", "in":
				x.pairs(document.PredEmployeeOf, s, 0.55, person, obj(x.args(s, c, "object", document.Org)))
			}
			// "met Emmanuel Macron in Paris": a place after the object
			// of a verb is usually where the action happened, which the
			// parser often hangs on the name.
			if cs == "in" && isVerbObject(x.tok(s, h)) && x.tok(s, h).Head >= 0 && encounterVerbs[lemma(x.tok(s, x.tok(s, h).Head))] {
				break
			}
			switch cs {
			case "of", "from", "in", "'s":
				x.pairs(document.PredLivesIn, s, 0.5, person, obj(x.args(s, c, "object", document.GPE)))
			}
		}
	}
}

// encounterVerbs take a person as object in a place where the encounter
// happens ("met Macron in Paris", "shot Kennedy in Dallas"); the place says
// nothing about where the person lives.
var encounterVerbs = map[string]bool{
	"meet": true, "visit": true, "greet": true, "host": true, "receive": true, "welcome": true,
	"see": true, "interview": true, "join": true, "accompany": true, "call": true, "phone": true,
	"invite": true, "brief": true, "thank": true, "congratulate": true, "attack": true, "kill": true,
	"shoot": true, "arrest": true, "capture": true, "detain": true, "defeat": true, "beat": true,
}

// isVerbObject reports whether t is the object or oblique of its head.
func isVerbObject(t *document.Token) bool {
	switch baseRel(t.DepRel) {
	case "obj", "iobj", "obl":
		return true
	}
	return false
}

// appositions reads role descriptions in apposition to a person's name:
// "Kevin O'Brien, a spokesman for the theater", "Zelensky, Ukraine's
// president", "Bob Smith, a Chicago lawyer".
func (x *extractor) appositions(mi int) {
	m := &x.doc.Mentions[mi]
	s := m.Sentence
	h := x.mentionHead(mi)
	person := x.mentionArgs(mi, "subject")
	for _, c := range x.kids[s][h] {
		t := x.tok(s, c)
		if t.DepRel != "appos" || c < m.End || (t.UPOS != "NOUN" && t.UPOS != "PROPN") {
			continue
		}
		// Another person's name in apposition is not a role; a description
		// already linked to this person ("a spokesman") is.
		if pm := x.typed(s, c, document.Person); pm >= 0 && x.doc.Mentions[pm].Kind == document.Name {
			continue
		}
		x.roleNoun(s, c, person, true)
	}
}

// copulaFacts handles "X is the president of Y" and "X, who is a native
// of Y": a role noun with a copula and a person subject.
func (x *extractor) copulaFacts(s, n int) {
	hasCop := false
	var subjTok = -1
	for _, c := range x.kids[s][n] {
		switch x.tok(s, c).DepRel {
		case "cop":
			hasCop = true
		case "nsubj":
			subjTok = c
		}
	}
	if !hasCop || subjTok < 0 {
		return
	}
	person := subj(x.args(s, subjTok, "subject", document.Person))
	if len(person) == 0 {
		return
	}
	// "Madonna is from Bay City": the predicate is the place itself.
	if pm := x.typed(s, n, document.GPE); pm >= 0 {
		if cs := x.caseOf(s, n); cs == "from" || cs == "in" {
			x.pairs(document.PredLivesIn, s, 0.6, person, obj(x.args(s, n, "object", document.GPE)))
		}
		return
	}
	if x.mention(s, n) >= 0 && x.typed(s, n, document.Org) < 0 {
		return
	}
	x.roleNoun(s, n, person, false)
}

// roleNoun reads the dependents of a noun describing persons ("president
// of Russia", "a spokesman for the FBI", "Ukraine's president", "a Chicago
// native") and emits title, leader_of, works_for and lives_in facts.
func (x *extractor) roleNoun(s, n int, person []document.Argument, appos bool) {
	nt := x.tok(s, n)
	roleWords := []string{word(nt)}
	var mods []int
	for _, c := range x.kids[s][n] {
		t := x.tok(s, c)
		if c < n && (t.DepRel == "compound" || t.DepRel == "amod") && coref.IsTitleWord(word(t)) && !x.isNation(s, c) {
			roleWords = []string{word(t), word(nt)}
		}
		mods = append(mods, c)
	}
	if n > 0 && strings.EqualFold(word(x.tok(s, n-1)), "prime") {
		roleWords = []string{word(x.tok(s, n-1)), word(nt)}
	}
	isTitle := coref.IsCoreTitle(word(nt))
	leader := isLeaderRole(roleWords)
	resident := residenceNouns[lemma(nt)] || residenceNouns[lower(nt)]
	if isTitle && appos {
		lit := document.Argument{Span: nt.Span, Role: "object", Text: strings.Join(roleWords, " "), Entity: -1}
		for _, p := range person {
			x.emit(document.PredTitle, s, 0.7, p, lit)
		}
	}
	// The role noun may itself be an organisation mention ("the
	// chairman of the House" parses oddly; skip those).
	for _, c := range mods {
		t := x.tok(s, c)
		rel := t.DepRel
		cs := x.caseOf(s, c)
		pre := c < n && (rel == "compound" || rel == "amod" || rel == "nmod:poss" || baseRel(rel) == "nmod")
		post := c > n && baseRel(rel) == "nmod" && (cs == "of" || cs == "for" || cs == "at" || cs == "with" || cs == "in" || cs == "from" || cs == "to")
		if !pre && !post {
			continue
		}
		if orgs := obj(x.args(s, c, "object", document.Org)); len(orgs) > 0 && !resident {
			if leader {
				x.pairs(document.PredLeaderOf, s, 0.6, person, orgs)
			}
			x.pairs(document.PredEmployeeOf, s, 0.7, person, orgs)
			continue
		}
		if !x.isNation(s, c) && x.typed(s, c, document.GPE) < 0 {
			continue
		}
		switch {
		case leader && cs != "to" && cs != "in":
			for _, p := range person {
				if na, ok := x.nationArg(s, c, "object"); ok {
					x.emit(document.PredLeaderOf, s, 0.75, p, na)
				}
			}
		case resident || cs == "of" && !isTitle || pre && !isTitle:
			for _, p := range person {
				if x.typed(s, c, document.NORP) >= 0 {
					x.nationality(s, c, p, 0.65)
					continue
				}
				if na, ok := x.nationArg(s, c, "object"); ok {
					x.emit(document.PredLivesIn, s, 0.6, p, na)
				}
			}
		case pre && isTitle:
			for _, p := range person {
				x.nationality(s, c, p, 0.55)
			}
		}
	}
}

// ---- verbs ----

// subjects returns the subject tokens of verb v, inheriting the subject of
// the first conjunct ("shot and mortally wounded").
func (x *extractor) subjects(s, v int) (active []int, passive []int) {
	for steps := 0; steps < 3 && v >= 0; steps++ {
		for _, c := range x.kids[s][v] {
			switch x.tok(s, c).DepRel {
			case "nsubj":
				active = append(active, c)
			case "nsubj:pass":
				passive = append(passive, c)
			}
		}
		if len(active)+len(passive) > 0 {
			break
		}
		// Conjoined verbs share the subject; a non-finite verb in an
		// adverbial or complement clause takes its controller's ("was
		// convicted of murdering X", "can't remember shooting X").
		rel := baseRel(x.tok(s, v).DepRel)
		xp := x.tok(s, v).XPOS
		if rel != "conj" && !((rel == "advcl" || rel == "xcomp" || rel == "acl") && (xp == "VBG" || xp == "VB" || xp == "VBN")) {
			break
		}
		v = x.tok(s, v).Head
	}
	return active, passive
}

// agent returns the "by" phrase of a passive verb.
func (x *extractor) agent(s, v int) int {
	for _, c := range x.kids[s][v] {
		t := x.tok(s, c)
		if t.DepRel == "obl:agent" || baseRel(t.DepRel) == "obl" && x.caseOf(s, c) == "by" {
			return c
		}
	}
	return -1
}

func (x *extractor) objects(s, v int) []int {
	var out []int
	for _, c := range x.kids[s][v] {
		if t := x.tok(s, c); t.DepRel == "obj" || t.DepRel == "iobj" {
			out = append(out, c)
		}
	}
	return out
}

func (x *extractor) obliques(s, v int, cases ...string) []int {
	var out []int
	for _, c := range x.kids[s][v] {
		t := x.tok(s, c)
		if baseRel(t.DepRel) != "obl" && t.DepRel != "advmod" {
			continue
		}
		cs := x.caseOf(s, c)
		for _, want := range cases {
			if cs == want {
				out = append(out, c)
				break
			}
		}
	}
	return out
}

func (x *extractor) argsOf(s int, toks []int, role string, types ...document.EntityType) []document.Argument {
	var out []document.Argument
	for _, k := range toks {
		out = append(out, x.args(s, k, role, types...)...)
	}
	return out
}

func (x *extractor) verbFacts(s, v int) {
	t := x.tok(s, v)
	lem := lemma(t)
	act, pass := x.subjects(s, v)
	objs := x.objects(s, v)
	P, O, G := document.Person, document.Org, document.GPE

	if conf, ok := killVerbs[lem]; ok {
		x.pairs(document.PredKill, s, conf, subj(x.argsOf(s, act, "subject", P)), obj(x.argsOf(s, objs, "object", P)))
		if ag := x.agent(s, v); ag >= 0 {
			x.pairs(document.PredKill, s, conf, subj(x.args(s, ag, "subject", P)), obj(x.argsOf(s, pass, "object", P)))
		}
	}
	if workVerbs[lem] {
		persons := subj(x.argsOf(s, act, "subject", P))
		if lem == "work" || lem == "serve" || lem == "teach" || lem == "write" || lem == "report" {
			x.pairs(document.PredEmployeeOf, s, 0.65, persons, obj(x.argsOf(s, x.obliques(s, v, "for", "at", "with", "in", "on", "as"), "object", O)))
		} else {
			x.pairs(document.PredEmployeeOf, s, 0.6, persons, obj(x.argsOf(s, objs, "object", O)))
		}
		if ruleVerbs[lem] {
			x.pairs(document.PredLeaderOf, s, 0.55, persons, obj(x.argsOf(s, objs, "object", G)))
		}
	}
	if hireVerbs[lem] {
		x.pairs(document.PredEmployeeOf, s, 0.55, subj(x.argsOf(s, objs, "subject", P)), obj(x.argsOf(s, act, "object", O)))
		if ag := x.agent(s, v); ag >= 0 {
			x.pairs(document.PredEmployeeOf, s, 0.55, subj(x.argsOf(s, pass, "subject", P)), obj(x.args(s, ag, "object", O)))
		}
	}
	if conf, ok := liveVerbs[lem]; ok {
		who := act
		if lem == "bear" || lem == "raise" {
			who = pass
			if len(who) == 0 && t.XPOS == "VBN" {
				who = act
			}
		}
		places := x.obliques(s, v, "in", "at", "near", "to", "on", "outside")
		x.pairs(document.PredLivesIn, s, conf, subj(x.argsOf(s, who, "subject", P)), obj(x.argsOf(s, places, "object", G)))
	}
	if lem == "meet" {
		persons := subj(x.argsOf(s, act, "subject", P, O))
		others := x.argsOf(s, objs, "object", P, O)
		others = append(others, x.argsOf(s, x.obliques(s, v, "with"), "object", P, O)...)
		x.pairs(document.PredMeet, s, 0.7, persons, obj(others))
		// "Trump and Putin met": every pair of conjoined subjects.
		for i := range persons {
			for j := i + 1; j < len(persons); j++ {
				b := persons[j]
				b.Role = "object"
				x.emit(document.PredMeet, s, 0.65, persons[i], b)
			}
		}
	}
	if lem == "base" || lem == "headquarter" || lem == "locate" || lem == "situate" {
		var holders []document.Argument
		if t.DepRel == "acl" || t.DepRel == "amod" {
			holders = x.args(s, t.Head, "subject", O, G)
		}
		holders = append(holders, x.argsOf(s, pass, "subject", O, G)...)
		places := obj(x.argsOf(s, x.obliques(s, v, "in", "at", "near", "outside"), "object", G))
		for _, h := range holders {
			h.Role = "subject"
			pred := document.PredBasedIn
			if x.doc.Entities[h.Entity].Type.IsPlace() {
				pred = document.PredLocatedIn
			}
			for _, p := range places {
				x.emit(pred, s, 0.75, h, p)
			}
		}
	}
}

// killNoun handles "the assassination of Kennedy by Oswald", "Oswald's
// murder of X" and "Oswald was arrested in the shooting of Kennedy".
func (x *extractor) killNoun(s, n int) {
	nt := x.tok(s, n)
	if !killNouns[lemma(nt)] && !killNouns[lower(nt)] && lemma(nt) != "assassin" && lemma(nt) != "killer" {
		return
	}
	var victims, killers, poss []int
	for _, c := range x.kids[s][n] {
		t := x.tok(s, c)
		switch {
		case baseRel(t.DepRel) == "nmod" && t.DepRel != "nmod:poss" && x.caseOf(s, c) == "of":
			victims = append(victims, c)
		case baseRel(t.DepRel) == "nmod" && x.caseOf(s, c) == "by":
			killers = append(killers, c)
		case t.DepRel == "nmod:poss":
			poss = append(poss, c)
		}
	}
	// "Lincoln's assassin", "Kennedy's murder": the possessor is the
	// victim, except beside an of-phrase ("Oswald's murder of Tippit").
	if lemma(nt) == "assassin" || lemma(nt) == "killer" || len(victims) == 0 {
		victims = append(victims, poss...)
	} else {
		killers = append(killers, poss...)
	}
	if lemma(nt) == "assassin" || lemma(nt) == "killer" {
		// "Booth, the assassin of Lincoln" / "Lincoln's assassin, Booth"
		if nt.DepRel == "appos" {
			killers = append(killers, nt.Head)
		}
		for _, c := range x.kids[s][n] {
			if x.tok(s, c).DepRel == "appos" {
				killers = append(killers, c)
			}
		}
		for _, c := range x.kids[s][n] {
			if x.tok(s, c).DepRel == "nsubj" {
				killers = append(killers, c)
			}
		}
	}
	if len(killers) == 0 && nt.Head >= 0 {
		v := nt.Head
		if accuseVerbs[lemma(x.tok(s, v))] && (baseRel(nt.DepRel) == "obl" || nt.DepRel == "obj") {
			act, pass := x.subjects(s, v)
			if passiveAccuse[lemma(x.tok(s, v))] {
				killers = append(killers, pass...)
				if len(pass) == 0 {
					killers = append(killers, x.objects(s, v)...)
				}
			} else {
				killers = append(killers, act...)
			}
		}
	}
	x.pairs(document.PredKill, s, 0.6, subj(x.argsOf(s, killers, "subject", document.Person)), obj(x.argsOf(s, victims, "object", document.Person)))
}

// ---- places and organisations ----

// placeFacts: "Yatsushiro in Kumamoto Prefecture" → located_in.
func (x *extractor) placeFacts(mi int) {
	m := &x.doc.Mentions[mi]
	s := m.Sentence
	h := x.mentionHead(mi)
	a := x.mentionArgs(mi, "subject")
	for _, c := range x.kids[s][h] {
		if c < m.End || baseRel(x.tok(s, c).DepRel) != "nmod" || x.caseOf(s, c) != "in" {
			continue
		}
		x.pairs(document.PredLocatedIn, s, 0.7, a, obj(x.args(s, c, "object", document.GPE)))
	}
}

// orgFacts: "Brown University in Providence", "S.A. Healy Co. of McCook",
// "Sun Hung Kai Properties, a Hong Kong construction firm", "Moscow
// INTERFAX", "Japan's Sony" → based_in.
func (x *extractor) orgFacts(mi int) {
	m := &x.doc.Mentions[mi]
	s := m.Sentence
	h := x.mentionHead(mi)
	org := x.mentionArgs(mi, "subject")
	for _, c := range x.kids[s][h] {
		if c >= m.Start && c < m.End {
			continue
		}
		t := x.tok(s, c)
		switch {
		case baseRel(t.DepRel) == "nmod" && t.DepRel != "nmod:poss" && c > h:
			switch x.caseOf(s, c) {
			case "in", "of", "at", "from", "near":
				x.pairs(document.PredBasedIn, s, 0.6, org, obj(x.args(s, c, "object", document.GPE)))
			}
		case t.DepRel == "nmod:poss" || t.DepRel == "compound" && c < m.Start:
			x.pairs(document.PredBasedIn, s, 0.55, org, obj(x.args(s, c, "object", document.GPE)))
		case t.DepRel == "appos" && x.mention(s, c) < 0:
			for _, cc := range x.kids[s][c] {
				ct := x.tok(s, cc)
				if cc < c && (ct.DepRel == "compound" || ct.DepRel == "amod" || ct.DepRel == "nmod:poss") ||
					cc > c && baseRel(ct.DepRel) == "nmod" && (x.caseOf(s, cc) == "in" || x.caseOf(s, cc) == "based") {
					x.pairs(document.PredBasedIn, s, 0.55, org, obj(x.args(s, cc, "object", document.GPE)))
				}
			}
		}
	}
	// A place written right before the organisation's name with nothing
	// between, as in wire-service source lines ("Moscow INTERFAX").
	if m.Start > 0 {
		j := m.Start - 1
		if lower(x.tok(s, j)) == "'s" && j > 0 {
			j--
		}
		if pm := x.typed(s, j, document.GPE); pm >= 0 && x.doc.Mentions[pm].End == j+1 {
			// Possessive ("Japan's Sony"), a dependent of the name, or the
			// start of a source line.
			if j < m.Start-1 || x.dependsOn(s, j, h) || x.doc.Mentions[pm].Start == 0 {
				x.pairs(document.PredBasedIn, s, 0.5, org, x.mentionArgs(pm, "object"))
			}
		}
	}
}

// dependsOn reports whether token a is (transitively, within two steps) a
// dependent of token h.
func (x *extractor) dependsOn(s, a, h int) bool {
	for steps := 0; steps < 3 && a >= 0; steps++ {
		a = x.tok(s, a).Head
		if a == h {
			return true
		}
	}
	return false
}

// commaPlaces: "Anchorage, Alaska" → located_in(Anchorage, Alaska), but not
// lists ("Paris, London and Berlin", "Mexico , Guadalajara , Monterrey ,
// Tijuana"). A run of three or more places joined by commas, or one
// continued by "and"/"or", is a list, except where the second place is a
// state abbreviation ("Benton , Tenn. and ..."); two countries never
// contain each other.
func (x *extractor) commaPlaces(s int, ms []int) {
	toks := x.doc.Sentences[s].Tokens
	var names []int
	for _, mi := range ms {
		m := &x.doc.Mentions[mi]
		if m.Kind == document.Name && m.Entity >= 0 && x.entityType(mi).IsPlace() {
			names = append(names, mi)
		}
	}
	for i := 0; i < len(names); {
		run := []int{names[i]}
		j := i + 1
		for j < len(names) {
			prev := &x.doc.Mentions[run[len(run)-1]]
			next := &x.doc.Mentions[names[j]]
			if next.Start != prev.End+1 || word(&toks[prev.End]) != "," {
				break
			}
			run = append(run, names[j])
			j++
		}
		i = j
		if len(run) < 2 {
			continue
		}
		last := &x.doc.Mentions[run[len(run)-1]]
		list := len(run) >= 3
		if last.End < len(toks) {
			w := lower(&toks[last.End])
			if w == "and" || w == "or" || w == "," && last.End+1 < len(toks) && (lower(&toks[last.End+1]) == "and" || lower(&toks[last.End+1]) == "or") {
				list = true
			}
		}
		for k := 0; k+1 < len(run); k++ {
			a, b := &x.doc.Mentions[run[k]], &x.doc.Mentions[run[k+1]]
			_, aCountry := coref.CanonicalPlace(a.Text)
			_, bCountry := coref.CanonicalPlace(b.Text)
			state := coref.IsStateAbbrev(word(&toks[b.End-1]))
			switch {
			case aCountry && bCountry && !state:
				continue
			case list && !state && !(bCountry && !aCountry):
				// A list, unless a city is followed by its state or
				// country ("Pasadena , Calif. , and Gary , Ind.").
				continue
			}
			x.pairs(document.PredLocatedIn, s, 0.8, x.mentionArgs(run[k], "subject"), x.mentionArgs(run[k+1], "object"))
		}
	}
}

// basedCompounds: "the Tokyo-based company Sony" → based_in(Sony, Tokyo).
func (x *extractor) basedCompounds(s int) {
	toks := x.doc.Sentences[s].Tokens
	for i := range toks {
		w := lower(&toks[i])
		var placeEnd int
		switch {
		case strings.HasSuffix(w, "-based") && len(w) > 6:
			placeEnd = i
		case w == "based" && i >= 2 && lower(&toks[i-1]) == "-":
			placeEnd = i - 2
		default:
			continue
		}
		pm := x.typed(s, placeEnd, document.GPE)
		var place []document.Argument
		if pm >= 0 {
			place = x.mentionArgs(pm, "object")
		} else if i == placeEnd {
			name := strings.TrimSuffix(word(&toks[i]), "-based")
			if c, ok := coref.CanonicalPlace(name); ok {
				place = []document.Argument{{Span: toks[i].Span, Role: "object", Text: name, Entity: x.countryEntity(c)}}
			}
		}
		if len(place) == 0 {
			continue
		}
		for j := i + 1; j < len(toks) && j <= i+5; j++ {
			if om := x.typed(s, j, document.Org); om >= 0 {
				x.pairs(document.PredBasedIn, s, 0.75, x.mentionArgs(om, "subject"), place)
				break
			}
		}
	}
}

// ---- events ----

// eventFacts: location, date, duration and participants of an event
// description ("a highly anticipated summit in Anchorage", "the three-hour
// meeting", "the first summit between US and Russian leaders").
func (x *extractor) eventFacts(mi int) {
	m := &x.doc.Mentions[mi]
	s := m.Sentence
	h := x.mentionHead(mi)
	ev := x.mentionArgs(mi, "subject")
	for _, c := range x.kids[s][h] {
		t := x.tok(s, c)
		rel := baseRel(t.DepRel)
		cs := x.caseOf(s, c)
		switch {
		case rel == "nmod" && (cs == "in" || cs == "at") || c < h && (rel == "compound" || rel == "amod") && x.mention(s, c) >= 0:
			x.pairs(document.PredLocation, s, 0.7, ev, obj(x.args(s, c, "object", document.GPE)))
		}
		if rel == "nmod" && (cs == "between" || cs == "with" || cs == "among" || cs == "of") {
			// Places are never participants ("between US and Russian
			// leaders" names the leaders' countries, not attendees).
			x.pairs(document.PredParticipant, s, 0.6, ev, obj(x.args(s, c, "object", document.Person, document.Org)))
		}
		if c < h && (rel == "amod" || rel == "compound" || rel == "nummod" || rel == "nmod") {
			lo := x.leftmost(s, c)
			text := x.textOf(s, lo, c+1)
			if v, dt, ok := dates.Normalize(text, time.Time{}); ok && dt == dates.XSDDuration {
				x.literal(document.PredDuration, s, 0.8, ev, x.spanOf(s, lo, c+1), text, v, dt)
			}
		}
		if dm := x.typed(s, c, document.Date); dm >= 0 && (rel == "nmod" || rel == "compound" || rel == "obl") {
			x.dateFact(s, ev, dm, 0.7)
		}
	}
	// The verb governing the event: participants, place and time.
	ht := x.tok(s, h)
	v := ht.Head
	if v < 0 {
		return
	}
	vl := lemma(x.tok(s, v))
	rel := baseRel(ht.DepRel)
	switch {
	case (rel == "obj" || rel == "obl") && participateVerbs[vl]:
		act, _ := x.subjects(s, v)
		// A dateline ("Alaska: ...") parsed as the subject is no participant.
		kept := act[:0]
		for _, a := range act {
			if !(a <= 1 && a+1 < len(x.doc.Sentences[s].Tokens) && (word(x.tok(s, a+1)) == ":" || word(x.tok(s, a+1)) == "—")) {
				kept = append(kept, a)
			}
		}
		act = kept
		x.pairs(document.PredParticipant, s, 0.6, ev, obj(x.argsOf(s, act, "object", document.Person, document.Org)))
		if vl == "meet" || vl == "hold" || vl == "have" {
			x.pairs(document.PredParticipant, s, 0.55, ev, obj(x.argsOf(s, x.obliques(s, v, "with"), "object", document.Person, document.Org)))
			x.pairs(document.PredParticipant, s, 0.55, ev, obj(x.argsOf(s, x.objects(s, v), "object", document.Person, document.Org)))
		}
	case rel == "nsubj" && eventSubjectVerbs[vl]:
	default:
		return
	}
	if rel == "nsubj" && vl == "last" {
		for _, c := range append(x.objects(s, v), x.obliques(s, v, "", "for")...) {
			lo := x.leftmost(s, c)
			text := x.textOf(s, lo, c+1)
			if val, dt, ok := dates.Normalize(text, time.Time{}); ok && dt == dates.XSDDuration {
				x.literal(document.PredDuration, s, 0.7, ev, x.spanOf(s, lo, c+1), text, val, dt)
			}
		}
	}
	for _, c := range x.obliques(s, v, "in", "at") {
		if c == h {
			continue
		}
		x.pairs(document.PredLocation, s, 0.55, ev, obj(x.args(s, c, "object", document.GPE)))
	}
	for _, c := range x.kids[s][v] {
		if baseRel(x.tok(s, c).DepRel) == "obl" {
			if dm := x.typed(s, c, document.Date); dm >= 0 {
				x.dateFact(s, ev, dm, 0.55)
			}
		}
	}
}

func (x *extractor) dateFact(s int, ev []document.Argument, dm int, conf float64) {
	m := &x.doc.Mentions[dm]
	val, dt := "", ""
	if m.Entity >= 0 {
		val = x.doc.Entities[m.Entity].Value
	}
	if v, d, ok := dates.Normalize(m.Text, x.refTime()); ok {
		val, dt = v, d
	}
	if dt == dates.XSDDuration || val == "" {
		return
	}
	x.literal(document.PredDate, s, conf, ev, m.Span, m.Text, val, dt)
}

func (x *extractor) refTime() time.Time {
	if t, err := time.Parse("2006-01-02", x.doc.Date); err == nil {
		return t
	}
	return time.Time{}
}

func (x *extractor) literal(pred string, s int, conf float64, subs []document.Argument, span document.Span, text, value, dtype string) {
	for _, a := range subs {
		x.emit(pred, s, conf, a, document.Argument{Span: span, Role: "object", Text: text, Entity: -1, Value: value, Datatype: dtype})
	}
}

// leftmost returns the first token of k's subtree.
func (x *extractor) leftmost(s, k int) int {
	lo := k
	for _, c := range x.kids[s][k] {
		if c < lo {
			if l := x.leftmost(s, c); l < lo {
				lo = l
			}
		}
	}
	return lo
}

func (x *extractor) textOf(s, a, b int) string {
	toks := x.doc.Sentences[s].Tokens
	if x.doc.Text != "" && toks[b-1].End <= len(x.doc.Text) {
		return x.doc.Text[toks[a].Start:toks[b-1].End]
	}
	var parts []string
	for i := a; i < b; i++ {
		parts = append(parts, toks[i].Text)
	}
	return strings.Join(parts, " ")
}

// ---- closure ----

// closeLocatedIn adds the facts implied within one sentence by a chain of
// places: "Yatsushiro in Kumamoto Prefecture in southern Japan" also puts
// Yatsushiro in Japan; "Brown University in Providence, R.I." is based in
// R.I. too; "Doug Beldon in Albuquerque, N.M." lives in N.M.
func (x *extractor) closeLocatedIn() {
	for changed, rounds := true, 0; changed && rounds < 4; rounds++ {
		changed = false
		n := len(x.doc.Facts)
		for i := 0; i < n; i++ {
			f := x.doc.Facts[i]
			if f.Predicate == document.PredEmployeeOf && len(f.Args) >= 2 {
				// "X of Brown University in Providence": people work
				// where their employer is, as a weaker default.
				for j := 0; j < n; j++ {
					g := x.doc.Facts[j]
					if g.Predicate == document.PredBasedIn && g.Sentence == f.Sentence && len(g.Args) >= 2 && g.Args[0].Entity == f.Args[1].Entity {
						before := len(x.doc.Facts)
						x.emit(document.PredLivesIn, f.Sentence, 0.6*f.Confidence*g.Confidence, f.Args[0], g.Args[1])
						changed = changed || len(x.doc.Facts) > before
					}
				}
				continue
			}
			if f.Predicate != document.PredLocatedIn && f.Predicate != document.PredBasedIn && f.Predicate != document.PredLivesIn {
				continue
			}
			for j := 0; j < n; j++ {
				g := x.doc.Facts[j]
				if i == j || g.Predicate != document.PredLocatedIn || g.Sentence != f.Sentence || len(f.Args) < 2 || len(g.Args) < 2 {
					continue
				}
				if g.Args[0].Entity != f.Args[1].Entity || g.Args[1].Entity == f.Args[0].Entity {
					continue
				}
				before := len(x.doc.Facts)
				x.emit(f.Predicate, f.Sentence, f.Confidence*g.Confidence, f.Args[0], g.Args[1])
				if len(x.doc.Facts) > before {
					changed = true
				}
			}
		}
	}
}

// describedPerson: a description resolved to a person that names a place
// ("the Arizona senator", "the Texas governor") says where the person
// lives or what the person leads.
func (x *extractor) describedPerson(mi int) {
	m := &x.doc.Mentions[mi]
	s := m.Sentence
	h := x.mentionHead(mi)
	leader := isLeaderRole([]string{word(x.tok(s, h))})
	person := x.mentionArgs(mi, "subject")
	for i := m.Start; i < h; i++ {
		pm := x.typed(s, i, document.GPE)
		if pm < 0 || x.doc.Mentions[pm].Kind != document.Name {
			continue
		}
		if leader {
			x.pairs(document.PredLeaderOf, s, 0.6, person, x.mentionArgs(pm, "object"))
		} else {
			x.pairs(document.PredLivesIn, s, 0.5, person, x.mentionArgs(pm, "object"))
		}
		i = x.doc.Mentions[pm].End - 1
	}
}

// documentDates gives each described, past-tense event without a date of
// its own the document date (see the package comment). Wars and other
// lasting conflicts are left out.
func (x *extractor) documentDates() {
	if _, err := time.Parse("2006-01-02", x.doc.Date); err != nil {
		return
	}
	dated := map[int]bool{}
	for _, f := range x.doc.Facts {
		if f.Predicate == document.PredDate && len(f.Args) > 0 {
			dated[f.Args[0].Entity] = true
		}
	}
	// Named events have dates of their own that the text may not give,
	// and wars last for years: neither takes the day of the report.
	named := map[int]bool{}
	for mi, m := range x.doc.Mentions {
		if m.Entity < 0 {
			continue
		}
		if m.Kind == document.Name {
			named[m.Entity] = true
		}
		if c, ok := coref.EventClass(lemma(x.tok(m.Sentence, x.mentionHead(mi)))); ok && c == "war" {
			named[m.Entity] = true
		}
	}
	for mi := range x.doc.Mentions {
		m := &x.doc.Mentions[mi]
		e := m.Entity
		if e < 0 || e >= len(x.doc.Entities) || x.doc.Entities[e].Type != document.Event || named[e] || dated[e] {
			continue
		}
		if m.Kind != document.Nominal || !x.pastArgument(mi) {
			continue
		}
		date := document.Argument{Role: "object", Text: x.doc.Date, Entity: -1, Value: x.doc.Date, Datatype: dates.XSDDate}
		x.emit(document.PredDate, m.Sentence, 0.4, x.mentionArgs(mi, "subject")[0], date)
		dated[e] = true
	}
}

// pastArgument reports whether mention mi is the subject, object or
// oblique of a verb in the past tense ("concluded a summit", "the meeting
// ended", "was held"), not of a future or conditional one ("will hold").
func (x *extractor) pastArgument(mi int) bool {
	m := &x.doc.Mentions[mi]
	s := m.Sentence
	h := x.mentionHead(mi)
	switch baseRel(x.tok(s, h).DepRel) {
	case "nsubj", "obj", "obl":
	default:
		return false
	}
	v := x.tok(s, h).Head
	if v < 0 || x.tok(s, v).UPOS != "VERB" && x.tok(s, v).UPOS != "AUX" {
		return false
	}
	past := x.tok(s, v).XPOS == "VBD"
	for _, c := range x.kids[s][v] {
		t := x.tok(s, c)
		if baseRel(t.DepRel) != "aux" {
			continue
		}
		switch {
		case t.XPOS == "MD":
			return false
		case t.XPOS == "VBD" || t.XPOS == "VBZ" && lemma(t) == "have" || t.XPOS == "VBP" && lemma(t) == "have":
			past = true
		}
	}
	return past
}
