package rubric

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/callqa/listenscore/listenscore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// schemaValidator checks a JSON value against the subset of JSON Schema
// (draft-07) that schema.json uses; TestSchemaKeywords keeps schema.json
// inside that subset.
type schemaValidator struct {
	root map[string]any
}

// schemaKeywords are the keywords the validator implements, and the
// annotations it ignores.
var schemaKeywords = []string{
	"$schema", "$id", "title", "description", // annotations
	"$ref", "definitions", "type", "properties", "required", "additionalProperties",
	"propertyNames", "enum", "items", "minItems", "minLength", "minimum", "maximum",
	"exclusiveMinimum", "pattern", "oneOf", "anyOf", "not",
}

func (v *schemaValidator) validate(schema map[string]any, value any, at string) []string {
	if ref, ok := schema["$ref"].(string); ok {
		name, found := strings.CutPrefix(ref, "#/definitions/")
		if !found {
			return []string{at + ": unsupported $ref " + ref}
		}
		return v.validate(v.root["definitions"].(map[string]any)[name].(map[string]any), value, at)
	}
	var errs []string
	fail := func(format string, args ...any) { errs = append(errs, at+": "+fmt.Sprintf(format, args...)) }
	if t, ok := schema["type"]; ok {
		var types []string
		switch t := t.(type) {
		case string:
			types = []string{t}
		case []any:
			for _, x := range t {
				types = append(types, x.(string))
			}
		}
		if !slices.ContainsFunc(types, func(t string) bool { return hasType(value, t) }) {
			fail("want type %s, got %s", strings.Join(types, " or "), typeOf(value))
			return errs
		}
	}
	if enum, ok := schema["enum"].([]any); ok && !slices.Contains(enum, value) {
		fail("%v is not one of the enum values", value)
	}
	switch value := value.(type) {
	case map[string]any:
		props, _ := schema["properties"].(map[string]any)
		for _, req := range asList(schema["required"]) {
			if _, ok := value[req.(string)]; !ok {
				fail("missing required property %q", req)
			}
		}
		for _, key := range sortedKeys(value) {
			if pn, ok := schema["propertyNames"].(map[string]any); ok {
				errs = append(errs, v.validate(pn, key, at+"/"+key)...)
			}
			if ps, ok := props[key].(map[string]any); ok {
				errs = append(errs, v.validate(ps, value[key], at+"/"+key)...)
				continue
			}
			switch ap := schema["additionalProperties"].(type) {
			case bool:
				if !ap {
					fail("additional property %q not allowed", key)
				}
			case map[string]any:
				errs = append(errs, v.validate(ap, value[key], at+"/"+key)...)
			}
		}
	case []any:
		if n, ok := schema["minItems"].(float64); ok && float64(len(value)) < n {
			fail("want at least %v items", n)
		}
		if items, ok := schema["items"].(map[string]any); ok {
			for i, x := range value {
				errs = append(errs, v.validate(items, x, fmt.Sprintf("%s/%d", at, i))...)
			}
		}
	case float64:
		if m, ok := schema["minimum"].(float64); ok && value < m {
			fail("%v is below the minimum %v", value, m)
		}
		if m, ok := schema["maximum"].(float64); ok && value > m {
			fail("%v is above the maximum %v", value, m)
		}
		if m, ok := schema["exclusiveMinimum"].(float64); ok && value <= m {
			fail("%v is not above %v", value, m)
		}
	case string:
		if n, ok := schema["minLength"].(float64); ok && float64(len([]rune(value))) < n {
			fail("want at least %v characters", n)
		}
		if p, ok := schema["pattern"].(string); ok && !regexp.MustCompile(p).MatchString(value) {
			fail("%q does not match %s", value, p)
		}
	}
	matches := func(key string) (n int, all []string) {
		for _, s := range asList(schema[key]) {
			e := v.validate(s.(map[string]any), value, at)
			if len(e) == 0 {
				n++
			}
			all = append(all, e...)
		}
		return n, all
	}
	if _, ok := schema["anyOf"]; ok {
		if n, all := matches("anyOf"); n == 0 {
			fail("matches none of anyOf: %s", strings.Join(all, "; "))
		}
	}
	if _, ok := schema["oneOf"]; ok {
		if n, all := matches("oneOf"); n != 1 {
			fail("matches %d of oneOf, want 1: %s", n, strings.Join(all, "; "))
		}
	}
	if not, ok := schema["not"].(map[string]any); ok && len(v.validate(not, value, at)) == 0 {
		fail("matches a schema it must not")
	}
	return errs
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func hasType(v any, t string) bool {
	switch t {
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "null":
		return v == nil
	case "number":
		_, ok := v.(float64)
		return ok
	case "integer":
		f, ok := v.(float64)
		return ok && f == math.Trunc(f)
	}
	return false
}

func typeOf(v any) string {
	for _, t := range []string{"object", "array", "string", "boolean", "null", "integer", "number"} {
		if hasType(v, t) {
			return t
		}
	}
	return fmt.Sprintf("%T", v)
}

// yamlToJSON decodes a YAML document into the values encoding/json would
// give for the same data.
func yamlToJSON(t *testing.T, data []byte) any {
	t.Helper()
	var v any
	require.NoError(t, yaml.Unmarshal(data, &v))
	var conv func(any) any
	conv = func(v any) any {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				v[k] = conv(x)
			}
			return v
		case []any:
			for i, x := range v {
				v[i] = conv(x)
			}
			return v
		case int:
			return float64(v)
		}
		return v
	}
	return conv(v)
}

