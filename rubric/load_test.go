package rubric

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/callqa/listenscore/listenscore"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// rubricsDir holds the module's rubric fixtures: valid/ and invalid/.
const rubricsDir = "../testdata/rubrics"

// errorLines returns err's joined messages, one per problem, checking
// that each is an *Error.
func errorLines(t *testing.T, err error) []string {
	t.Helper()
	require.Error(t, err)
	joined, ok := err.(interface{ Unwrap() []error })
	require.True(t, ok, "want errors.Join, got %T", err)
	var lines []string
	for _, e := range joined.Unwrap() {
		_, isError := e.(*Error)
		assert.True(t, isError, "want *Error, got %T", e)
		lines = append(lines, e.Error())
	}
	return lines
}

func TestLoadInvalid(t *testing.T) {
	tests := []struct {
		name   string
		want   []string
		reason string
	}{
		{
			name: "invalid/absolute-extends.yaml",
			want: []string{
				`rubric: invalid/absolute-extends.yaml:1:10: extends "/etc/rubrics/base.yaml" must be a relative path`,
			},
		},
		{
			name:   "invalid/alias-bomb.yaml",
			reason: "billion laughs: stopped while counting, at the outermost alias being expanded",
			want: []string{
				`rubric: invalid/alias-bomb.yaml:6:8: more than 100000 YAML nodes with aliases expanded`,
			},
		},
		{
			name: "invalid/applies-when.yaml",
			want: []string{
				`rubric: invalid/applies-when.yaml:5:28: unknown metric "call_length"`,
				`rubric: invalid/applies-when.yaml:9:5: applies_when needs min and/or max`,
				`rubric: invalid/applies-when.yaml:9:28: unknown metric "duration_second" (did you mean "duration_seconds"?)`,
			},
		},
		{
			name: "invalid/bad-grades.yaml",
			want: []string{
				`rubric: invalid/bad-grades.yaml:2:1: no grade for scores below 40: give the lowest grade min 0`,
				`rubric: invalid/bad-grades.yaml:3:14: grade "excellent": min 120 is outside 0 to 100`,
				`rubric: invalid/bad-grades.yaml:5:9: grades "good" and "fine" have the same min 70`,
			},
		},
		{
			name: "invalid/bad-ids.yaml",
			want: []string{
				`rubric: invalid/bad-ids.yaml:2:5: criterion has no id`,
				`rubric: invalid/bad-ids.yaml:4:9: id "talk ratio" may contain only letters, digits, "_", "-" and "."`,
			},
		},
		{
			name:   "invalid/bad-phrases.yaml",
			reason: "phrases compare ignoring case, as they match",
			want: []string{
				`rubric: invalid/bad-phrases.yaml:4:11: empty phrase`,
				`rubric: invalid/bad-phrases.yaml:5:14: phrase "That Sounds Rough" is both added and removed`,
				`rubric: invalid/bad-phrases.yaml:7:5: unknown key "ad" in phrases (did you mean "add"?)`,
			},
		},
		{
			name:   "invalid/bad-settings.yaml",
			reason: "the YAML library would silently truncate 2.5 to 2",
			want: []string{
				`rubric: invalid/bad-settings.yaml:3:20: silence_seconds must be greater than 0, got 0`,
				`rubric: invalid/bad-settings.yaml:4:37: min_interruption_overlap_seconds must be at most 3600, got 7200`,
				`rubric: invalid/bad-settings.yaml:5:26: max_backchannel_words: want a whole number, got "2.5"`,
				`rubric: invalid/bad-settings.yaml:6:26: min_substantive_words must be greater than 0, got -1`,
				`rubric: invalid/bad-settings.yaml:7:3: unknown key "silence" in settings (did you mean "silence_seconds"?)`,
			},
		},
		{
			name: "invalid/bad-steps.yaml",
			want: []string{
				`rubric: invalid/bad-steps.yaml:4:12: steps is empty`,
				`rubric: invalid/bad-steps.yaml:8:7: no step earns points`,
				`rubric: invalid/bad-steps.yaml:13:9: step 1 has no points`,
				`rubric: invalid/bad-steps.yaml:14:26: points must not be negative, got -5`,
				`rubric: invalid/bad-steps.yaml:15:15: min 9 is above max 3`,
				`rubric: invalid/bad-steps.yaml:19:5: criterion has both min/max/tolerance and steps; use one`,
			},
		},
		{
			name: "invalid/bad-weight.yaml",
			want: []string{
				`rubric: invalid/bad-weight.yaml:5:13: weight must be greater than 0, got 0`,
				`rubric: invalid/bad-weight.yaml:9:13: weight must be greater than 0, got -2`,
			},
		},
		{
			name:   "invalid/cross-file-min-max.yaml",
			reason: "each file is fine alone; the message points at the child and names where the other bound is",
			want: []string{
				`rubric: invalid/cross-file-min-max.yaml:4:10: min 0.6 is above max 0.5 (max at valid/base.yaml:23:10)`,
				`rubric: invalid/cross-file-min-max.yaml:6:10: max 1 is below min 2 (min at valid/base.yaml:33:10)`,
			},
		},
		{
			name: "invalid/deep.yaml",
			want: []string{
				`rubric: invalid/deep.yaml:1:42: nesting deeper than 32 levels`,
			},
		},
		{
			name: "invalid/duplicate-id.yaml",
			want: []string{
				`rubric: invalid/duplicate-id.yaml:5:9: duplicate criterion id "talk" (first at 2:9)`,
			},
		},
		{
			name: "invalid/duplicate-key.yaml",
			want: []string{
				`rubric: invalid/duplicate-key.yaml:5:5: duplicate key "max" (first at 4:5)`,
			},
		},
		{
			name: "invalid/empty.yaml",
			want: []string{
				`rubric: invalid/empty.yaml: empty rubric`,
			},
		},
		{
			name:   "invalid/escape.yaml",
			reason: "extends cannot leave the file system given to Load",
			want: []string{
				`rubric: invalid/escape.yaml:1:10: extends "../../shared/base.yaml" is outside the rubric directory`,
			},
		},
		{
			name:   "invalid/merge-key.yaml",
			reason: "anchors are fine, merge keys are not: their keys would escape the unknown-key check",
			want: []string{
				`rubric: invalid/merge-key.yaml:1:1: unknown key "base" in rubric; want one of: name, description, extends, settings, weights, phrases, roles, grades, passing_grade, remove, criteria`,
				`rubric: invalid/merge-key.yaml:5:5: merge keys (<<) are not supported`,
			},
		},
		{
			name:   "invalid/remove-unknown-phrase.yaml",
			reason: "removing a phrase the lexicon does not have would change nothing, silently",
			want: []string{
				`rubric: invalid/remove-unknown-phrase.yaml:6:14: phrase "I understnad your frustration" is not in the empathy lexicon or added by a rubric this one extends, so removing it changes nothing (did you mean "i understand your frustration"?)`,
				`rubric: invalid/remove-unknown-phrase.yaml:6:45: phrase "no worries" is not in the empathy lexicon or added by a rubric this one extends, so removing it changes nothing`,
			},
		},
		{
			name: "invalid/min-above-max.yaml",
			want: []string{
				`rubric: invalid/min-above-max.yaml:4:10: min 2 is above max 0.6`,
			},
		},
		{
			name: "invalid/missing-extends.yaml",
			want: []string{
				`rubric: invalid/missing-extends.yaml:1:10: extends "shared/base.yaml": file does not exist`,
			},
		},
		{
			name:   "invalid/misspelled-key.yaml",
			reason: "a misspelled key fails, with the nearest known key",
			want: []string{
				`rubric: invalid/misspelled-key.yaml:6:5: unknown key "tolerence" in criterion (did you mean "tolerance"?)`,
			},
		},
		{
			name:   "invalid/misspelled-metric.yaml",
			reason: "nearest name by edit distance, else a name containing it; no guess for a name far from all",
			want: []string{
				`rubric: invalid/misspelled-metric.yaml:4:13: unknown metric "agent_talk_ration" (did you mean "agent_talk_ratio"?)`,
				`rubric: invalid/misspelled-metric.yaml:7:13: unknown metric "interruptions" (did you mean "agent_interruptions"?)`,
				`rubric: invalid/misspelled-metric.yaml:10:13: unknown metric "charisma"`,
			},
		},
		{
			name: "invalid/no-criteria.yaml",
			want: []string{
				`rubric: invalid/no-criteria.yaml: the rubric has no criteria`,
			},
		},
		{
			name:   "invalid/no-scoring.yaml",
			reason: "checked once the chain is merged: wpm is new, so it needs a metric",
			want: []string{
				`rubric: invalid/no-scoring.yaml:3:5: criterion "name_use" has no scoring rule: give min and/or max, or steps`,
				`rubric: invalid/no-scoring.yaml:5:5: criterion "wpm" has no metric`,
			},
		},
		{
			name: "invalid/not-a-mapping.yaml",
			want: []string{
				`rubric: invalid/not-a-mapping.yaml:1:1: want a mapping of rubric keys at the top level, got a list`,
			},
		},
		{
			name:   "invalid/odd-values.yaml",
			reason: "right types, no meaning; a title may be \".nan\", a bound may not be .inf",
			want: []string{
				`rubric: invalid/odd-values.yaml:2:10: extends is empty`,
				`rubric: invalid/odd-values.yaml:4:3: empty speaker label`,
				`rubric: invalid/odd-values.yaml:6:3: empty grade name`,
				`rubric: invalid/odd-values.yaml:7:9: grade "good" has no min`,
				`rubric: invalid/odd-values.yaml:8:3: want a key name, got a list`,
				`rubric: invalid/odd-values.yaml:12:13: metric is empty`,
				`rubric: invalid/odd-values.yaml:14:51: min 600 is above max 300`,
				`rubric: invalid/odd-values.yaml:18:10: max: want a finite number, got ".inf"`,
			},
		},
		{
			name: "invalid/overlapping-steps.yaml",
			want: []string{
				`rubric: invalid/overlapping-steps.yaml:7:9: step 3 (4 to 10) overlaps step 2 (1 to 4)`,
				`rubric: invalid/overlapping-steps.yaml:8:9: step 4 (any value) overlaps step 1 (≤ 0)`,
			},
		},
		{
			name:   "invalid/problems-everywhere.yaml",
			reason: "the file's problems, then those of the file it extends, and of how they combine, in one run",
			want: []string{
				`rubric: invalid/problems-everywhere.yaml:4:10: remove: invalid/misspelled-key.yaml has no criterion "talk_ration"`,
				`rubric: invalid/problems-everywhere.yaml:7:13: unknown metric "patience_second" (did you mean "patience_seconds"?)`,
				`rubric: invalid/misspelled-key.yaml:6:5: unknown key "tolerence" in criterion (did you mean "tolerance"?)`,
			},
		},
		{
			name:   "invalid/three-mistakes.yaml",
			reason: "a file's own problems do not hide those of the merged rubric: all at once, not one per run",
			want: []string{
				`rubric: invalid/three-mistakes.yaml:6:10: remove: default.yaml has no criterion "talk_ratoi" (did you mean "talk_ratio"?)`,
				`rubric: invalid/three-mistakes.yaml:7:16: unknown grade "goood" in passing_grade (did you mean "good"?)`,
				`rubric: invalid/three-mistakes.yaml:10:13: unknown metric "empathy_statement" (did you mean "empathy_statements"?)`,
				`rubric: invalid/three-mistakes.yaml:11:5: criterion "words" has no scoring rule: give min and/or max, or steps`,
			},
		},
		{
			name: "invalid/remove-unknown.yaml",
			want: []string{
				`rubric: invalid/remove-unknown.yaml:2:10: remove: default.yaml has no criterion "talk_ration" (did you mean "talk_ratio"?)`,
				`rubric: invalid/remove-unknown.yaml:2:23: remove: default.yaml has no criterion "clarity"`,
			},
		},
		{
			name: "invalid/remove-without-extends.yaml",
			want: []string{
				`rubric: invalid/remove-without-extends.yaml:1:1: remove needs extends: there are no inherited criteria`,
			},
		},
		{
			name: "invalid/self-extends.yaml",
			want: []string{
				`rubric: invalid/self-extends.yaml:1:10: extends cycle: invalid/self-extends.yaml → invalid/self-extends.yaml`,
			},
		},
		{
			name:   "invalid/syntax.yaml",
			reason: "the YAML library says line 1 (where the list began, 0-based); the line is found by bisection",
			want: []string{
				`rubric: invalid/syntax.yaml:4: did not find expected '-' indicator`,
			},
		},
		{
			name: "invalid/two-documents.yaml",
			want: []string{
				`rubric: invalid/two-documents.yaml:5:1: more than one YAML document`,
			},
		},
		{
			name: "invalid/unknown-grade.yaml",
			want: []string{
				`rubric: invalid/unknown-grade.yaml:5:16: unknown grade "god" in passing_grade (did you mean "good"?)`,
			},
		},
		{
			name: "invalid/unknown-lexicon.yaml",
			want: []string{
				`rubric: invalid/unknown-lexicon.yaml:3:3: unknown lexicon "empathi" (did you mean "empathy"?)`,
				`rubric: invalid/unknown-lexicon.yaml:5:3: unknown lexicon "apology"; want one of: acknowledgment, action, action_commitment, asks_for_problem, backchannel, care, closing_summary, courtesy, defensive, details, discourse, emotion, empathy, filler, hedge, hold, hold_return, instruction, intensifier, listening_complaint, open_request, playback, problem, question_lead, repeat_marker, sides_with_customer, social_formula, solution, stopwords, transfer, understanding_check`,
			},
		},
		{
			name: "invalid/unknown-role.yaml",
			want: []string{
				`rubric: invalid/unknown-role.yaml:3:16: unknown role "agnet" for speaker "Agent Smith" (did you mean "agent"?)`,
				`rubric: invalid/unknown-role.yaml:4:10: unknown role "supervisor" for speaker "spk_1" (want agent, customer or unknown)`,
				`rubric: invalid/unknown-role.yaml:5:10: speaker "spk_2" has no role (want agent, customer or unknown)`,
			},
		},
		{
			name:   "invalid/wrong-types.yaml",
			reason: "every value of the wrong type at once; the bad values are not checked further",
			want: []string{
				`rubric: invalid/wrong-types.yaml:1:7: name: want a string, got a list`,
				`rubric: invalid/wrong-types.yaml:2:11: settings: want a mapping, got "3"`,
				`rubric: invalid/wrong-types.yaml:6:10: max: want a number, got "half"`,
				`rubric: invalid/wrong-types.yaml:7:13: weight: want a number, got "heavy"`,
				`rubric: invalid/wrong-types.yaml:11:16: auto_fail: want true or false, got "maybe"`,
				`rubric: invalid/wrong-types.yaml:12:5: criteria: want a mapping, got "just a string"`,
				`rubric: invalid/wrong-types.yaml:15:12: steps: want a list, got "none"`,
			},
		},
		{
			name:   "invalid/cycle/a.yaml",
			reason: "reported where the cycle closes",
			want: []string{
				`rubric: invalid/cycle/b.yaml:1:10: extends cycle: invalid/cycle/a.yaml → invalid/cycle/b.yaml → invalid/cycle/a.yaml`,
			},
		},
		{
			name: "invalid/cycle/b.yaml",
			want: []string{
				`rubric: invalid/cycle/a.yaml:1:10: extends cycle: invalid/cycle/b.yaml → invalid/cycle/a.yaml → invalid/cycle/b.yaml`,
			},
		},
	}
	fsys := os.DirFS(rubricsDir)
	tested := make(map[string]bool)
	for _, tt := range tests {
		tested[tt.name] = true
		t.Run(tt.name, func(t *testing.T) {
			r, err := Load(fsys, tt.name)
			assert.Nil(t, r)
			assert.Equal(t, tt.want, errorLines(t, err), tt.reason)
		})
	}
	// Every fixture under invalid/ is in the table; cycle/b.yaml is
	// cycle/a.yaml seen from the other end.
	err := fs.WalkDir(fsys, "invalid", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && p != "invalid/cycle/b.yaml" {
			assert.True(t, tested[p], "%s has no expected messages", p)
		}
		return err
	})
	require.NoError(t, err)
}

