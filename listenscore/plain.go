package listenscore

// Stub: replaced by the plain-text and Otter readers.

func readText(s *source) error  { return s.errAt(0, 0, ErrUnknownFormat) }
func readOtter(s *source) error { return s.errAt(0, 0, ErrUnknownFormat) }
func looksLikeOtter([]byte) bool { return false }
