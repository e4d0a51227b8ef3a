package evidence

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"

	"github.com/wardhq/ward"
)

// SARIFResult is one result of a SARIF 2.1.0 run, with what its rule says
// about it resolved.
type SARIFResult struct {
	RuleID string
	// Level is error, warning, note or none: result.level, else "none" for
	// a result whose kind is not "fail", else the rule's
	// defaultConfiguration.level, else "warning" (SARIF §3.27.10).
	Level string
	// Severity is critical, high, medium, low or info: from the
	// "security-severity" property of the result, else of its rule (a
	// CVSS-like score; GitHub's bands: ≥ 9.0 critical, ≥ 7.0 high, ≥ 4.0
	// medium, > 0 low), else from Level (error high, warning medium, note
	// low, none info).
	Severity string
	Score    float64 // the security-severity score, 0 when none
	// Message is message.text with its {n} placeholders filled in, else
	// the rule's messageStrings entry named by message.id, else the rule's
	// shortDescription.
	Message string
	File    string   // first location's artifactLocation.uri (or that of the run artifact it indexes)
	Line    int      // its region.startLine; 0 when none
	Tags    []string // the rule's and the result's properties.tags, sorted, unique
	// Texts are the strings worth scanning for requirement or threat IDs
	// (see MentionedIDs): rule ID, rule name, tags and message.
	Texts []string
	// Suppressed is true when the result has a suppression whose status
	// is "accepted" or not given (an in-source suppression, a baseline).
	Suppressed bool
}

// SARIFRun is one run of a SARIF log: one tool's results.
type SARIFRun struct {
	ToolName    string // tool.driver.name, e.g. "gosec", "Semgrep OSS", "CodeQL"
	ToolVersion string // tool.driver.semanticVersion, else version
	Results     []SARIFResult
}

// Levels and severities as they appear in SARIFResult.
var (
	sarifLevels = []string{"error", "warning", "note", "none"}
	resultKinds = []string{"notApplicable", "pass", "fail", "review", "open", "informational"}
	suppStatus  = []string{"accepted", "underReview", "rejected"}
)

// ParseSARIF reads a SARIF 2.1.0 log as gosec, Semgrep, CodeQL and other
// static analysers write it: rules in tool.driver.rules and
// tool.extensions[].rules, referenced by ruleId, ruleIndex or rule
// (with toolComponent). name is the file name used in errors.
//
// A file that is not a SARIF log is a *ward.Error; bad values are
// ward.PosErrors at "name:line:col: $.json.path: message", every problem
// found in one pass. Both are EInvalid.
func ParseSARIF(r io.Reader, name string, lim Limits) ([]SARIFRun, error) {
	lim = lim.withDefaults()
	data, err := readAll(name, r, lim)
	if err != nil {
		return nil, err
	}
	switch c, _ := firstByte(data); c {
	case '{':
	case 0:
		return nil, ward.Errorf(ward.EInvalid, "%s: empty file: not a SARIF log", name)
	case '<':
		return nil, ward.Errorf(ward.EInvalid, "%s: not a SARIF log: the file is XML (want a SARIF 2.1.0 JSON log; JUnit XML reports are imported as such)", name)
	default:
		return nil, ward.Errorf(ward.EInvalid, "%s: not a SARIF log: the file is not a JSON object (want a SARIF 2.1.0 JSON log with \"version\" and \"runs\")", name)
	}
	d := newJSONDoc(name, data)
	var log sarifLog
	if err := d.decode(&log); err != nil {
		return nil, err
	}
	switch {
	case log.Version == nil && log.Runs == nil:
		return nil, ward.Errorf(ward.EInvalid, "%s: not a SARIF log: no \"version\" and no \"runs\" (want a SARIF 2.1.0 log as gosec, Semgrep or CodeQL write it)", name)
	case log.Version == nil:
		d.errorf("", "no \"version\" (a SARIF 2.1.0 log starts with \"version\": \"2.1.0\")")
	case *log.Version != "2.1.0":
		d.errorf("version", "SARIF version %q is not supported (want 2.1.0; convert older logs with the SARIF multitool)", *log.Version)
	}
	if log.Runs == nil {
		d.errorf("", "no \"runs\" (a SARIF log holds its results in \"runs\")")
	}
	if err := d.err(); err != nil {
		return nil, err
	}
	runs := make([]SARIFRun, 0, len(log.Runs))
	total := 0
	for i := range log.Runs {
		run, ok := readRun(d, &log.Runs[i], fmt.Sprintf("runs[%d]", i), &total, lim.MaxCases)
		if !ok {
			break
		}
		runs = append(runs, run)
	}
	if err := d.err(); err != nil {
		return nil, err
	}
	return runs, nil
}

