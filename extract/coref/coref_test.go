package coref

import (
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/kg-project/kg/extract/coref/treetest"
	"github.com/kg-project/kg/extract/document"
)

const summitDoc = `
French French ADJ JJ 2 amod B-NORP
President president PROPN NNP 3 compound O
Emmanuel Emmanuel PROPN NNP 5 nsubj B-PERSON
Macron Macron PROPN NNP 3 flat I-PERSON
met meet VERB VBD 0 root O
German German ADJ JJ 7 amod B-NORP
Chancellor chancellor PROPN NNP 8 compound O
Olaf Olaf PROPN NNP 5 obj B-PERSON
Scholz Scholz PROPN NNP 8 flat I-PERSON
at at ADP IN 12 case O
a a DET DT 12 det O
summit summit NOUN NN 5 obl O
in in ADP IN 14 case O
Lyon Lyon PROPN NNP 12 nmod B-GPE
, , PUNCT , 16 punct O
France France PROPN NNP 14 appos B-GPE
. . PUNCT . 5 punct O

The the DET DT 3 det O
Lyon Lyon PROPN NNP 3 compound B-GPE
talks talk NOUN NNS 4 nsubj O
lasted last VERB VBD 0 root O
three three NUM CD 6 nummod O
hours hour NOUN NNS 4 obj O
. . PUNCT . 4 punct O

Macron Macron PROPN NNP 2 nsubj B-PERSON
said say VERB VBD 0 root O
he he PRON PRP 5 nsubj O
was be AUX VBD 5 cop O
pleased pleased ADJ JJ 2 ccomp O
with with ADP IN 8 case O
the the DET DT 8 det O
meeting meeting NOUN NN 5 obl O
. . PUNCT . 2 punct O

The the DET DT 3 det O
German German ADJ JJ 3 amod B-NORP
leader leader NOUN NN 4 nsubj O
thanked thank VERB VBD 0 root O
his he PRON PRP$ 6 nmod:poss O
host host NOUN NN 4 obj O
. . PUNCT . 4 punct O

Both both DET DT 2 det O
leaders leader NOUN NNS 3 nsubj O
said say VERB VBD 0 root O
they they PRON PRP 6 nsubj O
would would AUX MD 6 aux O
meet meet VERB VB 3 ccomp O
again again ADV RB 6 advmod O
. . PUNCT . 3 punct O

President president PROPN NNP 2 compound B-PERSON
Emmanuel Emmanuel PROPN NNP 5 nsubj I-PERSON
J. J. PROPN NNP 2 flat I-PERSON
Macron Macron PROPN NNP 2 flat I-PERSON
thanked thank VERB VBD 0 root O
Scholz Scholz PROPN NNP 5 obj B-PERSON
. . PUNCT . 5 punct O
`

// entityOf returns the entity of the first mention with the given text in
// sentence s.
func entityOf(t *testing.T, doc *document.Document, s int, text string) *document.Entity {
	t.Helper()
	m := mentionOf(t, doc, s, text)
	if m.Entity < 0 {
		t.Fatalf("mention %q in sentence %d is unresolved", text, s)
	}
	return &doc.Entities[m.Entity]
}

func mentionOf(t *testing.T, doc *document.Document, s int, text string) *document.Mention {
	t.Helper()
	for i := range doc.Mentions {
		if doc.Mentions[i].Sentence == s && doc.Mentions[i].Text == text {
			return &doc.Mentions[i]
		}
	}
	var have []string
	for _, m := range doc.Mentions {
		if m.Sentence == s {
			have = append(have, m.Text)
		}
	}
	t.Fatalf("no mention %q in sentence %d; have %q", text, s, have)
	return nil
}

func groupNames(doc *document.Document, g []int) []string {
	var out []string
	for _, e := range g {
		out = append(out, doc.Entities[e].Name)
	}
	sort.Strings(out)
	return out
}

