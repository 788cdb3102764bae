package listenscore

// Stub: replaced by the JSON readers.

func sniffJSON([]byte) Format                { return FormatJSON }
func readCanonicalJSON(s *source) error    { return s.errAt(0, 0, ErrUnknownFormat) }
func readAWSCallAnalytics(s *source) error { return s.errAt(0, 0, ErrUnknownFormat) }
func readAWSTranscribe(s *source) error    { return s.errAt(0, 0, ErrUnknownFormat) }
func readDeepgram(s *source) error         { return s.errAt(0, 0, ErrUnknownFormat) }
func readAssemblyAI(s *source) error       { return s.errAt(0, 0, ErrUnknownFormat) }
func readWhisperX(s *source) error         { return s.errAt(0, 0, ErrUnknownFormat) }
