package schema

import (
	"strings"
	"unicode"
)

// Version identifies the quads Mapper writes. It is part of every
// document's content hash (HashContent), so a store built by a Mapper that
// wrote different quads — before the name index (NameKey, AliasKey,
// NameWord) existed, or before organisation IRIs dropped corporate
// suffixes (kg-schema-3), say — has every document re-extracted and
// rewritten by the next `kg build` rather than skipped as unchanged.
const Version = "kg-schema-3"

// NormName folds a name the way people type it: lower case, one apostrophe
// style, double quotes dropped and runs of white space collapsed to one
// space. It is the key of the name index (NameKey, AliasKey): the writer
// stores NormName(name) and a reader looks up NormName(what the user
// typed), so both sides must use this one function.
func NormName(s string) string {
	s = strings.NewReplacer("’", "'", "‘", "'", "`", "'").Replace(s)
	return strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return unicode.IsSpace(r) || r == '"'
	}), " ")
}

// NameWords returns the words of a normalised name that the index records
// under NameWord: every distinct word of a name of two or more words. A
// one-word name needs none, its NameKey or AliasKey is the word.
func NameWords(norm string) []string {
	ws := strings.Fields(norm)
	if len(ws) < 2 {
		return nil
	}
	out := ws[:0:0]
	for _, w := range ws {
		dup := false
		for _, o := range out {
			dup = dup || o == w
		}
		if !dup {
			out = append(out, w)
		}
	}
	return out
}
