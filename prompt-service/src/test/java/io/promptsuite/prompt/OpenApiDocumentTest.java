package io.promptsuite.prompt;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The published document as a whole: what no single response checks (credentials, names, error bodies, summaries).
 * The responses themselves are checked against it by every test through {@link Api}.
 */
@QuarkusTest
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private Map<String, Object> document;

    @BeforeEach
    void fetch() {
        document = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath().getMap("");
    }

    @Test
    void bothCredentialsAreDefinedAndEveryApiOperationTakesEither() {
        Map<String, Object> schemes = map(map(document.get("components")).get("securitySchemes"));
        assertEquals("http", map(schemes.get("bearer")).get("type"));
        assertEquals("bearer", map(schemes.get("bearer")).get("scheme"));
        assertEquals("apiKey", map(schemes.get("apiKey")).get("type"));
        assertEquals("X-API-Key", map(schemes.get("apiKey")).get("name"));
        List<String> wrong = new ArrayList<>();
        operations((path, method, operation) -> {
            if (!path.startsWith("/api/v1/")) {
                return;
            }
            List<String> names = new ArrayList<>();
            for (Object requirement : list(operation.get("security"))) {
                names.addAll(map(requirement).keySet());
            }
            if (!names.containsAll(List.of("bearer", "apiKey"))) {
                wrong.add(method + " " + path + " " + names);
            }
        });
        assertTrue(wrong.isEmpty(), "operations without both credentials: " + wrong);
    }

    @Test
    void noSchemaPropertyHasAnUpperCaseLetter() {
        List<String> wrong = new ArrayList<>();
        map(map(document.get("components")).get("schemas")).forEach((name, schema) -> camelCase(name, schema, wrong));
        assertTrue(wrong.isEmpty(), "properties the JSON never carries: " + wrong);
    }

    @Test
    void everyErrorAnswerHasASchema() {
        List<String> wrong = new ArrayList<>();
        operations((path, method, operation) -> map(operation.get("responses")).forEach((code, response) -> {
            if (!code.startsWith("4") && !code.startsWith("5")) {
                return;
            }
            Map<String, Object> content = map(map(response).get("content"));
            boolean described = !content.isEmpty() && content.values().stream().allMatch(m -> map(m).get("schema") != null);
            if (!described) {
                wrong.add(method + " " + path + " " + code);
            }
        }));
        assertTrue(wrong.isEmpty(), "error answers without a schema: " + wrong);
    }

    @Test
    void everyOperationHasASummary() {
        List<String> wrong = new ArrayList<>();
        operations((path, method, operation) -> {
            Object summary = operation.get("summary");
            if (!(summary instanceof String s) || s.isBlank()) {
                wrong.add(method + " " + path);
            }
        });
        assertTrue(wrong.isEmpty(), "operations without a summary: " + wrong);
    }

    private interface OperationVisitor {
        void visit(String path, String method, Map<String, Object> operation);
    }

    private void operations(OperationVisitor visitor) {
        map(document.get("paths")).forEach((path, item) -> map(item).forEach((method, operation) -> {
            if (METHODS.contains(method)) {
                visitor.visit(path, method, map(operation));
            }
        }));
    }

    /** Walks a schema and everything nested in it (properties, items, compositions). */
    private static void camelCase(String where, Object schema, List<String> wrong) {
        if (schema instanceof Map<?, ?> m) {
            Object properties = m.get("properties");
            if (properties instanceof Map<?, ?> props) {
                props.forEach((name, property) -> {
                    if (!name.toString().equals(name.toString().toLowerCase(java.util.Locale.ROOT))) {
                        wrong.add(where + "." + name);
                    }
                });
            }
            m.forEach((key, value) -> camelCase(where + "/" + key, value, wrong));
        } else if (schema instanceof List<?> l) {
            l.forEach(value -> camelCase(where, value, wrong));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return value == null ? Map.of() : (Map<String, Object>) value;
    }

    private static List<?> list(Object value) {
        return value == null ? List.of() : (List<?>) value;
    }
}
