package hdo_test

import "github.com/wardhq/ward/internal/papertest"

// The shared helpers of the document-builder tests, under short names.
var (
	load             = papertest.Load
	dump             = papertest.Dump
	section          = papertest.Section
	row              = papertest.Row
	rowIn            = papertest.RowIn
	tableWithCaption = papertest.TableWithCaption
	cell             = papertest.Cell
	notes            = papertest.Notes
	tables           = papertest.Tables
)
