// Package kvload adds quads to a Cayley bbolt quad store by writing
// Cayley's kv layout directly: 2.4-3.0× the quads per CPU-second of
// Cayley's own writer, which resolves, buffers and writes quad by quad
// (BenchmarkLoadVsCayley, 200k quads into an empty kg store; `kg import` of
// 1M quads took 24 CPU-seconds, `cayley load` 57).
//
// It writes exactly the keys and values Cayley's kv backend
// (graph/kv/indexing.go) would write for the same quads, so Cayley reads the
// store back unchanged and later writes through Cayley keep working:
//
//   - v<h0><h1>/HASH → uvarint(node id), one bucket per first two bytes of
//     the node's SHA-1 value hash (quad.HashOf);
//   - n<h0><h1>/HASH → uvarint(reference count); like Cayley's writer the
//     count grows by one for every direction of every input quad naming the
//     node, duplicates and already-stored quads included;
//   - log/BE64(id) → a protobuf Primitive: {ID, Timestamp, Value} for a
//     node, {ID, Subject, Predicate, Object, Label, Timestamp} for a quad;
//   - one bucket per quad index listed in meta/indexes (spo, ops, and the
//     label and predicate indexes kg adds): key = the BE64 ids of the
//     index's directions (0 for an absent label), value = the uvarint ids of
//     the quads with that key, ascending;
//   - meta/horizon (last id handed out) and meta/size (live quads), 8-byte
//     little-endian.
//
// Ids are handed out as Cayley does: new nodes first, in hash order, then
// new quads in input order. Quads already stored, or repeated in the input,
// are skipped, with Cayley's rule for telling (the intersection of the
// quad's index lists, then a look at each candidate in the log).
//
// What remains is mostly bbolt's: Cayley files every node in one of 2×65536
// small buckets, each rewritten at commit, and bbolt copies every dirty node
// whenever it grows its memory map inside a commit (35% of a 200k-quad load
// into a fresh file; opening the file with bolt.Options.InitialMmapSize
// large enough avoids it, BenchmarkLoad).
//
// The speed comes from doing per batch what Cayley does per quad: each
// distinct value is stringified and hashed once, every bucket is written in
// key order (the log and, on a first load, the index buckets strictly
// append, so their pages are filled completely), and everything goes in one
// transaction.
//
// Cayley's QuadStore keeps in-memory bloom filters and caches about what
// the file holds. A QuadStore opened on the file before a load must not
// write after it: reopen it (ckv.New) first. Reading through it is fine.
package kvload

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	cproto "github.com/cayleygraph/cayley/graph/proto"
	"github.com/cayleygraph/quad"
	"github.com/cayleygraph/quad/pquads"
	bolt "go.etcd.io/bbolt"
	"google.golang.org/protobuf/encoding/protowire"
	"google.golang.org/protobuf/proto"
)

// dataVersion is the kv layout version this package writes; Cayley stores
// it in meta/version and refuses other versions itself.
const dataVersion = 2

var (
	bucketMeta = []byte("meta")
	bucketLog  = []byte("log")
	keyIndexes = []byte("indexes")
	keyVersion = []byte("version")
	keyHorizon = []byte("horizon")
	keySize    = []byte("size")
)

// ErrNotCayley is returned for a bbolt file that holds no Cayley kv store
// of the version this package writes.
var ErrNotCayley = errors.New("kvload: not an initialised Cayley kv store (version 2)")

// Result counts what a load wrote.
type Result struct {
	Quads    int // quads added
	Nodes    int // nodes created
	Existing int // input quads skipped: already stored, or repeated in the input
}

// quadIndex mirrors the JSON of Cayley's kv.QuadIndex in meta/indexes.
type quadIndex struct {
	Dirs   []quad.Direction `json:"dirs"`
	Unique bool             `json:"unique"`
}

func (ind quadIndex) bucket() []byte {
	b := make([]byte, len(ind.Dirs))
	for i, d := range ind.Dirs {
		b[i] = d.Prefix()
	}
	return b
}

// key is the index key of quad ids q (in quad.Directions order).
func (ind quadIndex) key(q *[4]uint64) []byte {
	k := make([]byte, 8*len(ind.Dirs))
	for i, d := range ind.Dirs {
		binary.BigEndian.PutUint64(k[8*i:], q[d-quad.Subject])
	}
	return k
}

// node is one distinct value of the input.
type node struct {
	hash [quad.HashSize]byte
	val  quad.Value
	refs uint64 // reference-count increment
	id   uint64
	old  uint64 // stored reference count; 0 for a new node
	new  bool
}

