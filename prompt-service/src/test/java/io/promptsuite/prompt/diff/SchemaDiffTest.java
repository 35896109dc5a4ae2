package io.promptsuite.prompt.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What a caller who rendered fine against the old schema would now be refused for, without a server. */
class SchemaDiffTest {

    private static Map<String, Object> object(Map<String, Object> properties, String... required) {
        return Map.of("type", "object", "properties", properties, "required", List.of(required));
    }

    private static SchemaDiff.Change only(List<SchemaDiff.Change> changes) {
        assertEquals(1, changes.size(), changes.toString());
        return changes.get(0);
    }

    @Test
    void identicalSchemasHaveNoChanges() {
        Map<String, Object> schema = object(Map.of("name", Map.of("type", "string", "maxLength", 10)), "name");
        assertEquals(List.of(), SchemaDiff.compare(schema, schema));
        assertEquals(List.of(), SchemaDiff.compare(Map.of(), Map.of()));
    }

    @Test
    void aNewRequiredVariableBreaksCallersANewOptionalOneDoesNot() {
        Map<String, Object> before = object(Map.of());
        assertEquals(new SchemaDiff.Change("$.name", "added required variable", true, null),
                only(SchemaDiff.compare(before, object(Map.of("name", Map.of("type", "string")), "name"))));
        assertEquals(new SchemaDiff.Change("$.name", "added optional variable", false, null),
                only(SchemaDiff.compare(before, object(Map.of("name", Map.of("type", "string"))))));
    }

    @Test
    void removingAVariableBreaksCallersStillSendingIt() {
        SchemaDiff.Change change = only(SchemaDiff.compare(object(Map.of("tone", Map.of())), object(Map.of())));
        assertEquals("$.tone", change.path());
        assertEquals("removed variable", change.change());
        assertTrue(change.breaking());
        assertEquals("callers still sending it are refused", change.detail());
    }

    @Test
    void becomingRequiredBreaksBecomingOptionalDoesNot() {
        Map<String, Object> optional = object(Map.of("a", Map.of()));
        Map<String, Object> required = object(Map.of("a", Map.of()), "a");
        assertEquals(new SchemaDiff.Change("$.a", "became required", true, null), only(SchemaDiff.compare(optional, required)));
        assertEquals(new SchemaDiff.Change("$.a", "became optional", false, null), only(SchemaDiff.compare(required, optional)));
    }

    @Test
    void typesNarrowAndWidenByWhatTheyStillAccept() {
        SchemaDiff.Change narrowed = only(SchemaDiff.compare(object(Map.of("v", Map.of("type", List.of("string", "null")))),
                object(Map.of("v", Map.of("type", "string")))));
        assertEquals(new SchemaDiff.Change("$.v", "type narrowed", true, "string|null → string"), narrowed);
        // Every integer is a number: integer → number accepts all it did, number → integer does not.
        assertFalse(only(SchemaDiff.compare(object(Map.of("n", Map.of("type", "integer"))),
                object(Map.of("n", Map.of("type", "number"))))).breaking());
        assertTrue(only(SchemaDiff.compare(object(Map.of("n", Map.of("type", "number"))),
                object(Map.of("n", Map.of("type", "integer"))))).breaking());
        // No type at all means any value.
        assertEquals(new SchemaDiff.Change("$.x", "type narrowed", true, "any → string"), only(SchemaDiff.compare(
                object(Map.of("x", Map.of())), object(Map.of("x", Map.of("type", "string"))))));
        assertEquals(new SchemaDiff.Change("$.x", "type widened", false, "string → any"), only(SchemaDiff.compare(
                object(Map.of("x", Map.of("type", "string"))), object(Map.of("x", Map.of())))));
    }

    @Test
    void enumsNarrowWhenAValueIsNoLongerAllowed() {
        Map<String, Object> two = object(Map.of("tone", Map.of("enum", List.of("warm", "dry"))));
        Map<String, Object> three = object(Map.of("tone", Map.of("enum", List.of("warm", "dry", "terse"))));
        Map<String, Object> free = object(Map.of("tone", Map.of()));
        assertEquals(new SchemaDiff.Change("$.tone", "allowed values narrowed", true, null), only(SchemaDiff.compare(three, two)));
        assertEquals(new SchemaDiff.Change("$.tone", "allowed values widened", false, null), only(SchemaDiff.compare(two, three)));
        assertTrue(only(SchemaDiff.compare(free, two)).breaking(), "an enum where there was none narrows");
        assertFalse(only(SchemaDiff.compare(two, free)).breaking(), "dropping the enum widens");
    }

    @Test
    void boundsBreakWhenTheyTighten() {
        Map<String, Object> ten = object(Map.of("s", Map.of("type", "string", "maxLength", 10, "minimum", 1)));
        Map<String, Object> five = object(Map.of("s", Map.of("type", "string", "maxLength", 5, "minimum", 1)));
        assertEquals(new SchemaDiff.Change("$.s", "maxLength lowered", true, "10 → 5"), only(SchemaDiff.compare(ten, five)));
        assertEquals(List.of(), SchemaDiff.compare(five, ten), "a raised maximum accepts everything it did");
        assertEquals(new SchemaDiff.Change("$.s", "maxItems lowered", true, "null → 3"), only(SchemaDiff.compare(
                object(Map.of("s", Map.of())), object(Map.of("s", Map.of("maxItems", 3))))));
        assertEquals(new SchemaDiff.Change("$.s", "minimum raised", true, "1 → 2.5"), only(SchemaDiff.compare(
                object(Map.of("s", Map.of("minimum", 1))), object(Map.of("s", Map.of("minimum", 2.5))))));
    }

    @Test
    void nestedObjectsAndArrayItemsAreComparedWithTheirPaths() {
        Map<String, Object> before = object(Map.of(
                "user", object(Map.of("name", Map.of("type", "string"))),
                "tags", Map.of("type", "array", "items", Map.of("type", "string"))));
        Map<String, Object> after = object(Map.of(
                "user", object(Map.of("name", Map.of("type", "string"), "email", Map.of("type", "string")), "email"),
                "tags", Map.of("type", "array", "items", Map.of("type", "string", "maxLength", 20))));
        List<SchemaDiff.Change> changes = SchemaDiff.compare(before, after);
        assertTrue(changes.contains(new SchemaDiff.Change("$.user.email", "added required variable", true, null)), changes.toString());
        assertTrue(changes.contains(new SchemaDiff.Change("$.tags[]", "maxLength lowered", true, "null → 20")), changes.toString());
        assertEquals(2, changes.size(), changes.toString());
    }

    @Test
    void closingTheSchemaToExtraVariablesBreaks() {
        Map<String, Object> open = object(Map.of("a", Map.of()));
        Map<String, Object> closed = Map.of("type", "object", "properties", Map.of("a", Map.of()), "additionalProperties", false);
        assertEquals(new SchemaDiff.Change("$", "additional properties no longer allowed", true, null),
                only(SchemaDiff.compare(open, closed)));
        assertEquals(List.of(), SchemaDiff.compare(closed, open));
    }

    @Test
    void malformedPartsAreReadAsAbsentNotAsErrors() {
        Map<String, Object> odd = Map.of("properties", "not an object", "required", "a");
        assertEquals(List.of(), SchemaDiff.compare(odd, odd));
        assertEquals(new SchemaDiff.Change("$.a", "added optional variable", false, null),
                only(SchemaDiff.compare(odd, object(Map.of("a", Map.of())))));
    }
}
