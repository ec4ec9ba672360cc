package main

import (
	"fmt"
	"net"
	"time"

	"github.com/spf13/cobra"

	"github.com/kg-project/kg/graph/server"
)

// newServeCmd serves the Cayley web UI and HTTP API over the graph. It is
// safe by default: loopback only, read-only, bounded queries (see package
// graph/server for what is enforced and why).
func newServeCmd() *cobra.Command {
	var (
		addr     string
		writable bool
		timeout  time.Duration
		limit    int
		origins  []string
		hosts    []string
	)
	cmd := &cobra.Command{
		Use:   "serve",
		Short: "Serve the Cayley web UI and /api/v2 over the knowledge graph",
		Long: `Serve opens the store and serves Cayley's web UI (query editor with Gizmo,
GraphQL and MQL, query shapes, a graph visualiser) and Cayley's HTTP API
(/api/v2/query?lang=gizmo|graphql|mql) on --addr. The UI works with no
internet access: everything it loads comes from this server.

The store (--store, default $KG_STORE, else bolt:kg.db) is opened
read-only unless --writable, which also enables
/api/v2/write and /api/v2/delete. Each query stops after --timeout and
returns at most --limit results. Cross-site requests and requests for
Host names other than loopback (or --allow-host) are refused.
Ctrl+C stops the server, letting running requests finish for a moment.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) (err error) {
			ctx := cmd.Context()
			st, err := openStore(cmd, !writable)
			if err != nil {
				return err
			}
			// Closed after Serve returns, when every query has released the
			// store (the server drains stopped queries before answering).
			defer closeStore(st, &err)

			ln, err := net.Listen("tcp", addr)
			if err != nil {
				return fmt.Errorf("serve: listen on %s: %w", addr, err)
			}
			out := cmd.OutOrStdout()
			if !server.IsLoopback(addr) && len(hosts) == 0 {
				fmt.Fprintln(out, "kg serve: warning: listening beyond loopback, but only loopback Host names are accepted; add --allow-host NAME for the names clients use")
			}
			h := server.New(st.QuadStore(), server.Options{
				Writable:       writable,
				QueryTimeout:   timeout,
				ResultLimit:    limit,
				AllowedOrigins: origins,
				AllowedHosts:   hosts,
			})
			mode := "read-only"
			if writable {
				mode = "writable"
			}
			fmt.Fprintf(out, "kg serve: %s store %s; UI at http://%s/ (queries stop after %s, at most %d results); Ctrl+C stops\n",
				mode, st.Spec(), ln.Addr(), timeout, limit)
			if err := server.Serve(ctx, ln, h, timeout); err != nil {
				return fmt.Errorf("serve: %w", err)
			}
			fmt.Fprintln(out, "kg serve: stopped")
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&addr, "addr", "127.0.0.1:64210", "address to listen on (host:port)")
	f.BoolVar(&writable, "writable", false, "open the store for writing and enable /api/v2/write and /api/v2/delete")
	f.DurationVar(&timeout, "timeout", server.DefaultQueryTimeout, "time limit of one query")
	f.IntVar(&limit, "limit", server.DefaultResultLimit, "maximum results of one query")
	f.StringSliceVar(&origins, "allow-origin", nil, "browser origin allowed to call the API cross-origin (CORS); repeatable")
	f.StringSliceVar(&hosts, "allow-host", nil, "Host name accepted besides loopback names (e.g. when serving on a LAN); repeatable")
	return cmd
}
