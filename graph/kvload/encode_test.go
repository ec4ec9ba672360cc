package kvload

import (
	"bytes"
	"testing"

	cproto "github.com/cayleygraph/cayley/graph/proto"
	"google.golang.org/protobuf/proto"
)

// TestEncodingMatchesProto checks the hand-written Primitive encoding
// against proto.Marshal, which is what Cayley writes.
func TestEncodingMatchesProto(t *testing.T) {
	for _, p := range []*cproto.Primitive{
		{ID: 1, Timestamp: 1700000000000000000, Value: []byte{0x0a, 0x03, 'a', 'b', 'c'}},
		{ID: 1 << 40, Timestamp: 1, Value: bytes.Repeat([]byte{7}, 300)},
	} {
		got := encodeNode(p.ID, p.Timestamp, p.Value)
		want, _ := proto.Marshal(p)
		if !bytes.Equal(got, want) {
			t.Errorf("node %v: got %x, want %x", p, got, want)
		}
	}
	for _, q := range [][4]uint64{{1, 2, 3, 4}, {300, 1 << 33, 5, 0}, {1, 2, 3, 0}} {
		p := &cproto.Primitive{ID: 99999, Subject: q[0], Predicate: q[1], Object: q[2], Label: q[3], Timestamp: 1764288000000000000}
		got := encodeQuad(nil, p.ID, &q, p.Timestamp)
		want, _ := proto.Marshal(p)
		if !bytes.Equal(got, want) {
			t.Errorf("quad %v: got %x, want %x", q, got, want)
		}
	}
}
