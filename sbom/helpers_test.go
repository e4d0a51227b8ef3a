package sbom_test

import "github.com/wardhq/ward"

type wardSBOM = ward.SBOM
