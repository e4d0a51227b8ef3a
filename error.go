package ward

import (
	"errors"
	"fmt"
)

// Code classifies an error for whoever reports it: cli maps it to an exit
// status, web to an HTTP status. An error without a Code is EInternal.
type Code string

const (
	EInvalid   Code = "invalid"
	ENotFound  Code = "not_found"
	EConflict  Code = "conflict"
	EForbidden Code = "forbidden"
	EInternal  Code = "internal"
)

// Error is an error a user may read. Message says what is wrong and what to
// do; Err, if set, is for the log only.
type Error struct {
	Code    Code
	Message string
	Err     error
}

// Error returns the message and, for logs, the cause.
func (e *Error) Error() string {
	if e.Err != nil {
		return e.Message + ": " + e.Err.Error()
	}
	return e.Message
}

func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// CodeOf returns the Code of the first *Error in err's chain, EInternal for
// any other error, and "" for nil. A PosError or PosErrors is EInvalid.
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	var pe *PosError
	var pes PosErrors
	if errors.As(err, &pe) || errors.As(err, &pes) {
		return EInvalid
	}
	return EInternal
}

// MessageOf returns the user-readable message of err: the Message of the
// first *Error in its chain, the text of position errors, or "internal
// error" for anything else (whose details belong in a log, not to a user).
func MessageOf(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	var pe *PosError
	var pes PosErrors
	if errors.As(err, &pes) || errors.As(err, &pe) {
		return err.Error()
	}
	return "internal error"
}