// Load adds quads to the Cayley kv store in db in one read-write
// transaction, which it commits. Invalid quads (missing subject, predicate
// or object) are an error and nothing is written.
func Load(ctx context.Context, db *bolt.DB, quads []quad.Quad) (Result, error) {
	var res Result
	err := db.Update(func(tx *bolt.Tx) error {
		var err error
		res, err = LoadTx(ctx, tx, quads)
		return err
	})
	return res, err
}

// DefaultChunk is how many input quads LoadChunks writes per transaction.
// Smaller transactions bound the memory a load holds but cost more per
// quad, since each one rewrites the node buckets and index keys it touches
// (BenchmarkLoadChunks on 200k quads: 18.8k quads per CPU-second in
// transactions of 10k, 31k of 50k, 37k in one).
const DefaultChunk = 50_000

// LoadChunks is Load in transactions of chunk input quads (DefaultChunk
// when chunk <= 0), in order. If one fails, the chunks before it stay
// written; loading the same quads again adds only the rest. The counts add
// up over all chunks.
func LoadChunks(ctx context.Context, db *bolt.DB, quads []quad.Quad, chunk int) (Result, error) {
	if chunk <= 0 {
		chunk = DefaultChunk
	}
	var total Result
	for i := 0; i < len(quads) || i == 0; i += chunk {
		res, err := Load(ctx, db, quads[i:min(i+chunk, len(quads))])
		total.Quads += res.Quads
		total.Nodes += res.Nodes
		total.Existing += res.Existing
		if err != nil {
			return total, err
		}
	}
	return total, nil
}

// LoadTx is Load inside the caller's read-write transaction, which the
// caller commits or rolls back.
func LoadTx(ctx context.Context, tx *bolt.Tx, quads []quad.Quad) (Result, error) {
	var res Result
	for i, q := range quads {
		if !q.IsValid() {
			return res, fmt.Errorf("kvload: quad %d is incomplete: %v", i, q)
		}
	}
	meta := tx.Bucket(bucketMeta)
	if meta == nil || tx.Bucket(bucketLog) == nil {
		return res, ErrNotCayley
	}
	if v := meta.Get(keyVersion); len(v) != 8 || binary.LittleEndian.Uint64(v) != dataVersion {
		return res, ErrNotCayley
	}
	indexes, err := readIndexes(meta)
	if err != nil {
		return res, err
	}
	horizon := metaInt(meta, keyHorizon)

	// Distinct values, keyed like Cayley's hash (their String form); the
	// first occurrence is the one stored, as in Cayley's graphlog.
	nodes, links, err := collectNodes(ctx, quads)
	if err != nil {
		return res, err
	}
	slices.SortFunc(nodes, func(a, b *node) int { return bytes.Compare(a.hash[:], b.hash[:]) })

	// Resolve stored nodes; a store that never handed out an id has none.
	if horizon > 0 {
		for _, n := range nodes {
			if b := tx.Bucket(valBucket('v', n.hash)); b != nil {
				if v := b.Get(n.hash[:]); v != nil {
					n.id, _ = binary.Uvarint(v)
				}
			}
			if n.id != 0 {
				if b := tx.Bucket(valBucket('n', n.hash)); b != nil {
					if v := b.Get(n.hash[:]); v != nil {
						n.old, _ = binary.Uvarint(v)
					}
				}
			}
		}
	}
	next := horizon + 1
	for _, n := range nodes {
		if n.id == 0 {
			n.id, n.new = next, true
			next++
			res.Nodes++
		}
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}

	// New quads: the first occurrence of each id tuple that is not stored.
	seen := make(map[[4]uint64]struct{}, len(quads))
	newQuads := make([][4]uint64, 0, len(quads))
	for _, l := range links {
		var ids [4]uint64
		mustBeNew := false
		for d, n := range l {
			if n != nil {
				ids[d] = n.id
				mustBeNew = mustBeNew || n.new
			}
		}
		if _, dup := seen[ids]; dup {
			res.Existing++
			continue
		}
		seen[ids] = struct{}{}
		if !mustBeNew {
			ok, err := stored(tx, indexes, &ids)
			if err != nil {
				return res, err
			}
			if ok {
				res.Existing++
				continue
			}
		}
		newQuads = append(newQuads, ids)
	}
	seen = nil
	firstQuad := next
	res.Quads = len(newQuads)
	if err := ctx.Err(); err != nil {
		return res, err
	}

	now := time.Now().UnixNano()
	if err := writeNodes(tx, nodes); err != nil {
		return res, err
	}
	if err := writeLog(tx, nodes, newQuads, firstQuad, now); err != nil {
		return res, err
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	for _, ind := range indexes {
		if err := writeIndex(tx, ind, newQuads, firstQuad, horizon); err != nil {
			return res, err
		}
	}
	if n := uint64(res.Nodes + res.Quads); n != 0 {
		if err := putMetaInt(meta, keyHorizon, horizon+n); err != nil {
			return res, err
		}
	}
	if res.Quads != 0 {
		if err := putMetaInt(meta, keySize, metaInt(meta, keySize)+uint64(res.Quads)); err != nil {
			return res, err
		}
	}
	return res, nil
}

// collectNodes finds the distinct values of quads and, per quad, its nodes
// by direction.
func collectNodes(ctx context.Context, quads []quad.Quad) ([]*node, [][4]*node, error) {
	// IRIs, most of the values, are keyed by their text, which saves
	// building "<"+iri+">" for every occurrence: an IRI's String is that
	// and no other kind of value's String starts with '<', so two IRIs are
	// the same node exactly when their texts are equal, and never the same
	// node as a value of another kind.
	byIRI := make(map[quad.IRI]*node, len(quads))
	byString := make(map[string]*node)
	var nodes []*node
	links := make([][4]*node, len(quads))
	for i, q := range quads {
		if i%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, nil, err
			}
		}
		for d, v := range [4]quad.Value{q.Subject, q.Predicate, q.Object, q.Label} {
			if v == nil {
				continue
			}
			var n *node
			iri, isIRI := v.(quad.IRI)
			if isIRI {
				n = byIRI[iri]
			} else {
				n = byString[v.String()]
			}
			if n == nil {
				n = &node{val: v}
				quad.HashTo(v, n.hash[:])
				if isIRI {
					byIRI[iri] = n
				} else {
					byString[v.String()] = n
				}
				nodes = append(nodes, n)
			}
			n.refs++
			links[i][d] = n
		}
	}
	return nodes, links, nil
}

