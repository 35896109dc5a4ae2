package io.promptsuite.common.page;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.error.FieldError;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;

/**
 * Checks {@code page} and {@code size} on every endpoint that takes {@link PageParams}, before JAX-RS converts them:
 * a value that is not a whole number, or one too large for an int, would otherwise fail the conversion, which JAX-RS
 * answers with 404 (and an offset computed from a huge page would wrap around into a 500). Here each becomes a 400
 * naming the field, like any other validation failure.
 */
public class PageQueryCheck {

    @ServerRequestFilter
    public void check(ContainerRequestContext request, ResourceInfo resource) {
        if (resource == null || resource.getResourceMethod() == null || !takesPage(resource)) {
            return;
        }
        var query = request.getUriInfo().getQueryParameters();
        List<FieldError> problems = new ArrayList<>();
        check("page", query.get("page"), 0, PageParams.MAX_PAGE, "must be 0 or more", problems);
        check("size", query.get("size"), 1, PageParams.MAX_SIZE, "must be at least 1", problems);
        if (!problems.isEmpty()) {
            throw new ApiException(400, "VALIDATION_FAILED", "The request has invalid fields", Map.of("fields", problems));
        }
    }

    private static boolean takesPage(ResourceInfo resource) {
        for (Class<?> type : resource.getResourceMethod().getParameterTypes()) {
            if (PageParams.class.isAssignableFrom(type)) {
                return true;
            }
        }
        return false;
    }

    static void check(String field, List<String> values, long min, long max, String tooSmall, List<FieldError> problems) {
        if (values == null || values.isEmpty()) {
            return;
        }
        if (values.size() > 1) {
            problems.add(new FieldError(field, "give it once"));
            return;
        }
        String value = values.get(0);
        if (!value.matches("[+-]?[0-9]{1,30}")) {
            problems.add(new FieldError(field, "must be a whole number"));
            return;
        }
        // Compared as text lengths first: no number of any length can overflow the check itself.
        String digits = value.replaceFirst("^[+-]", "").replaceFirst("^0+(?=.)", "");
        boolean negative = value.startsWith("-") && !digits.equals("0");
        if (negative) {
            problems.add(new FieldError(field, tooSmall));
        } else if (digits.length() > 18 || Long.parseLong(digits) > max) {
            problems.add(new FieldError(field, "must be at most " + max));
        } else if (Long.parseLong(digits) < min) {
            problems.add(new FieldError(field, tooSmall));
        }
    }
}
