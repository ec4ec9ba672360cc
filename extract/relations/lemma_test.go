package relations

import "testing"

func TestVerbLemmaRepairsCutStems(t *testing.T) {
	cases := []struct{ surface, lemma, xpos, want string }{
		{"noting", "not", "VBG", "note"},
		{"declined", "declin", "VBD", "decline"},
		{"received", "receiv", "VBD", "receive"},
		{"produced", "produc", "VBN", "produce"},
		{"handling", "handl", "VBG", "handle"},
		{"required", "requir", "VBN", "require"},
		{"deciding", "decid", "VBG", "decide"},
		{"voted", "vot", "VBD", "vote"},
		{"continued", "continu", "VBD", "continue"},
		// Lemmas that are right stay as they are.
		{"visited", "visit", "VBD", "visit"},
		{"avoided", "avoid", "VBD", "avoid"},
		{"entered", "enter", "VBD", "enter"},
		{"signaled", "signal", "VBD", "signal"},
		{"declined", "decline", "VBD", "decline"},
		{"said", "say", "VBD", "say"},
		{"wanted", "want", "VBD", "want"},
		{"stressing", "stress", "VBG", "stress"},
		{"bringing", "bring", "VBG", "bring"},
		{"focused", "focus", "VBN", "focus"},
	}
	for _, c := range cases {
		if got := verbLemma(c.surface, c.lemma, c.xpos); got != c.want {
			t.Errorf("verbLemma(%q, %q, %s) = %q, want %q", c.surface, c.lemma, c.xpos, got, c.want)
		}
	}
}
