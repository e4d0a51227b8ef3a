package cvss

import (
	"fmt"
	"sort"
	"strings"

	"github.com/wardhq/ward"
)

// Question is one step of the rubric walk. The questions follow the
// structure of MITRE's "Rubric for Applying CVSS to Medical Devices" (a
// decision flow per exploitability metric; confidentiality, integrity and
// availability judged per category of clinical data or function, the worst
// answer winning) but are ward's own wording: they are not the rubric's
// text, which remains the reference for the assessor.
type Question struct {
	ID      string     // stable: security files store answers under it, e.g. "AV-1", "CIA-THERAPY-I"
	Metric  string     // CVSS v3.1 base metric it decides: AV, AC, PR, UI, S, C, I or A
	Text    string     // the question
	Help    string     // what counts, with medical-device examples
	Answers []Answer   // allowed answers
	When    *Condition // asked only if this earlier answer was given; nil: always asked
}

// Answer is an allowed answer and what it means for the metric.
type Answer struct {
	Value   string // what the user types, e.g. "yes", "high"
	Meaning string // e.g. "AV:N", or "worst case for C: H"
}

// Condition makes a question depend on an earlier answer.
type Condition struct {
	Question string // ID of the earlier question
	Answer   string // the answer that leads here
}

// Applies reports whether q is on the decision path given the answers so
// far: it is always asked, or the question it depends on is on the path
// and got the answer that leads to q.
func (q Question) Applies(answers map[string]string) bool {
	if q.When == nil {
		return true
	}
	for _, p := range rubric {
		if p.ID == q.When.Question {
			return p.Applies(answers) && normalize(answers[p.ID]) == q.When.Answer
		}
	}
	return false
}

// Allowed lists the allowed answer values, e.g. "yes or no".
func (q Question) Allowed() string {
	vals := make([]string, len(q.Answers))
	for i, a := range q.Answers {
		vals[i] = a.Value
	}
	return orList(vals)
}

// Check returns the normalized answer (trimmed, lower case) or an EInvalid
// error naming the question and its allowed answers.
func (q Question) Check(answer string) (string, error) {
	a := normalize(answer)
	if a == "" {
		return "", ward.Errorf(ward.EInvalid, "question %s: no answer (want %s)", q.ID, q.Allowed())
	}
	for _, ok := range q.Answers {
		if ok.Value == a {
			return a, nil
		}
	}
	return "", ward.Errorf(ward.EInvalid, "question %s: invalid answer %q (want %s)", q.ID, answer, q.Allowed())
}

