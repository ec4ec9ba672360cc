package main

import (
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"github.com/kg-project/kg/graph"
)

// defaultHops is how far `kg rel A B` looks for paths when the two share no
// fact and --hops was not given.
const defaultHops = 3

// newRelCmd shows what the graph says about one entity or between two.
func newRelCmd() *cobra.Command {
	var (
		hops   int
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "rel ENTITY [ENTITY]",
		Short: "Show every fact about an entity, or every relation between two",
		Long: `Rel with one name lists every fact the entity takes part in, grouped by
predicate, each with the sentence it was read from and its document.

Rel with two names lists every fact linking them, in either direction. With
--hops N it also lists paths of up to N direct relations between them
(through other entities); when the two share no fact it looks for paths of
up to ` + fmt.Sprint(defaultHops) + ` hops by itself.

Names match an entity's name or any of its aliases, ignoring case
("putin", "Vladimir Putin" and "the Russian President" may all name the
same node), and so does a word of exactly one entity's names ("zelensky");
an IRI such as kg:vladimir-putin works too. An unknown name fails with the
closest names in the graph.`,
		Example: `  kg rel Putin
  kg rel "Vladimir Putin" Trump
  kg rel Zelensky Putin --hops 3
  kg rel kg:alaska --json`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) (err error) {
			st, err := openStore(cmd, true)
			if err != nil {
				return err
			}
			defer closeStore(st, &err)
			ctx := cmd.Context()
			var ents []graph.EntityView
			for _, name := range args {
				ev, err := resolveEntity(ctx, cmd.ErrOrStderr(), st, name)
				if err != nil {
					return err
				}
				ents = append(ents, ev)
			}
			out := cmd.OutOrStdout()
			if len(ents) == 1 {
				facts, err := st.FactsAbout(ctx, ents[0].IRI)
				if err != nil {
					return fmt.Errorf("rel: %w", err)
				}
				if asJSON {
					return writeJSON(out, struct {
						Entity graph.EntityView `json:"entity"`
						Facts  []graph.FactView `json:"facts"`
					}{ents[0], nonNil(facts)})
				}
				printEntityFacts(out, ents[0], facts)
				return nil
			}

			a, b := ents[0], ents[1]
			facts, err := st.FactsBetween(ctx, a.IRI, b.IRI)
			if err != nil {
				return fmt.Errorf("rel: %w", err)
			}
			n := hops
			if !cmd.Flags().Changed("hops") && len(facts) == 0 {
				n = defaultHops
			}
			var paths [][]graph.Edge
			if n > 0 {
				if paths, err = st.Paths(ctx, a.IRI, b.IRI, n); err != nil {
					return fmt.Errorf("rel: %w", err)
				}
			}
			if asJSON {
				return writeJSON(out, struct {
					A     graph.EntityView `json:"a"`
					B     graph.EntityView `json:"b"`
					Facts []graph.FactView `json:"facts"`
					Paths [][]graph.Edge   `json:"paths,omitempty"`
				}{a, b, nonNil(facts), paths})
			}
			printBetween(out, a, b, facts, paths, n)
			return nil
		},
	}
	cmd.Flags().IntVar(&hops, "hops", 0, "also list paths of up to this many direct relations between two entities")
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func nonNil(fs []graph.FactView) []graph.FactView {
	if fs == nil {
		return []graph.FactView{}
	}
	return fs
}

// resolveEntity turns a typed name into an entity, failing with
// suggestions when the name is unknown and noting other entities that bear
// the same name.
func resolveEntity(ctx context.Context, stderr io.Writer, st *graph.Store, name string) (graph.EntityView, error) {
	iri, sugg, err := st.Resolve(ctx, name)
	if err != nil {
		return graph.EntityView{}, fmt.Errorf("rel: %w", err)
	}
	if iri == "" {
		if len(sugg) == 0 {
			return graph.EntityView{}, fmt.Errorf("no entity named %q (see `kg entities`)", name)
		}
		return graph.EntityView{}, fmt.Errorf("no entity named %q; did you mean: %s?", name, strings.Join(sugg, ", "))
	}
	if len(sugg) > 0 {
		fmt.Fprintf(stderr, "note: %q also names %s; using %s (pass an IRI to choose)\n", name, strings.Join(sugg, ", "), iri)
	}
	ev, ok, err := st.Entity(ctx, iri)
	if err != nil {
		return graph.EntityView{}, fmt.Errorf("rel: %w", err)
	}
	if !ok {
		return graph.EntityView{}, fmt.Errorf("no entity named %q", name)
	}
	return ev, nil
}

func entityHeader(e graph.EntityView) string {
	types := make([]string, len(e.Types))
	for i, t := range e.Types {
		types[i] = t[strings.LastIndexAny(t, ":/#")+1:]
	}
	h := fmt.Sprintf("%s  %s  %s", e.Name, e.IRI, strings.Join(types, ","))
	if len(e.Aliases) > 0 {
		h += "  (also: " + strings.Join(e.Aliases, "; ") + ")"
	}
	return h
}

