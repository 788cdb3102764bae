package listenscore

// Stub: replaced by the WebVTT reader.

func readVTT(s *source) error { return s.errAt(0, 0, ErrUnknownFormat) }