// The SARIF 2.1.0 objects ward reads; the rest of a log is ignored.
type (
	sarifLog struct {
		Version *string    `json:"version"`
		Runs    []sarifRun `json:"runs"`
	}
	sarifRun struct {
		Tool      *sarifTool      `json:"tool"`
		Results   []sarifResult   `json:"results"`
		Artifacts []sarifArtifact `json:"artifacts"`
	}
	sarifTool struct {
		Driver     *sarifComponent  `json:"driver"`
		Extensions []sarifComponent `json:"extensions"`
	}
	sarifComponent struct {
		Name            string      `json:"name"`
		Version         string      `json:"version"`
		SemanticVersion string      `json:"semanticVersion"`
		Rules           []sarifRule `json:"rules"`
	}
	sarifRule struct {
		ID                   string                  `json:"id"`
		Name                 string                  `json:"name"`
		ShortDescription     *sarifMessage           `json:"shortDescription"`
		MessageStrings       map[string]sarifMessage `json:"messageStrings"`
		DefaultConfiguration *struct {
			Level *string `json:"level"`
		} `json:"defaultConfiguration"`
		Properties map[string]json.RawMessage `json:"properties"`
	}
	sarifMessage struct {
		Text      string   `json:"text"`
		Markdown  string   `json:"markdown"`
		ID        string   `json:"id"`
		Arguments []string `json:"arguments"`
	}
	sarifResult struct {
		RuleID    string `json:"ruleId"`
		RuleIndex *int   `json:"ruleIndex"`
		Rule      *struct {
			ID            string `json:"id"`
			Index         *int   `json:"index"`
			ToolComponent *struct {
				Name  string `json:"name"`
				Index *int   `json:"index"`
			} `json:"toolComponent"`
		} `json:"rule"`
		Kind         *string                    `json:"kind"`
		Level        *string                    `json:"level"`
		Message      *sarifMessage              `json:"message"`
		Locations    []sarifLocation            `json:"locations"`
		Suppressions []sarifSuppression         `json:"suppressions"`
		Properties   map[string]json.RawMessage `json:"properties"`
	}
	sarifLocation struct {
		PhysicalLocation *struct {
			ArtifactLocation *sarifArtifactLocation `json:"artifactLocation"`
			Region           *struct {
				StartLine int `json:"startLine"`
			} `json:"region"`
		} `json:"physicalLocation"`
	}
	sarifArtifactLocation struct {
		URI   string `json:"uri"`
		Index *int   `json:"index"`
	}
	sarifArtifact struct {
		Location *sarifArtifactLocation `json:"location"`
	}
	sarifSuppression struct {
		Status *string `json:"status"`
	}
)

// ruleInfo is what a result takes from its rule, checked once per rule.
type ruleInfo struct {
	rule  *sarifRule
	level string   // defaultConfiguration.level, "" when none
	score float64  // security-severity, 0 when none
	tags  []string // properties.tags
}

// component is a tool component (driver or extension) with its rules read.
type component struct {
	name  string
	rules []ruleInfo
	byID  map[string]int
}

func readRun(d *jsonDoc, run *sarifRun, path string, total *int, maxResults int) (SARIFRun, bool) {
	var out SARIFRun
	if run.Tool == nil || run.Tool.Driver == nil {
		d.errorf(path, "run has no tool.driver (SARIF names the analysis tool in runs[].tool.driver)")
		return out, true
	}
	drv := run.Tool.Driver
	if strings.TrimSpace(drv.Name) == "" {
		d.errorf(path+".tool.driver", "tool.driver has no name (SARIF requires the analysis tool's name)")
	}
	out.ToolName = drv.Name
	out.ToolVersion = drv.SemanticVersion
	if out.ToolVersion == "" {
		out.ToolVersion = drv.Version
	}
	driver := readComponent(d, drv, path+".tool.driver")
	exts := make([]*component, len(run.Tool.Extensions))
	for i := range run.Tool.Extensions {
		exts[i] = readComponent(d, &run.Tool.Extensions[i], fmt.Sprintf("%s.tool.extensions[%d]", path, i))
	}
	out.Results = make([]SARIFResult, 0, len(run.Results))
	for j := range run.Results {
		rpath := fmt.Sprintf("%s.results[%d]", path, j)
		if *total >= maxResults {
			d.errorf(rpath, "more than %d results (raise Limits.MaxCases if the file is genuine)", maxResults)
			return out, false
		}
		*total++
		if res, ok := readResult(d, run, &run.Results[j], rpath, driver, exts); ok {
			out.Results = append(out.Results, res)
		}
	}
	return out, true
}