func TestResolveSummit(t *testing.T) {
	doc := treetest.MustParse(summitDoc)
	Resolve(doc)

	macron := entityOf(t, doc, 0, "Emmanuel Macron")
	if macron.Name != "Emmanuel Macron" || macron.Type != document.Person {
		t.Errorf("Macron entity = %q %s", macron.Name, macron.Type)
	}
	wantAliases := []string{"Emmanuel Macron", "Macron", "Emmanuel J. Macron"}
	if !reflect.DeepEqual(macron.Aliases, wantAliases) {
		t.Errorf("aliases = %q, want %q", macron.Aliases, wantAliases)
	}
	for _, c := range []struct {
		s    int
		text string
		want string
	}{
		{2, "Macron", "Emmanuel Macron"},
		{2, "he", "Emmanuel Macron"},
		{5, "Emmanuel J. Macron", "Emmanuel Macron"},
		{5, "Scholz", "Olaf Scholz"},
		{3, "The German leader", "Olaf Scholz"},
		{3, "his", "Olaf Scholz"},
		{0, "Lyon", "Lyon"},
		{1, "Lyon", "Lyon"},
		{0, "a summit", "Lyon summit"},
		{1, "The Lyon talks", "Lyon summit"},
		{2, "the meeting", "Lyon summit"},
	} {
		if e := entityOf(t, doc, c.s, c.text); e.Name != c.want {
			t.Errorf("sentence %d %q → %q, want %q", c.s, c.text, e.Name, c.want)
		}
	}
	if e := entityOf(t, doc, 0, "a summit"); e.Type != document.Event {
		t.Errorf("summit type = %s, want EVENT", e.Type)
	}
	// Titles stay out of names.
	for _, c := range []struct {
		s          int
		text, want string
	}{
		{0, "Emmanuel Macron", "French President"},
		{0, "Olaf Scholz", "German Chancellor"},
		{5, "Emmanuel J. Macron", "President"},
	} {
		if got := mentionOf(t, doc, c.s, c.text).Title; got != c.want {
			t.Errorf("title of %q = %q, want %q", c.text, got, c.want)
		}
	}
	// Plurals refer to both leaders.
	want := []string{"Emmanuel Macron", "Olaf Scholz"}
	for _, text := range []string{"Both leaders", "they"} {
		m := mentionOf(t, doc, 4, text)
		if got := groupNames(doc, m.Group); !reflect.DeepEqual(got, want) {
			t.Errorf("group of %q = %q, want %q", text, got, want)
		}
		if m.Entity != -1 {
			t.Errorf("plural %q has entity %d, want -1", text, m.Entity)
		}
	}
	// Every entity's mentions point back to it.
	for ei, e := range doc.Entities {
		for _, mi := range e.Mentions {
			if doc.Mentions[mi].Entity != ei {
				t.Errorf("entity %q lists mention %d which points to %d", e.Name, mi, doc.Mentions[mi].Entity)
			}
		}
	}
}

const headlineDoc = `
Donald Donald PROPN NNP 3 nsubj B-PERSON
Trump Trump PROPN NNP 1 flat I-PERSON
spoke speak VERB VBD 0 root O
. . PUNCT . 3 punct O

President President PROPN NNP 2 compound O
Trump Trump PROPN NNP 3 nsubj B-PERSON
Participates Participates PROPN NNP 0 root I-PERSON
in in ADP IN 7 case O
a a DET DT 7 det O
Press Press PROPN NNP 7 compound O
Conference Conference PROPN NNP 3 obl O

US-Russia US-Russia PROPN NNP 2 compound B-GPE
relations relation NOUN NNS 3 nsubj O
improved improve VERB VBD 0 root O
in in ADP IN 5 case O
Moscow Moscow PROPN NNP 3 obl B-GPE
on on ADP IN 7 case O
Friday Friday PROPN NNP 3 obl B-DATE
. . PUNCT . 3 punct O
`

func TestResolveHeadlineAndCompounds(t *testing.T) {
	doc := treetest.MustParse(headlineDoc)
	doc.Date = "2025-08-15"
	Resolve(doc)
	if e := entityOf(t, doc, 1, "Trump"); e.Name != "Donald Trump" {
		t.Errorf("headline Trump → %q", e.Name)
	}
	if got := mentionOf(t, doc, 1, "Trump").Title; got != "President" {
		t.Errorf("headline title = %q", got)
	}
	for _, e := range doc.Entities {
		if strings.Contains(e.Name, "Participates") || strings.Contains(e.Name, "US-Russia") {
			t.Errorf("non-entity %q became an entity", e.Name)
		}
	}
	if e := entityOf(t, doc, 2, "Friday"); e.Value != "2025-08-15" || e.Type != document.Date {
		t.Errorf("Friday → value %q type %s", e.Value, e.Type)
	}
}

