package io.jurist.web;

import io.jurist.security.Groups;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.server.ResponseStatusException;

/** Who may change rules from the editor: rule authors only; everyone signed in may read. */
final class Authors {

    private Authors() {
    }

    static boolean isAuthor(Authentication user) {
        return user != null && user.getAuthorities().stream()
                .anyMatch(a -> Groups.authority(Groups.RULE_AUTHORS).equals(a.getAuthority()));
    }

    /** Refuses a change by anyone outside rule-authors; the security chain refuses it too, this keeps it local. */
    static String require(Authentication user) {
        if (!isAuthor(user)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only rule authors may change rules");
        }
        return user.getName();
    }
}
