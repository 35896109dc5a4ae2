package io.promptsuite.prompt.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.promptsuite.common.error.FieldError;

/** The variables-schema rules a publish and a render apply, without a server. */
class VariablesSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final Map<String, Object> ARTICLE = Map.of("type", "object",
            "properties", Map.of(
                    "title", Map.of("type", "string", "maxLength", 20),
                    "author", Map.of("type", "object", "properties", Map.of("name", Map.of("type", "string")),
                            "required", List.of("name")),
                    "tags", Map.of("type", "array", "items", Map.of("type", "object",
                            "properties", Map.of("id", Map.of("type", "integer"))))),
            "required", List.of("title"));

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<FieldError> validate(Map<String, Object> schema, Map<String, Object> variables) {
        return VariablesSchema.compile(json(schema), schema).validate(json(variables), variables.keySet());
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void variablesThatMatchPass() {
        assertEquals(List.of(), validate(ARTICLE, Map.of("title", "Hello", "author", Map.of("name", "Ada"),
                "tags", List.of(Map.of("id", 1)))));
    }

    @Test
    void eachProblemNamesItsPath() {
        assertEquals(List.of("$.title"), fields(validate(ARTICLE, Map.of())), "a missing required variable");
        assertEquals(List.of("$.title"), fields(validate(ARTICLE, Map.of("title", 42))), "a wrong type");
        assertEquals(List.of("$.title"), fields(validate(ARTICLE, Map.of("title", "x".repeat(21)))), "past maxLength");
        assertEquals(List.of("$.author.name"), fields(validate(ARTICLE, Map.of("title", "t", "author", Map.of()))));
        assertEquals(List.of("$.tags[1].id"), fields(validate(ARTICLE, Map.of("title", "t",
                "tags", List.of(Map.of("id", 1), Map.of("id", "two"))))));
    }

    @Test
    void undeclaredTopLevelVariablesAreRefusedOnceEvenWhenTheSchemaIsOpen() {
        List<FieldError> open = validate(ARTICLE, Map.of("title", "t", "colour", "red"));
        assertEquals(List.of(new FieldError("$.colour", "is not declared in the variables schema")), open);
        Map<String, Object> closed = Map.of("type", "object", "properties", Map.of("a", Map.of()), "additionalProperties", false);
        assertEquals(List.of(new FieldError("$.b", "is not declared in the variables schema")), validate(closed, Map.of("b", 1)));
    }

    @Test
    void aVariableIsDeclaredWhenEachOfItsPartsIsAPropertySomewhere() {
        VariablesSchema schema = VariablesSchema.compile(json(ARTICLE), ARTICLE);
        assertTrue(schema.declares("title"));
        assertTrue(schema.declares("author.name"));
        assertTrue(schema.declares("id"), "inside {{#tags}}, items' properties are in scope");
        assertFalse(schema.declares("author.email"));
        assertFalse(schema.declares("subtitle"));
    }

    @Test
    void aPublishableSchemaDescribesAnObjectAndStaysInsideItself() {
        assertEquals(List.of(), VariablesSchema.problems(json(ARTICLE), ARTICLE));
        Map<String, Object> array = Map.of("type", "array");
        assertEquals(List.of("the root must describe an object (\"type\": \"object\"): variables are named"),
                VariablesSchema.problems(json(array), array));
        Map<String, Object> remote = Map.of("type", "object",
                "properties", Map.of("a", Map.of("$ref", "https://example.com/schema.json"), "b", Map.of("$ref", "#/$defs/b")),
                "$defs", Map.of("b", Map.of("type", "string")));
        assertEquals(List.of("only local references (\"#/…\") are allowed, not https://example.com/schema.json"),
                VariablesSchema.problems(json(remote), remote));
    }

    @Test
    void whatIsNotJsonSchemaIsRefusedWithTheLocation() {
        Map<String, Object> bad = Map.of("type", "object", "properties", Map.of("a", Map.of("type", 5)));
        List<String> problems = VariablesSchema.problems(json(bad), bad);
        assertFalse(problems.isEmpty());
        assertTrue(problems.stream().allMatch(p -> p.startsWith("$.properties.a")), problems.toString());
    }

    @Test
    void draftsMayHoldJdkPatternsThatPublishingRefuses() {
        Map<String, Object> lookahead = Map.of("type", "object",
                "properties", Map.of("code", Map.of("type", "string", "pattern", "^(?=[A-Z])\\w+$")));
        assertEquals(List.of(), VariablesSchema.draftProblems(json(lookahead), lookahead));
        List<String> problems = VariablesSchema.problems(json(lookahead), lookahead);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("patterns run on RE2"), problems.get(0));
    }

    @Test
    void aCompileFailureIsDescribedWithoutInternals() {
        assertEquals("the schema cannot be compiled: IllegalStateException",
                VariablesSchema.describe(new IllegalStateException("secret internals")));
        assertTrue(VariablesSchema.describe(new RuntimeException(new com.google.re2j.PatternSyntaxException("bad", "(?=")))
                .startsWith("the pattern '(?=' is not supported (bad)"));
    }
}