func TestLoadExtends(t *testing.T) {
	r, err := Load(os.DirFS(rubricsDir), "valid/team/child.yaml")
	require.NoError(t, err)
	want := &Rubric{
		Name: "child",
		Criteria: []Criterion{
			// max overridden, tolerance and section cleared with null.
			{ID: "talk", Title: "Talk balance", Metric: "agent_talk_ratio", Weight: 2, Max: ptr(0.4)},
			// A band replaces the inherited steps.
			{ID: "interruptions", Metric: "agent_interruptions", Weight: 1, Max: ptr(1)},
			// "open" removed; steps replace the inherited band, auto_fail stays.
			{ID: "defensive", Metric: "defensive_statements", Weight: 1, Steps: []Step{{Max: ptr(0), Points: 1}}, AutoFail: true},
			// New criteria come after the inherited ones.
			{ID: "empathy", Metric: "empathy_statements", Weight: 3, Min: ptr(1)},
		},
		Grades:       []Band{{"pass", 60}, {"fail", 0}},
		PassingGrade: "pass",
		config: listenscore.Config{
			SilenceThreshold:    4 * time.Second, // the child's
			MaxBackchannelWords: 4,               // the parent's
			// The child adds back what the parent removed and removes what
			// it added (ignoring case).
			AddPhrases:    map[string][]string{"empathy": {"I get why you"}, "defensive": {"not my department"}},
			RemovePhrases: map[string][]string{"empathy": {"That must be hard"}},
		},
		// "rep" replaces the parent's "Rep": labels match ignoring case.
		roles: map[string]listenscore.Role{"rep": listenscore.RoleCustomer, "Caller": listenscore.RoleCustomer},
	}
	require.NotNil(t, r.compiled)
	r.compiled = nil // the Analyzer, compiled on first use
	assert.Equal(t, want, r)

	r, err = Load(os.DirFS(rubricsDir), "valid/team/grandchild.yaml")
	require.NoError(t, err)
	assert.Equal(t, "grandchild", r.Name)
	assert.Equal(t, 1.0, r.Criteria[0].Weight, "weight: ~ restores the default weight")
	assert.False(t, r.Criteria[2].AutoFail)
	assert.Equal(t, "pass", r.PassingGrade, "inherited through two files")
	assert.Equal(t, 4*time.Second, r.Config().SilenceThreshold)
}