const apposDoc = `
Zelensky Zelensky PROPN NNP 6 nsubj B-PERSON
, , PUNCT , 5 punct O
Ukraine Ukraine PROPN NNP 5 nmod:poss B-GPE
's 's PART POS 3 case O
president president NOUN NN 1 appos O
said say VERB VBD 0 root O
the the DET DT 9 det O
U.S. U.S. PROPN NNP 9 compound B-GPE
embassy embassy NOUN NN 10 nsubj O
supported support VERB VBD 6 ccomp O
him he PRON PRP 10 obj O
. . PUNCT . 6 punct O

The the DET DT 3 det O
United United PROPN NNP 3 compound B-GPE
States States PROPN NNP 4 nsubj I-GPE
agreed agree VERB VBD 0 root O
. . PUNCT . 4 punct O
`

func TestResolveAppositionAndCountries(t *testing.T) {
	doc := treetest.MustParse(apposDoc)
	Resolve(doc)
	if got := mentionOf(t, doc, 0, "Zelensky").Title; got != "Ukraine 's president" {
		t.Errorf("appositive title = %q", got)
	}
	if e := entityOf(t, doc, 0, "him"); e.Name != "Zelensky" {
		t.Errorf("him → %q", e.Name)
	}
	us := entityOf(t, doc, 0, "U.S.")
	if us.Name != "United States" {
		t.Errorf("U.S. canonical = %q", us.Name)
	}
	if e := entityOf(t, doc, 1, "United States"); e != us {
		t.Errorf("United States → %q, want the U.S. entity", e.Name)
	}
}

func TestPickName(t *testing.T) {
	cases := []struct {
		typ   document.EntityType
		order []string
		count map[string]int
		want  string
	}{
		{document.Person, []string{"Trump", "Donald Trump"}, map[string]int{"Trump": 5, "Donald Trump": 1}, "Donald Trump"},
		{document.Person, []string{"Putin", "Vladimir Putin", "Vladimir Vladimirovich Putin"}, map[string]int{"Putin": 3, "Vladimir Putin": 2, "Vladimir Vladimirovich Putin": 1}, "Vladimir Putin"},
		{document.Org, []string{"NATO", "North Atlantic Treaty Organization"}, map[string]int{"NATO": 3, "North Atlantic Treaty Organization": 1}, "North Atlantic Treaty Organization"},
	}
	for _, c := range cases {
		if got := pickName(c.typ, c.order, c.count); got != c.want {
			t.Errorf("pickName(%q) = %q, want %q", c.order, got, c.want)
		}
	}
}

func TestCountryTables(t *testing.T) {
	for in, want := range map[string]string{"Russian": "Russia", "US": "United States", "Ukrainian": "Ukraine", "American": "United States"} {
		if got, ok := CountryOfDemonym(in); !ok || got != want {
			t.Errorf("CountryOfDemonym(%q) = %q, %v", in, got, ok)
		}
	}
	for in, want := range map[string]string{"U.S.": "United States", "the Russian Federation": "Russia", "Britain": "United Kingdom"} {
		if got, ok := CanonicalPlace(in); !ok || got != want {
			t.Errorf("CanonicalPlace(%q) = %q, %v", in, got, ok)
		}
	}
	if _, ok := CanonicalPlace("Anchorage"); ok {
		t.Error("Anchorage should not be in the country table")
	}
}

func BenchmarkResolve(b *testing.B) {
	base := treetest.MustParse(summitDoc)
	for i := 0; i < b.N; i++ {
		doc := *base
		doc.Mentions = append([]document.Mention(nil), base.Mentions...)
		Resolve(&doc)
	}
}

