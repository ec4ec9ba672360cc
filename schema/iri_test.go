package schema

import (
	"testing"

	"github.com/kg-project/kg/extract/document"
)

// An organisation's IRI leaves out its corporate suffixes, so that its
// full name in one article and its short form in another are one node;
// other entities and a name that is only a suffix keep their whole name.
func TestOrganisationIRIDropsSuffixes(t *testing.T) {
	m := Minter{}
	doc := &document.Document{ID: "d"}
	for _, c := range []struct {
		name string
		typ  document.EntityType
		want string
	}{
		{"Chrysler Corp", document.Org, "kg:chrysler"},
		{"Chrysler", document.Org, "kg:chrysler"},
		{"Sears Roebuck and Co", document.Org, "kg:sears-roebuck"},
		{"Bayer AG", document.Org, "kg:bayer"},
		{"Acme, Inc.", document.Org, "kg:acme"},
		{"Ford Motor Credit Co", document.Org, "kg:ford-motor-credit"},
		{"Inc", document.Org, "kg:inc"},
		{"Jane Corp", document.Person, "kg:jane-corp"},
	} {
		e := &document.Entity{Name: c.name, Type: c.typ}
		if got := string(m.Entity(doc, e)); got != c.want {
			t.Errorf("%s (%s): %s, want %s", c.name, c.typ, got, c.want)
		}
	}
}