func TestLoadExamples(t *testing.T) {
	tests := []struct {
		path      string
		wantIDs   []string
		wantRoles map[string]listenscore.Role
	}{
		{
			path: "../examples/rubrics/sales-discovery.yaml",
			wantIDs: []string{"talk_ratio", "no_interruptions", "monologue", "dead_air", "open_questions",
				"paraphrase", "empathy", "acknowledgments", "understanding_check", "patience", "hold_explained", "hold_thanked", "hold_length", "next_step",
				"no_defensive", "no_listening_complaints", "no_reasks", "customer_not_repeating",
				"asks_before_solving", "closing_summary", "mood_not_worse", "customer_story", "question_count"},
			wantRoles: map[string]listenscore.Role{"Account Executive": listenscore.RoleAgent,
				"Sales Engineer": listenscore.RoleAgent, "Prospect": listenscore.RoleCustomer},
		},
		{
			path: "../examples/rubrics/tech-support.yaml",
			wantIDs: []string{"no_interruptions", "monologue", "dead_air", "open_questions", "paraphrase",
				"empathy", "acknowledgments", "understanding_check", "patience", "hold_explained", "hold_thanked", "hold_length", "next_step", "no_defensive",
				"no_listening_complaints", "no_reasks", "customer_not_repeating", "asks_before_solving",
				"closing_summary", "mood_not_worse", "customer_name"},
			wantRoles: map[string]listenscore.Role{"Tier1": listenscore.RoleAgent,
				"spk_0": listenscore.RoleAgent, "spk_1": listenscore.RoleCustomer},
		},
	}
	for _, tt := range tests {
		t.Run(path.Base(tt.path), func(t *testing.T) {
			r, err := LoadFile(tt.path)
			require.NoError(t, err)
			var ids []string
			for _, c := range r.Criteria {
				ids = append(ids, c.ID)
			}
			assert.Equal(t, tt.wantIDs, ids)
			assert.Equal(t, tt.wantRoles, r.Roles())
			assert.NoError(t, r.Config().Validate())
		})
	}
}

