package gap

import (
	"strconv"

	"github.com/wardhq/ward"
)

func itoa(n int) string { return strconv.Itoa(n) }

// productPos is where a gap about a missing section is reported: the product
// record, the most likely place to add it from.
func productPos(in *Input) ward.Pos {
	if in.File.Product != nil {
		return in.File.Product.At
	}
	return ward.Pos{}
}
