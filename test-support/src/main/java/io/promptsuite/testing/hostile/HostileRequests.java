package io.promptsuite.testing.hostile;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A net for what nobody listed: walks every operation of a running service's OpenAPI document and sends it hostile
 * variations — each path parameter, query parameter and body field in turn replaced by wrong types, edge numbers,
 * huge and odd strings and other tenants' ids; whole bodies that are not JSON or far too big; wrong content types.
 * Every answer must be below 500 and, when it is an error, in the suite's error envelope. Requests are sent one at a
 * time: the point is coverage of inputs, not load.
 */
public final class HostileRequests {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration ANSWER_WITHIN = Duration.ofSeconds(20);

    private final String baseUrl;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private Supplier<Map<String, String>> headers = Map::of;
    private final Map<String, String> knownValues = new HashMap<>();
    private final List<String> foreignIds = new ArrayList<>();
    private Predicate<ApiOperation> skip = operation -> false;
    private Predicate<String> oauthShaped = path -> false;
    private Set<String> tolerated5xxCodes = Set.of();

    private static final int ALWAYS_TRIED = 14;
    private static final int SAMPLED = 10;
    private final long seed = Long.getLong("hostile.seed", System.nanoTime());
    private final java.util.Random random = new java.util.Random(seed);

    private final List<Finding> findings = new ArrayList<>();
    private int sent;

    private HostileRequests(String baseUrl) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    public static HostileRequests against(String baseUrl) {
        return new HostileRequests(baseUrl);
    }

    /** Headers sent with every request (credentials); asked again for each request so tokens can be renewed. */
    public HostileRequests headers(Supplier<Map<String, String>> headers) {
        this.headers = headers;
        return this;
    }

    /** A value that works for a path parameter, query parameter or body field of this name (snake_case). */
    public HostileRequests known(String name, String value) {
        knownValues.put(name, value);
        return this;
    }

    /** Ids of objects in another tenant: tried wherever an id or name goes. */
    public HostileRequests foreignIds(List<String> ids) {
        foreignIds.addAll(ids);
        return this;
    }

    public HostileRequests skip(Predicate<ApiOperation> skip) {
        this.skip = skip;
        return this;
    }

    /** Paths whose errors follow RFC 6749 ({@code {"error": …}}) instead of the suite's envelope. */
    public HostileRequests oauthErrorsOn(Predicate<String> paths) {
        this.oauthShaped = paths;
        return this;
    }

    /** 5xx codes that are a deliberate answer under load (for example 503 AUTH_BUSY), not a failure. */
    public HostileRequests tolerate(Set<String> codes) {
        this.tolerated5xxCodes = codes;
        return this;
    }

    public record Finding(String request, String variation, int status, String body) {
        @Override
        public String toString() {
            return request + " [" + variation + "] -> " + status + " " + body;
        }
    }

