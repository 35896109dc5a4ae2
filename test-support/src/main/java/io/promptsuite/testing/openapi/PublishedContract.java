package io.promptsuite.testing.openapi;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.restassured.filter.Filter;

/**
 * Checks real requests and responses against the OpenAPI document the service publishes at {@code /q/openapi}, so the
 * document can't drift from the wire: an undocumented status, a property the schema doesn't have, a missing required
 * one, or a wrong type fails the test that made the call.
 */
public final class PublishedContract {

    private static final ConcurrentHashMap<String, Filter> FILTERS = new ConcurrentHashMap<>();

    private PublishedContract() {
    }

    /** The service a {@code @QuarkusTest} runs: REST Assured's defaults point at it. */
    public static Filter ofServiceUnderTest() {
        return of(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port);
    }

    /** A REST Assured filter validating every exchange against the document served at {@code baseUri}. */
    public static Filter of(String baseUri) {
        return FILTERS.computeIfAbsent(baseUri, PublishedContract::load);
    }

    private static Filter load(String baseUri) {
        String document = given().baseUri(baseUri).accept("application/json").get("/q/openapi?format=json")
                .then().statusCode(200).extract().asString();
        OpenApiInteractionValidator validator = OpenApiInteractionValidator.createForInlineApiSpecification(asOpenApi30(document))
                .withLevelResolver(LevelResolver.create()
                        // Requests are the tests' to shape: hostile ones are sent on purpose. The responses are what
                        // the document promises.
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        // The validator reads an OpenAPI 3.1 header schema's `type` only as 3.0 spells it, so it parses
                        // a string header (Location) as JSON and fails; header values of other types are still checked.
                        .withLevel("validation.response.header.schema.invalidJson", ValidationReport.Level.IGNORE)
                        .build())
                .build();
        return new OpenApiValidationFilter(validator);
    }

    /**
     * The validator checks types only in an OpenAPI 3.0 document: in a 3.1 one ({@code type: [string, "null"]}) it
     * sees no type at all and lets any value pass. The same document in 3.0 terms: a list of types becomes one type
     * with {@code nullable: true}, and a schema's 3.1 {@code examples} list its 3.0 {@code example}.
     */
    static String asOpenApi30(String document) {
        ObjectMapper json = new ObjectMapper();
        try {
            ObjectNode root = (ObjectNode) json.readTree(document);
            if (!root.path("openapi").asText().startsWith("3.1")) {
                return document;
            }
            root.put("openapi", "3.0.3");
            downgrade(root);
            return json.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The published document is not JSON", e);
        }
    }

    private static void downgrade(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.get("type") instanceof ArrayNode types) {
                List<String> named = new ArrayList<>();
                types.forEach(t -> {
                    if (!"null".equals(t.asText())) {
                        named.add(t.asText());
                    }
                });
                object.remove("type");
                if (named.size() == 1) {
                    object.put("type", named.get(0));
                }
                if (named.size() < types.size()) {
                    object.put("nullable", true);
                }
            }
            if (object.get("examples") instanceof ArrayNode examples) {
                object.remove("examples");
                if (!examples.isEmpty()) {
                    object.set("example", examples.get(0));
                }
            }
            for (Map.Entry<String, JsonNode> field : (Iterable<Map.Entry<String, JsonNode>>) object::fields) {
                downgrade(field.getValue());
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(PublishedContract::downgrade);
        }
    }
}
