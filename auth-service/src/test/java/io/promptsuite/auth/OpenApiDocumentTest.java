package io.promptsuite.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;

/**
 * What the response validator can't see, because it reads the document rather than judging it: the credentials are
 * defined and required where the wire requires them, the names are the wire's (snake_case), and every error answer
 * says its shape.
 */
@QuarkusTest
class OpenApiDocumentTest {

    /** The only operations under /api/v1 that take no credentials: they are how one gets them, or gives them up. */
    private static final Set<String> OPEN = Set.of("POST /api/v1/auth/login", "POST /api/v1/auth/refresh",
            "POST /api/v1/auth/logout");

    private JsonNode document;

    @BeforeEach
    void fetch() throws Exception {
        String json = RestAssured.given().accept("application/json").get("/q/openapi?format=json").then()
                .statusCode(200).extract().asString();
        document = new ObjectMapper().readTree(json);
    }

    @Test
    void bothCredentialsAreDefined() {
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertEquals("http", schemes.path("bearer").path("type").asText(), schemes.toString());
        assertEquals("bearer", schemes.path("bearer").path("scheme").asText(), schemes.toString());
        assertEquals("apiKey", schemes.path("apiKey").path("type").asText(), schemes.toString());
        assertEquals("header", schemes.path("apiKey").path("in").asText(), schemes.toString());
        assertEquals("X-API-Key", schemes.path("apiKey").path("name").asText(), schemes.toString());
    }

    @Test
    void everyApiOperationButSignInRefreshAndLogoutNeedsACredential() {
        List<String> unsecured = new ArrayList<>();
        List<String> open = new ArrayList<>();
        forEachOperation((name, operation) -> {
            if (!name.split(" ")[1].startsWith("/api/v1/")) {
                return;
            }
            Set<String> schemes = new java.util.HashSet<>();
            operation.path("security").forEach(requirement -> requirement.fieldNames().forEachRemaining(schemes::add));
            if (OPEN.contains(name)) {
                open.add(name);
                if (!schemes.isEmpty()) {
                    unsecured.add(name + " (should be open, requires " + schemes + ")");
                }
            } else if (!schemes.equals(Set.of("bearer", "apiKey"))) {
                unsecured.add(name + " " + schemes);
            }
        });
        assertEquals(OPEN.size(), open.size(), "the open operations are in the document: " + open);
        assertTrue(unsecured.isEmpty(), "operations without both credentials: " + unsecured);
    }

    @Test
    void everyPropertyNameIsSnakeCase() {
        List<String> camel = new ArrayList<>();
        document.path("components").path("schemas").fields()
                .forEachRemaining(schema -> collectUpperCase(schema.getKey(), schema.getValue(), camel));
        assertTrue(camel.isEmpty(), "property names with upper-case letters: " + camel);
        assertTrue(document.path("components").path("schemas").size() > 10, "the schemas were found");
    }

    @Test
    void everyErrorAnswerHasASchema() {
        List<String> bare = new ArrayList<>();
        forEachOperation((name, operation) -> operation.path("responses").fields().forEachRemaining(response -> {
            String code = response.getKey();
            if (!code.startsWith("4") && !code.startsWith("5")) {
                return;
            }
            JsonNode content = response.getValue().path("content");
            boolean described = content.size() > 0;
            for (JsonNode media : content) {
                JsonNode schema = media.path("schema");
                described &= schema.has("$ref") || schema.has("type") || schema.has("oneOf") || schema.has("anyOf");
            }
            if (!described) {
                bare.add(name + " " + code);
            }
        }));
        assertTrue(bare.isEmpty(), "error answers without a schema: " + bare);
    }

    private void forEachOperation(java.util.function.BiConsumer<String, JsonNode> visit) {
        Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields();
        assertTrue(paths.hasNext(), "the document has paths");
        paths.forEachRemaining(path -> path.getValue().fields().forEachRemaining(method -> {
            if (Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(method.getKey())) {
                String name = method.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
                visit.accept(name, method.getValue());
            }
        }));
    }

    /** Walks properties, items and compositions, so nested inline objects count too. */
    private static void collectUpperCase(String where, JsonNode schema, List<String> found) {
        if (schema.isMissingNode()) {
            return;
        }
        schema.path("properties").fields().forEachRemaining(property -> {
            if (!property.getKey().equals(property.getKey().toLowerCase(java.util.Locale.ROOT))) {
                found.add(where + "." + property.getKey());
            }
            collectUpperCase(where + "." + property.getKey(), property.getValue(), found);
        });
        collectUpperCase(where + "[]", schema.path("items"), found);
        for (String composition : List.of("allOf", "anyOf", "oneOf")) {
            schema.path(composition).forEach(part -> collectUpperCase(where, part, found));
        }
    }
}