    /** Sends every variation of every operation; answers what went wrong (empty when nothing did). */
    public Report run() {
        JsonNode document;
        try {
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/q/openapi?format=json"))
                    .timeout(ANSWER_WITHIN).build(), HttpResponse.BodyHandlers.ofString());
            document = JSON.readTree(answer.body());
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("Cannot read the OpenAPI document of " + baseUrl, e);
        }
        List<ApiOperation> operations = ApiOperation.all(document);
        if (operations.isEmpty()) {
            throw new IllegalStateException("The OpenAPI document of " + baseUrl + " lists no operation");
        }
        BodyShapes shapes = new BodyShapes(document, knownValues);
        for (ApiOperation operation : operations) {
            if (!skip.test(operation)) {
                vary(operation, shapes);
            }
        }
        return new Report(operations.size(), sent, seed, List.copyOf(findings));
    }

    public record Report(int operations, int requests, long seed, List<Finding> findings) {
        public String summary() {
            StringBuilder text = new StringBuilder(findings.size() + " of " + requests + " hostile requests to "
                    + operations + " operations were answered badly (replay with -Dhostile.seed=" + seed + "):\n");
            findings.stream().limit(40).forEach(f -> text.append("  ").append(f).append('\n'));
            return text.toString();
        }
    }

    private void vary(ApiOperation operation, BodyShapes shapes) {
        Map<String, String> goodPath = new LinkedHashMap<>();
        operation.pathParams().forEach(name -> goodPath.put(name, knownValues.getOrDefault(name, "fuzz-target")));
        Map<String, Object> goodBody = operation.hasBody() ? shapes.plausible(operation) : null;

        if (!operation.method().equals("DELETE")) {
            send(operation, "plausible request", goodPath, "", body(operation, goodBody), operation.contentType());
        }
        for (String param : operation.pathParams()) {
            for (String segment : HostileValues.pathSegments(foreignIds)) {
                Map<String, String> path = new LinkedHashMap<>(goodPath);
                path.put(param, segment);
                boolean foreign = foreignIds.stream().anyMatch(id -> encodeSegment(id).equals(segment));
                send(operation, (foreign ? "another tenant's " : "path ") + param + "=" + abbreviate(segment), path, "",
                        body(operation, goodBody), operation.contentType());
            }
        }
        for (String param : operation.queryParams()) {
            for (String value : HostileValues.queryValues(foreignIds)) {
                send(operation, "query " + param + "=" + abbreviate(value), goodPath, "?" + param + "=" + value,
                        body(operation, goodBody), operation.contentType());
            }
        }
        if (!operation.hasBody()) {
            return;
        }
        for (byte[] whole : HostileValues.bodies()) {
            send(operation, "body " + abbreviate(new String(whole, StandardCharsets.UTF_8)), goodPath, "", whole,
                    operation.contentType());
        }
        for (String type : HostileValues.contentTypes()) {
            send(operation, "content-type " + type, goodPath, "", body(operation, goodBody), type);
        }
        send(operation, "no content-type", goodPath, "", body(operation, goodBody), null);
        boolean hugeSent = false;
        for (String field : goodBody.keySet()) {
            Map<String, Object> without = new LinkedHashMap<>(goodBody);
            without.remove(field);
            send(operation, "without " + field, goodPath, "", body(operation, without), operation.contentType());
            for (String value : sample(HostileValues.jsonValues(foreignIds))) {
                send(operation, field + "=" + abbreviate(value), goodPath, "", withField(operation, goodBody, field, value),
                        operation.contentType());
            }
            if (!hugeSent) {
                hugeSent = true;
                String huge = HostileValues.jsonString("x".repeat(HostileValues.HUGE));
                send(operation, field + "=<1.1 MB string>", goodPath, "", withField(operation, goodBody, field, huge),
                        operation.contentType());
            }
        }
        Map<String, Object> extra = new LinkedHashMap<>(goodBody);
        extra.put("unexpected_field", "x");
        send(operation, "unknown field", goodPath, "", body(operation, extra), operation.contentType());
    }

    /**
     * Every field gets the first values (every JSON type and the edges of numbers) and a seeded random share of the
     * rest, so a run stays quick and a failure can be replayed with the same seed.
     */
    private List<String> sample(List<String> values) {
        int always = Math.min(ALWAYS_TRIED, values.size());
        List<String> picked = new ArrayList<>(values.subList(0, always));
        List<String> rest = new ArrayList<>(values.subList(always, values.size()));
        java.util.Collections.shuffle(rest, random);
        picked.addAll(rest.subList(0, Math.min(SAMPLED, rest.size())));
        return picked;
    }

    private byte[] body(ApiOperation operation, Map<String, Object> fields) {
        if (!operation.hasBody()) {
            return null;
        }
        if (operation.isForm()) {
            StringBuilder form = new StringBuilder();
            fields.forEach((k, v) -> form.append(form.isEmpty() ? "" : "&").append(k).append('=')
                    .append(java.net.URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8)));
            return form.toString().getBytes(StandardCharsets.UTF_8);
        }
        try {
            return JSON.writeValueAsBytes(fields);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The body with one field's value replaced by raw JSON (or, for forms, the raw text). */
    private byte[] withField(ApiOperation operation, Map<String, Object> fields, String field, String rawJson) {
        if (operation.isForm()) {
            Map<String, Object> copy = new LinkedHashMap<>(fields);
            copy.put(field, rawJson);
            return body(operation, copy);
        }
        StringBuilder json = new StringBuilder("{");
        for (Map.Entry<String, Object> entry : fields.entrySet()) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append(HostileValues.jsonString(entry.getKey())).append(':');
            try {
                json.append(entry.getKey().equals(field) ? rawJson : JSON.writeValueAsString(entry.getValue()));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    }

    private void send(ApiOperation operation, String variation, Map<String, String> pathValues, String query, byte[] body,
            String contentType) {
        String path = operation.path();
        for (Map.Entry<String, String> value : pathValues.entrySet()) {
            path = path.replace("{" + value.getKey() + "}", value.getValue());
        }
        String described = operation.method() + " " + operation.path();
        URI uri;
        try {
            uri = URI.create(baseUrl + path + query);
        } catch (IllegalArgumentException unsendable) {
            return; // not a URI any client could send
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(ANSWER_WITHIN);
        headers.get().forEach(request::header);
        if (contentType != null && body != null) {
            request.header("Content-Type", contentType);
        }
        request.method(operation.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(body));
        sent++;
        HttpResponse<String> answer;
        try {
            answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (java.net.http.HttpTimeoutException e) {
            findings.add(new Finding(described, variation, 0, "no answer within " + ANSWER_WITHIN.toSeconds() + " s"));
            return;
        } catch (IOException e) {
            // A server may close the connection on a body past its limit before reading it: that is a refusal.
            if (body != null && body.length >= HostileValues.HUGE) {
                return;
            }
            findings.add(new Finding(described, variation, 0, "connection failed: " + e));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        String problem = variation.startsWith("another tenant's") && answer.statusCode() < 400
                ? "another tenant's object was served"
                : judge(operation, answer);
        if (problem != null) {
            findings.add(new Finding(described, variation, answer.statusCode(), problem + ": " + abbreviate(answer.body())));
        }
    }

    /** Why the answer is wrong, or null when it is fine. */
    private String judge(ApiOperation operation, HttpResponse<String> answer) {
        int status = answer.statusCode();
        String body = answer.body() == null ? "" : answer.body();
        if (body.contains("Exception") || body.contains("\tat ") || body.contains("org.hibernate")
                || body.contains("java.lang") || body.contains("SQLState")) {
            return "leaks internals";
        }
        if (status < 400) {
            return null;
        }
        JsonNode error;
        try {
            error = JSON.readTree(body);
        } catch (IOException e) {
            return "error is not JSON";
        }
        if (error == null || !error.isObject()) {
            return "error is not a JSON object";
        }
        if (oauthShaped.test(operation.path()) && error.path("error").isTextual()) {
            return status >= 500 ? "server error" : null;
        }
        if (!error.path("code").isTextual() || !error.path("message").isTextual() || !error.has("request_id")) {
            return "error is not in the envelope";
        }
        if (status >= 500 && !tolerated5xxCodes.contains(error.path("code").asText())) {
            return "server error";
        }
        return null;
    }

    static String encodeSegment(String text) {
        return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String abbreviate(String text) {
        if (text == null) {
            return "";
        }
        String flat = text.replace("\n", "\\n");
        return flat.length() <= 120 ? flat : flat.substring(0, 100) + "…(" + text.length() + " chars)";
    }
}
