package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/goccy/go-yaml"

	"github.com/wardhq/ward"
	"github.com/wardhq/ward/cvss"
)

const cvssSummary = `Score CVSS vectors: v2.0 (no prefix), CVSS:3.0/…, CVSS:3.1/… and CVSS:4.0/….
With no vectors given, read one per line from stdin (blank lines skipped).
Prints one line per vector: for v2.0 and v3.x the base, temporal and
environmental scores (temporal and environmental equal the one before when
the vector sets none of their metrics) and the severity of the last; for
v4.0 the score, which metric groups it covers (CVSS-B, -BT, -BE, -BTE) and
its severity. An invalid vector prints an error naming the metric on stderr;
the others are still scored, and the exit status is 3.

'ward cvss rubric' derives a CVSS v3.1 base vector for a medical device.`

// runCVSS is `ward cvss [--format text|json] VECTOR…` and `ward cvss rubric`.
func runCVSS(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 && args[0] == "rubric" {
		return runCVSSRubric(e, args[1:])
	}
	fs := newFlags(e, "cvss", "[VECTOR…] | rubric", cvssSummary)
	format := fs.String("format", "text", "output format: text or json (one object per line)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usagef("cvss: unknown format %q (want text or json)", *format)
	}
	if len(pos) > 0 && pos[0] == "rubric" {
		return usagef("cvss: put rubric first: ward cvss rubric [flags]")
	}
	out := bufio.NewWriter(e.stdout)
	var total, failed int
	score := func(vector string) error {
		total++
		r, err := cvss.Score(vector)
		if err != nil {
			failed++
			fmt.Fprintf(e.stderr, "ward: %s: %s\n", vector, ward.MessageOf(err))
			return nil
		}
		return writeCVSS(out, r, *format)
	}
	if len(pos) > 0 {
		for _, v := range pos {
			if err := score(v); err != nil {
				return err
			}
		}
	} else {
		sc := bufio.NewScanner(e.stdin)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for n := 1; sc.Scan(); n++ {
			if n%4096 == 0 {
				if err := ctx.Err(); err != nil {
					return err
				}
			}
			line := strings.TrimSpace(sc.Text())
			if line == "" {
				continue
			}
			if err := score(line); err != nil {
				return err
			}
		}
		if err := sc.Err(); err != nil {
			return fmt.Errorf("cvss: read stdin: %w", err)
		}
		if total == 0 {
			return usagef("cvss: no vectors (give them as arguments or one per line on stdin)")
		}
	}
	if err := out.Flush(); err != nil {
		return err
	}
	if failed > 0 {
		return fmt.Errorf("cvss: %d of %d vectors invalid", failed, total)
	}
	return nil
}

// cvssV3JSON and cvssV4JSON are the JSON contract of `ward cvss`: one
// object per line, by version.
type cvssV3JSON struct {
	Vector        string  `json:"vector"`
	Version       string  `json:"version"`
	Base          float64 `json:"base"`
	Temporal      float64 `json:"temporal"`
	Environmental float64 `json:"environmental"`
	Severity      string  `json:"severity"`
}

type cvssV4JSON struct {
	Vector       string  `json:"vector"`
	Version      string  `json:"version"`
	Score        float64 `json:"score"`
	Nomenclature string  `json:"nomenclature"`
	Severity     string  `json:"severity"`
}

func writeCVSS(w io.Writer, r cvss.Result, format string) error {
	v4 := r.Version == "4.0"
	if format == "json" {
		var obj any = cvssV3JSON{r.Vector, r.Version, r.Base, r.Temporal, r.Environmental, r.Severity}
		if v4 {
			obj = cvssV4JSON{r.Vector, r.Version, r.Score, r.Nomenclature, r.Severity}
		}
		b, err := json.Marshal(obj)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(w, "%s\n", b)
		return err
	}
	var err error
	if v4 {
		_, err = fmt.Fprintf(w, "%s  %.1f %s %s\n", r.Vector, r.Score, r.Nomenclature, r.Severity)
	} else {
		_, err = fmt.Fprintf(w, "%s  base %.1f  temporal %.1f  environmental %.1f  %s\n",
			r.Vector, r.Base, r.Temporal, r.Environmental, r.Severity)
	}
	return err
}

