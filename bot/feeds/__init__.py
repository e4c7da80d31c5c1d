"""Calendar feeds: the iCalendar text a team's or a person's calendar app subscribes to."""
