package schema

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"

	"github.com/cayleygraph/quad"
	"github.com/kg-project/kg/extract/coref"
	"github.com/kg-project/kg/extract/document"
)

// Minter makes the IRIs of entities, facts and documents. IRIs are pure
// functions of their inputs, so the same input always yields the same graph
// whatever order or concurrency documents are processed in.
type Minter struct {
	// Base prefixes every IRI we mint; DefaultBase when empty.
	Base string
}

func (m Minter) base() string {
	if m.Base == "" {
		return DefaultBase
	}
	return m.Base
}

// Slug makes a readable IRI segment from a name: lower case, letters and
// digits kept (any script), everything else collapsed to single hyphens.
// "Donald J. Trump" → "donald-j-trump", "U.S." → "u-s".
func Slug(name string) string {
	var b strings.Builder
	pendingHyphen := false
	for _, r := range name {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if pendingHyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			pendingHyphen = false
			b.WriteRune(unicode.ToLower(r))
			continue
		}
		if r == '\'' || r == '’' {
			continue // "Ukraine's" → "ukraines", not "ukraine-s"
		}
		pendingHyphen = true
	}
	return b.String()
}

// Entity returns the IRI of a document entity.
//
// Named entities are global: their IRI is the slug of the canonical name, so
// "Vladimir Putin" in two articles is one node. Conservative merging is the
// resolver's job (it only shortens names within a document); two different
// canonical names stay two nodes. Unnamed entities — "the summit", a
// description that never got a name — only make sense inside their article,
// so their IRI is scoped by the document: <kg:doc/PATH#summit>.
func (m Minter) Entity(doc *document.Document, e *document.Entity) quad.IRI {
	slug := Slug(orgIRIName(e))
	if slug == "" {
		slug = "entity"
	}
	if e.Type == document.Concept || (e.Type == document.Event && !isProperName(e.Name)) {
		return quad.IRI(string(m.Document(doc.ID)) + "#" + slug)
	}
	return quad.IRI(m.base() + slug)
}

// orgIRIName returns the name an entity's IRI is made from: its canonical
// name, without the corporate suffixes that end an organisation's name
// ("Chrysler Corp", "Bayer AG", "Sears Roebuck and Co"). Articles name a
// company in full in one place and by its short form in another
// ("Chrysler"); without the suffix both are one node, while the schema:name
// keeps the full name. A name that is only a suffix stays as it is.
func orgIRIName(e *document.Entity) string {
	if e.Type != document.Org {
		return e.Name
	}
	w := strings.Fields(e.Name)
	n := len(w)
	for n > 1 && coref.IsCorporateSuffix(strings.TrimRight(w[n-1], ",")) {
		n--
	}
	for n > 1 && (strings.EqualFold(w[n-1], "and") || strings.EqualFold(w[n-1], "&") || w[n-1] == ",") {
		n-- // "Sears Roebuck and Co"
	}
	w[n-1] = strings.TrimRight(w[n-1], ",")
	return strings.Join(w[:n], " ")
}

// isProperName reports whether a name looks like a proper name (has a
// capitalised word that is not sentence-initial boilerplate like "The").
func isProperName(name string) bool {
	for i, w := range strings.Fields(name) {
		r := []rune(w)
		if len(r) == 0 || !unicode.IsUpper(r[0]) {
			continue
		}
		if i == 0 && (w == "The" || w == "A" || w == "An") {
			continue
		}
		return true
	}
	return false
}

// Document returns the IRI of a document: the base, "doc/", then its ID
// with characters that are not safe in an IRI percent-encoded. Slashes are
// kept, so <kg:doc/seeds/article.txt> reads like the path it came from.
func (m Minter) Document(id string) quad.IRI {
	return quad.IRI(m.base() + "doc/" + escapeIRI(id))
}

// Fact returns the IRI of a fact: a hash of everything that identifies it
// (document, sentence, evidence span, predicate and arguments), so re-running
// extraction on the same text gives the same IRIs and the same quads.
func (m Minter) Fact(docID string, f *document.Fact) quad.IRI {
	h := sha256.New()
	w := func(s string) { h.Write([]byte(s)); h.Write([]byte{0}) }
	w(docID)
	w(f.Predicate)
	w(itoa(f.Sentence))
	w(itoa(f.Start))
	w(itoa(f.End))
	for _, a := range f.Args {
		w(a.Role)
		w(a.Text)
		w(itoa(a.Start))
	}
	return quad.IRI(m.base() + "fact/" + hex.EncodeToString(h.Sum(nil)[:10]))
}

func itoa(i int) string {
	if i == 0 {
		return "0"
	}
	neg := i < 0
	if neg {
		i = -i
	}
	var buf [20]byte
	n := len(buf)
	for i > 0 {
		n--
		buf[n] = byte('0' + i%10)
		i /= 10
	}
	if neg {
		n--
		buf[n] = '-'
	}
	return string(buf[n:])
}

// escapeIRI percent-encodes the characters N-Quads forbids inside <...>
// (and '%' itself, so the encoding is reversible), keeping everything else.
func escapeIRI(s string) string {
	const hexDigits = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c <= 0x20, c == '<', c == '>', c == '"', c == '{', c == '}', c == '|', c == '^', c == '`', c == '\\', c == '%', c == 0x7f:
			b.WriteByte('%')
			b.WriteByte(hexDigits[c>>4])
			b.WriteByte(hexDigits[c&15])
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}
