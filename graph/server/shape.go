package server

import (
	"context"
	"fmt"
	"net/http"
	"reflect"
	"regexp"
	"slices"
	"sync"

	cgraph "github.com/cayleygraph/cayley/graph"
	"github.com/cayleygraph/cayley/graph/iterator"
	"github.com/cayleygraph/cayley/graph/refs"
	"github.com/cayleygraph/cayley/query"
	"github.com/cayleygraph/cayley/query/shape"
	"github.com/cayleygraph/quad"
)

// shapeResult is the body of a successful /api/v1/shape/{lang} answer: the
// query plan of every iterator tree the query built, after cayley's generic
// optimisations, as nested {"type": ..., fields...} objects.
type shapeResult struct {
	Shapes []any `json:"shapes"`
}

// serveShape implements the "Query Shape" tab, which upstream cayley no
// longer serves (it answers 501). The query runs for real through its
// language's session, but over shapeRecorder, a view of the store whose
// iterators are all empty: the plan is captured as cayley optimises it, and
// no data is read, so the endpoint is cheap however broad the query.
func (s *server) serveShape(w http.ResponseWriter, r *http.Request) {
	s.handleQuery(w, r, r.PathValue("lang"), func(ctx context.Context, lang, text string) (any, error) {
		rec := &shapeRecorder{QuadStore: s.qs}
		if _, err := runQuery(ctx, rec, lang, text, query.JSON, s.opts.ResultLimit); err != nil {
			return nil, err
		}
		d := describer{qs: s.qs}
		out := shapeResult{Shapes: []any{}}
		for _, sh := range rec.roots() {
			out.Shapes = append(out.Shapes, d.describe(reflect.ValueOf(sh), 0))
		}
		return out, nil
	})
}

// shapeRecorder is a QuadStore view that records every shape cayley's
// optimiser hands to a store (shape.Optimizer is consulted for each node of
// each tree, children first) and yields no data. Value and ref lookups go to
// the real store, so the plan resolves names as a real run would.
type shapeRecorder struct {
	cgraph.QuadStore

	mu   sync.Mutex // Gizmo builds trees on its own goroutine
	seen []shape.Shape
}

// OptimizeShape records s and leaves it unchanged.
func (r *shapeRecorder) OptimizeShape(_ context.Context, s shape.Shape) (shape.Shape, bool) {
	r.mu.Lock()
	r.seen = append(r.seen, s)
	r.mu.Unlock()
	return s, false
}

// NodesAllIterator yields nothing: a shape request reads no data.
func (r *shapeRecorder) NodesAllIterator() iterator.Shape { return iterator.NewNull() }

// QuadsAllIterator yields nothing: a shape request reads no data.
func (r *shapeRecorder) QuadsAllIterator() iterator.Shape { return iterator.NewNull() }

// QuadIterator yields nothing: a shape request reads no data.
func (r *shapeRecorder) QuadIterator(quad.Direction, cgraph.Ref) iterator.Shape {
	return iterator.NewNull()
}

// roots returns the recorded shapes that are not part of a larger recorded
// shape: the root of each tree the query built, in build order. Shapes are
// plain values without identity, so containment is decided on their %#v
// rendering; a tree identical to a subtree of another is reported once.
func (r *shapeRecorder) roots() []shape.Shape {
	r.mu.Lock()
	seen := slices.Clone(r.seen)
	r.mu.Unlock()

	keys := make([]string, len(seen))
	inner := make(map[string]bool)
	for i, s := range seen {
		keys[i] = fmt.Sprintf("%#v", s)
		self := true
		shape.Walk(s, func(c shape.Shape) bool {
			if self {
				self = false
				return true
			}
			inner[fmt.Sprintf("%#v", c)] = true
			return true
		})
	}
	var out []shape.Shape
	done := make(map[string]bool)
	for i, s := range seen {
		if inner[keys[i]] || done[keys[i]] {
			continue
		}
		done[keys[i]] = true
		out = append(out, s)
	}
	return out
}

// describer renders shapes as JSON-friendly trees, naming nodes by value.
type describer struct {
	qs cgraph.QuadStore
}

const maxDescribeDepth = 64

var (
	rtShape  = reflect.TypeFor[shape.Shape]()
	rtValue  = reflect.TypeFor[quad.Value]()
	rtRef    = reflect.TypeFor[refs.Ref]()
	rtRegexp = reflect.TypeFor[*regexp.Regexp]()
	rtIter   = reflect.TypeFor[iterator.Shape]()
	rtString = reflect.TypeFor[fmt.Stringer]()
)

func (d describer) describe(v reflect.Value, depth int) any {
	if depth > maxDescribeDepth || !v.IsValid() {
		return nil
	}
	if (v.Kind() == reflect.Interface || v.Kind() == reflect.Pointer) && v.IsNil() {
		return nil
	}
	if v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	t := v.Type()
	switch {
	case t.Implements(rtValue):
		return v.Interface().(quad.Value).String()
	case t == rtRegexp:
		return v.Interface().(*regexp.Regexp).String()
	case t.Implements(rtShape):
		obj := map[string]any{"type": typeName(t)}
		d.fields(obj, v, depth)
		return obj
	case t.Implements(rtIter):
		return fmt.Sprint(v.Interface())
	case t.Implements(rtRef) && t.Kind() != reflect.Slice:
		if name, err := d.qs.NameOf(v.Interface().(refs.Ref)); err == nil && name != nil {
			return name.String()
		}
		return fmt.Sprint(v.Interface())
	case t.Kind() != reflect.Struct && t.Implements(rtString):
		return v.Interface().(fmt.Stringer).String()
	}
	switch v.Kind() {
	case reflect.Pointer:
		return d.describe(v.Elem(), depth+1)
	case reflect.Slice, reflect.Array:
		out := make([]any, 0, v.Len())
		for i := 0; i < v.Len(); i++ {
			out = append(out, d.describe(v.Index(i), depth+1))
		}
		return out
	case reflect.Map:
		out := make(map[string]any, v.Len())
		iter := v.MapRange()
		for iter.Next() {
			out[fmt.Sprint(iter.Key().Interface())] = d.describe(iter.Value(), depth+1)
		}
		return out
	case reflect.Struct:
		obj := map[string]any{}
		d.fields(obj, v, depth)
		return obj
	case reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64,
		reflect.Float32, reflect.Float64, reflect.String:
		return v.Interface()
	default:
		// Functions, channels and the like: name the type, nothing more.
		return t.String()
	}
}

// fields adds the exported fields of struct v (if it is one) to obj.
func (d describer) fields(obj map[string]any, v reflect.Value, depth int) {
	if v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		// Named slices and maps (e.g. shape.Lookup, shape.Intersect).
		obj["of"] = d.describe(v.Convert(underlying(v.Type())), depth+1)
		return
	}
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		if val := d.describe(v.Field(i), depth+1); val != nil {
			obj[f.Name] = val
		}
	}
}

// underlying returns the unnamed type behind a named slice or map type, so
// describing it does not loop back into its Shape methods.
func underlying(t reflect.Type) reflect.Type {
	switch t.Kind() {
	case reflect.Slice:
		return reflect.SliceOf(t.Elem())
	case reflect.Map:
		return reflect.MapOf(t.Key(), t.Elem())
	case reflect.Array:
		return reflect.ArrayOf(t.Len(), t.Elem())
	}
	return t
}

func typeName(t reflect.Type) string {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	return t.Name()
}
