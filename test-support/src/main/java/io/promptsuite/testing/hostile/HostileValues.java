package io.promptsuite.testing.hostile;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The catalogue of inputs an attacker, a broken client or a fuzzer sends: wrong types, edge numbers, huge sizes, odd
 * Unicode and injection-looking text. Each is written as it goes on the wire (a path segment, a query value, a JSON
 * value or a whole body), so nothing is lost to encoding on the way.
 */
final class HostileValues {

    /** Big enough to cross every length limit, small enough that a run of thousands of requests stays quick. */
    static final int LONG = 20_000;
    /**
     * Long values in a URL stay under the server's request-line limit (4 KB): past it the HTTP codec itself answers a
     * bare 414 before any of our code runs, which no service can shape.
     */
    static final int LONG_IN_URL = 1_500;
    /** The service's body limit is 1 MB: one field per operation goes past it. */
    static final int HUGE = 1_100_000;

    private static final List<String> TEXTS = List.of(
            "",
            " ",
            "null",
            "-1",
            "0",
            "2147483647",
            "2147483648",
            "-2147483649",
            "9223372036854775807",
            "9223372036854775808",
            "99999999999999999999999999999999",
            "1e309",
            "NaN",
            "true",
            "[]",
            "{}",
            "' OR '1'='1' --",
            "\"; DROP TABLE x; --",
            "../../../etc/passwd",
            "{{#a}}{{/a}}{{> x}}",
            "<script>alert(1)</script>",
            "\u0000",
            "a\u0000b",
            "\u202Eevil",
            "\u200B\u200D\uFEFF",
            "\uD83D\uDE00\uD83D\uDCA9",
            "ｆｕｌｌｗｉｄｔｈ",
            "İı",
            "a".repeat(LONG_IN_URL),
            "é".repeat(LONG_IN_URL / 6));

    private HostileValues() {
    }

    /** Query values, URL-encoded. */
    static List<String> queryValues(List<String> foreignIds) {
        List<String> values = new ArrayList<>();
        for (String text : texts(foreignIds)) {
            values.add(URLEncoder.encode(text, StandardCharsets.UTF_8));
        }
        values.add("%ZZ");
        values.add("%C3%28");
        return values;
    }

    /** Path segments, already encoded; some are deliberately odd encodings. */
    static List<String> pathSegments(List<String> foreignIds) {
        List<String> values = new ArrayList<>();
        for (String text : texts(foreignIds)) {
            if (!text.isEmpty() && !text.isBlank()) {
                values.add(HostileRequests.encodeSegment(text));
            }
        }
        values.addAll(List.of("..", "%2e%2e", "a%2Fb", "a%2F..%2F..%2Fb", "%00", "%ZZ", "%C3%28", "%FF%FE", ";x=1"));
        return values;
    }

    /** JSON values for one field: every type, the edges of numbers, and every text above. */
    static List<String> jsonValues(List<String> foreignIds) {
        // The first fourteen are tried on every field: every JSON type, the edges of numbers, NUL and lone surrogates.
        List<String> values = new ArrayList<>(List.of(
                "null", "true", "0", "-1", "1.5", "1e400", "9223372036854775808", "-9223372036854775809", "[]", "{}",
                "\"\\u0000\"", "\"\\ud800\"", "[" + "\"x\",".repeat(10_000) + "\"x\"]", jsonString("b".repeat(LONG)),
                "false", "-0.0", "-1e400", "2147483648", "-2147483649", "123456789012345678901234567890",
                "[null]", "[1,\"a\",{}]", "{\"a\":{\"b\":{\"c\":[]}}}", "\"\\udfff\\ud800\"",
                "{" + "\"k\":1,".repeat(5_000) + "\"k\":2}",
                "[".repeat(2_000) + "]".repeat(2_000)));
        for (String text : texts(foreignIds)) {
            values.add(jsonString(text));
        }
        return values;
    }

    /** Whole bodies in place of the expected one. */
    static List<byte[]> bodies() {
        List<byte[]> bodies = new ArrayList<>();
        for (String body : List.of("", " ", "null", "[]", "\"text\"", "42", "{", "{\"a\":", "}", "{\"a\" 1}", "{'a':1}",
                "{\"a\":1,}", "[" .repeat(50_000), "{\"a\":".repeat(20_000), "\uFEFF{}",
                "{\"x\":" + jsonString("a".repeat(HUGE)) + "}",
                // YAML that explodes when aliases are expanded, for endpoints that take YAML.
                billionLaughs(),
                "a: [", "- !!java.net.URL [\"http://127.0.0.1:1/\"]\n")) {
            bodies.add(body.getBytes(StandardCharsets.UTF_8));
        }
        bodies.add(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        bodies.add(new byte[] {(byte) 0xFF, (byte) 0xFE, 0, 0});
        return bodies;
    }

    static List<String> contentTypes() {
        return List.of("text/plain", "application/xml", "application/octet-stream", "multipart/form-data; boundary=x",
                "application/json; charset=utf-16", "application/x-www-form-urlencoded", "garbage;;;==", "*/*");
    }

    static String jsonString(String text) {
        StringBuilder out = new StringBuilder(text.length() + 2).append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }

    private static List<String> texts(List<String> foreignIds) {
        List<String> texts = new ArrayList<>(TEXTS);
        texts.add(UUID.randomUUID().toString());
        texts.addAll(foreignIds);
        return texts;
    }

    private static String billionLaughs() {
        StringBuilder yaml = new StringBuilder("a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (int i = 1; i < 10; i++) {
            yaml.append('a').append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                yaml.append(j == 0 ? "" : ",").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }
        return yaml.toString();
    }
}
