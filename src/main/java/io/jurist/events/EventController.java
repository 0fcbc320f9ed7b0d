package io.jurist.events;

import io.jurist.api.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1/events")
@Tag(name = "Events", description = "Changes a data pipeline must react to, oldest first")
class EventController {

    /** A page of events and the cursor to ask with next. */
    record EventPage(List<Event> events, long next) {
    }

    private final EventLog log;

    EventController(EventLog log) {
        this.log = log;
    }

    @Operation(summary = "Events after a cursor", description = "Pass the last cursor you saw as 'after' "
            + "(0 or absent for the start); 'next' is the cursor to ask with next time.")
    @GetMapping
    EventPage after(@RequestParam(defaultValue = "0") long after, @RequestParam(defaultValue = "100") int limit) {
        Paging.check(after, limit, "a cursor");
        List<Event> events = log.after(after, limit);
        return new EventPage(events, events.isEmpty() ? after : events.get(events.size() - 1).cursor());
    }
}