func loadSchema(t *testing.T) *schemaValidator {
	t.Helper()
	var root map[string]any
	require.NoError(t, json.Unmarshal(Schema(), &root))
	return &schemaValidator{root: root}
}

func TestSchemaAcceptsRubrics(t *testing.T) {
	v := loadSchema(t)
	files := []string{"default.yaml"}
	for _, glob := range []string{"../examples/rubrics/*.yaml", rubricsDir + "/valid/*.yaml", rubricsDir + "/valid/*/*.yaml"} {
		m, err := filepath.Glob(glob)
		require.NoError(t, err)
		files = append(files, m...)
	}
	require.GreaterOrEqual(t, len(files), 6)
	for _, f := range files {
		data, err := os.ReadFile(f)
		require.NoError(t, err)
		assert.Empty(t, v.validate(v.root, yamlToJSON(t, data), ""), f)
	}
}

func TestSchemaRejects(t *testing.T) {
	v := loadSchema(t)
	tests := []struct {
		name, yaml string
		want       []string
	}{
		{
			name: "misspelled key",
			yaml: "criteria:\n  - id: talk\n    metric: agent_talk_ratio\n    max: 0.5\n    tolerence: 0.2\n",
			want: []string{`/criteria/0: additional property "tolerence" not allowed`},
		},
		{
			name: "misspelled top-level key",
			yaml: "critera: []\n",
			want: []string{`: additional property "critera" not allowed`},
		},
		{
			name: "misspelled metric",
			yaml: "criteria: [{id: talk, metric: agent_talk_ration, max: 0.5}]\n",
			want: []string{`/criteria/0/metric: agent_talk_ration is not one of the enum values`},
		},
		{
			name: "unknown lexicon and role",
			yaml: "phrases: {empathi: {add: [x]}}\nroles: {spk_0: agnet}\n",
			want: []string{`/phrases/empathi: empathi is not one of the enum values`,
				`/roles/spk_0: agnet is not one of the enum values`},
		},
		{
			name: "band and steps",
			yaml: "criteria: [{id: x, metric: agent_words, max: 1, steps: [{points: 1}]}]\n",
			want: []string{`/criteria/0: matches a schema it must not`},
		},
		{
			name: "zero weight, negative points, fractional words",
			yaml: "settings: {max_backchannel_words: 2.5}\ncriteria: [{id: x, metric: agent_words, weight: 0, steps: [{points: -1}]}]\n",
			want: []string{`/criteria/0/steps/0/points: -1 is below the minimum 0`, `/criteria/0/weight: 0 is not above 0`,
				`/settings/max_backchannel_words: want type integer, got number`},
		},
		{
			name: "condition without bounds",
			yaml: "criteria: [{id: x, metric: agent_words, max: 1, applies_when: {metric: duration_seconds}}]\n",
			want: []string{`/criteria/0/applies_when: matches 0 of oneOf, want 1: /criteria/0/applies_when: matches none of anyOf: /criteria/0/applies_when: missing required property "min"; /criteria/0/applies_when: missing required property "max"; /criteria/0/applies_when: want type null, got object`},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			assert.Equal(t, tt.want, v.validate(v.root, yamlToJSON(t, []byte(tt.yaml)), ""))
		})
	}
}

