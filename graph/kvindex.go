package graph

import (
	"bytes"
	"cmp"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	ckv "github.com/cayleygraph/cayley/graph/kv"
	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	bolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/encoding/protowire"
)

// kvIndex reads Cayley's kv quad indexes straight from the bbolt file, for
// the lookups behind `kg rel` (see nameindex.go).
//
// Cayley's own quad iterator does the same reads through two layers of
// abstraction: every log look-up re-opens the log bucket, and every quad
// is decoded with reflection-driven protobuf. On an entity mentioned in
// thousands of documents those per-quad costs are most of a lookup (the
// bucket look-ups alone were a fifth of relbench's CPU profile). Here one
// read transaction serves a chunk of quads, buckets are opened once per
// chunk, and a quad's log entry is decoded by hand into the same
// *proto.Primitive reference Cayley's iterator yields, so callers keep
// using QuadStore.QuadDirection on it.
//
// The layout (written by Cayley, and by package kvload the same way):
// bucket "log" maps BE64(id) to a protobuf Primitive; one bucket per quad
// index, named by its directions' prefix letters ("sp", "ops", ...), maps
// the BE64 node ids of those directions to the uvarint ids of the quads
// with them, ascending. Deleting a quad marks its log entry Deleted and
// leaves the index lists alone, so every quad read is checked.
type kvIndex struct {
	db      *bolt.DB
	indexes [][]quad.Direction
}

// A scan decodes quads a chunk per read transaction, and does not hold a
// transaction while its caller works on the quads, so a caller may start
// other reads (or a writer may commit) in between. The first chunk is
// small because many reads want one quad (a node's name, "is there a live
// quad"); each next chunk doubles, up to kvChunk.
const (
	kvFirstChunk = 4
	kvChunk      = 512
)

var (
	kvLogBucket  = []byte("log")
	kvMetaBucket = []byte("meta")
)

// kvIndexOf returns the direct index reader of a bbolt store, or nil for
// other backends (which use Cayley's iterators).
func (s *Store) kvIndexOf() (*kvIndex, error) {
	if s.kind != backendBolt || s.bolt == nil {
		return nil, nil
	}
	k := &kvIndex{db: s.bolt}
	err := s.bolt.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(kvMetaBucket)
		if meta == nil {
			return errors.New("no meta bucket")
		}
		data := meta.Get([]byte("indexes"))
		if data == nil {
			// Stores of Cayley < 0.7.6, read by Cayley with these.
			k.indexes = [][]quad.Direction{{quad.Subject}, {quad.Object}}
			return nil
		}
		var inds []ckv.QuadIndex
		if err := json.Unmarshal(data, &inds); err != nil {
			return fmt.Errorf("decode meta/indexes: %w", err)
		}
		for _, ind := range inds {
			k.indexes = append(k.indexes, ind.Dirs)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("graph: read index list: %w", err)
	}
	return k, nil
}

// kvPlan is how one quad match is read: a prefix of one index's keys, and
// the directions left to check on each quad.
type kvPlan struct {
	bucket []byte
	prefix []byte
	// exact is true when the prefix is a whole key (one Get, no scan).
	exact bool
	check match
}

// plan picks, for match m (node ids as ckv.Int64Value), the index whose
// leading directions are all constrained by m, the longest such prefix;
// ok is false when no index fits (or m holds a foreign reference).
func (k *kvIndex) plan(m match) (p kvPlan, ok bool) {
	// The longest constrained prefix wins; of equal prefixes, one that is
	// a whole key (a Get rather than a scan).
	best, bestLen, bestScore := -1, 0, 0
	for i, dirs := range k.indexes {
		n := 0
		for _, d := range dirs {
			if _, in := m[d]; !in {
				break
			}
			n++
		}
		score := 2 * n
		if n == len(dirs) {
			score++
		}
		if n > 0 && score > bestScore {
			best, bestLen, bestScore = i, n, score
		}
	}
	if best < 0 || bestLen == 0 {
		return p, false
	}
	dirs := k.indexes[best]
	p.bucket = make([]byte, len(dirs))
	for i, d := range dirs {
		p.bucket[i] = d.Prefix()
	}
	used := map[quad.Direction]bool{}
	for _, d := range dirs[:bestLen] {
		id, isInt := m[d].(ckv.Int64Value)
		if !isInt {
			return kvPlan{}, false
		}
		p.prefix = binary.BigEndian.AppendUint64(p.prefix, uint64(id))
		used[d] = true
	}
	p.exact = bestLen == len(dirs)
	for d, v := range m {
		if !used[d] {
			if p.check == nil {
				p.check = match{}
			}
			p.check[d] = v
		}
	}
	return p, true
}