// stored reports whether a live quad with ids exists, by Cayley's rule
// (hasPrimitive): intersect the id lists of the unique index, or of all
// indexes, then check the candidates in the log, newest first.
func stored(tx *bolt.Tx, indexes []quadIndex, ids *[4]uint64) (bool, error) {
	use := indexes
	for _, ind := range indexes {
		if ind.Unique {
			use = []quadIndex{ind}
			break
		}
	}
	var cand []uint64
	for i, ind := range use {
		var list []uint64
		if b := tx.Bucket(ind.bucket()); b != nil {
			var err error
			if list, err = decodeIDs(b.Get(ind.key(ids))); err != nil {
				return false, fmt.Errorf("kvload: index %s: %w", ind.bucket(), err)
			}
		}
		if i == 0 {
			cand = list
		} else {
			cand = intersect(cand, list)
		}
		if len(cand) == 0 {
			return false, nil
		}
	}
	if len(use) == 1 && use[0].Unique {
		return true, nil
	}
	logb := tx.Bucket(bucketLog)
	var key [8]byte
	for i := len(cand) - 1; i >= 0; i-- {
		binary.BigEndian.PutUint64(key[:], cand[i])
		v := logb.Get(key[:])
		if v == nil {
			continue
		}
		var p cproto.Primitive
		if err := proto.Unmarshal(v, &p); err != nil {
			return false, fmt.Errorf("kvload: log entry %d: %w", cand[i], err)
		}
		if !p.Deleted && p.Subject == ids[0] && p.Predicate == ids[1] && p.Object == ids[2] && p.Label == ids[3] {
			return true, nil
		}
	}
	return false, nil
}

// writeNodes writes the value-to-id entries of new nodes and the reference
// counts of all, bucket by bucket in hash order.
func writeNodes(tx *bolt.Tx, nodes []*node) error {
	for _, prefix := range []byte{'n', 'v'} {
		var (
			b    *bolt.Bucket
			name []byte
		)
		for _, n := range nodes {
			if prefix == 'v' && !n.new {
				continue
			}
			bn := valBucket(prefix, n.hash)
			if b == nil || !bytes.Equal(bn, name) {
				// tx.Bucket answers from the transaction's cache of open
				// buckets; CreateBucketIfNotExists would search the root
				// for every one of them again.
				if b = tx.Bucket(bn); b == nil {
					var err error
					if b, err = tx.CreateBucketIfNotExists(bn); err != nil {
						return fmt.Errorf("kvload: bucket %q: %w", bn, err)
					}
				}
				name = bn
			}
			var val []byte
			if prefix == 'v' {
				val = binary.AppendUvarint(nil, n.id)
			} else {
				val = binary.AppendUvarint(nil, n.old+n.refs)
			}
			if err := b.Put(n.hash[:], val); err != nil {
				return fmt.Errorf("kvload: write node: %w", err)
			}
		}
	}
	return nil
}