const cvssRubricSummary = `Walk the medical-device questions (in the spirit of MITRE's "Rubric for
Applying CVSS to Medical Devices"; ward's wording) and derive a CVSS v3.1
base vector, its score and severity.

Without --answers, each question is printed on stderr with its allowed
answers and one answer per line is read from stdin (a terminal or a pipe).
With --answers, the answers come from a YAML or JSON map of question ID to
answer, as a risk's pre.rubric or post.rubric holds them. The text output is
a YAML fragment to paste as a risk's pre: or post: score; --format json
prints {"vector","score","severity","answers"}.`

// runCVSSRubric is `ward cvss rubric [--answers FILE] [--format text|json]`.
func runCVSSRubric(e *env, args []string) error {
	fs := newFlags(e, "cvss rubric", "", cvssRubricSummary)
	file := fs.String("answers", "", "YAML or JSON file mapping question ID to answer (default: ask on stdin)")
	format := fs.String("format", "text", "output format: text (a YAML fragment) or json")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	switch {
	case *format != "text" && *format != "json":
		return usagef("cvss rubric: unknown format %q (want text or json)", *format)
	case len(pos) != 0:
		return usagef("cvss rubric: takes no arguments (answers come from --answers FILE or stdin)")
	}
	var answers map[string]string
	if *file != "" {
		b, err := os.ReadFile(*file)
		if err != nil {
			return fmt.Errorf("cvss rubric: %w", err)
		}
		if err := yaml.Unmarshal(b, &answers); err != nil {
			return ward.Errorf(ward.EInvalid, "cvss rubric: %s: want a map of question ID to answer: %v", *file, err)
		}
	} else if answers, err = askRubric(e); err != nil {
		return err
	}
	vector, err := cvss.FromRubric(answers)
	if err != nil && *file != "" {
		return fmt.Errorf("cvss rubric: %s: %w", *file, err)
	} else if err != nil {
		return err
	}
	r, err := cvss.Score(vector)
	if err != nil {
		return err
	}
	if *format == "json" {
		b, err := json.Marshal(struct {
			Vector   string            `json:"vector"`
			Score    float64           `json:"score"`
			Severity string            `json:"severity"`
			Answers  map[string]string `json:"answers"`
		}{vector, r.Base, r.Severity, answers})
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(e.stdout, "%s\n", b)
		return err
	}
	out := bufio.NewWriter(e.stdout)
	fmt.Fprintf(out, "cvss: %q\nscore: %.1f\nseverity: %s\nexploitability: %s\nrubric:\n",
		vector, r.Base, r.Severity, cvss.ExploitabilityFromVector(vector))
	for _, q := range cvss.RubricQuestions() {
		if a, ok := answers[q.ID]; ok {
			fmt.Fprintf(out, "  %s: %q\n", q.ID, a)
		}
	}
	return out.Flush()
}

// askRubric asks each question on the decision path on stderr and reads
// its answer from stdin. At a terminal an invalid answer is asked again;
// from a pipe it is an error, as the following lines would answer the
// wrong questions.
func askRubric(e *env) (map[string]string, error) {
	retry := isTerminalReader(e.stdin)
	sc := bufio.NewScanner(e.stdin)
	answers := make(map[string]string)
	for _, q := range cvss.RubricQuestions() {
		if !q.Applies(answers) {
			continue
		}
		fmt.Fprintf(e.stderr, "\n%s  %s\n  %s\n", q.ID, q.Text, q.Help)
		for _, a := range q.Answers {
			fmt.Fprintf(e.stderr, "    %-5s %s\n", a.Value, a.Meaning)
		}
		for {
			fmt.Fprintf(e.stderr, "%s (%s)? ", q.ID, q.Allowed())
			if !sc.Scan() {
				fmt.Fprintln(e.stderr)
				if err := sc.Err(); err != nil {
					return nil, fmt.Errorf("cvss rubric: read stdin: %w", err)
				}
				return nil, ward.Errorf(ward.EInvalid, "cvss rubric: question %s: no answer, stdin ended (want %s)", q.ID, q.Allowed())
			}
			a, err := q.Check(sc.Text())
			if err == nil {
				answers[q.ID] = a
				break
			}
			if !retry {
				return nil, fmt.Errorf("cvss rubric: %w", err)
			}
			fmt.Fprintf(e.stderr, "%s\n", ward.MessageOf(err))
		}
	}
	fmt.Fprintln(e.stderr)
	return answers, nil
}

// isTerminalReader reports whether r is a terminal, where a person can
// correct an answer.
func isTerminalReader(r io.Reader) bool {
	f, ok := r.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