// size returns the length of the quad list under an exact key (dead
// quads included); 0 when the key is absent.
func (k *kvIndex) size(p kvPlan) (int64, error) {
	var n int64
	err := k.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(p.bucket)
		if b == nil {
			return nil
		}
		for v := b.Get(p.prefix); len(v) > 0; {
			_, w := binary.Uvarint(v)
			if w <= 0 {
				return fmt.Errorf("index %s: bad quad list", p.bucket)
			}
			n++
			v = v[w:]
		}
		return nil
	})
	return n, err
}

// kvScan yields the live quads of one plan, chunk by chunk.
type kvScan struct {
	k    *kvIndex
	p    kvPlan
	last []byte   // last index key taken (nil before the first)
	ids  []uint64 // quad ids of taken keys not decoded yet
	buf  []*cproto.Primitive
	pos  int
	want int  // quads to decode in the next chunk
	done bool // no more keys
	cur  *cproto.Primitive
	err  error
}

func (k *kvIndex) scan(p kvPlan) *kvScan { return &kvScan{k: k, p: p, want: kvFirstChunk} }

// Next advances to the next live quad matching the plan.
func (sc *kvScan) Next() bool {
	for {
		if sc.err != nil {
			return false
		}
		for sc.pos < len(sc.buf) {
			q := sc.buf[sc.pos]
			sc.pos++
			if sc.matches(q) {
				sc.cur = q
				return true
			}
		}
		if sc.done && len(sc.ids) == 0 {
			return false
		}
		sc.err = sc.fill()
	}
}

// Result is the current quad, a *proto.Primitive as Cayley's kv iterators
// return.
func (sc *kvScan) Result() *cproto.Primitive { return sc.cur }

func (sc *kvScan) Err() error { return sc.err }

func (sc *kvScan) matches(q *cproto.Primitive) bool {
	for d, want := range sc.p.check {
		id, ok := want.(ckv.Int64Value)
		if !ok || q.GetDirection(d) != uint64(id) {
			return false
		}
	}
	return true
}

// fill decodes the next chunk of quads in one read transaction.
func (sc *kvScan) fill() error {
	sc.buf, sc.pos = sc.buf[:0], 0
	want := sc.want
	sc.want = min(2*sc.want, kvChunk)
	return sc.k.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(sc.p.bucket)
		logb := tx.Bucket(kvLogBucket)
		if b == nil || logb == nil {
			sc.done, sc.ids = true, nil
			return nil
		}
		for len(sc.ids) < want && !sc.done {
			var key, val []byte
			switch {
			case sc.p.exact:
				key, val = sc.p.prefix, b.Get(sc.p.prefix)
				sc.done = true
			default:
				c := b.Cursor()
				if sc.last == nil {
					key, val = c.Seek(sc.p.prefix)
				} else {
					key, val = c.Seek(sc.last)
					if bytes.Equal(key, sc.last) {
						key, val = c.Next()
					}
				}
				if key == nil || !bytes.HasPrefix(key, sc.p.prefix) {
					sc.done = true
					key = nil
				} else {
					sc.last = append(sc.last[:0], key...)
				}
			}
			for v := val; key != nil && len(v) > 0; {
				id, w := binary.Uvarint(v)
				if w <= 0 {
					return fmt.Errorf("index %s: bad quad list", sc.p.bucket)
				}
				sc.ids = append(sc.ids, id)
				v = v[w:]
			}
		}
		n := min(len(sc.ids), want)
		for _, id := range sc.ids[:n] {
			q, err := logQuad(logb, id)
			if err != nil {
				return err
			}
			if q != nil {
				sc.buf = append(sc.buf, q)
			}
		}
		sc.ids = sc.ids[n:]
		return nil
	})
}