func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	return fmt.Sprintf("%d %ss", n, word)
}

// printEntityFacts prints the facts about e grouped by predicate (the
// facts arrive sorted by predicate).
func printEntityFacts(w io.Writer, e graph.EntityView, facts []graph.FactView) {
	fmt.Fprintln(w, entityHeader(e))
	fmt.Fprintf(w, "%s, mentioned in %s\n", plural(len(facts), "fact"), plural(e.Docs, "document"))
	printFactGroups(w, facts)
}

// printFactGroups prints facts grouped by predicate (they arrive sorted
// by predicate). Facts that read the same — the same statement drawn from
// several sentences or documents — are printed once with all their
// evidence, so repetition in the corpus shows as support, not as
// duplicates.
func printFactGroups(w io.Writer, facts []graph.FactView) {
	for i := 0; i < len(facts); {
		j := i
		for j < len(facts) && facts[j].Predicate == facts[i].Predicate {
			j++
		}
		var lines []string
		byLine := map[string][]graph.FactView{}
		for _, f := range facts[i:j] {
			l := factLine(f)
			if _, ok := byLine[l]; !ok {
				lines = append(lines, l)
			}
			byLine[l] = append(byLine[l], f)
		}
		fmt.Fprintf(w, "\n%s (%d)\n", facts[i].Predicate, len(lines))
		for _, l := range lines {
			fmt.Fprintf(w, "  %s\n", l)
			for _, f := range byLine[l] {
				printEvidence(w, f)
			}
		}
		i = j
	}
}

// printEvidence prints where a fact comes from: its sentence, document,
// character offsets and confidence.
func printEvidence(w io.Writer, f graph.FactView) {
	if f.Sentence != "" {
		fmt.Fprintf(w, "    “%s”\n", strings.Join(strings.Fields(f.Sentence), " "))
	}
	src := f.DocPath
	if src == "" {
		src = string(f.Doc)
	}
	if f.DocTitle != "" {
		src += " — " + f.DocTitle
	}
	fmt.Fprintf(w, "    %s [%d:%d], confidence %.2f\n", src, f.Start, f.End, f.Confidence)
}

// factLine renders a fact as "Subject verb Object; role: value ...", with
// negation, modality and the speaker of reported speech made explicit.
func factLine(f graph.FactView) string {
	var b strings.Builder
	if f.AttributedTo != nil {
		fmt.Fprintf(&b, "[%s says] ", f.AttributedTo.Name)
	}
	subj := f.Arg("subject")
	if subj != nil {
		b.WriteString(subj.Name)
		b.WriteByte(' ')
	}
	if f.Negated {
		b.WriteString("NOT ")
	}
	if f.Modality != "" {
		b.WriteString(f.Modality + " ")
	}
	b.WriteString(f.Predicate)
	// Every object is printed: a typed fact such as an event's
	// participants can have several.
	sep := " "
	for _, a := range f.Args {
		if a.Role == "object" {
			b.WriteString(sep + a.Name)
			sep = ", "
		}
	}
	for _, a := range f.Args {
		if a.Role == "subject" || a.Role == "object" {
			continue
		}
		fmt.Fprintf(&b, "; %s: %s", a.Role, a.Name)
	}
	return b.String()
}

func printBetween(w io.Writer, a, b graph.EntityView, facts []graph.FactView, paths [][]graph.Edge, hops int) {
	fmt.Fprintln(w, entityHeader(a))
	fmt.Fprintln(w, entityHeader(b))
	if len(facts) == 0 {
		fmt.Fprintf(w, "\nno fact links %s and %s\n", a.Name, b.Name)
	} else {
		fmt.Fprintf(w, "\n%s linking %s and %s\n", plural(len(facts), "fact"), a.Name, b.Name)
		printFactGroups(w, facts)
	}
	if hops <= 0 {
		return
	}
	if len(paths) == 0 {
		fmt.Fprintf(w, "\nno path of up to %s between them\n", plural(hops, "hop"))
		return
	}
	fmt.Fprintf(w, "\n%s of up to %s:\n", plural(len(paths), "path"), plural(hops, "hop"))
	for _, p := range paths {
		fmt.Fprintf(w, "  %s\n", pathLine(a, p))
	}
	if len(paths) == graph.MaxPaths {
		fmt.Fprintf(w, "  (stopped at %d paths)\n", graph.MaxPaths)
	}
}

// pathLine renders a path from a, showing each edge in its stored
// direction: "A —invite→ B ←meet— C".
func pathLine(a graph.EntityView, p []graph.Edge) string {
	var b strings.Builder
	b.WriteString(a.Name)
	cur := a.IRI
	for _, e := range p {
		if e.Subject == cur {
			fmt.Fprintf(&b, " —%s→ %s", e.Predicate, e.ObjectName)
			cur = e.Object
		} else {
			fmt.Fprintf(&b, " ←%s— %s", e.Predicate, e.SubjectName)
			cur = e.Subject
		}
	}
	return b.String()
}
