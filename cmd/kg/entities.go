package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

// newEntitiesCmd lists entities, optionally of one type.
func newEntitiesCmd() *cobra.Command {
	var (
		typ    string
		limit  int
		asJSON bool
	)
	cmd := &cobra.Command{
		Use:   "entities",
		Short: "List the entities in the graph, most connected first",
		Long: `Entities lists the people, organisations, places and other things in the
graph with their type, aliases and how many facts and documents mention
them. --type filters by class, named as in schema.org (Person,
Organization, Place, Event, CreativeWork, Thing) or ours (Group), in any
case.`,
		Example: `  kg entities
  kg entities --type person
  kg entities --type Place --limit 0 --json`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) (err error) {
			st, err := openStore(cmd, true)
			if err != nil {
				return err
			}
			defer closeStore(st, &err)
			ents, err := st.Entities(cmd.Context(), typ)
			if err != nil {
				return fmt.Errorf("entities: %w", err)
			}
			total := len(ents)
			if limit > 0 && len(ents) > limit {
				ents = ents[:limit]
			}
			if asJSON {
				return writeJSON(cmd.OutOrStdout(), ents)
			}
			tw := tabwriter.NewWriter(cmd.OutOrStdout(), 0, 4, 2, ' ', 0)
			fmt.Fprintln(tw, "NAME\tTYPE\tFACTS\tDOCS\tALIASES\tIRI")
			for _, e := range ents {
				types := make([]string, len(e.Types))
				for i, t := range e.Types {
					types[i] = t[strings.LastIndexAny(t, ":/#")+1:]
				}
				fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%s\t%s\n", e.Name, strings.Join(types, ","), e.Facts, e.Docs,
					truncate(strings.Join(e.Aliases, "; "), 50), e.IRI)
			}
			if err := tw.Flush(); err != nil {
				return err
			}
			if total > len(ents) {
				fmt.Fprintf(cmd.OutOrStdout(), "%d of %d entities (--limit 0 for all)\n", len(ents), total)
			} else {
				fmt.Fprintf(cmd.OutOrStdout(), "%d entities\n", total)
			}
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVarP(&typ, "type", "t", "", "only entities of this class (Person, Organization, Place, ...)")
	f.IntVarP(&limit, "limit", "n", 50, "show at most this many (0: all)")
	f.BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}
