package sbom

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"sync"

	"github.com/wardhq/ward"
)

// Shared by the writers: deterministic identifiers and licence handling.

// contentUUID derives a UUID (version 5 layout, SHA-256 based) from b, so
// that the same content always gets the same serial number or namespace
// and no random source is needed.
func contentUUID(b []byte) string {
	sum := sha256.Sum256(b)
	u := sum[:16]
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	h := hex.EncodeToString(u)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// writeOrder returns the subject-less components of s sorted by key,
// version and ref: converted documents list components in a stable order
// whatever the input order.
func writeOrder(s *ward.SBOM) []*ward.Component {
	cs := slices.Clone(s.Components)
	slices.SortStableFunc(cs, func(a, b *ward.Component) int {
		if c := strings.Compare(ComponentKey(a), ComponentKey(b)); c != 0 {
			return c
		}
		if c := strings.Compare(a.Version, b.Version); c != 0 {
			return c
		}
		return strings.Compare(a.Ref, b.Ref)
	})
	return cs
}

var (
	spdxIDsOnce sync.Once
	spdxIDs     map[string]bool
)

// isSPDXLicenseID reports whether id is in the SPDX license list embedded
// with the CycloneDX schemas (spdx.schema.json).
func isSPDXLicenseID(id string) bool {
	spdxIDsOnce.Do(func() {
		spdxIDs = map[string]bool{}
		b, err := schemaFS.ReadFile("schemas/spdx.schema.json")
		if err != nil {
			return
		}
		var doc struct {
			Enum []string `json:"enum"`
		}
		if json.Unmarshal(b, &doc) == nil {
			for _, e := range doc.Enum {
				spdxIDs[e] = true
			}
		}
	})
	return spdxIDs[id]
}

var expressionOperator = regexp.MustCompile(`\s(AND|OR|WITH)\s`)

// isLicenseExpression reports whether l is a compound SPDX expression.
func isLicenseExpression(l string) bool {
	return expressionOperator.MatchString(l) || strings.HasPrefix(l, "(")
}

var hashPattern = regexp.MustCompile(`^([a-fA-F0-9]{32}|[a-fA-F0-9]{40}|[a-fA-F0-9]{64}|[a-fA-F0-9]{96}|[a-fA-F0-9]{128})$`)

func errWrite(format string, err error) error {
	return fmt.Errorf("write %s: %w", format, err)
}
