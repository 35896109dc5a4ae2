package io.promptsuite.testing.hostile;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** One operation of a service's OpenAPI document: what {@link HostileRequests} varies. */
public record ApiOperation(String method, String path, List<String> pathParams, List<String> queryParams,
        String contentType, JsonNode bodySchema) {

    public boolean hasBody() {
        return contentType != null;
    }

    public boolean isForm() {
        return "application/x-www-form-urlencoded".equals(contentType);
    }

    public boolean isJson() {
        return contentType != null && contentType.contains("json");
    }

    @Override
    public String toString() {
        return method + " " + path;
    }

    /** Every operation of an OpenAPI 3 document (as parsed JSON), in document order. */
    public static List<ApiOperation> all(JsonNode document) {
        List<ApiOperation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            Iterator<Map.Entry<String, JsonNode>> methods = path.getValue().fields();
            while (methods.hasNext()) {
                Map.Entry<String, JsonNode> entry = methods.next();
                if (entry.getKey().equals("parameters")) {
                    continue;
                }
                operations.add(of(entry.getKey().toUpperCase(), path.getKey(), entry.getValue()));
            }
        }
        return operations;
    }

    private static ApiOperation of(String method, String path, JsonNode operation) {
        List<String> pathParams = new ArrayList<>();
        List<String> queryParams = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            String in = parameter.path("in").asText();
            if (in.equals("path")) {
                pathParams.add(parameter.path("name").asText());
            } else if (in.equals("query")) {
                queryParams.add(parameter.path("name").asText());
            }
        }
        String contentType = null;
        JsonNode schema = null;
        Iterator<Map.Entry<String, JsonNode>> content = operation.path("requestBody").path("content").fields();
        while (content.hasNext()) {
            Map.Entry<String, JsonNode> entry = content.next();
            // JSON first when an endpoint takes several types; the others are tried as content-type variations.
            if (contentType == null || entry.getKey().contains("json")) {
                contentType = entry.getKey();
                schema = entry.getValue().path("schema");
            }
        }
        return new ApiOperation(method, path, pathParams, queryParams, contentType, schema);
    }
}