func TestDefault(t *testing.T) {
	r := Default()
	assert.Equal(t, "default", r.Name)
	assert.Equal(t, []Band{{"excellent", 85}, {"good", 70}, {"needs_coaching", 50}, {"poor", 0}}, r.Grades)
	assert.Equal(t, "good", r.PassingGrade)
	assert.Nil(t, r.Roles())
	assert.Equal(t, listenscore.Config{
		SilenceThreshold:       listenscore.DefaultSilenceThreshold,
		MinInterruptionOverlap: listenscore.DefaultMinInterruptionOverlap,
		MaxBackchannelWords:    listenscore.DefaultMaxBackchannelWords,
		MinSubstantiveWords:    listenscore.DefaultMinSubstantiveWords,
	}, r.Config(), "default.yaml writes out listenscore's defaults")
	known := listenscore.MetricNames()
	for _, c := range r.Criteria {
		assert.Contains(t, known, c.Metric, c.ID)
		assert.NotEmpty(t, c.Title, c.ID)
		assert.NotEmpty(t, c.Section, c.ID)
	}
	r.Criteria[0].ID = "changed"
	assert.Equal(t, "talk_ratio", Default().Criteria[0].ID, "each call returns a new copy")
}

func TestConfigAndRolesAreCopies(t *testing.T) {
	r, err := Load(os.DirFS(rubricsDir), "valid/team/child.yaml")
	require.NoError(t, err)
	c := r.Config()
	c.AddPhrases["empathy"][0] = "changed"
	c.AddPhrases["new"] = []string{"x"}
	r.Roles()["rep"] = listenscore.RoleAgent
	assert.Equal(t, map[string][]string{"empathy": {"I get why you"}, "defensive": {"not my department"}}, r.Config().AddPhrases)
	assert.Equal(t, listenscore.RoleCustomer, r.Roles()["rep"])
}

