package server

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
	"time"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/query"
	// The query languages the Cayley UI offers register themselves on import.
	_ "github.com/cayleygraph/cayley/query/gizmo"
	_ "github.com/cayleygraph/cayley/query/graphql"
	_ "github.com/cayleygraph/cayley/query/mql"
)

// Languages are the query languages served, as named in ?lang= and in
// /api/v1/shape/{lang}. Other languages registered in the process (by other
// imports) are deliberately not exposed.
var Languages = []string{"gizmo", "graphql", "mql"}

// drainLimit bounds how long a finished query's handler waits for the
// query's iterators to be closed (see cancelStore); they normally are within
// milliseconds of the context ending.
const drainLimit = 5 * time.Second

// errBusy is returned when no query slot frees up before the deadline.
var errBusy = errors.New("too many queries are running; try again later")

// queryResult is the body of a successful /api/v2/query answer. Result is
// never null, so the UI's visualiser can always iterate it.
type queryResult struct {
	Result    []any `json:"result"`
	Truncated bool  `json:"truncated,omitempty"`
}

// serveQuery mirrors cayley's APIv2.ServeQuery (same request and response
// shapes, so cayley's UI and clients work unchanged) but adds what that handler
// lacks: a slot limit, a deadline that turns partial results into an error
// rather than a silent short answer, a result cap with a truncation flag, and
// a fallback to plain JSON for languages without JSON-LD output.
func (s *server) serveQuery(w http.ResponseWriter, r *http.Request) {
	s.handleQuery(w, r, r.URL.Query().Get("lang"), func(ctx context.Context, lang, text string) (any, error) {
		cs := newCancelStore(ctx, s.qs)
		defer func() {
			if !cs.drain(drainLimit) {
				s.opts.Logger.Printf("kg serve: a stopped query still had iterators open after %s", drainLimit)
			}
		}()
		return runQuery(ctx, cs, lang, text, collationFor(r), s.opts.ResultLimit)
	})
}

// handleQuery is the common frame of the query endpoints: it reads the query,
// gives run a context bounded by the query timeout and a query slot, and
// answers with run's result as JSON or with its error.
func (s *server) handleQuery(w http.ResponseWriter, r *http.Request, lang string, run func(ctx context.Context, lang, text string) (any, error)) {
	lang, text, ok := s.readQuery(w, r, lang)
	if !ok {
		return
	}
	s.withSlot(w, r, func(ctx context.Context) {
		res, err := run(ctx, lang, text)
		if err != nil {
			s.queryFailed(w, r, err)
			return
		}
		writeJSON(w, http.StatusOK, res)
	})
}

// withSlot runs fn holding a query slot, with a context that ends after the
// query timeout; it answers the request itself when no slot frees up in time.
func (s *server) withSlot(w http.ResponseWriter, r *http.Request, fn func(ctx context.Context)) {
	ctx, cancel := context.WithTimeout(r.Context(), s.opts.QueryTimeout)
	defer cancel()
	release, err := s.acquire(ctx)
	if err != nil {
		s.queryFailed(w, r, err)
		return
	}
	defer release()
	fn(ctx)
}

// readQuery extracts the language and query text and answers the request
// itself (returning ok=false) when either is unusable.
func (s *server) readQuery(w http.ResponseWriter, r *http.Request, lang string) (string, string, bool) {
	if lang == "" {
		writeError(w, http.StatusBadRequest, "query language not specified (lang="+strings.Join(Languages, "|")+")")
		return "", "", false
	}
	if !slices.Contains(Languages, lang) || query.GetLanguage(lang) == nil {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("unknown query language %q (want one of %s)", lang, strings.Join(Languages, ", ")))
		return "", "", false
	}
	var text string
	if r.Method == http.MethodGet {
		text = r.URL.Query().Get("qu")
	} else {
		data, err := io.ReadAll(r.Body)
		if err != nil {
			if isTooLarge(err) {
				writeError(w, http.StatusRequestEntityTooLarge, tooLargeMessage(s.opts.MaxBodyBytes))
			} else {
				writeError(w, http.StatusBadRequest, fmt.Sprintf("reading query: %v", err))
			}
			return "", "", false
		}
		text = string(data)
	}
	if strings.TrimSpace(text) == "" {
		writeError(w, http.StatusBadRequest, "query is empty")
		return "", "", false
	}
	return lang, text, true
}