func readComponent(d *jsonDoc, c *sarifComponent, path string) *component {
	comp := &component{name: c.Name, rules: make([]ruleInfo, len(c.Rules)), byID: make(map[string]int, len(c.Rules))}
	for k := range c.Rules {
		r := &c.Rules[k]
		rpath := fmt.Sprintf("%s.rules[%d]", path, k)
		info := ruleInfo{rule: r}
		if r.DefaultConfiguration != nil && r.DefaultConfiguration.Level != nil {
			info.level = *r.DefaultConfiguration.Level
			if !slices.Contains(sarifLevels, info.level) {
				d.errorf(rpath+".defaultConfiguration.level", "%q is not a SARIF level (want error, warning, note or none)", info.level)
			}
		}
		info.score, _ = readScore(d, r.Properties, rpath+".properties")
		info.tags = readTags(d, r.Properties, rpath+".properties")
		comp.rules[k] = info
		if _, dup := comp.byID[r.ID]; !dup && r.ID != "" {
			comp.byID[r.ID] = k
		}
	}
	return comp
}

// readScore reads the "security-severity" property, a number from 0 to 10
// written as a string (GitHub's convention) or as a number.
func readScore(d *jsonDoc, props map[string]json.RawMessage, path string) (float64, bool) {
	raw, ok := props["security-severity"]
	if !ok || string(raw) == "null" {
		return 0, false
	}
	path += ".security-severity"
	var s string
	if err := json.Unmarshal(raw, &s); err != nil {
		s = string(raw) // a bare number
	}
	f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil || math.IsNaN(f) || f < 0 || f > 10 {
		d.errorf(path, "%s is not a security-severity score (want a number from 0.0 to 10.0, e.g. \"7.5\")", truncate(string(raw), 40))
		return 0, false
	}
	return f, true
}

// readTags reads the "tags" property, an array of strings (SARIF §3.8.2).
func readTags(d *jsonDoc, props map[string]json.RawMessage, path string) []string {
	raw, ok := props["tags"]
	if !ok || string(raw) == "null" {
		return nil
	}
	var tags []string
	if err := json.Unmarshal(raw, &tags); err != nil {
		d.errorf(path+".tags", "tags must be an array of strings")
		return nil
	}
	return tags
}

func readResult(d *jsonDoc, run *sarifRun, r *sarifResult, path string, driver *component, exts []*component) (SARIFResult, bool) {
	var out SARIFResult
	n := len(d.errs)
	info := resolveRule(d, r, path, driver, exts)

	out.RuleID = r.RuleID
	if out.RuleID == "" && r.Rule != nil {
		out.RuleID = r.Rule.ID
	}
	if out.RuleID == "" && info != nil {
		out.RuleID = info.rule.ID
	}

	switch {
	case r.Level != nil:
		out.Level = *r.Level
		if !slices.Contains(sarifLevels, out.Level) {
			d.errorf(path+".level", "%q is not a SARIF level (want error, warning, note or none)", out.Level)
		}
	case r.Kind != nil && *r.Kind != "fail":
		out.Level = "none"
	case info != nil && info.level != "":
		out.Level = info.level
	default:
		out.Level = "warning"
	}
	if r.Kind != nil && !slices.Contains(resultKinds, *r.Kind) {
		d.errorf(path+".kind", "%q is not a SARIF result kind (want %s)", *r.Kind, orList(resultKinds))
	}

	score, ok := readScore(d, r.Properties, path+".properties")
	if !ok && info != nil {
		score = info.score
	}
	out.Score = score
	out.Severity = severity(score, out.Level)

	out.Message = resultMessage(d, r, path, info)

	if len(r.Locations) > 0 && r.Locations[0].PhysicalLocation != nil {
		pl := r.Locations[0].PhysicalLocation
		if al := pl.ArtifactLocation; al != nil {
			out.File = al.URI
			if out.File == "" && al.Index != nil && *al.Index >= 0 {
				if *al.Index < len(run.Artifacts) && run.Artifacts[*al.Index].Location != nil {
					out.File = run.Artifacts[*al.Index].Location.URI
				} else {
					d.errorf(path+".locations[0].physicalLocation.artifactLocation.index", "artifact index %d is out of range: the run lists %d artifacts", *al.Index, len(run.Artifacts))
				}
			}
		}
		if pl.Region != nil {
			out.Line = pl.Region.StartLine
		}
	}

	var tags []string
	if info != nil {
		tags = append(tags, info.tags...)
	}
	tags = append(tags, readTags(d, r.Properties, path+".properties")...)
	slices.Sort(tags)
	out.Tags = slices.Compact(tags)

	for k, s := range r.Suppressions {
		switch {
		case s.Status == nil || *s.Status == "accepted":
			out.Suppressed = true
		case !slices.Contains(suppStatus, *s.Status):
			d.errorf(fmt.Sprintf("%s.suppressions[%d].status", path, k), "%q is not a suppression status (want accepted, underReview or rejected)", *s.Status)
		}
	}

	texts := []string{out.RuleID}
	if info != nil {
		texts = append(texts, info.rule.Name)
	}
	texts = append(texts, out.Tags...)
	texts = append(texts, out.Message)
	out.Texts = compactTexts(texts)
	return out, len(d.errs) == n
}