// Two meetings: a definite description with a place modifier goes to the
// event at that place even when another meeting was mentioned since, and
// "US and Russian leaders" groups the two leaders by nationality.
const eventsDoc = `
US US PROPN NNP 2 compound B-GPE
President president PROPN NNP 3 compound O
Joe Joe PROPN NNP 9 nsubj B-PERSON
Biden Biden PROPN NNP 3 flat I-PERSON
and and CCONJ CC 8 cc O
Russian Russian ADJ JJ 7 amod B-NORP
President president PROPN NNP 8 compound O
Vladimir Vladimir PROPN NNP 3 conj B-PERSON
held hold VERB VBD 0 root O
a a DET DT 11 det O
summit summit NOUN NN 9 obj O
in in ADP IN 13 case O
Geneva Geneva PROPN NNP 11 nmod B-GPE
. . PUNCT . 9 punct O

Aides aide NOUN NNS 2 nsubj O
had have VERB VBD 0 root O
a a DET DT 4 det O
meeting meeting NOUN NN 2 obj O
. . PUNCT . 2 punct O

The the DET DT 3 det O
Geneva Geneva PROPN NNP 3 compound B-GPE
meeting meeting NOUN NN 4 nsubj O
brought bring VERB VBD 0 root O
US US PROPN NNP 8 compound B-GPE
and and CCONJ CC 7 cc O
Russian Russian ADJ JJ 8 amod B-NORP
leaders leader NOUN NNS 4 obj O
together together ADV RB 4 advmod O
. . PUNCT . 4 punct O
`

func TestResolveEventsAndNationalGroups(t *testing.T) {
	doc := treetest.MustParse(eventsDoc)
	Resolve(doc)
	summit := entityOf(t, doc, 0, "a summit")
	if got := entityOf(t, doc, 2, "The Geneva meeting"); got != summit {
		t.Errorf("The Geneva meeting → %q, want the Geneva summit %q", got.Name, summit.Name)
	}
	if got := entityOf(t, doc, 1, "a meeting"); got == summit {
		t.Error("an indefinite meeting joined the summit")
	}
	want := []string{"Joe Biden", "Vladimir"}
	if got := groupNames(doc, mentionOf(t, doc, 2, "US and Russian leaders").Group); !reflect.DeepEqual(got, want) {
		t.Errorf("US and Russian leaders → %q, want %q", got, want)
	}
}

// A lone capitalised word before an occupation noun and a person's name is
// the person's employer, even when the recogniser took it for a surname
// or missed it; a known place in that slot stays a place.
func TestEmployerBeforeRole(t *testing.T) {
	doc := treetest.MustParse(`
Burlington Burlington PROPN NNP 2 compound O
spokesman spokesman NOUN NN 3 compound O
Gus Gus PROPN NNP 5 nsubj B-PERSON
Melonas Melonas PROPN NNP 3 flat I-PERSON
said say VERB VBD 0 root O
and and CCONJ CC 10 cc O
Edison Edison PROPN NNP 8 compound B-PERSON
spokesman spokesman NOUN NN 9 compound O
Kevin Kevin PROPN NNP 10 nsubj B-PERSON
agreed agree VERB VBD 5 conj O
with with ADP IN 14 case O
Ohio Ohio PROPN NNP 13 compound B-GPE
attorney attorney NOUN NN 14 compound O
Smith Smith PROPN NNP 10 obl B-PERSON
. . PUNCT . 5 punct O
`)
	Resolve(doc)
	checkNameTypes(t, doc, map[string]document.EntityType{"Burlington": document.Org, "Edison": document.Org, "Ohio": document.GPE, "Gus Melonas": document.Person})
}

// A source line's "City Radio Name Network" is a place and a broadcaster;
// "KIRO Television" and a known place's "Radio" alone stay as they are.
func TestSplitBroadcaster(t *testing.T) {
	doc := treetest.MustParse(`
Havana Havana PROPN NNP 2 compound B-ORG
Radio Radio PROPN NNP 0 root I-ORG
Reloj Reloj PROPN NNP 2 flat I-ORG
Network Network PROPN NNP 2 flat O

Larry Larry PROPN NNP 5 nsubj B-PERSON
Sturholm Sturholm PROPN NNP 1 flat I-PERSON
was be AUX VBD 5 cop O
a a DET DT 5 det O
reporter reporter NOUN NN 0 root O
for for ADP IN 8 case O
KIRO KIRO PROPN NNP 8 compound B-ORG
Television Television PROPN NNP 5 nmod I-ORG
. . PUNCT . 5 punct O
`)
	Resolve(doc)
	got := map[string]document.EntityType{}
	for _, m := range doc.Mentions {
		if m.Kind == document.Name {
			got[m.Text] = m.Type
		}
	}
	for name, want := range map[string]document.EntityType{"Havana": document.GPE, "Radio Reloj Network": document.Org, "KIRO Television": document.Org} {
		if got[name] != want {
			t.Errorf("%s typed %q, want %q (mentions %v)", name, got[name], want, got)
		}
	}
}