// logQuad reads quad id from the log bucket: nil (and no error) when the
// entry is missing, a node, or a deleted quad.
func logQuad(logb *bolt.Bucket, id uint64) (*cproto.Primitive, error) {
	var key [8]byte
	binary.BigEndian.PutUint64(key[:], id)
	return decodeLogEntry(logb.Get(key[:]), id)
}

// decodeLogEntry is decodeQuadPrimitive of log entry id's value v (nil
// when missing), with the entry named in errors.
func decodeLogEntry(v []byte, id uint64) (*cproto.Primitive, error) {
	if v == nil {
		return nil, nil
	}
	q, err := decodeQuadPrimitive(v)
	if err != nil {
		return nil, fmt.Errorf("log entry %d: %w", id, err)
	}
	return q, nil
}

// decodeQuadPrimitive decodes the fields of a quad's log entry that reads
// need; it returns nil for a deleted quad or a node entry.
func decodeQuadPrimitive(b []byte) (*cproto.Primitive, error) {
	p := &cproto.Primitive{}
	node := false
	for len(b) > 0 {
		num, typ, n := protowire.ConsumeTag(b)
		if n < 0 {
			return nil, protowire.ParseError(n)
		}
		b = b[n:]
		if typ != protowire.VarintType {
			if num == 8 {
				node = true
			}
			n = protowire.ConsumeFieldValue(num, typ, b)
			if n < 0 {
				return nil, protowire.ParseError(n)
			}
			b = b[n:]
			continue
		}
		v, n := protowire.ConsumeVarint(b)
		if n < 0 {
			return nil, protowire.ParseError(n)
		}
		b = b[n:]
		switch num {
		case 1:
			p.ID = v
		case 2:
			p.Subject = v
		case 3:
			p.Predicate = v
		case 4:
			p.Object = v
		case 5:
			p.Label = v
		case 7:
			p.Timestamp = int64(v)
		case 9:
			p.Deleted = v != 0
		}
	}
	if node || p.Deleted || p.Subject == 0 {
		return nil, nil
	}
	return p, nil
}

// inKey is one (object, predicate, subject) index key pointing at a node:
// a distinct (predicate, subject) of its incoming quads.
type inKey struct {
	p, s uint64
	ids  []byte // the key's quad list (uvarint ids), valid inside the walk
}

// hasOPS reports whether the store has Cayley's (object, predicate,
// subject) index, which the key walks below need.
func (k *kvIndex) hasOPS() bool {
	for _, dirs := range k.indexes {
		if len(dirs) == 3 && dirs[0] == quad.Object && dirs[1] == quad.Predicate && dirs[2] == quad.Subject {
			return true
		}
	}
	return false
}

var kvOPS = []byte("ops")

// eachIn calls fn, inside one read transaction, for every (object,
// predicate, subject) key with object o, in key order (by predicate, then
// subject), until fn returns false. The keys alone name the incoming
// quads' predicates and subjects, so no quad is read; a key may hold only
// dead quads (see live).
func (k *kvIndex) eachIn(o uint64, fn func(tx kvTx, key inKey) (bool, error)) error {
	return k.db.View(func(btx *bolt.Tx) error {
		tx := kvTx{ops: btx.Bucket(kvOPS), log: btx.Bucket(kvLogBucket)}
		b := tx.ops
		if b == nil || tx.log == nil {
			return nil
		}
		prefix := binary.BigEndian.AppendUint64(nil, o)
		c := b.Cursor()
		for key, val := c.Seek(prefix); key != nil && bytes.HasPrefix(key, prefix); key, val = c.Next() {
			if len(key) != 24 {
				return fmt.Errorf("index ops: bad key length %d", len(key))
			}
			more, err := fn(tx, inKey{p: binary.BigEndian.Uint64(key[8:]), s: binary.BigEndian.Uint64(key[16:]), ids: val})
			if err != nil || !more {
				return err
			}
		}
		return nil
	})
}

