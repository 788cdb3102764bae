package main

import (
	"bytes"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"strings"
)

// jsonErrorListener wraps a listener so that the few answers net/http
// writes itself, before any handler runs, are JSON like every other error:
// 431 for headers over the limit, 400 for a request it cannot parse, 501
// for an unsupported transfer encoding. net/http writes each as one plain
// text response on the bare connection ("HTTP/1.1 431 Request Header Fields
// Too Large", then "Content-Type: text/plain; charset=utf-8" and
// "Connection: close"); handlers here never send text/plain, so such a
// write is rewritten with the same status and a JSON body.
type jsonErrorListener struct{ net.Listener }

func (l jsonErrorListener) Accept() (net.Conn, error) {
	c, err := l.Listener.Accept()
	if err != nil {
		return nil, err
	}
	return &jsonErrorConn{Conn: c}, nil
}

type jsonErrorConn struct{ net.Conn }

// plainErrorHeaders are the headers of net/http's own error answers.
const plainErrorHeaders = "\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n"

func (c *jsonErrorConn) Write(b []byte) (int, error) {
	if rewritten, ok := jsonError(b); ok {
		if _, err := c.Conn.Write(rewritten); err != nil {
			return 0, err
		}
		return len(b), nil
	}
	return c.Conn.Write(b)
}

// jsonError rewrites one of net/http's plain-text error answers as JSON.
func jsonError(b []byte) ([]byte, bool) {
	if !bytes.HasPrefix(b, []byte("HTTP/1.1 ")) {
		return nil, false
	}
	head, text, ok := bytes.Cut(b, []byte(plainErrorHeaders))
	if !ok || bytes.IndexByte(head, '\n') >= 0 {
		return nil, false
	}
	statusLine := string(head[len("HTTP/1.1 "):])
	code, err := strconv.Atoi(strings.SplitN(statusLine, " ", 2)[0])
	if err != nil || code < 400 {
		return nil, false
	}
	// The text is "431 Request Header Fields Too Large", "400 Bad Request:
	// missing required Host header" or "Unsupported transfer encoding".
	msg := strings.ToLower(http.StatusText(code))
	detail := strings.TrimPrefix(strings.TrimPrefix(string(text), strconv.Itoa(code)+" "), http.StatusText(code))
	switch detail = strings.TrimPrefix(detail, ": "); {
	case code == http.StatusRequestHeaderFieldsTooLarge:
		msg = fmt.Sprintf("request headers larger than %d bytes", maxHeaderBytes)
	case detail != "":
		msg = strings.ToLower(detail[:1]) + detail[1:]
		if !strings.HasPrefix(string(text), strconv.Itoa(code)) {
			break // the whole text is the detail
		}
		msg = strings.ToLower(http.StatusText(code)) + ": " + detail
	}
	body := errorBody(&apiError{Message: msg})
	var out bytes.Buffer
	out.WriteString("HTTP/1.1 " + statusLine + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: ")
	out.WriteString(strconv.Itoa(len(body)))
	out.WriteString("\r\n\r\n")
	out.Write(body)
	return out.Bytes(), true
}
