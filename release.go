package ward

// ReleaseRecord is one release of the product as the security file records
// it (5.8): what was built, from where, with which evidence and approvals.
type ReleaseRecord struct {
	At                  Pos          `yaml:"-"`
	Version             string       `yaml:"version" ward:"required,id=release" doc:"version as on the label"`
	Date                Date         `yaml:"date" ward:"required"`
	Commit              string       `yaml:"commit" ward:"required" doc:"source commit the release was built from"`
	BuildEnv            string       `yaml:"build_env" ward:"ref=dev_env" doc:"CI or build host that built it"`
	Builder             string       `yaml:"builder" doc:"identity that ran the build"`
	SBOM                string       `yaml:"sbom" ward:"ref=sbom"`
	ArchitectureVersion string       `yaml:"architecture_version"`
	ThreatModelVersion  string       `yaml:"threat_model_version"`
	Artifacts           []*Artifact  `yaml:"artifacts" ward:"required"`
	Checklist           []*CheckItem `yaml:"checklist" doc:"release checklist: each activity done with evidence, or a deviation (5.8.6)"`
	Approvals           []*Approval  `yaml:"approvals"`
	Documents           []string     `yaml:"documents" ward:"ref=document" doc:"accompanying documents shipped with it"`
	Supported           *bool        `yaml:"supported" doc:"still supported; default true"`
	Toolchain           []string     `yaml:"toolchain" doc:"pinned compilers and tools, e.g. go1.26.8"`
}

// IsSupported reports whether the release is still supported (the default).
func (r *ReleaseRecord) IsSupported() bool { return r.Supported == nil || *r.Supported }

// Artifact is one distributed file of a release.
type Artifact struct {
	At         Pos    `yaml:"-"`
	Name       string `yaml:"name" ward:"required"`
	SHA256     string `yaml:"sha256" ward:"required" doc:"hex SHA-256 of the file"`
	Signature  string `yaml:"signature" doc:"signature file or reference"`
	SigningKey string `yaml:"signing_key" ward:"ref=signing_key"`
}

// CheckItem is one line of the release checklist.
type CheckItem struct {
	At        Pos    `yaml:"-"`
	Activity  string `yaml:"activity" ward:"required" doc:"activity or clause, e.g. 5.7.4 penetration test"`
	Done      bool   `yaml:"done"`
	Evidence  string `yaml:"evidence"`
	Deviation string `yaml:"deviation" doc:"approved deviation when not done"`
}

// Approval is a sign-off of a release.
type Approval struct {
	At   Pos    `yaml:"-"`
	By   string `yaml:"by" ward:"required,ref=person"`
	Role string `yaml:"role" ward:"ref=role"`
	Date Date   `yaml:"date" ward:"required"`
}
