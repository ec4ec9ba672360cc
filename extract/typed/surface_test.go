package typed

import (
	"strings"
	"testing"

	"github.com/kg-project/kg/extract/coref"
	"github.com/kg-project/kg/extract/document"
)

// flatDoc builds a one-sentence document without a parse (every head is
// -1), so that only the surface patterns can fire. Names are written
// [TYPE words], e.g. "[PERSON Kevin O'Brien] , a spokesman for [ORG Acme]".
// Parts of speech come from a small closed-class table; capitalised words
// are PROPN and other words NOUN, which is all the patterns look at.
func flatDoc(t *testing.T, src string) *document.Document {
	t.Helper()
	pos := map[string][2]string{
		"was": {"AUX", "VBD"}, "is": {"AUX", "VBZ"}, "were": {"AUX", "VBD"}, "born": {"VERB", "VBN"},
		"in": {"ADP", "IN"}, "of": {"ADP", "IN"}, "for": {"ADP", "IN"}, "at": {"ADP", "IN"}, "by": {"ADP", "IN"},
		"from": {"ADP", "IN"}, "the": {"DET", "DT"}, "a": {"DET", "DT"}, "an": {"DET", "DT"},
		",": {"PUNCT", ","}, ".": {"PUNCT", "."}, "(": {"PUNCT", "-LRB-"}, ")": {"PUNCT", "-RRB-"},
		"'s": {"PART", "POS"}, "his": {"PRON", "PRP$"}, "her": {"PRON", "PRP$"}, "said": {"VERB", "VBD"},
		"shot": {"VERB", "VBD"}, "killed": {"VERB", "VBD"}, "lives": {"VERB", "VBZ"}, "who": {"PRON", "WP"},
		"and": {"CCONJ", "CC"}, "native": {"NOUN", "NN"}, "-based": {"ADJ", "JJ"}, "top": {"ADJ", "JJ"},
	}
	doc := &document.Document{ID: "flat"}
	var sent document.Sentence
	var b strings.Builder
	typ, start := "", -1
	for _, f := range strings.Fields(src) {
		if strings.HasPrefix(f, "[") {
			typ, start = f[1:], len(sent.Tokens)
			continue
		}
		closing := strings.HasSuffix(f, "]") && f != "]"
		f = strings.TrimSuffix(f, "]")
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		off := b.Len()
		b.WriteString(f)
		tk := document.Token{Span: document.Span{Start: off, End: b.Len()}, Text: f, Head: -1, Lemma: strings.ToLower(f)}
		if p, ok := pos[strings.ToLower(f)]; ok {
			tk.UPOS, tk.XPOS = p[0], p[1]
		} else if f[0] >= 'A' && f[0] <= 'Z' {
			tk.UPOS, tk.XPOS = "PROPN", "NNP"
		} else {
			tk.UPOS, tk.XPOS = "NOUN", "NN"
		}
		sent.Tokens = append(sent.Tokens, tk)
		if closing {
			end := len(sent.Tokens)
			doc.Mentions = append(doc.Mentions, document.Mention{
				Sentence: 0, Start: start, End: end, Type: document.EntityType(typ),
				Kind: document.Name, Entity: -1, Confidence: 0.9,
				Span: document.Span{Start: sent.Tokens[start].Start, End: sent.Tokens[end-1].End},
			})
		}
	}
	doc.Text = b.String()
	sent.Span = document.Span{Start: 0, End: len(doc.Text)}
	doc.Sentences = []document.Sentence{sent}
	for i := range doc.Mentions {
		doc.Mentions[i].Text = doc.Text[doc.Mentions[i].Span.Start:doc.Mentions[i].Span.End]
	}
	return doc
}

