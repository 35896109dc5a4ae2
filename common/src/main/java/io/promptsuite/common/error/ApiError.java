package io.promptsuite.common.error;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The one error shape every service answers with. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ApiError(String code, String message, Map<String, Object> details,
        String requestId) {
}