// kvTx holds the buckets of one read transaction, opened once (opening
// a bucket is a search of the file's root).
type kvTx struct{ ops, log *bolt.Bucket }

// opsSize returns the length of the quad list of key (o, p, s) in tx.
func opsSize(tx kvTx, o, p, s uint64) int {
	b := tx.ops
	var key [24]byte
	binary.BigEndian.PutUint64(key[0:], o)
	binary.BigEndian.PutUint64(key[8:], p)
	binary.BigEndian.PutUint64(key[16:], s)
	n := 0
	for v := b.Get(key[:]); len(v) > 0; n++ {
		_, w := binary.Uvarint(v)
		if w <= 0 {
			break
		}
		v = v[w:]
	}
	return n
}

// live reports whether any quad of an index key's quad list is live (not
// marked deleted in the log), newest first: a replaced document's quads
// stay in the lists.
func live(tx kvTx, ids []byte) (bool, error) {
	logb := tx.log
	var list []uint64
	for v := ids; len(v) > 0; {
		id, w := binary.Uvarint(v)
		if w <= 0 {
			return false, errors.New("bad quad list")
		}
		list = append(list, id)
		v = v[w:]
	}
	for i := len(list) - 1; i >= 0; i-- {
		q, err := logQuad(logb, list[i])
		if err != nil {
			return false, err
		}
		if q != nil {
			return true, nil
		}
	}
	return false, nil
}

// kvKey is one index key of a node: with the node as subject, a
// (subject, predicate) key (other is 0); as object, an (object,
// predicate, subject) key (other is the subject). ids is its quad list.
type kvKey struct {
	p, other uint64
	ids      []uint64
}

var kvSP = []byte("sp")

// hasKeys reports whether the store has the (subject, predicate) and
// (object, predicate, subject) indexes keysOf walks (Cayley's defaults).
func (k *kvIndex) hasKeys() bool {
	sp := false
	for _, dirs := range k.indexes {
		if len(dirs) == 2 && dirs[0] == quad.Subject && dirs[1] == quad.Predicate {
			sp = true
		}
	}
	return sp && k.hasOPS()
}

// keysOf lists node n's index keys in direction dir (quad.Subject or
// quad.Object) in one read transaction, without reading any quad.
func (k *kvIndex) keysOf(dir quad.Direction, n uint64) ([]kvKey, error) {
	bucket, klen := kvSP, 16
	if dir == quad.Object {
		bucket, klen = kvOPS, 24
	}
	var out []kvKey
	err := k.db.View(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucket)
		if b == nil {
			return nil
		}
		prefix := binary.BigEndian.AppendUint64(nil, n)
		c := b.Cursor()
		for key, val := c.Seek(prefix); key != nil && bytes.HasPrefix(key, prefix); key, val = c.Next() {
			if len(key) != klen {
				return fmt.Errorf("index %s: bad key length %d", bucket, len(key))
			}
			kk := kvKey{p: binary.BigEndian.Uint64(key[8:])}
			if klen == 24 {
				kk.other = binary.BigEndian.Uint64(key[16:])
			}
			for v := val; len(v) > 0; {
				id, w := binary.Uvarint(v)
				if w <= 0 {
					return fmt.Errorf("index %s: bad quad list", bucket)
				}
				kk.ids = append(kk.ids, id)
				v = v[w:]
			}
			out = append(out, kk)
		}
		return nil
	})
	return out, err
}

// liveKeys reports, in one read transaction, which keys hold a live quad
// (newest first; usually the first look settles it).
func (k *kvIndex) liveKeys(keys []kvKey) ([]bool, error) {
	out := make([]bool, len(keys))
	err := k.db.View(func(tx *bolt.Tx) error {
		logb := tx.Bucket(kvLogBucket)
		if logb == nil {
			return nil
		}
		for i, kk := range keys {
			for j := len(kk.ids) - 1; j >= 0 && !out[i]; j-- {
				q, err := logQuad(logb, kk.ids[j])
				if err != nil {
					return err
				}
				out[i] = q != nil
			}
		}
		return nil
	})
	return out, err
}