func TestSurfacePatterns(t *testing.T) {
	cases := []struct {
		src     string
		want    []string
		notWant []string
	}{
		{"[GPE BELGRADE] , [GPE Yugoslavia] ( [ORG AP] )",
			[]string{"located_in(BELGRADE, Yugoslavia)", "based_in(AP, BELGRADE)", "based_in(AP, Yugoslavia)"}, nil},
		{"[GPE Moscow INTERFAX]", []string{"based_in(INTERFAX, Moscow)"}, nil},
		{"[ORG XBT] spokesman [PERSON Allan Fitzmaurice] said", []string{"works_for(Allan Fitzmaurice, XBT)"}, nil},
		{"said [PERSON Bruno Pusterla] , a top official of the [ORG Agricultural Confederation] .",
			[]string{"works_for(Bruno Pusterla, Agricultural Confederation)"}, nil},
		{"[PERSON Henry Fonda] was born in [GPE Grand Island] , [GPE Neb.] .",
			[]string{"lives_in(Henry Fonda, Grand Island)", "located_in(Grand Island, Nebraska)", "lives_in(Henry Fonda, Nebraska)"}, nil},
		{"[PERSON Mr. Vee] , a [GPE Fargo] native , sent it", []string{"lives_in(Vee, Fargo)"}, nil},
		{"[GPE Modesto] native [PERSON George Lucas]", []string{"lives_in(George Lucas, Modesto)"}, nil},
		{"[PERSON Lincoln] 's assassin , [PERSON John Wilkes Booth] .", []string{"kill(John Wilkes Booth, Lincoln)"}, nil},
		{"[PERSON Lennon] was shot by [PERSON Mark David Chapman] .", []string{"kill(Mark David Chapman, Lennon)"},
			[]string{"kill(Lennon, Mark David Chapman)"}},
		{"[PERSON Sirhan] shot him in [GPE Los Angeles] .", nil, []string{"kill(Sirhan, Los Angeles)"}},
		{"[GPE Gosforth] in northeast [GPE England]", []string{"located_in(Gosforth, England)"}, nil},
		{"the [GPE Tokyo] -based [ORG Sony]", []string{"based_in(Sony, Tokyo)"}, nil},
		{"[ORG Brown University] in [GPE Providence]", []string{"based_in(Brown University, Providence)"}, nil},
		{"[PERSON Jesse Jackson] won in his native [GPE South Carolina]", []string{"lives_in(Jesse Jackson, South Carolina)"}, nil},
		{"[GPE Paris] , [GPE London] and [GPE Berlin]", nil, []string{"located_in(Paris, London)", "located_in(London, Berlin)"}},
		{"[PERSON Warner] , who lives in [GPE Ocala]", []string{"lives_in(Warner, Ocala)"}, nil},
		{"[PERSON Jane Roe] , who founded [ORG Acme] , said", []string{"works_for(Jane Roe, Acme)"}, nil},
		{"[ORG Microsoft] 's [PERSON Bill Gates]", []string{"works_for(Bill Gates, Microsoft)"}, nil},
		{"[PERSON Robert Ford] , a member of the [ORG James Gang] .", []string{"member_of(Robert Ford, James Gang)"}, []string{"works_for(Robert Ford, James Gang)"}},
		{"[PERSON Andrew Stephens] , president of [ORG Eaglebrook Plastics] .", []string{"works_for(Andrew Stephens, Eaglebrook Plastics)"}, nil},
		{"[PERSON Jesse James] was shot to death in [GPE St. Joseph] by [PERSON Robert Ford]", []string{"kill(Robert Ford, Jesse James)"}, nil},
		{"the [ORG FBI] reported murders in the [GPE United States] .", []string{"based_in(FBI, United States)"}, nil},
		{"Sen. [PERSON Strom Thurmond] said the [ORG Congress] must act .", []string{"works_for(Strom Thurmond, Congress)"}, nil},
		{"[PERSON Strom Thurmond] said the [ORG Congress] must act .", nil, []string{"works_for(Strom Thurmond, Congress)"}},
		{"the [ORG Supreme Council] met in [GPE Ukraine] .", []string{"based_in(Supreme Council, Ukraine)"}, nil},
		{"the [ORG Senate] said [GPE France] and [GPE Germany] agreed .", nil,
			[]string{"based_in(Senate, France)", "based_in(Senate, Germany)"}},
		{"[ORG Acme Widgets] sells in [GPE France] .", nil, []string{"based_in(Acme Widgets, France)"}},
		{"[PERSON Ulf Merbold] , 47 , of the [ORG European Space Agency] and", []string{"works_for(Ulf Merbold, European Space Agency)"}, nil},
		{"[PERSON Stephanie Powell] , of the [ORG DEM] , said", []string{"works_for(Stephanie Powell, DEM)"}, nil},
		{"[PERSON John Harvey Adamson] , convicted of murdering [GPE Phoenix] newspaper reporter [PERSON Don Bolles] .",
			nil, []string{"kill(John Harvey Adamson, Phoenix)"}},
		// A country lies in no city, state or other country, only in a region.
		{"In [GPE Bangkok] , the minister said [GPE Thailand] would keep its quota .", nil,
			[]string{"located_in(Thailand, Bangkok)"}},
		{"In [GPE Colorado] , snow fell in [GPE Denver] .", []string{"located_in(Denver, Colorado)"}, nil},
		{"[GPE Pakistan] , [GPE India]", nil, []string{"located_in(Pakistan, India)"}},
		// A wire source line whose city the recogniser missed.
		{"PM2303111794 Moscow IZVESTIYA in Russian", []string{"based_in(IZVESTIYA, Moscow)"}, nil},
	}
	for _, c := range cases {
		doc := flatDoc(t, c.src)
		coref.Resolve(doc)
		Extract(doc)
		got := factStrings(doc)
		have := map[string]bool{}
		for _, f := range got {
			have[f] = true
		}
		for _, w := range c.want {
			if !have[w] {
				t.Errorf("%q: missing %s; have %q", c.src, w, got)
			}
		}
		for _, w := range c.notWant {
			if have[w] {
				t.Errorf("%q: unexpected %s", c.src, w)
			}
		}
	}
}

func BenchmarkExtract(b *testing.B) {
	src := "said [PERSON Bruno Pusterla] , a top official of the [ORG Agricultural Confederation] in [GPE Rome] , [GPE Italy] ."
	t := &testing.T{}
	base := flatDoc(t, src)
	coref.Resolve(base)
	for i := 0; i < b.N; i++ {
		doc := *base
		doc.Facts = nil
		doc.Entities = append([]document.Entity(nil), base.Entities...)
		Extract(&doc)
	}
}