// resolveRule finds the rule a result refers to: by index into the tool
// component rule.toolComponent names (the driver by default), else by ID
// in that component, else by ID in any component. nil when it has none.
func resolveRule(d *jsonDoc, r *sarifResult, path string, driver *component, exts []*component) *ruleInfo {
	comp := driver
	id := r.RuleID
	index, indexPath := -1, ""
	if r.RuleIndex != nil {
		index, indexPath = *r.RuleIndex, path+".ruleIndex"
	}
	if ref := r.Rule; ref != nil {
		if id == "" {
			id = ref.ID
		}
		if ref.Index != nil {
			index, indexPath = *ref.Index, path+".rule.index"
		}
		if tc := ref.ToolComponent; tc != nil {
			switch {
			case tc.Index != nil && *tc.Index >= 0:
				if *tc.Index >= len(exts) {
					d.errorf(path+".rule.toolComponent.index", "tool component index %d is out of range: the run has %d tool.extensions", *tc.Index, len(exts))
					return nil
				}
				comp = exts[*tc.Index]
			case tc.Name != "":
				for _, e := range exts {
					if e.name == tc.Name {
						comp = e
						break
					}
				}
			}
		}
	}
	if index >= 0 {
		if index < len(comp.rules) && (id == "" || comp.rules[index].rule.ID == id) {
			return &comp.rules[index]
		}
		if id == "" {
			d.errorf(indexPath, "rule index %d is out of range: %s has %d rules", index, componentName(comp), len(comp.rules))
			return nil
		}
		// An index that disagrees with ruleId: ruleId is what the tool
		// shows its users, so it wins.
	}
	if id == "" {
		return nil
	}
	if k, ok := comp.byID[id]; ok {
		return &comp.rules[k]
	}
	for _, c := range append([]*component{driver}, exts...) {
		if k, ok := c.byID[id]; ok {
			return &c.rules[k]
		}
	}
	return nil // a tool may leave its rules out of the log
}

func componentName(c *component) string {
	if c.name == "" {
		return "the tool component"
	}
	return fmt.Sprintf("%q", c.name)
}

// resultMessage returns the result's message text with its placeholders
// filled in, from the rule's messageStrings when the result names one.
func resultMessage(d *jsonDoc, r *sarifResult, path string, info *ruleInfo) string {
	var m sarifMessage
	if r.Message != nil {
		m = *r.Message
	}
	text := m.Text
	if text == "" && m.ID != "" && info != nil {
		if s, ok := info.rule.MessageStrings[m.ID]; ok {
			text = s.Text
			if text == "" {
				text = s.Markdown
			}
		} else {
			d.errorf(path+".message.id", "message id %q is not in the messageStrings of rule %q", m.ID, info.rule.ID)
		}
	}
	if text == "" {
		text = m.Markdown
	}
	if text == "" && info != nil && info.rule.ShortDescription != nil {
		text = info.rule.ShortDescription.Text
	}
	return fillArguments(text, m.Arguments)
}

// fillArguments replaces the placeholders {0}, {1}, … of a SARIF message
// with its arguments (SARIF §3.11.5); "{{" and "}}" stand for braces only
// where placeholders are used, so text without arguments is kept as it is.
func fillArguments(text string, args []string) string {
	if len(args) == 0 || !strings.Contains(text, "{") {
		return text
	}
	var b strings.Builder
	for i := 0; i < len(text); i++ {
		c := text[i]
		if c == '{' && i+1 < len(text) && text[i+1] == '{' {
			b.WriteByte('{')
			i++
			continue
		}
		if c == '}' && i+1 < len(text) && text[i+1] == '}' {
			b.WriteByte('}')
			i++
			continue
		}
		if c == '{' {
			if j := strings.IndexByte(text[i:], '}'); j > 1 {
				if n, err := strconv.Atoi(text[i+1 : i+j]); err == nil && n >= 0 && n < len(args) {
					b.WriteString(args[n])
					i += j
					continue
				}
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}

// severity rates a result: by its security-severity score when it has
// one, else by its level.
func severity(score float64, level string) string {
	switch {
	case score >= 9:
		return "critical"
	case score >= 7:
		return "high"
	case score >= 4:
		return "medium"
	case score > 0:
		return "low"
	}
	switch level {
	case "error":
		return "high"
	case "warning":
		return "medium"
	case "note":
		return "low"
	}
	return "info"
}

// compactTexts drops empty and repeated strings, keeping the order.
func compactTexts(texts []string) []string {
	out := texts[:0]
	for _, t := range texts {
		if t != "" && !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// orList writes "a, b or c".
func orList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}