func TestLoadFile(t *testing.T) {
	t.Run("extends stays in the file's directory", func(t *testing.T) {
		p := filepath.Join(rubricsDir, "valid", "team", "child.yaml")
		_, err := LoadFile(p)
		assert.Equal(t, []string{
			"rubric: " + p + `:5:10: extends "../base.yaml" is outside the rubric directory`,
		}, errorLines(t, err))
	})
	t.Run("missing file", func(t *testing.T) {
		_, err := LoadFile(filepath.Join(rubricsDir, "missing.yaml"))
		assert.Equal(t, []string{"rubric: ../testdata/rubrics/missing.yaml: file does not exist"}, errorLines(t, err))
		assert.ErrorIs(t, err, fs.ErrNotExist)
	})
	t.Run("missing directory", func(t *testing.T) {
		_, err := LoadFile(filepath.Join(rubricsDir, "nowhere", "x.yaml"))
		assert.Equal(t, []string{"rubric: ../testdata/rubrics/nowhere/x.yaml: file does not exist"}, errorLines(t, err))
	})
	t.Run("symbolic link out of the directory", func(t *testing.T) {
		dir := t.TempDir()
		outside := filepath.Join(dir, "outside.yaml")
		require.NoError(t, os.WriteFile(outside, []byte("criteria: [{id: x, metric: agent_words, max: 1}]\n"), 0o644))
		team := filepath.Join(dir, "team")
		require.NoError(t, os.Mkdir(team, 0o755))
		if err := os.Symlink(outside, filepath.Join(team, "link.yaml")); err != nil {
			t.Skipf("no symbolic links here: %v", err)
		}
		p := filepath.Join(team, "t.yaml")
		require.NoError(t, os.WriteFile(p, []byte("extends: link.yaml\n"), 0o644))
		_, err := LoadFile(p)
		lines := errorLines(t, err)
		require.Len(t, lines, 1)
		assert.True(t, strings.HasPrefix(lines[0], "rubric: "+p+`:1:10: extends "link.yaml": `), lines[0])
		r, err := LoadFile(outside)
		require.NoError(t, err, "the file itself is fine")
		assert.Equal(t, "outside", r.Name)
	})
}

