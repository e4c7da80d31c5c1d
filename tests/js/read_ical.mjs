// Reads an iCalendar feed from stdin with Mozilla's ical.js (Thunderbird's parser) and prints
// what it understood as JSON, for tests/feeds to compare with what commplan meant to write.
// Usage: node read_ical.mjs [EXPAND_UNTIL_YYYY-MM-DD] < feed.ics
import ICAL from "ical.js";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const text = Buffer.concat(chunks).toString("utf8");
const until = process.argv[2] ? ICAL.Time.fromDateString(process.argv[2]) : null;

const calendar = new ICAL.Component(ICAL.parse(text));
const value = (component, name) => {
  const found = component.getFirstPropertyValue(name);
  return found === null ? null : found.toString();
};

const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  const occurrences = [];
  if (until) {
    const iterator = event.iterator();
    for (let next = iterator.next(); next && next.compare(until) <= 0; next = iterator.next()) {
      occurrences.push(next.toString());
      if (!event.isRecurring()) break;
    }
  }
  return {
    uid: event.uid,
    summary: event.summary,
    description: event.description,
    start: event.startDate.toString(),
    end: event.endDate.toString(),
    allDay: event.startDate.isDate,
    sequence: event.sequence,
    status: value(component, "status"),
    transparency: value(component, "transp"),
    rrule: value(component, "rrule"),
    lastModified: value(component, "last-modified"),
    recurring: event.isRecurring(),
    occurrences,
    alarms: component.getAllSubcomponents("valarm").map((alarm) => ({
      action: value(alarm, "action"),
      trigger: value(alarm, "trigger"),
      description: value(alarm, "description"),
    })),
  };
});

process.stdout.write(
  JSON.stringify({
    method: value(calendar, "method"),
    name: value(calendar, "x-wr-calname"),
    refresh: value(calendar, "refresh-interval"),
    ttl: value(calendar, "x-published-ttl"),
    events,
  }),
);
