// Reads an RFC 5545 calendar from stdin with ical.js and prints what a calendar application would
// take from it, as JSON; fails (exit code 1, the reason on stderr) on anything it cannot parse.
import ICAL from "ical.js";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const text = Buffer.concat(chunks).toString("utf8");

const calendar = new ICAL.Component(ICAL.parse(text));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  return {
    uid: event.uid,
    summary: event.summary,
    description: event.description,
    location: event.location,
    sequence: event.sequence,
    status: component.getFirstPropertyValue("status"),
    startZone: event.startDate.zone?.tzid ?? null,
    startUtc: event.startDate.toJSDate().toISOString(),
    endUtc: event.endDate.toJSDate().toISOString(),
  };
});
process.stdout.write(JSON.stringify({ version: calendar.getFirstPropertyValue("version"), events }));
