// Package server serves the Cayley web UI and the Cayley HTTP API (/api/v2)
// over one of our quad stores, made safe to leave running on a workstation:
//
//   - The UI is Cayley's own prebuilt React app (embedded in the cayley module),
//     rewritten as it is loaded so that it talks to the serving origin instead of
//     a hard-coded http://localhost:64210, loads Monaco from this server (or a
//     small built-in fallback editor) instead of a CDN, and uses no web fonts
//     from the internet. No request the UI makes leaves the machine.
//   - Queries run with a deadline, a result cap and a cap on how many run at
//     once; a runaway Gizmo script is interrupted and the server keeps serving.
//   - The store is read-only unless Options.Writable; request bodies are capped;
//     CORS is closed unless origins are listed; cross-site POSTs and requests for
//     foreign Host names (DNS rebinding) are refused; the UI is sent with a
//     strict Content-Security-Policy and the usual hardening headers.
package server

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log"
	"net"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/memstore"
	cayleyhttp "github.com/cayleygraph/cayley/server/http"
	// N-Quads is the format cayley's write handlers default to (its UI sends
	// text/plain); formats register themselves on import.
	_ "github.com/cayleygraph/quad/nquads"

	"github.com/kg-project/kg/graph/ui"
)

// Defaults applied by New to zero-valued Options fields.
const (
	DefaultQueryTimeout  = 30 * time.Second
	DefaultResultLimit   = 5000
	DefaultMaxBodyBytes  = 1 << 20
	defaultWriterName    = "single"
	maxConcurrentFloor   = 2
	jsonContentType      = "application/json"
	readOnlyErrorMessage = "the graph is served read-only; restart kg serve with --writable to change it"
)

// Options configure the handler returned by New. The zero value is the safe
// default: read-only, 30 s per query, 5000 results, 1 MB bodies, no CORS,
// loopback Host names only.
type Options struct {
	// Writable enables /api/v2/write, /api/v2/delete and /api/v2/node/delete.
	// When false those answer 403 with a JSON error.
	Writable bool
	// QueryTimeout bounds one query (default DefaultQueryTimeout).
	QueryTimeout time.Duration
	// ResultLimit caps the results of one query (default DefaultResultLimit);
	// a capped response carries "truncated": true.
	ResultLimit int
	// MaxBodyBytes caps every request body (default DefaultMaxBodyBytes).
	MaxBodyBytes int64
	// MaxConcurrentQueries caps queries (and writes) running at once; others
	// wait for a slot until their own deadline (default: GOMAXPROCS, at least
	// 2; always 1 over Cayley's in-memory store, which is not thread-safe).
	MaxConcurrentQueries int
	// AllowedOrigins lists browser origins (e.g. "http://localhost:3000") that
	// may call the API cross-origin. Empty means CORS stays closed.
	AllowedOrigins []string
	// AllowedHosts lists extra Host header names (without port) accepted besides
	// loopback names (localhost, 127.0.0.0/8, ::1). Requests naming any other
	// host are refused, which defeats DNS-rebinding attacks on a local server.
	// "*" accepts every host (for a server deliberately exposed behind a proxy).
	AllowedHosts []string
	// Assets holds the front-end build (Monaco, icon font). Nil means the build
	// embedded in package graph/ui; tests pass an empty fs.FS to exercise the
	// fallback editor.
	Assets fs.FS
	// Logger receives one line per failed request; nil means log.Default().
	Logger *log.Logger
}

func (o Options) withDefaults() Options {
	if o.QueryTimeout <= 0 {
		o.QueryTimeout = DefaultQueryTimeout
	}
	if o.ResultLimit <= 0 {
		o.ResultLimit = DefaultResultLimit
	}
	if o.MaxBodyBytes <= 0 {
		o.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if o.MaxConcurrentQueries <= 0 {
		o.MaxConcurrentQueries = max(runtime.GOMAXPROCS(0), maxConcurrentFloor)
	}
	if o.Assets == nil {
		o.Assets = ui.Assets()
	}
	if o.Logger == nil {
		o.Logger = log.Default()
	}
	return o
}

// server holds the per-handler state; nothing here is global.
type server struct {
	qs    cgraph.QuadStore
	opts  Options
	slots chan struct{} // query concurrency semaphore
	web   *webUI
	api   *cayleyhttp.APIv2 // cayley's own write/delete handlers (Writable only)
}

// New returns an http.Handler serving the Cayley UI at / and the API under
// /api over qs. See Options for the limits it enforces.
func New(qs cgraph.QuadStore, opts Options) http.Handler {
	opts = opts.withDefaults()
	if _, ok := cgraph.Unwrap(qs).(*memstore.QuadStore); ok {
		// Cayley's in-memory store is not safe even for concurrent readers
		// (iterators update shared state), so requests take turns.
		opts.MaxConcurrentQueries = 1
	}
	s := &server{
		qs:    qs,
		opts:  opts,
		slots: make(chan struct{}, opts.MaxConcurrentQueries),
		web:   newWebUI(opts.Assets),
	}
	if opts.Writable {
		// Reuse cayley's handlers for the write side: they parse every quad
		// format cayley knows and report counts the way its UI expects.
		h := &cgraph.Handle{QuadStore: qs}
		if qw, err := cgraph.NewQuadWriter(defaultWriterName, qs, nil); err == nil {
			h.QuadWriter = qw
			s.api = cayleyhttp.NewAPIv2Writer(h, defaultWriterName, nil)
		} else {
			opts.Logger.Printf("kg serve: writes disabled, cannot open a quad writer: %v", err)
		}
	}

	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/v2/query", s.serveQuery)
	mux.HandleFunc("POST /api/v2/query", s.serveQuery)
	mux.HandleFunc("POST /api/v1/shape/{lang}", s.serveShape)
	mux.HandleFunc("GET /api/v2/formats", s.serveFormats)
	for _, p := range []string{"/api/v2/write", "/api/v2/delete", "/api/v2/node/delete"} {
		mux.HandleFunc("POST "+p, s.serveWrite)
	}
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no API endpoint %s %s", r.Method, r.URL.Path))
	})
	mux.Handle("/", s.web)
	return s.guard(mux)
}

