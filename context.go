package ward

// SecurityContext is the product security context of 7.1.2: where the
// product runs, what may connect to it, who interacts with it, and what the
// operator (the HDO) is assumed to provide.
type SecurityContext struct {
	At                   Pos          `yaml:"-"`
	Environment          string       `yaml:"environment" ward:"required" doc:"intended use environment, e.g. hospital ward, home, cloud"`
	NetworkLocation      string       `yaml:"network_location" ward:"required" doc:"where the product sits in the network, e.g. clinical VLAN behind the HDO firewall"`
	PhysicalEnvironment  string       `yaml:"physical_environment" ward:"required" doc:"physical access assumptions"`
	IsolationAssumptions []string     `yaml:"isolation_assumptions" ward:"required" doc:"what isolation the HDO is assumed to provide"`
	SafetyImpact         string       `yaml:"safety_impact" ward:"required" doc:"what degraded security means for patient safety"`
	HardwareSecurity     []string     `yaml:"hardware_security" doc:"security features in dedicated hardware (secure element, TPM, secure boot)"`
	HDOResponsibilities  []string     `yaml:"hdo_responsibilities" ward:"required" doc:"security measures the hospital must provide"`
	Assumptions          []string     `yaml:"assumptions" doc:"further assumptions, e.g. the hospital network is hostile"`
	Systems              []*System    `yaml:"systems" ward:"required" doc:"every neighbouring system that may connect: devices, IT systems, cloud services"`
	Actors               []*Actor     `yaml:"actors" ward:"required" doc:"every role, person or system, that may interact with the product"`
	Interfaces           []*Interface `yaml:"interfaces" ward:"required" doc:"every interface with protocol, port, direction and protection"`
	Data                 []*DataItem  `yaml:"data" ward:"required" doc:"data the product handles"`
	ReviewedAt           Date         `yaml:"reviewed_at"`
	ReviewedBy           string       `yaml:"reviewed_by" ward:"ref=person"`
	ReviewedFor          string       `yaml:"reviewed_for" ward:"ref=release" doc:"release the context was last reviewed for"`
}

// System is a neighbouring system that may connect to the product.
type System struct {
	At          Pos    `yaml:"-"`
	ID          string `yaml:"id" ward:"required,id=system"`
	Name        string `yaml:"name" ward:"required"`
	Kind        string `yaml:"kind" ward:"required" enum:"medical_device,it_system,cloud_service,mobile_device,network_service,other"`
	Owner       string `yaml:"owner" ward:"required" enum:"hdo,manufacturer,third_party,patient"`
	Description string `yaml:"description"`
}

// Actor is a role, human or system, that may interact with the product.
type Actor struct {
	At          Pos    `yaml:"-"`
	ID          string `yaml:"id" ward:"required,id=actor"`
	Name        string `yaml:"name" ward:"required"`
	Kind        string `yaml:"kind" ward:"required" enum:"person,system"`
	Privileges  string `yaml:"privileges" doc:"what the actor may do"`
	Description string `yaml:"description"`
}

// Interface is one external interface of the product.
type Interface struct {
	At               Pos      `yaml:"-"`
	ID               string   `yaml:"id" ward:"required,id=interface"`
	Name             string   `yaml:"name" ward:"required"`
	Kind             string   `yaml:"kind" ward:"required" enum:"tcp,udp,http_api,ui,ble,wifi,usb,serial,jtag,removable_media,cellular,other"`
	Port             int      `yaml:"port" doc:"TCP or UDP port, where the kind has one"`
	Protocol         string   `yaml:"protocol" ward:"required" doc:"e.g. HTTPS, MQTT over TLS, HL7 MLLP, BLE GATT"`
	ProtocolVersion  string   `yaml:"protocol_version" doc:"e.g. TLS 1.3"`
	Direction        string   `yaml:"direction" ward:"required" enum:"inbound,outbound,bidirectional"`
	Peers            []string `yaml:"peers" ward:"ref=system|actor" doc:"systems and actors on the other side"`
	Authentication   string   `yaml:"authentication" ward:"required" doc:"how the peer is authenticated; none if not"`
	Encryption       string   `yaml:"encryption" ward:"required" doc:"how traffic is protected; none if not"`
	Exposure         string   `yaml:"exposure" ward:"required" enum:"internet,hospital_lan,local,physical"`
	EnabledByDefault bool     `yaml:"enabled_by_default"`
	InLabeling       bool     `yaml:"in_labeling" doc:"listed in the port and interface list of the labeling"`
	Data             []string `yaml:"data" ward:"ref=data"`
	Purpose          string   `yaml:"purpose" doc:"why the interface exists; shown to hospitals"`
	Element          string   `yaml:"element" ward:"ref=element" doc:"architecture element that exposes the interface"`
	Boundary         string   `yaml:"boundary" ward:"ref=boundary" doc:"trust boundary the interface crosses"`
	Justification    string   `yaml:"justification" doc:"why a weak setting (no authentication or encryption) is acceptable"`
}

// DataItem is a kind of data the product handles.
type DataItem struct {
	At                 Pos    `yaml:"-"`
	ID                 string `yaml:"id" ward:"required,id=data"`
	Name               string `yaml:"name" ward:"required"`
	Classification     string `yaml:"classification" ward:"required" enum:"phi,pii,clinical,configuration,secret,log,public"`
	PersonalHealthData bool   `yaml:"personal_health_data"`
	Description        string `yaml:"description"`
}
