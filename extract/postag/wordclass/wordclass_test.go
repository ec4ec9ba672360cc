package wordclass

import (
	"bytes"
	"context"
	"fmt"
	"reflect"
	"testing"

	"github.com/kg-project/kg/extract/postag/perceptron"
)

func TestTokenize(t *testing.T) {
	got := Tokenize(`He didn't say, "U.S. Inc. sold 1,000 shares." (Reuters) state-owned`)
	want := []string{"He", "did", "n't", "say", ",", `"`, "U.S.", "Inc.", "sold", "1,000", "shares", ".", `"`, "(", "Reuters", ")", "state-owned"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Tokenize:\n got %q\nwant %q", got, want)
	}
}

// toyCorpus has two kinds of words in disjoint contexts: weekdays after
// "on" and before "morning", and fruits after "ate" and before "slowly".
// With the other words it has ten context distributions, as many as the
// test asks for classes.
func toyCorpus() [][]string {
	var sents [][]string
	days := []string{"monday", "tuesday", "friday", "sunday"}
	fruits := []string{"apples", "pears", "plums", "grapes"}
	for i := 0; i < 40; i++ {
		d, f := days[i%4], fruits[(i*3)%4]
		sents = append(sents,
			[]string{"we", "met", "on", d, "morning", "."},
			[]string{"they", "ate", f, "slowly", "."},
		)
	}
	return sents
}

func TestLearnGroupsWordsByContext(t *testing.T) {
	opts := Options{Fine: 10, Coarse: 3, MinCount: 2, Contexts: 50, Seed: 1}
	cl, err := Learn(context.Background(), toyCorpus(), opts)
	if err != nil {
		t.Fatal(err)
	}
	class := func(w string) uint16 {
		f, _, ok := cl.Lookup(w)
		if !ok {
			t.Fatalf("%s has no class", w)
		}
		return f
	}
	if class("Monday") != class("friday") || class("sunday") != class("tuesday") {
		t.Error("weekdays split across classes")
	}
	if class("apples") != class("plums") {
		t.Error("fruits split across classes")
	}
	if class("monday") == class("apples") {
		t.Error("weekdays and fruits share a class")
	}
	if _, _, ok := cl.Lookup("zebra"); ok {
		t.Error("unseen word has a class")
	}
	// Deterministic, and serialisable.
	again, _ := Learn(context.Background(), toyCorpus(), opts)
	var a, b bytes.Buffer
	for _, x := range []struct {
		c *Classes
		w *bytes.Buffer
	}{{cl, &a}, {again, &b}} {
		e := perceptron.NewEncoder(x.w)
		x.c.Write(e)
		if err := e.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two runs of Learn differ")
	}
	back, err := Read(perceptron.NewDecoder(&a))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(back.fine) != fmt.Sprint(cl.fine) || !reflect.DeepEqual(back.coarse, cl.coarse) {
		t.Error("Read(Write(c)) != c")
	}
}