func TestLoadPaths(t *testing.T) {
	fsys := fstest.MapFS{
		"team/a.yaml":      {Data: []byte("extends: ../shared/base.yaml\n")},
		"shared/base.yaml": {Data: []byte("criteria: [{id: x, metric: agent_words, max: 1}]\n")},
		"dir/x.yaml":       {Mode: fs.ModeDir},
	}
	r, err := Load(fsys, "team/a.yaml")
	require.NoError(t, err, "a sibling directory is inside the file system")
	assert.Equal(t, "a", r.Name)

	tests := []struct{ name, want string }{
		{"../team/a.yaml", "rubric: ../team/a.yaml: invalid rubric path: want a slash-separated path inside the rubric directory"},
		{"/team/a.yaml", "rubric: /team/a.yaml: invalid rubric path: want a slash-separated path inside the rubric directory"},
		{".", "rubric: .: invalid rubric path: want a slash-separated path inside the rubric directory"},
		{"dir", "rubric: dir: is a directory"},
		{"nope.yaml", "rubric: nope.yaml: file does not exist"},
	}
	for _, tt := range tests {
		_, err := Load(fsys, tt.name)
		assert.Equal(t, []string{tt.want}, errorLines(t, err), tt.name)
	}
}

func TestLoadLimits(t *testing.T) {
	t.Run("size", func(t *testing.T) {
		big := []byte("name: big\ndescription: " + strings.Repeat("x", maxFileBytes) + "\n")
		_, err := Parse("big.yaml", big)
		assert.Equal(t, []string{"rubric: big.yaml: file larger than 1048576 bytes"}, errorLines(t, err))
		_, err = Load(fstest.MapFS{"big.yaml": {Data: big}}, "big.yaml")
		assert.Equal(t, []string{"rubric: big.yaml: file larger than 1048576 bytes"}, errorLines(t, err))
		fsys := fstest.MapFS{"a.yaml": {Data: []byte("extends: big.yaml\n")}, "big.yaml": {Data: big}}
		_, err = Load(fsys, "a.yaml")
		assert.Equal(t, []string{`rubric: a.yaml:1:10: extends "big.yaml": file larger than 1048576 bytes`}, errorLines(t, err))
	})
	t.Run("extends chain", func(t *testing.T) {
		fsys := fstest.MapFS{}
		for i := range maxExtends + 1 {
			fsys[filepath.ToSlash(filepath.Join("r", string(rune('0'+i))+".yaml"))] = &fstest.MapFile{
				Data: []byte("extends: " + string(rune('1'+i)) + ".yaml\n")}
		}
		_, err := Load(fsys, "r/0.yaml")
		assert.Equal(t, []string{`rubric: r/7.yaml:1:10: extends chain longer than 8 files`}, errorLines(t, err))
	})
	t.Run("nodes", func(t *testing.T) {
		// Many nodes without any alias: 200 lists of 600.
		list := "[" + strings.Repeat("1,", 599) + "1]"
		data := []byte("description:\n" + strings.Repeat("  - "+list+"\n", 200))
		_, err := Parse("many.yaml", data)
		assert.Equal(t, []string{"rubric: many.yaml:168:464: more than 100000 YAML nodes with aliases expanded"},
			errorLines(t, err), "document, mapping, key, list: 4, and 166 lists of 601 nodes: 99,770; "+
				"the 230th item of the list on line 168 (column 5 + 1 + 2 × 229) is node 100,001")
	})
	t.Run("entries", func(t *testing.T) {
		_, err := Parse("long.yaml", []byte("remove: ["+strings.Repeat("x,", maxEntries)+"x]\n"))
		assert.Equal(t, []string{"rubric: long.yaml:1:9: list of more than 1000 items"}, errorLines(t, err))
		var roles strings.Builder
		for i := range maxEntries + 1 {
			fmt.Fprintf(&roles, "  spk_%d: customer\n", i)
		}
		_, err = Parse("wide.yaml", []byte("roles:\n"+roles.String()))
		assert.Equal(t, []string{"rubric: wide.yaml:2:3: mapping of more than 1000 keys"}, errorLines(t, err))
	})
	t.Run("self-referencing anchor", func(t *testing.T) {
		_, err := Parse("self.yaml", []byte("description: &a [*a]\n"))
		assert.Equal(t, []string{"rubric: self.yaml:1:18: nesting deeper than 32 levels"}, errorLines(t, err))
	})
}

