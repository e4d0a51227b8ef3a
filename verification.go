package ward

// Test is one verification activity and its result.
type Test struct {
	At           Pos      `yaml:"-"`
	ID           string   `yaml:"id" ward:"required,id=test" doc:"e.g. TST-044"`
	Title        string   `yaml:"title" ward:"required"`
	Kind         TestKind `yaml:"kind" ward:"required"`
	Verifies     []string `yaml:"verifies" ward:"ref=requirement|control|threat|interface" doc:"requirements, controls, threats or interfaces it verifies"`
	Components   []string `yaml:"components" ward:"ref=component|element" doc:"what was tested"`
	Authors      []string `yaml:"authors" ward:"ref=person" doc:"developers of what the test covers"`
	ExecutedBy   []string `yaml:"executed_by" ward:"required,ref=person" doc:"who ran the test"`
	Organisation string   `yaml:"organisation" doc:"organisation of the testers, for external tests"`
	Independence string   `yaml:"independence" enum:"none,person,team,department,organisation" doc:"independence the report states"`
	Date         Date     `yaml:"date" ward:"required"`
	Build        string   `yaml:"build" doc:"build or commit tested"`
	Release      string   `yaml:"release" ward:"ref=release" doc:"release the build belongs to"`
	Result       string   `yaml:"result" ward:"required" enum:"pass,fail,not_run"`
	Tool         *Tool    `yaml:"tool"`
	Report       string   `yaml:"report" doc:"path of the report or evidence file"`
	SHA256       string   `yaml:"sha256" doc:"digest of the report file (tamper evidence)"`
	Scope        []string `yaml:"scope" ward:"ref=interface" doc:"for penetration tests: interfaces in scope"`
	Duration     string   `yaml:"duration" doc:"e.g. 10 person-days, 72h fuzzing"`
	Methods      []string `yaml:"methods" doc:"e.g. PTES, OWASP MASTG"`
	VulnDBDate   Date     `yaml:"vulndb_date" doc:"date of the vulnerability data used by a scan"`
	Bypass       bool     `yaml:"bypass_attempt" doc:"the test actively tries to defeat the control"`
	Findings     []string `yaml:"findings" ward:"ref=finding"`
}

// TestKind classifies a test; independence requirements are set per kind.
type TestKind string

const (
	TestSecurityRequirement TestKind = "security_requirement"
	TestThreatMitigation    TestKind = "threat_mitigation"
	TestFuzz                TestKind = "fuzz"
	TestVulnScan            TestKind = "vulnerability_scan"
	TestSCA                 TestKind = "sca"
	TestSAST                TestKind = "sast"
	TestDAST                TestKind = "dast"
	TestAttackSurface       TestKind = "attack_surface"
	TestCredentials         TestKind = "credential_check"
	TestPenetration         TestKind = "penetration"
	TestIntegration         TestKind = "integration"
	TestRegression          TestKind = "regression"
	TestSecretScan          TestKind = "secret_scan"
	TestUpdateIntegrity     TestKind = "update_integrity"
)

func (TestKind) Values() []string {
	return []string{"security_requirement", "threat_mitigation", "fuzz", "vulnerability_scan", "sca", "sast", "dast",
		"attack_surface", "credential_check", "penetration", "integration", "regression", "secret_scan", "update_integrity"}
}

// Tool is the tool that produced a result, so it can be reproduced.
type Tool struct {
	At      Pos    `yaml:"-"`
	Name    string `yaml:"name" ward:"required"`
	Version string `yaml:"version" ward:"required"`
	Config  string `yaml:"config" doc:"configuration used"`
}