// acquire takes a query slot, waiting at most until ctx ends. The cap keeps a
// burst of expensive queries from starving the cheap ones (and the UI).
func (s *server) acquire(ctx context.Context) (func(), error) {
	select {
	case s.slots <- struct{}{}:
		return func() { <-s.slots }, nil
	case <-ctx.Done():
		return nil, errBusy
	}
}

// queryFailed maps an execution error to a status code and JSON error.
func (s *server) queryFailed(w http.ResponseWriter, r *http.Request, err error) {
	code := http.StatusBadRequest
	switch {
	case r.Context().Err() != nil:
		// The client went away or the server is stopping.
		code = http.StatusServiceUnavailable
		err = errors.New("query cancelled: the client went away or the server is stopping")
	case errors.Is(err, errBusy):
		code = http.StatusServiceUnavailable
	case errors.Is(err, context.DeadlineExceeded):
		code = http.StatusGatewayTimeout
		err = fmt.Errorf("query stopped: it ran longer than the %s limit (kg serve --timeout)", s.opts.QueryTimeout)
	}
	if code != http.StatusBadRequest {
		s.opts.Logger.Printf("kg serve: %s %s: %v", r.Method, r.URL.Path, err)
	}
	writeError(w, code, err.Error())
}

// collationFor picks JSON-LD when the client asks for it (cayley's UI does,
// and its visualiser relies on {"@id": ...} nodes), plain JSON otherwise.
func collationFor(r *http.Request) query.Collation {
	for _, part := range strings.Split(r.Header.Get("Accept"), ",") {
		mt, _, _ := strings.Cut(strings.TrimSpace(part), ";")
		switch strings.TrimSpace(mt) {
		case "application/ld+json":
			return query.JSONLD
		case "application/json":
			return query.JSON
		}
	}
	return query.JSON
}

// runQuery executes text in lang against qs and collects at most limit
// results. It returns an error wrapping ctx.Err() when ctx ends before the
// query does: cayley's iterators stop early on a cancelled context without
// reporting it, so a partial answer would otherwise look complete.
func runQuery(ctx context.Context, qs cgraph.QuadStore, lang, text string, col query.Collation, limit int) (*queryResult, error) {
	l := query.GetLanguage(lang)
	if l == nil || l.Session == nil {
		return nil, fmt.Errorf("query language %q cannot run over HTTP", lang)
	}
	ses := l.Session(qs)
	// Ask for one more than the cap so a capped answer can say so.
	opt := query.Options{Collation: col, Limit: limit + 1}
	it, err := ses.Execute(ctx, text, opt)
	var unsupported *query.ErrUnsupportedCollation
	if errors.As(err, &unsupported) && col != query.JSON {
		opt.Collation = query.JSON
		it, err = ses.Execute(ctx, text, opt)
	}
	if err != nil {
		return nil, err
	}
	// Close interrupts a Gizmo script still running (goja's vm.Interrupt).
	defer it.Close()

	res := &queryResult{Result: []any{}}
	for it.Next(ctx) {
		v := it.Result()
		if v == nil {
			// Gizmo reports a script's final expression as a nil "meta"
			// result in JSON collations; it carries nothing.
			continue
		}
		if len(res.Result) == limit {
			res.Truncated = true
			break
		}
		res.Result = append(res.Result, v)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("query interrupted: %w", err)
	}
	if err := it.Err(); err != nil {
		return nil, err
	}
	return res, nil
}

// writeJSON sends v as JSON without HTML escaping (query results are data,
// and the UI shows them verbatim).
func writeJSON(w http.ResponseWriter, code int, v any) {
	w.Header().Set("Content-Type", jsonContentType)
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v) // the client may be gone; nothing useful to do
}