func TestParse(t *testing.T) {
	r, err := Parse("team.yaml", []byte("extends: default\nremove: [talk_ratio]\n"))
	require.NoError(t, err)
	assert.Equal(t, "team", r.Name)
	assert.Len(t, r.Criteria, len(Default().Criteria)-1)
	assert.Equal(t, "good", r.PassingGrade)

	_, err = Parse("team.yaml", []byte("extends: base.yaml\n"))
	assert.Equal(t, []string{`rubric: team.yaml:1:10: extends "base.yaml": only the embedded default can be extended here (use Load to extend files)`},
		errorLines(t, err))
}

func TestLoadAliases(t *testing.T) {
	data := []byte(`
steps: &steps
  - {max: 0, points: 10}
  - {min: 1, points: 0}
criteria:
  - id: interruptions
    metric: agent_interruptions
    steps: *steps
`)
	_, err := Parse("a.yaml", data)
	assert.Equal(t, []string{`rubric: a.yaml:2:1: unknown key "steps" in rubric; want one of: name, description, extends, settings, weights, phrases, roles, grades, passing_grade, remove, criteria`},
		errorLines(t, err), "no top-level key to hold anchors")
	data = []byte(`
criteria:
  - id: interruptions
    metric: agent_interruptions
    steps: &steps
      - {max: 0, points: 10}
      - {min: 1, points: 0}
  - id: customer_interruptions
    metric: customer_interruptions
    steps: *steps
`)
	r, err := Parse("a.yaml", data)
	require.NoError(t, err)
	assert.Equal(t, r.Criteria[0].Steps, r.Criteria[1].Steps)
}

func TestYAMLError(t *testing.T) {
	// The decoder's own messages, used should the shape check miss
	// something the strict decode finds.
	var v struct {
		A int `yaml:"a"`
	}
	err := yaml.Unmarshal([]byte("a: x\nb: 1\n"), &v)
	require.Error(t, err)
	got := yamlError("f.yaml", err)
	require.Len(t, got, 1)
	assert.Equal(t, "rubric: f.yaml:1: cannot unmarshal !!str `x` into int", got[0].Error())
	assert.ErrorIs(t, got[0], err)
}

