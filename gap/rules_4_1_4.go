package gap

import (
	"strings"

	"github.com/wardhq/ward"
)

// Clause 4.1.4 — SECURITY expertise.

func init() {
	register("R414-1", checkCompetenceOfContributors)
	register("R414-2", checkSecurityTraining)
}

// reviewClause is the clause whose activity a review of each kind records.
var reviewClause = map[ward.ReviewKind]string{
	ward.ReviewRequirements: "5.2.2", ward.ReviewArchitecture: "5.3.3", ward.ReviewDesign: "5.4.4",
	ward.ReviewCode: "5.5.2", ward.ReviewDocuments: "4.1.9", ward.ReviewDefectManagement: "4.1.8",
	ward.ReviewProcess: "4.1.6", ward.ReviewThreatModel: "7.2", ward.ReviewRiskManagement: "7.3",
	ward.ReviewControls: "7.5",
}

// testClause is the clause whose activity a test of each kind records.
var testClause = map[ward.TestKind]string{
	ward.TestSecurityRequirement: "5.7.1", ward.TestThreatMitigation: "5.7.2", ward.TestFuzz: "5.7.3",
	ward.TestVulnScan: "5.7.3", ward.TestSCA: "5.7.3", ward.TestSAST: "5.5.1", ward.TestDAST: "5.7.3",
	ward.TestAttackSurface: "5.7.3", ward.TestCredentials: "5.7.3", ward.TestPenetration: "5.7.4",
	ward.TestIntegration: "5.6", ward.TestRegression: "6.2.2", ward.TestSecretScan: "5.1.2",
	ward.TestUpdateIntegrity: "5.8.3",
}

// requiredCompetencies returns the competencies the policy matrix demands
// for an activity of the clause: entries for the clause and the clauses
// above it (a "5.7" entry applies to 5.7.3), sorted and deduplicated.
func requiredCompetencies(in *Input, clause string) []string {
	var out []string
	for key, names := range in.Policy.Competencies {
		if clauseCovers(key, clause) {
			out = append(out, names...)
		}
	}
	return dedupSorted(out)
}

// checkCompetenceOfContributors: everyone who executed a test or did a
// review in the release window holds, with evidence and valid on that day,
// each competency the policy's competency matrix requires for the activity;
// and every active holder of a role holds the competencies the role requires.
func checkCompetenceOfContributors(in *Input, c *Check) {
	if len(in.Policy.Competencies) == 0 {
		c.Missing(in.policyPos(), "policy.competency_matrix is empty: no competencies are required per activity")
	}
	from, to := releaseWindow(in)
	type work struct {
		at      ward.Pos
		id      string
		clause  string
		day     ward.Date
		persons []string
	}
	var done []work
	for _, t := range in.File.Tests {
		if cl := testClause[t.Kind]; cl != "" && inWindow(t.Date, from, to) {
			done = append(done, work{t.At, "test " + t.ID, cl, t.Date, t.ExecutedBy})
		}
	}
	for _, r := range in.File.Reviews {
		if cl := reviewClause[r.Kind]; cl != "" && inWindow(r.Date, from, to) {
			done = append(done, work{r.At, "review " + r.ID, cl, r.Date, r.Reviewers})
		}
	}
	for _, d := range in.File.Documents {
		if d.ReviewedBy != "" && inWindow(d.ReviewedAt, from, to) {
			done = append(done, work{d.At, "document review " + d.ID, "4.1.9", d.ReviewedAt, []string{d.ReviewedBy}})
		}
	}
	for _, w := range done {
		for _, name := range requiredCompetencies(in, w.clause) {
			for _, pid := range w.persons {
				p := in.Person(pid)
				if p == nil {
					continue // a dangling reference; the loader reports it
				}
				if validCompetency(p, name, w.day) == nil {
					c.Missing(w.at, "%s (clause %s, %s): %s lacks competency %s with evidence valid on that day", w.id, w.clause, w.day, pid, name)
					continue
				}
				c.Cite(pid)
			}
		}
	}
	for _, p := range in.File.People {
		if !p.IsActive() {
			continue
		}
		for _, rid := range p.Roles {
			r := in.Role(rid)
			if r == nil {
				continue
			}
			for _, name := range r.Competencies {
				if validCompetency(p, name, in.Today) == nil {
					c.Missing(p.At, "person %s: holds role %s but lacks its competency %s (with evidence, valid today)", p.ID, r.ID, name)
				}
			}
		}
	}
	c.OK("%d activities of the release window were done by people holding the required competencies", len(done))
}

// checkSecurityTraining: every active person holding a security role has
// a security training within the policy's training interval.
func checkSecurityTraining(in *Input, c *Check) {
	since := in.Today.AddMonths(-in.Policy.TrainingMonths)
	n := 0
	for _, p := range in.File.People {
		if !p.IsActive() || len(p.Roles) == 0 {
			continue
		}
		n++
		var last ward.Date
		for _, t := range p.Trainings {
			if t.Date.After(last) && !t.Date.After(in.Today) {
				last = t.Date
			}
		}
		switch {
		case last.IsZero():
			c.Missing(p.At, "person %s (roles %s): no security training recorded", p.ID, strings.Join(sortedCopy(p.Roles), ", "))
		case last.Before(since):
			c.Missing(p.At, "person %s: last security training %s is older than %d months", p.ID, last, in.Policy.TrainingMonths)
		default:
			c.Cite(p.ID)
		}
	}
	if n == 0 {
		c.Missing(ward.Pos{}, "no active person holds a security role (people[].roles)")
	}
	c.OK("all %d holders of security roles trained within %d months", n, in.Policy.TrainingMonths)
}
