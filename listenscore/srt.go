package listenscore

// Stub: replaced by the SRT reader.

func readSRT(s *source) error { return s.errAt(0, 0, ErrUnknownFormat) }