func TestErrorFormat(t *testing.T) {
	tests := []struct {
		err  *Error
		want string
	}{
		{&Error{File: "a.yaml", Line: 3, Column: 7, Msg: "m"}, "rubric: a.yaml:3:7: m"},
		{&Error{File: "a.yaml", Line: 3, Msg: "m"}, "rubric: a.yaml:3: m"},
		{&Error{File: "a.yaml", Msg: "m"}, "rubric: a.yaml: m"},
		{&Error{Msg: "m"}, "rubric: <input>: m"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, tt.err.Error())
	}
	cause := errors.New("cause")
	assert.ErrorIs(t, &Error{Err: cause}, cause)
}

func TestDidYouMean(t *testing.T) {
	var metrics []string
	for _, m := range listenscore.MetricNames() {
		metrics = append(metrics, string(m))
	}
	tests := []struct {
		name, want string
		known      []string
		reason     string
	}{
		{"agent_talk_ration", ` (did you mean "agent_talk_ratio"?)`, metrics, "one edit"},
		{"agnet_wpm", ` (did you mean "agent_wpm"?)`, metrics, "a transposition is one edit"},
		{"Open_Questions", ` (did you mean "open_questions"?)`, metrics, "case is free"},
		{"talk_ratio", ` (did you mean "agent_talk_ratio"?)`, metrics, "contained in a known name"},
		{"charisma", "", metrics, "nothing close"},
		{"base", "", []string{"name", "extends"}, "two edits in four letters is a different word"},
		{"ad", ` (did you mean "add"?)`, []string{"add", "remove"}, "one edit"},
		{strings.Repeat("x", 100), "", metrics, "long names are compared whole"},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, didYouMean(tt.name, tt.known), tt.reason)
	}
	require.True(t, slices.Contains(metrics, "agent_wpm"), "listenscore.MetricNames must be integrated")
}

// TestLoadWeights checks the weights key: a file beside the rubric, read
// with listenscore.ReadWeights, inherited by rubrics that extend it, and
// every way of naming one badly.
func TestLoadWeights(t *testing.T) {
	var b strings.Builder
	require.NoError(t, listenscore.DefaultWeights().WriteJSON(&b))
	good := b.String()
	fsys := fstest.MapFS{
		"team/base.yaml":    {Data: []byte("extends: default\nweights: w/team.json\n")},
		"team/w/team.json":  {Data: []byte(good)},
		"team/child.yaml":   {Data: []byte("extends: base.yaml\n")},
		"team/missing.yaml": {Data: []byte("extends: default\nweights: nope.json\n")},
		"team/outside.yaml": {Data: []byte("extends: default\nweights: ../../w.json\n")},
		"team/abs.yaml":     {Data: []byte("extends: default\nweights: /etc/w.json\n")},
		"team/bad.yaml":     {Data: []byte("extends: default\nweights: w/bad.json\n")},
		"team/w/bad.json":   {Data: []byte(`{"format": "listenscore weights 1", "models": []}`)},
	}
	for _, name := range []string{"team/base.yaml", "team/child.yaml"} {
		r, err := Load(fsys, name)
		require.NoError(t, err, name)
		assert.Equal(t, listenscore.DefaultWeights(), r.Config().Weights, "%s: the weights are read, and inherited", name)
	}
	r, err := Load(fsys, "team/child.yaml")
	require.NoError(t, err)
	assert.NotSame(t, listenscore.DefaultWeights(), r.Config().Weights, "read from the file, not the embedded default")

	for _, tt := range []struct{ name, want string }{
		{"team/missing.yaml", `rubric: team/missing.yaml:2:10: weights "nope.json": file does not exist`},
		{"team/outside.yaml", `rubric: team/outside.yaml:2:10: weights "../../w.json" is outside the rubric directory`},
		{"team/abs.yaml", `rubric: team/abs.yaml:2:10: weights "/etc/w.json" must be a relative path`},
		{"team/bad.yaml", `rubric: team/bad.yaml:2:10: weights "w/bad.json": team/w/bad.json:1:1: schema error: no model for tag "question"`},
	} {
		_, err := Load(fsys, tt.name)
		require.Error(t, err, tt.name)
		assert.Equal(t, tt.want, err.Error())
	}
	_, err = Parse("mem.yaml", []byte("extends: default\nweights: w.json\n"))
	require.Error(t, err)
	assert.Equal(t, `rubric: mem.yaml:2:10: weights "w.json": a rubric held in memory cannot name a file (use Load)`, err.Error())
	assert.Nil(t, Default().Config().Weights, "the default rubric uses the embedded weights")
}
