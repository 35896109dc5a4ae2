package io.promptsuite.testing.hostile;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A plausible request body for an operation, built from its schema, so that each hostile variation changes one thing
 * and reaches as deep into the handler as a real request would. Field names are written as they go on the wire
 * (snake_case); values the test knows to be good (an existing user's id, a role) win over made-up ones.
 */
final class BodyShapes {

    /** Form endpoints are OAuth's: their schema is an untyped map, so the parameters come from the RFCs. */
    private static final List<String> OAUTH_PARAMETERS = List.of("grant_type", "client_id", "client_secret", "scope",
            "refresh_token", "device_code", "token", "token_type_hint", "username", "password");

    private final JsonNode document;
    private final Map<String, String> knownValues;

    BodyShapes(JsonNode document, Map<String, String> knownValues) {
        this.document = document;
        this.knownValues = knownValues;
    }

    Map<String, Object> plausible(ApiOperation operation) {
        Map<String, Object> body = new LinkedHashMap<>();
        JsonNode schema = resolve(operation.bodySchema());
        if (schema.path("properties").isObject() && schema.path("properties").size() > 0) {
            Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
            while (properties.hasNext()) {
                Map.Entry<String, JsonNode> property = properties.next();
                String name = snakeCase(property.getKey());
                body.put(name, knownValues.containsKey(name) ? knownValues.get(name) : value(property.getValue(), 0));
            }
        } else if (operation.isForm()) {
            OAUTH_PARAMETERS.forEach(name -> body.put(name, knownValues.getOrDefault(name, "fuzz")));
        }
        return body;
    }

    private Object value(JsonNode schema, int depth) {
        schema = resolve(schema);
        if (schema.path("enum").isArray() && schema.path("enum").size() > 0) {
            return schema.path("enum").get(0).asText();
        }
        String type = schema.path("type").asText("object");
        return switch (type) {
            case "string" -> switch (schema.path("format").asText()) {
                case "uuid" -> UUID.randomUUID().toString();
                case "date-time" -> OffsetDateTime.now().toString();
                default -> "fuzz-" + UUID.randomUUID().toString().substring(0, 8);
            };
            case "integer" -> 1;
            case "number" -> 1.5;
            case "boolean" -> true;
            case "array" -> depth > 3 ? new ArrayList<>() : new ArrayList<>(List.of(value(schema.path("items"), depth + 1)));
            default -> {
                Map<String, Object> object = new LinkedHashMap<>();
                if (depth <= 3) {
                    Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
                    while (properties.hasNext()) {
                        Map.Entry<String, JsonNode> property = properties.next();
                        object.put(snakeCase(property.getKey()), value(property.getValue(), depth + 1));
                    }
                }
                yield object;
            }
        };
    }

    private JsonNode resolve(JsonNode schema) {
        for (int hops = 0; schema != null && schema.has("$ref") && hops < 10; hops++) {
            String ref = schema.path("$ref").asText();
            schema = document.at(ref.startsWith("#") ? ref.substring(1) : ref);
        }
        return schema == null || schema.isMissingNode() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : schema;
    }

    static String snakeCase(String name) {
        StringBuilder out = new StringBuilder(name.length() + 4);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0) {
                    out.append('_');
                }
                out.append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }
}