// Countries outside the big-news set are places too, with their demonyms.
func TestMoreCountries(t *testing.T) {
	for _, name := range []string{"Zimbabwe", "Haiti", "Bulgaria", "Ecuador", "Rwanda"} {
		if _, ok := CanonicalPlace(name); !ok {
			t.Errorf("%s is not a known place", name)
		}
	}
	if c, ok := CountryOfDemonym("Haitian"); !ok || c != "Haiti" {
		t.Errorf("Haitian → %q %v, want Haiti", c, ok)
	}
}

func TestCountriesAndRegions(t *testing.T) {
	for _, c := range []struct {
		name            string
		country, region bool
	}{
		{"Thailand", true, false}, {"U.S.", true, false}, {"Britain", true, false},
		{"Georgia", false, false}, // also a US state: not taken for the country
		{"Texas", false, false}, {"Bangkok", false, false},
		{"Asia", false, true}, {"the Middle East", false, true}, {"European Union", false, true},
	} {
		if got := IsCountry(c.name); got != c.country {
			t.Errorf("IsCountry(%q) = %v, want %v", c.name, got, c.country)
		}
		if got := IsRegion(c.name); got != c.region {
			t.Errorf("IsRegion(%q) = %v, want %v", c.name, got, c.region)
		}
	}
}

// One name, one type in a document: the short form of a company named in
// full is the company, a surname of a person named in full is the person,
// a known place is a place, whatever the recogniser made of each mention.
func TestUnifyNameTypes(t *testing.T) {
	doc := treetest.MustParse(`
Goodyear Goodyear PROPN NNP 6 compound B-ORG
Tire Tire PROPN NNP 6 compound I-ORG
and and CCONJ CC 4 cc I-ORG
Rubber Rubber PROPN NNP 2 conj I-ORG
Co Co PROPN NNP 6 compound I-ORG
said say VERB VBD 0 root O
. . PUNCT . 6 punct O

Goodyear Goodyear PROPN NNP 2 nsubj B-PERSON
said say VERB VBD 0 root O
Lee Lee PROPN NNP 5 nsubj B-PERSON
Iacocca Iacocca PROPN NNP 3 flat I-PERSON
agreed agree VERB VBD 2 ccomp O
. . PUNCT . 2 punct O

Iacocca Iacocca PROPN NNP 2 nsubj B-ORG
flew fly VERB VBD 0 root O
to to ADP IN 4 case O
Paris Paris PROPN NNP 2 obl B-PERSON
and and CCONJ CC 6 cc O
Pennzoil Pennzoil PROPN NNP 2 conj B-PERSON
. . PUNCT . 2 punct O

Paris Paris PROPN NNP 2 nsubj B-GPE
agreed agree VERB VBD 0 root O
with with ADP IN 4 case O
Pennzoil Pennzoil PROPN NNP 2 obl B-GPE
. . PUNCT . 2 punct O
`)
	Resolve(doc)
	types := map[string]map[document.EntityType]bool{}
	for _, m := range doc.Mentions {
		if m.Kind == document.Name {
			if types[m.Text] == nil {
				types[m.Text] = map[document.EntityType]bool{}
			}
			types[m.Text][m.Type] = true
		}
	}
	for name, want := range map[string]document.EntityType{
		"Goodyear": document.Org, "Iacocca": document.Person, "Paris": document.GPE, "Pennzoil": document.Org,
	} {
		if len(types[name]) != 1 || !types[name][want] {
			t.Errorf("%s typed %v, want only %s", name, types[name], want)
		}
	}
}

// checkNameTypes checks the type of each named mention after Resolve.
func checkNameTypes(t *testing.T, doc *document.Document, want map[string]document.EntityType) {
	t.Helper()
	types := map[string]document.EntityType{}
	for _, m := range doc.Mentions {
		if m.Kind == document.Name {
			types[m.Text] = m.Type
		}
	}
	for name, w := range want {
		if types[name] != w {
			t.Errorf("%s typed %q, want %q (mentions %v)", name, types[name], w, types)
		}
	}
}