// quadsOf decodes the live quads among ids in one read transaction.
func (k *kvIndex) quadsOf(ids []uint64) ([]*cproto.Primitive, error) {
	var out []*cproto.Primitive
	err := k.db.View(func(tx *bolt.Tx) error {
		logb := tx.Bucket(kvLogBucket)
		if logb == nil {
			return nil
		}
		for _, id := range ids {
			q, err := logQuad(logb, id)
			if err != nil {
				return err
			}
			if q != nil {
				out = append(out, q)
			}
		}
		return nil
	})
	return out, err
}

// distinctObjects returns the distinct objects of the live quads under
// (subject, predicate) key (s, p), in quad order, reading each quad's log
// entry once in one read transaction; limit > 0 stops after that many.
func (k *kvIndex) distinctObjects(s, p uint64, limit int) ([]uint64, error) {
	var out []uint64
	seen := map[uint64]bool{}
	err := k.db.View(func(tx *bolt.Tx) error {
		b, logb := tx.Bucket(kvSP), tx.Bucket(kvLogBucket)
		if b == nil || logb == nil {
			return nil
		}
		var key [16]byte
		binary.BigEndian.PutUint64(key[0:], s)
		binary.BigEndian.PutUint64(key[8:], p)
		for v := b.Get(key[:]); len(v) > 0; {
			id, w := binary.Uvarint(v)
			if w <= 0 {
				return errors.New("index sp: bad quad list")
			}
			v = v[w:]
			q, err := logQuad(logb, id)
			if err != nil {
				return err
			}
			if q == nil || seen[q.Object] {
				continue
			}
			seen[q.Object] = true
			out = append(out, q.Object)
			if limit > 0 && len(out) >= limit {
				return nil
			}
		}
		return nil
	})
	return out, err
}

// seqReader looks log entries up by ascending id. A look-up near the
// previous one (quads a document wrote together have neighbouring ids)
// steps the cursor forward within the page it is on instead of searching
// the tree again from its root; a farther one searches.
type seqReader struct {
	c    *bolt.Cursor
	k, v []byte
}

// seqHop is the largest id distance a look-up steps over; log ids are
// dense (only removed nodes leave gaps), so that is about as many steps.
const seqHop = 16

func newSeqReader(b *bolt.Bucket) *seqReader { return &seqReader{c: b.Cursor()} }

// get returns the log entry of id, or nil.
func (r *seqReader) get(id uint64) []byte {
	var key [8]byte
	binary.BigEndian.PutUint64(key[:], id)
	if len(r.k) == 8 {
		if cur := binary.BigEndian.Uint64(r.k); cur <= id && id-cur <= seqHop {
			for r.k != nil && bytes.Compare(r.k, key[:]) < 0 {
				r.k, r.v = r.c.Next()
			}
			if r.k != nil && bytes.Equal(r.k, key[:]) {
				return r.v
			}
			return nil
		}
	}
	r.k, r.v = r.c.Seek(key[:])
	if r.k != nil && bytes.Equal(r.k, key[:]) {
		return r.v
	}
	return nil
}

// objectsOf returns, for each predicate ps[i], the distinct objects of the
// live quads under (subject, predicate) key (s, ps[i]), in quad order. The
// quads of all the keys are read in one ascending sweep of the log: a
// much-mentioned entity's mention, name and alias quads from one document
// sit side by side there.
func (k *kvIndex) objectsOf(s uint64, ps []uint64) ([][]uint64, error) {
	out := make([][]uint64, len(ps))
	err := k.db.View(func(tx *bolt.Tx) error {
		b, logb := tx.Bucket(kvSP), tx.Bucket(kvLogBucket)
		if b == nil || logb == nil {
			return nil
		}
		type ref struct {
			id  uint64
			key int
		}
		var all []ref
		var key [16]byte
		binary.BigEndian.PutUint64(key[0:], s)
		for i, p := range ps {
			binary.BigEndian.PutUint64(key[8:], p)
			for v := b.Get(key[:]); len(v) > 0; {
				id, w := binary.Uvarint(v)
				if w <= 0 {
					return errors.New("index sp: bad quad list")
				}
				all = append(all, ref{id, i})
				v = v[w:]
			}
		}
		slices.SortFunc(all, func(a, b ref) int { return cmp.Compare(a.id, b.id) })
		objs := make([]map[uint64]uint64, len(ps)) // object → first quad id
		for i := range objs {
			objs[i] = map[uint64]uint64{}
		}
		r := newSeqReader(logb)
		for _, q := range all {
			p, err := decodeLogEntry(r.get(q.id), q.id)
			if err != nil {
				return err
			}
			if p == nil {
				continue
			}
			if _, seen := objs[q.key][p.Object]; !seen {
				objs[q.key][p.Object] = q.id
				out[q.key] = append(out[q.key], p.Object)
			}
		}
		return nil
	})
	return out, err
}