// guard wraps every request with the checks that do not depend on the route:
// Host allow-list, cross-site POST refusal, CORS, body cap, common headers.
func (s *server) guard(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		h.Set("Cross-Origin-Resource-Policy", "same-origin")

		if !s.hostAllowed(r.Host) {
			writeError(w, http.StatusMisdirectedRequest,
				fmt.Sprintf("host %q is not served here (use 127.0.0.1 or localhost, or list it with --allow-host)", r.Host))
			return
		}
		origin := r.Header.Get("Origin")
		crossOrigin := origin != "" && !sameOrigin(origin, r)
		corsOK := crossOrigin && slices.Contains(s.opts.AllowedOrigins, origin)
		if corsOK {
			h.Set("Access-Control-Allow-Origin", origin)
			h.Add("Vary", "Origin")
			if r.Method == http.MethodOptions {
				h.Set("Access-Control-Allow-Methods", "GET, POST")
				h.Set("Access-Control-Allow-Headers", "Content-Type, Accept, Content-Encoding")
				h.Set("Access-Control-Max-Age", "600")
				w.WriteHeader(http.StatusNoContent)
				return
			}
		}
		// A page on another site can make the browser send a "simple" POST to
		// a local server even though CORS hides the answer; refuse it, since a
		// write (or a costly query) would already have happened.
		if crossOrigin && !corsOK && r.Method != http.MethodGet && r.Method != http.MethodHead {
			writeError(w, http.StatusForbidden, fmt.Sprintf("cross-origin request from %q refused", origin))
			return
		}
		if r.ContentLength > s.opts.MaxBodyBytes {
			writeError(w, http.StatusRequestEntityTooLarge, tooLargeMessage(s.opts.MaxBodyBytes))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, s.opts.MaxBodyBytes)
		next.ServeHTTP(w, r)
	})
}

func tooLargeMessage(limit int64) string {
	return fmt.Sprintf("request body is larger than the %d-byte limit", limit)
}

// hostAllowed implements the DNS-rebinding defence described at AllowedHosts.
func (s *server) hostAllowed(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.Trim(host, "[]"), ".")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return true
	}
	for _, a := range s.opts.AllowedHosts {
		if a == "*" || strings.EqualFold(a, host) {
			return true
		}
	}
	return false
}

// sameOrigin reports whether a browser Origin header names the origin the
// request was sent to (scheme://Host).
func sameOrigin(origin string, r *http.Request) bool {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return strings.EqualFold(origin, scheme+"://"+r.Host)
}

func (s *server) serveWrite(w http.ResponseWriter, r *http.Request) {
	if !s.opts.Writable {
		writeError(w, http.StatusForbidden, readOnlyErrorMessage)
		return
	}
	if s.api == nil {
		writeError(w, http.StatusServiceUnavailable, "writes are unavailable: the store has no quad writer")
		return
	}
	// Writes share the query slots, so they too are bounded and, on a store
	// that needs it, never run beside a query.
	s.withSlot(w, r, func(context.Context) { s.api.ServeHTTP(w, r) })
}

func (s *server) serveFormats(w http.ResponseWriter, r *http.Request) {
	// Formats are a static list; cayley's handler needs no store access.
	(&cayleyhttp.APIv2{}).ServeFormats(w, r)
}

// writeError sends {"error": msg}, the shape Cayley's UI looks for.
func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, map[string]string{"error": msg})
}

// isTooLarge reports whether err came from http.MaxBytesReader.
func isTooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}
