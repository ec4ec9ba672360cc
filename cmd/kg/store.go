package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"

	"github.com/spf13/cobra"

	"github.com/kg-project/kg/graph"
)

// storeEnv names the environment variable that picks the store when
// --store is not given, so a session can point every command at one store.
const storeEnv = "KG_STORE"

// addStoreFlag registers --store on root as a persistent flag, inherited by
// every command that reads or writes the graph. A command may still define
// its own local --store (cobra prefers the local one).
func addStoreFlag(root *cobra.Command) {
	root.PersistentFlags().String("store", "",
		"graph store: bolt:PATH (a directory), PATH, mem: or postgres://... (default $"+storeEnv+", else "+graph.DefaultSpec+")")
}

// storeSpec returns the store a command should use: --store if given, else
// $KG_STORE, else graph.DefaultSpec.
func storeSpec(cmd *cobra.Command) string {
	if f := cmd.Flags().Lookup("store"); f != nil && f.Changed && f.Value.String() != "" {
		return f.Value.String()
	}
	if env := os.Getenv(storeEnv); env != "" {
		return env
	}
	return graph.DefaultSpec
}

// openStore opens the command's store. Read-only opens take a shared lock,
// so they work while `kg serve` (read-only by default) runs.
func openStore(cmd *cobra.Command, readOnly bool) (*graph.Store, error) {
	st, err := graph.Open(cmd.Context(), storeSpec(cmd), graph.Options{ReadOnly: readOnly})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", cmd.Name(), err)
	}
	return st, nil
}

// closeStore closes st and reports a close error unless the command already
// failed.
func closeStore(st *graph.Store, err *error) {
	if cerr := st.Close(); cerr != nil && *err == nil {
		*err = cerr
	}
}

// writeJSON prints v as indented JSON, the --json output of every command.
func writeJSON(w io.Writer, v interface{}) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