// factsOf returns the fact nodes (typed class by predicate typ) that point
// at node o by a predicate not in skip and by at least one live quad, in
// ascending id order. In one read transaction it walks o's (object,
// predicate, subject) keys, then looks the subjects' type keys up in
// ascending order and the keys' newest quads likewise (seqReader): the
// facts of one document have neighbouring ids, so most look-ups are a
// step of the cursor.
func (k *kvIndex) factsOf(o, typ, class uint64, skip map[uint64]bool) ([]uint64, error) {
	var out []uint64
	err := k.db.View(func(tx *bolt.Tx) error {
		ops, logb := tx.Bucket(kvOPS), tx.Bucket(kvLogBucket)
		if ops == nil || logb == nil {
			return nil
		}
		type cand struct {
			s   uint64
			ids []byte
		}
		var cands []cand
		prefix := binary.BigEndian.AppendUint64(nil, o)
		c := ops.Cursor()
		for key, val := c.Seek(prefix); key != nil && bytes.HasPrefix(key, prefix); key, val = c.Next() {
			if len(key) != 24 {
				return fmt.Errorf("index ops: bad key length %d", len(key))
			}
			if skip[binary.BigEndian.Uint64(key[8:])] {
				continue
			}
			cands = append(cands, cand{s: binary.BigEndian.Uint64(key[16:]), ids: val})
		}
		slices.SortStableFunc(cands, func(a, b cand) int { return cmp.Compare(a.s, b.s) })
		var tk [24]byte
		binary.BigEndian.PutUint64(tk[0:], class)
		binary.BigEndian.PutUint64(tk[8:], typ)
		facts := cands[:0]
		for i, cd := range cands {
			if i > 0 && cands[i-1].s == cd.s {
				if len(facts) > 0 && facts[len(facts)-1].s == cd.s {
					facts = append(facts, cd)
				}
				continue
			}
			binary.BigEndian.PutUint64(tk[16:], cd.s)
			if len(ops.Get(tk[:])) > 0 {
				facts = append(facts, cd)
			}
		}
		// Liveness: each key's newest quad, ids ascending.
		type probe struct {
			id uint64
			at int
		}
		probes := make([]probe, 0, len(facts))
		for i, cd := range facts {
			var newest uint64
			for v := cd.ids; len(v) > 0; {
				id, w := binary.Uvarint(v)
				if w <= 0 {
					return errors.New("index ops: bad quad list")
				}
				newest = id
				v = v[w:]
			}
			probes = append(probes, probe{newest, i})
		}
		slices.SortFunc(probes, func(a, b probe) int { return cmp.Compare(a.id, b.id) })
		liveAt := make([]bool, len(facts))
		r := newSeqReader(logb)
		for _, pr := range probes {
			q, err := decodeLogEntry(r.get(pr.id), pr.id)
			if err != nil {
				return err
			}
			if q != nil {
				liveAt[pr.at] = true
				continue
			}
			// The newest quad is dead: look at the older ones.
			ok, err := live(kvTx{ops: ops, log: logb}, facts[pr.at].ids)
			if err != nil {
				return err
			}
			liveAt[pr.at] = ok
		}
		for i, cd := range facts {
			if liveAt[i] && (len(out) == 0 || out[len(out)-1] != cd.s) {
				out = append(out, cd.s)
			}
		}
		return nil
	})
	return out, err
}