// TestSchemaKeywords keeps schema.json within what the test validator
// implements.
func TestSchemaKeywords(t *testing.T) {
	v := loadSchema(t)
	var walk func(s map[string]any, at string)
	walk = func(s map[string]any, at string) {
		for k, x := range s {
			assert.Contains(t, schemaKeywords, k, "keyword at %s", at)
			switch k {
			case "properties", "definitions":
				for name, sub := range x.(map[string]any) {
					walk(sub.(map[string]any), at+"/"+k+"/"+name)
				}
			case "additionalProperties", "items", "not", "propertyNames":
				if sub, ok := x.(map[string]any); ok {
					walk(sub, at+"/"+k)
				}
			case "oneOf", "anyOf":
				for i, sub := range x.([]any) {
					walk(sub.(map[string]any), fmt.Sprintf("%s/%s/%d", at, k, i))
				}
			}
		}
	}
	walk(v.root, "")
}

// TestSchemaMatchesFormat keeps schema.json in step with the decoder's
// structs and with listenscore's names.
func TestSchemaMatchesFormat(t *testing.T) {
	v := loadSchema(t)
	defs := v.root["definitions"].(map[string]any)
	tests := []struct {
		schema map[string]any
		typ    reflect.Type
	}{
		{v.root, reflect.TypeFor[fileRubric]()},
		{defs["settings"].(map[string]any), reflect.TypeFor[fileSettings]()},
		{defs["phraseEdits"].(map[string]any), reflect.TypeFor[filePhrases]()},
		{defs["criterion"].(map[string]any), reflect.TypeFor[fileCriterion]()},
		{defs["step"].(map[string]any), reflect.TypeFor[fileStep]()},
		{defs["condition"].(map[string]any), reflect.TypeFor[fileCondition]()},
	}
	for _, tt := range tests {
		keys, _ := yamlFields(tt.typ)
		sort.Strings(keys)
		assert.Equal(t, keys, sortedKeys(tt.schema["properties"].(map[string]any)), structName(tt.typ))
		assert.Equal(t, false, tt.schema["additionalProperties"], structName(tt.typ))
	}
	var metrics []listenscore.MetricName
	for _, m := range defs["metric"].(map[string]any)["enum"].([]any) {
		metrics = append(metrics, listenscore.MetricName(m.(string)))
	}
	assert.Equal(t, listenscore.MetricNames(), metrics, "schema.json's metric enum, in MetricNames order")
	var lexicons []string
	phrases := v.root["properties"].(map[string]any)["phrases"].(map[string]any)
	for _, l := range phrases["propertyNames"].(map[string]any)["enum"].([]any) {
		lexicons = append(lexicons, l.(string))
	}
	assert.Equal(t, listenscore.Lexicons(), lexicons, "schema.json's lexicon enum, in Lexicons order")

	onDisk, err := os.ReadFile("schema.json")
	require.NoError(t, err)
	assert.Equal(t, onDisk, Schema())
}
