// Command cayley-bbolt is Cayley's own `load` and `dump` commands (from the
// pinned module's cmd/cayley/command package) with Cayley's bbolt backend
// registered. The stock cayley binary, which bench/run.sh also builds from
// this module (`go build github.com/cayleygraph/cayley/cmd/cayley`, the
// tool in go.mod), registers only the legacy "bolt" backend
// (github.com/boltdb/bolt): its graph/all imports graph/kv/bolt but not
// graph/kv/bbolt. kg writes bbolt, so comparing `kg import` with
// `cayley load` on the same storage engine needs this wrapper.
//
// Only the flags the load and dump commands read are wired (the same names
// and configuration keys as the stock binary); the loading itself is
// Cayley's code, unchanged.
//
//	cayley-bbolt load --init --db bbolt --dbpath DIR --load FILE.nq
//	cayley-bbolt dump --db bbolt --dbpath DIR --dump - --dump_format nquads
//
// This module is separate from kg's so that Cayley's full backend set
// (MongoDB, Elasticsearch, CockroachDB, ...) stays out of kg's go.mod.
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/viper"

	"github.com/cayleygraph/cayley/clog"
	_ "github.com/cayleygraph/cayley/clog/glog"
	"github.com/cayleygraph/cayley/cmd/cayley/command"
	"github.com/cayleygraph/cayley/graph"
	_ "github.com/cayleygraph/cayley/graph/all"
	_ "github.com/cayleygraph/cayley/graph/kv/bbolt"
	_ "github.com/cayleygraph/cayley/writer"
	"github.com/cayleygraph/quad"
	_ "github.com/cayleygraph/quad/nquads"
)

func main() {
	root := &cobra.Command{
		Use:   "cayley-bbolt",
		Short: "Cayley's load and dump commands with the bbolt backend registered",
		PersistentPreRunE: func(cmd *cobra.Command, args []string) error {
			// What the stock binary's root command does before every
			// command: copy the load options into Cayley's globals.
			graph.IgnoreDuplicates = viper.GetBool("load.ignore_duplicates")
			graph.IgnoreMissing = viper.GetBool("load.ignore_missing")
			quad.DefaultBatch = viper.GetInt(command.KeyLoadBatch)
			return nil
		},
		SilenceUsage: true,
	}
	root.AddCommand(command.NewLoadDatabaseCmd(), command.NewDumpDatabaseCmd())
	pf := root.PersistentFlags()
	pf.StringP("db", "d", "bbolt", "database backend")
	pf.StringP("dbpath", "a", "", "path or address string for database")
	pf.Bool("dup", true, "don't stop loading on duplicated on add")
	pf.Bool("missing", false, "don't stop loading on missing key on delete")
	pf.Int("batch", quad.DefaultBatch, "size of quads batch to load at once")
	// Read by the load command's profiling hooks; empty turns them off.
	pf.String("cpuprofile", "", "path to output cpu profile")
	pf.String("memprofile", "", "path to output memory profile")
	for key, name := range map[string]string{
		command.KeyBackend:       "db",
		command.KeyAddress:       "dbpath",
		"load.ignore_duplicates": "dup",
		"load.ignore_missing":    "missing",
		command.KeyLoadBatch:     "batch",
	} {
		if err := viper.BindPFlag(key, pf.Lookup(name)); err != nil {
			fmt.Fprintln(os.Stderr, "cayley-bbolt:", err)
			os.Exit(2)
		}
	}
	viper.RegisterAlias(command.KeyPath, command.KeyAddress)
	// glog logs to files by default; the stock binary sends it to stderr.
	if f := flag.Lookup("logtostderr"); f != nil {
		f.Value.Set("true")
	}
	if err := root.Execute(); err != nil {
		clog.Errorf("%v", err)
		os.Exit(1)
	}
}
