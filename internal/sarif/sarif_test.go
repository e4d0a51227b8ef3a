package sarif

import "testing"

func TestArtifactURI(t *testing.T) {
	for _, tc := range []struct{ file, base, want string }{
		{"security/threats.yaml", "", "security/threats.yaml"},
		{"/repo/security/threats.yaml", "/repo", "security/threats.yaml"},
		{"/elsewhere/a b.yaml", "/repo", "file:///elsewhere/a%20b.yaml"},
		{"../outside.yaml", ".", "../outside.yaml"},
		{"c:weird.yaml", "", "./c:weird.yaml"},
	} {
		if got := ArtifactURI(tc.file, tc.base); got != tc.want {
			t.Errorf("ArtifactURI(%q, %q) = %q, want %q", tc.file, tc.base, got, tc.want)
		}
	}
	if loc := At("a.yaml", "", 0, 3); loc.PhysicalLocation.Region != nil {
		t.Error("a location without a line has no region")
	}
	if loc := At("a.yaml", "", 7, -1); loc.PhysicalLocation.Region.StartLine != 7 || loc.PhysicalLocation.Region.StartColumn != 0 {
		t.Errorf("region = %+v", loc.PhysicalLocation.Region)
	}
}