// writeLog appends the primitives of the new nodes and quads. Their ids
// exceed every stored id, so the bucket is filled strictly in order.
func writeLog(tx *bolt.Tx, nodes []*node, quads [][4]uint64, firstQuad uint64, now int64) error {
	b := tx.Bucket(bucketLog)
	b.FillPercent = 1.0
	var slab slabAlloc
	idKey := func(id uint64) []byte {
		k := slab.take(8)
		binary.BigEndian.PutUint64(k, id)
		return k
	}
	for _, n := range nodes {
		if !n.new {
			continue
		}
		val, err := pquads.MarshalValue(n.val)
		if err != nil {
			return fmt.Errorf("kvload: encode %s: %w", n.val, err)
		}
		if err := b.Put(idKey(n.id), encodeNode(n.id, now, val)); err != nil {
			return fmt.Errorf("kvload: write log: %w", err)
		}
	}
	for i := range quads {
		id := firstQuad + uint64(i)
		if err := b.Put(idKey(id), encodeQuad(slab.take(48)[:0], id, &quads[i], now)); err != nil {
			return fmt.Errorf("kvload: write log: %w", err)
		}
	}
	return nil
}

// writeIndex adds the new quads to one quad index: their ids are appended
// to each key's list, keys written in order. horizon is the last id handed
// out before this load: a key holding a larger id names a node created by
// this load and so cannot be stored yet, and is written without looking
// for its old list.
func writeIndex(tx *bolt.Tx, ind quadIndex, quads [][4]uint64, firstQuad, horizon uint64) error {
	if len(quads) == 0 {
		return nil
	}
	nd := len(ind.Dirs)
	entries := sortedEntries(ind, quads, firstQuad)
	b, err := tx.CreateBucketIfNotExists(ind.bucket())
	if err != nil {
		return fmt.Errorf("kvload: index bucket %s: %w", ind.bucket(), err)
	}
	empty := false
	if k, _ := b.Cursor().First(); k == nil {
		b.FillPercent = 1.0 // empty: every put appends
		empty = true
	}
	// Keys and values live in slabs: bbolt keeps the slices until commit.
	var slab slabAlloc
	for i := 0; i < len(entries); {
		j := i + 1
		for j < len(entries) && entries[j].key == entries[i].key {
			j++
		}
		key := slab.take(8 * nd)
		fresh := empty
		for d := 0; d < nd; d++ {
			binary.BigEndian.PutUint64(key[8*d:], entries[i].key[d])
			fresh = fresh || entries[i].key[d] > horizon
		}
		var old []byte
		if !fresh {
			old = b.Get(key)
		}
		val := slab.take(len(old) + binary.MaxVarintLen64*(j-i))[:len(old)]
		copy(val, old)
		for _, e := range entries[i:j] {
			val = binary.AppendUvarint(val, e.id)
		}
		if err := b.Put(key, val); err != nil {
			return fmt.Errorf("kvload: write index %s: %w", ind.bucket(), err)
		}
		i = j
	}
	return nil
}

// indexEntry is one quad's key in an index.
type indexEntry struct {
	key [4]uint64 // the index's directions' ids, in index order
	id  uint64
}

// sortedEntries returns the index entries of quads (ids from firstQuad on)
// sorted by key, ids ascending within a key, as Cayley's lists must be.
func sortedEntries(ind quadIndex, quads [][4]uint64, firstQuad uint64) []indexEntry {
	nd := len(ind.Dirs)
	entries := make([]indexEntry, len(quads))
	for i := range quads {
		e := &entries[i]
		for j, d := range ind.Dirs {
			e.key[j] = quads[i][d-quad.Subject]
		}
		e.id = firstQuad + uint64(i)
	}
	// The common case, ids below 2^32 and at most three directions, sorts
	// keys packed into two words, which compares several times faster than
	// the general loop (sorting was a quarter of writing the indexes).
	if last := firstQuad + uint64(len(quads)) - 1; nd <= 3 && last < 1<<32 && len(entries) < 1<<31 {
		type packed struct {
			hi, lo uint64
			i      int32
		}
		ps := make([]packed, len(entries))
		for i, e := range entries {
			// Unused directions are zero; ids are below 2^32 since every id
			// is at most last.
			ps[i] = packed{hi: e.key[0]<<32 | e.key[1], lo: e.key[2]<<32 | e.id, i: int32(i)}
		}
		slices.SortFunc(ps, func(a, b packed) int {
			if c := cmp.Compare(a.hi, b.hi); c != 0 {
				return c
			}
			return cmp.Compare(a.lo, b.lo)
		})
		out := make([]indexEntry, len(entries))
		for i, p := range ps {
			out[i] = entries[p.i]
		}
		return out
	}
	slices.SortFunc(entries, func(a, b indexEntry) int {
		for j := 0; j < nd; j++ {
			if c := cmp.Compare(a.key[j], b.key[j]); c != 0 {
				return c
			}
		}
		return cmp.Compare(a.id, b.id)
	})
	return entries
}

