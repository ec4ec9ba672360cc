package input

import "testing"

func TestBlankTickers(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"USAir Group <U> said", "USAir Group     said"},
		{"MARION LABS <MKC> VOTES SPLIT", "MARION LABS       VOTES SPLIT"},
		{"Royal Dutch <RD.AS> and Shell <SC.L>", "Royal Dutch         and Shell       "},
		{"a < b and c > d", "a < b and c > d"},                         // no code
		{"write to <john@example.com>", "write to <john@example.com>"}, // not upper case
		{"the <b>bold</b> word", "the <b>bold</b> word"},
		{"Volvo <VOLV ST> said", "Volvo           said"},
		{"a unit of <Amoco Petroleum Corp> said", "a unit of  Amoco Petroleum Corp  said"},
		{"x <ABCDEFGHIJKLMNOP> y", "x  ABCDEFGHIJKLMNOP  y"}, // too long for a ticker: a name
		{"no brackets", "no brackets"},
	} {
		got := BlankTickers(c.in)
		if got != c.want {
			t.Errorf("BlankTickers(%q) = %q, want %q", c.in, got, c.want)
		}
		if len(got) != len(c.in) {
			t.Errorf("BlankTickers(%q) changed the length", c.in)
		}
	}
}