// A corporate suffix the recogniser cut off its name joins the name, which
// becomes an organisation: "Hoechst AG" read as the place "Hoechst" and the
// organisation "AG".
func TestMergeDesignators(t *testing.T) {
	doc := treetest.MustParse(`
Hoechst Hoechst PROPN NNP 3 compound B-GPE
AG AG PROPN NNP 3 compound B-ORG
said say VERB VBD 0 root O
Acme Acme PROPN NNP 7 nsubj B-ORG
, , PUNCT , 6 punct O
Inc. Inc. PROPN NNP 4 appos B-ORG
agreed agree VERB VBD 3 ccomp O
. . PUNCT . 3 punct O

Merrill Merrill PROPN NNP 6 nsubj B-PERSON
Lynch Lynch PROPN NNP 1 flat I-PERSON
and and CCONJ CC 5 cc O
Co Co PROPN NNP 5 compound B-ORG
Inc Inc PROPN NNP 1 conj I-ORG
said say VERB VBD 0 root O
. . PUNCT . 6 punct O
`)
	Resolve(doc)
	checkNameTypes(t, doc, map[string]document.EntityType{"Hoechst AG": document.Org, "Merrill Lynch and Co Inc": document.Org})
	acme := false
	for _, m := range doc.Mentions {
		if m.Kind != document.Name {
			continue
		}
		if m.Text == "AG" || m.Text == "Inc." || m.Text == "Co Inc" {
			t.Errorf("a lone suffix is still a name: %q", m.Text)
		}
		if strings.HasPrefix(m.Text, "Acme") {
			acme = strings.HasSuffix(m.Text, "Inc.") && m.Type == document.Org
		}
	}
	if !acme {
		t.Errorf("want one organisation from Acme to Inc.: %+v", doc.Mentions)
	}
}

// "a West German bank": the compass word the recogniser took for a place
// belongs to the nationality after it.
func TestCompassDemonym(t *testing.T) {
	doc := treetest.MustParse(`
They they PRON PRP 2 nsubj O
bought buy VERB VBD 0 root O
a a DET DT 6 det O
West West ADJ JJ 6 amod B-GPE
German German ADJ JJ 6 amod B-NORP
bank bank NOUN NN 2 obj O
. . PUNCT . 2 punct O
`)
	Resolve(doc)
	checkNameTypes(t, doc, map[string]document.EntityType{"West German": document.NORP})
	for _, m := range doc.Mentions {
		if m.Text == "West" {
			t.Errorf("\"West\" is still a name of its own: %+v", m)
		}
	}
}

func TestIsCreditRating(t *testing.T) {
	for s, want := range map[string]bool{
		"AAA": true, "AA-": true, "BBB+": true, "Baa-2": true, "Aa3": true, "CCC": true,
		"IBM": false, "AAAS": false, "OPEC": false, "Ba": true, "BA": false, "A": false,
	} {
		if got := isCreditRating(s); got != want {
			t.Errorf("isCreditRating(%q) = %v, want %v", s, got, want)
		}
	}
}

// What the recogniser marks but that names nothing is no entity: a lone
// corporate suffix, a single letter, a credit rating.
func TestDropNonNames(t *testing.T) {
	doc := treetest.MustParse(`
The the DET DT 2 det O
issue issue NOUN NN 3 nsubj:pass O
was be AUX VBD 3 aux:pass O
rated rate VERB VBN 0 root O
AA AA PROPN NNP 4 xcomp B-ORG
by by ADP IN 7 case O
S S PROPN NNP 4 obl B-ORG
and and CCONJ CC 9 cc O
P P PROPN NNP 7 conj B-ORG
, , PUNCT , 11 punct O
Inc Inc PROPN NNP 4 dep B-ORG
said say VERB VBD 4 parataxis O
. . PUNCT . 4 punct O
`)
	Resolve(doc)
	for _, m := range doc.Mentions {
		if m.Kind == document.Name {
			t.Errorf("a non-name is still a name: %q (%s)", m.Text, m.Type)
		}
	}
}

// Dates are written in lower case: cleaning a recognised date keeps its
// words ("two years ago" stayed only "ago").
func TestLowerCaseDateKeepsItsWords(t *testing.T) {
	doc := treetest.MustParse(`
Sales sales NOUN NNS 2 nsubj O
fell fall VERB VBD 0 root O
two two NUM CD 4 nummod B-DATE
years year NOUN NNS 5 obl:npmod I-DATE
ago ago ADV RB 2 advmod I-DATE
. . PUNCT . 2 punct O
`)
	Resolve(doc)
	found := false
	for _, m := range doc.Mentions {
		if m.Type == document.Date {
			found = true
			if m.Text != "two years ago" {
				t.Errorf("date mention %q, want \"two years ago\"", m.Text)
			}
		}
	}
	if !found {
		t.Error("the date mention is gone")
	}
}

