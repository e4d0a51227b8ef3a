package ward

// Architecture is the data-flow model of the product and its assets: the
// defense-in-depth architecture of 5.3 and the basis of the threat model of 7.2.
type Architecture struct {
	At              Pos         `yaml:"-"`
	Version         string      `yaml:"version" ward:"required" doc:"architecture version; releases name the version they ship"`
	Methodology     string      `yaml:"methodology" ward:"required" doc:"threat-modeling method, e.g. STRIDE (Annex C)"`
	Rationale       string      `yaml:"rationale" doc:"why the method fits the product"`
	LifecyclePhases []string    `yaml:"lifecycle_phases" doc:"phases the threat model covers" enum:"supply_chain,manufacturing,deployment,operation,interoperation,maintenance,update,decommissioning"`
	Assumptions     []string    `yaml:"assumptions" doc:"threat-model assumptions, e.g. the hospital network is hostile"`
	DefenseLayers   []string    `yaml:"defense_layers" doc:"layers of defense in depth, outermost first"`
	Elements        []*Element  `yaml:"elements" ward:"required" doc:"external entities, processes and data stores"`
	Boundaries      []*Boundary `yaml:"boundaries" ward:"required" doc:"trust boundaries, possibly nested"`
	Flows           []*Flow     `yaml:"flows" ward:"required" doc:"data flows between elements"`
	Assets          []*Asset    `yaml:"assets" ward:"required" doc:"assets with confidentiality, integrity and availability needs"`
	Dependencies    []string    `yaml:"external_dependencies" ward:"ref=component" doc:"third-party components the threat model considers"`
}

// Element is one node of the data-flow model.
type Element struct {
	At               Pos      `yaml:"-"`
	ID               string   `yaml:"id" ward:"required,id=element"`
	Name             string   `yaml:"name" ward:"required"`
	Kind             string   `yaml:"kind" ward:"required" enum:"external_entity,process,data_store"`
	Boundary         string   `yaml:"boundary" ward:"ref=boundary" doc:"innermost trust boundary the element sits in"`
	Tech             []string `yaml:"tech" doc:"technology tags, e.g. linux, go, postgres, freertos"`
	Components       []string `yaml:"components" ward:"ref=component" doc:"software items that run in the element"`
	Stores           []string `yaml:"stores" ward:"ref=data" doc:"data kept in a data store"`
	EncryptedAtRest  bool     `yaml:"encrypted_at_rest"`
	Backup           bool     `yaml:"backup"`
	SecurityRelevant bool     `yaml:"security_relevant" doc:"implements a control or parses untrusted input (5.4.2)"`
	DesignReview     string   `yaml:"design_review" ward:"ref=review" doc:"review of the element's current design (5.4.4)"`
	System           string   `yaml:"system" ward:"ref=system" doc:"neighbouring system an external entity stands for"`
	Actor            string   `yaml:"actor" ward:"ref=actor" doc:"actor an external entity stands for"`
	Function         string   `yaml:"function" enum:"therapy,diagnosis,monitoring,clinical_workflow,none" doc:"clinical function the element performs; therapy and diagnosis raise the stakes of tampering"`
	Credentials      string   `yaml:"credentials" enum:"unique,default,shared,none" doc:"how accounts or keys of the element are provisioned: unique per device, a shipped default, shared across devices, or none"`
	Logging          bool     `yaml:"security_logging" doc:"records security events (logins, configuration changes, failures)"`
	Hardened         bool     `yaml:"hardened" doc:"hardened per a documented baseline (services, ports, accounts reduced)"`
}

// Boundary is a trust boundary.
type Boundary struct {
	At     Pos    `yaml:"-"`
	ID     string `yaml:"id" ward:"required,id=boundary"`
	Name   string `yaml:"name" ward:"required"`
	Parent string `yaml:"parent" ward:"ref=boundary" doc:"enclosing boundary"`
	Kind   string `yaml:"kind" enum:"device,network_zone,hospital,cloud,manufacturer,home,physical" doc:"what separates the inside from the outside"`
}

// Flow is a data flow between two elements.
type Flow struct {
	At                Pos      `yaml:"-"`
	ID                string   `yaml:"id" ward:"required,id=flow"`
	From              string   `yaml:"from" ward:"required,ref=element"`
	To                string   `yaml:"to" ward:"required,ref=element"`
	Protocol          string   `yaml:"protocol" ward:"required"`
	Interface         string   `yaml:"interface" ward:"ref=interface" doc:"product interface the flow uses"`
	Authentication    string   `yaml:"authentication" doc:"none if not authenticated"`
	Encryption        string   `yaml:"encryption" doc:"none if not encrypted"`
	Data              []string `yaml:"data" ward:"ref=data"`
	Controls          []string `yaml:"controls" ward:"ref=control" doc:"controls protecting the flow"`
	Justification     string   `yaml:"justification" doc:"why fewer controls are acceptable"`
	Purpose           string   `yaml:"purpose" enum:"data,command,update,remote_service,logging,telemetry,authentication,backup,configuration" doc:"what the flow is for; commands, updates and remote service are judged more strictly"`
	Integrity         string   `yaml:"integrity" enum:"none,checksum,mac,signature,tls" doc:"how the receiver knows the content is authentic: none, a checksum (accidents only), a MAC, a verified signature, or the channel's TLS"`
	SessionIndication bool     `yaml:"session_indication" doc:"for remote service: the device shows that a remote session is active"`
	Components        []string `yaml:"components" ward:"ref=component" doc:"software items that handle the flow (parsers, protocol stacks)"`
}

// Asset is something worth protecting, with its security needs.
type Asset struct {
	At              Pos    `yaml:"-"`
	ID              string `yaml:"id" ward:"required,id=asset"`
	Name            string `yaml:"name" ward:"required"`
	Data            string `yaml:"data" ward:"ref=data"`
	Element         string `yaml:"element" ward:"ref=element"`
	Confidentiality string `yaml:"confidentiality" ward:"required" enum:"high,medium,low"`
	Integrity       string `yaml:"integrity" ward:"required" enum:"high,medium,low"`
	Availability    string `yaml:"availability" ward:"required" enum:"high,medium,low"`
	SafetyRelevant  bool   `yaml:"safety_relevant" doc:"compromise can harm a patient"`
}
