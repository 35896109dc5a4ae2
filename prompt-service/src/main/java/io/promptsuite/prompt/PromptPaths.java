package io.promptsuite.prompt;

import java.util.Set;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Prompt names may hold '/' (folders), sent raw or as %2F. Before routing, a raw name is folded into one segment
 * (a/b/c → a%2Fb%2Fc) so the resources match plain {name} templates: the reserved segments (versions, labels, …) tell
 * where the name ends. Regex templates ({name}) cost a regex match per template per request on the hot path.
 */
@ApplicationScoped
public class PromptPaths {

    static final String PREFIX = "/api/v1/prompts/";
    private static final Set<String> ACTIONS = Set.of("versions", "labels", "render", "diff", "audit", "restore", "releases", "executions");

    void register(@Observes Filters filters) {
        filters.register(this::fold, 900);
    }

    private void fold(RoutingContext rc) {
        String path = rc.request().path();
        if (path != null && path.startsWith(PREFIX) && path.indexOf('/', PREFIX.length()) > 0) {
            String folded = folded(path);
            if (!folded.equals(path)) {
                String query = rc.request().query();
                rc.reroute(query == null ? folded : folded + "?" + query);
                return;
            }
        }
        rc.next();
    }

    static String folded(String path) {
        String[] segments = path.substring(PREFIX.length()).split("/", -1);
        int end = segments.length;
        for (int i = 1; i < segments.length; i++) {
            if (ACTIONS.contains(segments[i])) {
                end = i;
                break;
            }
        }
        if (end <= 1) {
            return path;
        }
        StringBuilder out = new StringBuilder(PREFIX).append(String.join("%2F", java.util.Arrays.copyOfRange(segments, 0, end)));
        for (int i = end; i < segments.length; i++) {
            out.append('/').append(segments[i]);
        }
        return out.toString();
    }
}
