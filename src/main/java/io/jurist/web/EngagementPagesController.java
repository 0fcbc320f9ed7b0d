package io.jurist.web;

import io.jurist.engagement.Engagement;
import io.jurist.engagement.EngagementStore;
import io.jurist.workflow.Workflows;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/** The page of a regulator engagement, linked from the jurisdiction board. */
@Controller
class EngagementPagesController {

    private final EngagementStore store;
    private final Workflows workflows;

    EngagementPagesController(EngagementStore store, Workflows workflows) {
        this.store = store;
        this.workflows = workflows;
    }

    @GetMapping("/engagements/{id}")
    String engagement(@PathVariable String id, Model model) {
        Engagement engagement = store.engagement(id).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "There is no engagement " + id));
        model.addAttribute("engagement", engagement);
        model.addAttribute("correspondence", store.correspondence(id));
        model.addAttribute("changes", store.changesOfEngagement(id));
        model.addAttribute("process", workflows.view(engagement.processInstanceId()).orElse(null));
        return "engagement";
    }
}