// slabAlloc hands out byte slices carved from large blocks, so that
// hundreds of thousands of small keys and values cost a few allocations.
type slabAlloc struct{ buf []byte }

func (s *slabAlloc) take(n int) []byte {
	if len(s.buf) < n {
		s.buf = make([]byte, max(n, 1<<20))
	}
	b := s.buf[:n:n]
	s.buf = s.buf[n:]
	return b
}

// encodeNode and encodeQuad produce the bytes proto.Marshal gives for
// Cayley's Primitive (fields in number order, zero fields omitted), without
// its reflection; TestEncodingMatchesProto checks they agree.
func encodeNode(id uint64, ts int64, val []byte) []byte {
	b := make([]byte, 0, 24+len(val))
	b = appendVarintField(b, 1, id)
	b = appendVarintField(b, 7, uint64(ts))
	if len(val) != 0 {
		b = protowire.AppendTag(b, 8, protowire.BytesType)
		b = protowire.AppendBytes(b, val)
	}
	return b
}

func encodeQuad(b []byte, id uint64, q *[4]uint64, ts int64) []byte {
	b = appendVarintField(b, 1, id)
	for d := 0; d < 4; d++ {
		b = appendVarintField(b, protowire.Number(2+d), q[d])
	}
	return appendVarintField(b, 7, uint64(ts))
}

func appendVarintField(b []byte, num protowire.Number, v uint64) []byte {
	if v == 0 {
		return b
	}
	b = protowire.AppendTag(b, num, protowire.VarintType)
	return protowire.AppendVarint(b, v)
}

func readIndexes(meta *bolt.Bucket) ([]quadIndex, error) {
	data := meta.Get(keyIndexes)
	if data == nil {
		// Cayley < 0.7.6 stores, which Cayley reads with these indexes.
		return []quadIndex{{Dirs: []quad.Direction{quad.Subject}}, {Dirs: []quad.Direction{quad.Object}}}, nil
	}
	var out []quadIndex
	if err := json.Unmarshal(data, &out); err != nil {
		return nil, fmt.Errorf("kvload: decode meta/indexes: %w", err)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("kvload: meta/indexes lists no index")
	}
	for _, ind := range out {
		for _, d := range ind.Dirs {
			if d < quad.Subject || d > quad.Label {
				return nil, fmt.Errorf("kvload: meta/indexes: bad direction %v", d)
			}
		}
	}
	return out, nil
}

func metaInt(meta *bolt.Bucket, key []byte) uint64 {
	v := meta.Get(key)
	if len(v) != 8 {
		return 0
	}
	return binary.LittleEndian.Uint64(v)
}

func putMetaInt(meta *bolt.Bucket, key []byte, v uint64) error {
	buf := make([]byte, 8)
	binary.LittleEndian.PutUint64(buf, v)
	if err := meta.Put(key, buf); err != nil {
		return fmt.Errorf("kvload: write meta/%s: %w", key, err)
	}
	return nil
}

func valBucket(prefix byte, h [quad.HashSize]byte) []byte {
	return []byte{prefix, h[0], h[1]}
}

func decodeIDs(b []byte) ([]uint64, error) {
	var out []uint64
	for len(b) > 0 {
		v, n := binary.Uvarint(b)
		if n <= 0 {
			return out, errors.New("bad varint in id list")
		}
		out = append(out, v)
		b = b[n:]
	}
	return out, nil
}

// intersect returns the ids in both ascending lists.
func intersect(a, b []uint64) []uint64 {
	var out []uint64
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i] < b[j]:
			i++
		case a[i] > b[j]:
			j++
		default:
			out = append(out, a[i])
			i++
			j++
		}
	}
	return out
}