func normalize(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

// A category is a kind of clinical data or function whose confidentiality,
// integrity and availability are judged separately.
type category struct {
	id, name string
	c, i, a  string // what high means for it, per metric
}

var categories = []category{
	{"PHI", "patient health information and other personal data (PHI/PII)",
		"high: records of one or more patients can be read, e.g. an export of the patient list or a therapy history",
		"high: patient identity or record content can be altered, e.g. results filed under the wrong patient",
		"high: staff cannot reach patient records they need, for as long as the attack lasts or beyond"},
	{"DIAGNOSIS", "data and functions for diagnosis or monitoring (measurements, waveforms, images, alarms)",
		"high: clinical measurements or images leak in full, e.g. a live monitoring stream",
		"high: a reading, image or alarm can be falsified or suppressed so that a clinician may decide wrongly",
		"high: monitoring or an alarm stops or is delayed long enough that deterioration can go unnoticed"},
	{"THERAPY", "therapy delivery (programmed dose, rate, energy, settings, and delivery itself)",
		"high: therapy programs or settings can be read in full, e.g. a patient's drug library and schedule",
		"high: what is delivered can be changed, e.g. dose, rate or energy, or a delivery started or stopped",
		"high: therapy cannot be delivered, or stops, when the patient needs it"},
	{"WORKFLOW", "clinical workflow (orders, worklists, schedules, device-to-EHR exchange, staff's use of the device)",
		"high: workflow data can be read in full, e.g. orders or schedules with their context",
		"high: orders, worklists or results in transit can be changed so that care goes to the wrong patient or time",
		"high: the device or its data flows are out of use for staff, so care is delayed or moved elsewhere"},
	{"SECRETS", "system and user secrets (passwords, keys, certificates, tokens, pairing codes)",
		"high: a secret that unlocks more is disclosed, e.g. a service password or a signing key",
		"high: secrets can be replaced or added, e.g. an attacker's key or account is installed",
		"high: legitimate users or systems are locked out, e.g. credentials are erased or revoked"},
	{"OTHER", "other critical data and functions (configuration, firmware, logs, essential performance not covered above)",
		"high: critical configuration or firmware can be read in full",
		"high: firmware, configuration or audit logs can be changed",
		"high: a function essential performance depends on is lost"},
}

// rubric is the question set, in the order it is asked.
var rubric = buildRubric()

func buildRubric() []Question {
	yesNo := func(yes, no string) []Answer {
		return []Answer{{"yes", yes}, {"no", no}}
	}
	qs := []Question{
		{
			ID: "AV-1", Metric: "AV",
			Text:    "Can the attacker reach the vulnerable interface over a routed network, from beyond the device's own network segment?",
			Help:    "Yes for anything reachable across routers: the hospital network from another subnet, the internet, a VPN, a cloud or remote-service connection, cellular data, e-mail or web content the device fetches.",
			Answers: yesNo("AV:N (network)", "continue with AV-2"),
		},
		{
			ID: "AV-2", Metric: "AV", When: &Condition{"AV-1", "no"},
			Text:    "Can the attacker reach it from the same local segment or over a short-range radio link, without touching the device?",
			Help:    "Yes for the same Ethernet or Wi-Fi segment (no routing), Bluetooth or BLE, Zigbee, NFC, RF or inductive telemetry to an implant, a programmer's radio.",
			Answers: yesNo("AV:A (adjacent)", "continue with AV-3"),
		},
		{
			ID: "AV-3", Metric: "AV", When: &Condition{"AV-2", "no"},
			Text:    "Must the attacker handle the device itself: plug something in, open it, or operate its controls?",
			Help:    "Yes for a USB stick or service cable, a debug or serial port, the front panel or keypad, removing storage. No when the attack runs as a local user or process, or through a file a local user opens.",
			Answers: yesNo("AV:P (physical)", "AV:L (local)"),
		},
		{
			ID: "AC-1", Metric: "AC",
			Text:    "Does success depend on conditions the attacker cannot bring about at will?",
			Help:    "Yes if the attacker must win a race, learn a secret specific to this installation, sit between two parties (man in the middle), or prepare the target first. No if the attack works the same way every time against any unit.",
			Answers: yesNo("AC:H (high)", "AC:L (low)"),
		},
		{
			ID: "PR-1", Metric: "PR",
			Text:    "Does the attack need an account, a session, a pairing or another credential on the device or the system that controls it?",
			Help:    "No if anyone who can reach the interface can attack it, e.g. an unauthenticated service or a pre-login screen.",
			Answers: yesNo("continue with PR-2", "PR:N (none)"),
		},
		{
			ID: "PR-2", Metric: "PR", When: &Condition{"PR-1", "yes"},
			Text:    "Is that credential one an attacker can have without earning it: a default, hard-coded, shared or published one?",
			Help:    "Yes for a factory password in the manual, a key in the firmware image, a PIN printed on the housing, a code shared by every unit.",
			Answers: yesNo("PR:N (none: the credential protects nothing)", "continue with PR-3"),
		},
		{
			ID: "PR-3", Metric: "PR", When: &Condition{"PR-2", "no"},
			Text:    "Does the attack need elevated rights (administrator, service or configuration access) rather than an ordinary user's?",
			Help:    "Yes for a service technician's or biomedical engineer's account, an administrator of the device or its server. No for an ordinary clinician, operator or patient account.",
			Answers: yesNo("PR:H (high)", "PR:L (low)"),
		},
		{
			ID: "UI-1", Metric: "UI",
			Text:    "Does the attack need someone other than the attacker to act: a clinician, patient or technician?",
			Help:    "Yes if a person must open a file, follow a link, plug in media, accept a prompt or start a session for the attack to work.",
			Answers: yesNo("UI:R (required)", "UI:N (none)"),
		},
		{
			ID: "S-1", Metric: "S",
			Text:    "Can exploiting the vulnerable component harm components under a different authority?",
			Help:    "Yes if, from the vulnerable component, the attacker affects what another security authority governs: a device compromise reaching into the hospital network or EHR, an app compromise attacking the phone's operating system, a sandbox or hypervisor escape, a gateway compromise taking over the devices behind it.",
			Answers: yesNo("S:C (changed)", "S:U (unchanged)"),
		},
	}
	metrics := []struct{ letter, verb string }{
		{"C", "read (confidentiality)"},
		{"I", "change or forge (integrity)"},
		{"A", "deny or degrade (availability)"},
	}
	for _, c := range categories {
		high := map[string]string{"C": c.c, "I": c.i, "A": c.a}
		for _, m := range metrics {
			qs = append(qs, Question{
				ID:     "CIA-" + c.id + "-" + m.letter,
				Metric: m.letter,
				Text:   fmt.Sprintf("How much of the %s can the attacker %s?", c.name, m.verb),
				Help: high[m.letter] + ". low: some of it, or without serious consequence for patients or care. " +
					"none: nothing. na: the device has no such data or function. The worst answer over all categories sets " + m.letter + ".",
				Answers: []Answer{
					{"high", m.letter + ":H unless another category is worse"},
					{"low", m.letter + ":L unless another category is worse"},
					{"none", m.letter + ":N unless another category is worse"},
					{"na", "as none: the category does not apply"},
				},
			})
		}
	}
	return qs
}

// RubricQuestions returns every question of the rubric walk in the order
// it is asked. A question whose When is not met is skipped. The slice is a
// copy; callers may keep it.
func RubricQuestions() []Question {
	return append([]Question(nil), rubric...)
}

// FromRubric derives a CVSS v3.1 base vector from answers keyed by
// question ID (as stored in a risk's pre.rubric or post.rubric).
// Answers are case-insensitive. It returns EInvalid listing every
// problem: an unknown question ID, an unanswered or invalid answer on the
// decision path (with the allowed answers), and an answer to a question
// the path skips (an answer that did not count would mislead a reviewer).
func FromRubric(answers map[string]string) (vector string, err error) {
	var problems []string
	known := make(map[string]bool)
	metric := map[string]string{"C": "N", "I": "N", "A": "N"}
	for _, q := range rubric {
		known[q.ID] = true
		given, answered := answers[q.ID]
		if !q.Applies(answers) {
			if answered {
				problems = append(problems, fmt.Sprintf("question %s: answered, but not asked because %s is not %q (remove it)",
					q.ID, q.When.Question, q.When.Answer))
			}
			continue
		}
		a, err := q.Check(given)
		if err != nil {
			problems = append(problems, ward.MessageOf(err))
			continue
		}
		decide(q, a, metric)
	}
	var unknown []string
	for id := range answers {
		if !known[id] {
			unknown = append(unknown, id)
		}
	}
	sort.Strings(unknown)
	for _, id := range unknown {
		problems = append(problems, fmt.Sprintf("question %q: unknown (see ward cvss rubric)", id))
	}
	if len(problems) > 0 {
		return "", ward.Errorf(ward.EInvalid, "rubric: %s", strings.Join(problems, "; "))
	}
	return fmt.Sprintf("CVSS:3.1/AV:%s/AC:%s/PR:%s/UI:%s/S:%s/C:%s/I:%s/A:%s",
		metric["AV"], metric["AC"], metric["PR"], metric["UI"], metric["S"], metric["C"], metric["I"], metric["A"]), nil
}

// decide records what answer a to question q means for its metric.
func decide(q Question, a string, metric map[string]string) {
	yes := a == "yes"
	switch q.ID {
	case "AV-1":
		if yes {
			metric["AV"] = "N"
		}
	case "AV-2":
		if yes {
			metric["AV"] = "A"
		}
	case "AV-3":
		metric["AV"] = pick(yes, "P", "L")
	case "AC-1":
		metric["AC"] = pick(yes, "H", "L")
	case "PR-1":
		if !yes {
			metric["PR"] = "N"
		}
	case "PR-2":
		if yes {
			metric["PR"] = "N"
		}
	case "PR-3":
		metric["PR"] = pick(yes, "H", "L")
	case "UI-1":
		metric["UI"] = pick(yes, "R", "N")
	case "S-1":
		metric["S"] = pick(yes, "C", "U")
	default: // CIA-<category>-<C|I|A>: the worst answer wins
		level := map[string]string{"high": "H", "low": "L"}[a]
		if level == "" {
			return
		}
		if cur := metric[q.Metric]; cur == "N" || (cur == "L" && level == "H") {
			metric[q.Metric] = level
		}
	}
}

func pick(cond bool, yes, no string) string {
	if cond {
		return yes
	}
	return no
}
