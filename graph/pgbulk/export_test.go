package pgbulk

// SetHeldNodes sets how many node rows a Load into a new store holds
// before it stages them, and returns a function restoring the old value.
// Tests use it to take the staging path with small inputs.
func SetHeldNodes(n int) (restore func()) {
	old := heldNodes
	heldNodes = n
	return func() { heldNodes = old }
}