// A company's short form is the company: "Chrysler" after "Chrysler
// Corp", "the Bank" after "the Bank of England".
func TestCompanyShortFormJoinsFullName(t *testing.T) {
	doc := treetest.MustParse(`
Chrysler Chrysler PROPN NNP 2 compound B-ORG
Corp Corp PROPN NNP 3 nsubj I-ORG
said say VERB VBD 0 root O
. . PUNCT . 3 punct O

Chrysler Chrysler PROPN NNP 2 nsubj B-ORG
agreed agree VERB VBD 0 root O
. . PUNCT . 2 punct O

The the DET DT 2 det O
Bank Bank PROPN NNP 5 nsubj B-ORG
of of ADP IN 4 case I-ORG
England England PROPN NNP 2 nmod I-ORG
acted act VERB VBD 0 root O
and and CCONJ CC 9 cc O
the the DET DT 8 det O
Bank Bank PROPN NNP 9 nsubj B-ORG
spoke speak VERB VBD 5 conj O
. . PUNCT . 5 punct O
`)
	Resolve(doc)
	names := map[string][]string{}
	for _, e := range doc.Entities {
		names[e.Name] = e.Aliases
	}
	if al, ok := names["Chrysler Corp"]; !ok || len(al) != 2 {
		t.Errorf("want one Chrysler Corp entity with the alias Chrysler, got %v", names)
	}
	if al, ok := names["Bank of England"]; !ok || len(al) != 2 {
		t.Errorf("want one Bank of England entity with the alias Bank, got %v", names)
	}
	if _, ok := names["Chrysler"]; ok {
		t.Errorf("Chrysler is still an entity of its own: %v", names)
	}
}

// A table row the recogniser read as a person's name is no person: names
// hold no figures ("Feb 872.0"), and what is left may be only a month.
func TestTableRowIsNoPerson(t *testing.T) {
	doc := treetest.MustParse(`
Feb Feb PROPN NNP 0 root B-PERSON
872.0 872.0 NUM CD 1 nummod I-PERSON
Jan Jan PROPN NNP 1 conj B-PERSON
Smith Smith PROPN NNP 3 flat I-PERSON
2.5 2.5 NUM CD 3 nummod I-PERSON
`)
	Resolve(doc)
	var names []string
	for _, m := range doc.Mentions {
		if m.Kind == document.Name {
			names = append(names, m.Text)
		}
	}
	if len(names) != 1 || names[0] != "Jan Smith" {
		t.Errorf("want only the person Jan Smith, got %q", names)
	}
}

// A company name ending in a suffix that the recogniser cut after "and"
// takes the word before the "and" back: "Standard and Poor's Corp".
func TestCompanyNameCutAtAnd(t *testing.T) {
	doc := treetest.MustParse(`
Standard Standard PROPN NNP 5 nsubj B-PERSON
and and CCONJ CC 3 cc O
Poor Poor PROPN NNP 1 conj B-ORG
's 's PART POS 3 case I-ORG
Corp Corp PROPN NNP 1 flat I-ORG
said say VERB VBD 0 root O
. . PUNCT . 6 punct O
`)
	Resolve(doc)
	var names []string
	for _, m := range doc.Mentions {
		if m.Kind == document.Name {
			names = append(names, m.Text+"/"+string(m.Type))
		}
	}
	if len(names) != 1 || !strings.HasPrefix(names[0], "Standard and Poor") || !strings.HasSuffix(names[0], "/ORG") {
		t.Errorf("want one organisation Standard and Poor's Corp, got %q", names)
	}
}

