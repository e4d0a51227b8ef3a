package portscan

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// ParsePorts parses a port list such as "22,80,8000-8100" into sorted,
// distinct ports. Items are separated by commas (spaces around them are
// ignored); each is a port 1-65535 or a range low-high. The empty string is
// no ports. Errors name the item at fault.
func ParsePorts(s string) ([]int, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	seen := make(map[int]bool)
	var ports []int
	for _, item := range strings.Split(s, ",") {
		item = strings.TrimSpace(item)
		if item == "" {
			return nil, fmt.Errorf("port list %q has an empty item (want e.g. 22,80,8000-8100)", s)
		}
		lo, hi, isRange := strings.Cut(item, "-")
		from, err := parsePort(item, lo)
		if err != nil {
			return nil, err
		}
		to := from
		if isRange {
			if to, err = parsePort(item, hi); err != nil {
				return nil, err
			}
			if to < from {
				return nil, fmt.Errorf("port range %q runs backwards (want low-high, e.g. %d-%d)", item, to, from)
			}
		}
		for p := from; p <= to; p++ {
			if !seen[p] {
				seen[p] = true
				ports = append(ports, p)
			}
		}
	}
	slices.Sort(ports)
	return ports, nil
}

func parsePort(item, s string) (int, error) {
	s = strings.TrimSpace(s)
	n, err := strconv.Atoi(s)
	if err != nil || strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-") {
		return 0, fmt.Errorf("%q in port list: %q is not a port (want a number 1-65535 or a range such as 8000-8100)", item, s)
	}
	if n < 1 || n > 65535 {
		return 0, fmt.Errorf("%q in port list: port %d is out of range 1-65535", item, n)
	}
	return n, nil
}

// FormatPorts writes sorted, distinct ports as ParsePorts reads them,
// consecutive ports as one range: [22 80 81 82] is "22,80-82". No ports
// is "".
func FormatPorts(ports []int) string {
	var b strings.Builder
	for i := 0; i < len(ports); {
		j := i
		for j+1 < len(ports) && ports[j+1] == ports[j]+1 {
			j++
		}
		if b.Len() > 0 {
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(ports[i]))
		if j > i {
			b.WriteByte('-')
			b.WriteString(strconv.Itoa(ports[j]))
		}
		i = j + 1
	}
	return b.String()
}

// mergePorts returns the sorted union of port lists.
func mergePorts(lists ...[]int) []int {
	var all []int
	for _, l := range lists {
		all = append(all, l...)
	}
	slices.Sort(all)
	return slices.Compact(all)
}
