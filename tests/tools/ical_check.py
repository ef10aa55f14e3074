#!/usr/bin/python3
"""Prints one line per VEVENT: UID, start and end in UTC, STATUS and SEQUENCE, as python3-icalendar reads them."""
import sys
from datetime import timezone

from icalendar import Calendar

with open(sys.argv[1], "rb") as f:
    calendar = Calendar.from_ical(f.read())
for event in calendar.walk("VEVENT"):
    utc = lambda prop: event.decoded(prop).astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    print(event["UID"], utc("DTSTART"), utc("DTEND"), event.get("STATUS"), int(event.get("SEQUENCE", 0)))