// A titled name is a person's, however else the recogniser read it:
// "President Reagan" and "the Reagan administration".
func TestTitledNameStaysPerson(t *testing.T) {
	doc := treetest.MustParse(`
President President PROPN NNP 2 nmod:desc O
Reagan Reagan PROPN NNP 3 nsubj B-PERSON
spoke speak VERB VBD 0 root O
. . PUNCT . 3 punct O

The the DET DT 3 det O
Reagan Reagan PROPN NNP 3 compound B-ORG
administration administration NOUN NN 4 nsubj O
agreed agree VERB VBD 0 root O
. . PUNCT . 4 punct O
`)
	Resolve(doc)
	for _, m := range doc.Mentions {
		if m.Kind == document.Name && m.Text == "Reagan" && m.Type != document.Person {
			t.Errorf("Reagan typed %s, want PERSON", m.Type)
		}
	}
}

// Recogniser types that the words around a name settle, one case each.
func TestNameTypesFromContext(t *testing.T) {
	for _, tc := range []struct {
		name, tree string
		want       map[string]document.EntityType
	}{
		// Company names the recogniser took for people or places become
		// organisations when the words around them say so: a company part ("its
		// Fluor Daniel unit") or a description set off after the name.
		{"OrganisationByContext", `
Fluor Fluor PROPN NNP 4 nsubj B-ORG
said say VERB VBD 0 root O
its its PRON PRP$ 6 nmod:poss O
Marlow Marlow PROPN NNP 6 compound B-PERSON
Daniel Daniel PROPN NNP 4 flat I-PERSON
unit unit NOUN NN 7 nsubj O
won win VERB VBD 2 ccomp O
a a DET DT 9 det O
contract contract NOUN NN 7 obj O
. . PUNCT . 2 punct O

Yousfi Yousfi PROPN NNP 12 nsubj B-PERSON
, , PUNCT , 3 punct O
director director NOUN NN 1 appos O
of of ADP IN 5 case O
Sonatrach Sonatrach PROPN NNP 3 nmod B-GPE
, , PUNCT , 10 punct O
the the DET DT 10 det O
state state NOUN NN 10 compound O
petroleum petroleum NOUN NN 10 compound O
agency agency NOUN NN 5 appos O
, , PUNCT , 10 punct O
said say VERB VBD 0 root O
. . PUNCT . 12 punct O

Hanoi Hanoi PROPN NNP 5 nsubj B-GPE
, , PUNCT , 4 punct O
the the DET DT 4 det O
capital capital NOUN NN 1 appos O
grew grow VERB VBD 0 root O
. . PUNCT . 5 punct O
`, map[string]document.EntityType{"Marlow Daniel": document.Org, "Sonatrach": document.Org, "Hanoi": document.GPE, "Yousfi": document.Person}},
		// The last word of a multi-word office swept into a person's name leaves
		// it: "Chancellor of the Exchequer Nigel Lawson", "Chief of Staff Howard
		// Baker".
		{"OfficeTailLeavesName", `
Chancellor Chancellor PROPN NNP 5 nsubj O
of of ADP IN 4 case O
the the DET DT 4 det O
Exchequer Exchequer PROPN NNP 1 nmod B-PERSON
Nigel Nigel PROPN NNP 1 appos I-PERSON
Lawson Lawson PROPN NNP 5 flat I-PERSON
said say VERB VBD 0 root O
. . PUNCT . 7 punct O
`, map[string]document.EntityType{"Nigel Lawson": document.Person}},
		// A nationality word the recogniser took for an organisation or a person
		// is a nationality ("Philippine President Corazon Aquino").
		{"DemonymIsNationality", `
Philippine Philippine PROPN NNP 3 amod B-ORG
President President PROPN NNP 3 nmod:desc O
Corazon Corazon PROPN NNP 5 nsubj B-PERSON
Aquino Aquino PROPN NNP 3 flat I-PERSON
spoke speak VERB VBD 0 root O
. . PUNCT . 5 punct O
`, map[string]document.EntityType{"Philippine": document.NORP, "Corazon Aquino": document.Person}},
		// An exchange is an institution, whatever city opens its name.
		{"ExchangeIsOrganisation", `
The the DET DT 4 det O
Chicago Chicago PROPN NNP 4 compound B-GPE
Mercantile Mercantile PROPN NNP 4 compound I-GPE
Exchange Exchange PROPN NNP 5 nsubj I-GPE
closed close VERB VBD 0 root O
. . PUNCT . 5 punct O
`, map[string]document.EntityType{"Chicago Mercantile Exchange": document.Org}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doc := treetest.MustParse(tc.tree)
			Resolve(doc)
			checkNameTypes(t, doc, tc.want)
		})
	}
}
