// Prints one line per VEVENT: UID, start and end in UTC (ISO 8601), STATUS and SEQUENCE, as ical.js reads them.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const component = new ICAL.Component(ICAL.parse(readFileSync(process.argv[2], "utf8")));
for (const zone of component.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
for (const vevent of component.getAllSubcomponents("vevent")) {
  const event = new ICAL.Event(vevent);
  const utc = (time) => time.toJSDate().toISOString().replace(".000Z", "Z");
  console.log([event.uid, utc(event.startDate), utc(event.endDate), vevent.getFirstPropertyValue("status"), event.sequence].join(" "));
}
