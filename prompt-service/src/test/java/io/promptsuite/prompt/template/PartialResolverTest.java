package io.promptsuite.prompt.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.promptsuite.prompt.RenderLimits;
import io.smallrye.config.WithDefault;

/** Partials of partials, cycles and depth, over a source in memory: the resolver needs no cache nor database. */
class PartialResolverTest {

    private static final UUID TENANT = UUID.randomUUID();

    private record Found(UUID id, String template) implements PartialSource.Version {
    }

    /** name@label → template; what the caches would hold. */
    private final Map<String, String> prompts = new HashMap<>();
    private final List<String> asked = new ArrayList<>();

    private PartialResolver resolver(int maxDepth) {
        PartialResolver resolver = new PartialResolver();
        resolver.limits = limits(maxDepth);
        resolver.source = (tenantId, name, label, memoryOnly) -> {
            asked.add(name + "@" + label);
            String template = prompts.get(name + "@" + label);
            if (template == null) {
                throw new PartialSource.Unresolved("no prompt named '" + name + "'");
            }
            return new Found(UUID.nameUUIDFromBytes((name + "@" + label).getBytes()), template);
        };
        return resolver;
    }

    /** The configured defaults, but for the partial depth. */
    private static RenderLimits limits(int maxDepth) {
        return (RenderLimits) Proxy.newProxyInstance(RenderLimits.class.getClassLoader(), new Class<?>[] { RenderLimits.class },
                (proxy, method, args) -> {
                    if (method.getName().equals("maxPartialDepth")) {
                        return maxDepth;
                    }
                    String value = method.getAnnotation(WithDefault.class).value();
                    Class<?> type = method.getReturnType();
                    return type == int.class ? Integer.parseInt(value) : type == long.class ? Long.parseLong(value)
                            : Duration.parse(value);
                });
    }

    private static Set<String> refs(String... references) {
        return new LinkedHashSet<>(List.of(references));
    }

    @Test
    void partialsOfPartialsAreFollowedAndTheVersionsUsedNamed() {
        prompts.put("header@production", "Dear {{who}}, {{> sig@staging}}");
        prompts.put("sig@staging", "-- {{name}}");
        PartialResolver.Resolution r = resolver(8).resolve(TENANT, "letter", refs("header"));
        assertEquals(List.of(), r.problems());
        assertEquals(Map.of("header", "Dear {{who}}, {{> sig@staging}}", "sig@staging", "-- {{name}}"), r.sources());
        assertEquals("{header=" + UUID.nameUUIDFromBytes("header@production".getBytes()) + ", sig@staging="
                + UUID.nameUUIDFromBytes("sig@staging".getBytes()) + "}", r.signature());
        assertEquals(List.of("header@production", "sig@staging"), asked, "no label means production");
    }

    @Test
    void aPartialIncludedTwiceIsLookedUpOnce() {
        prompts.put("a@production", "{{> shared}}");
        prompts.put("b@production", "{{> shared}}");
        prompts.put("shared@production", "x");
        PartialResolver.Resolution r = resolver(8).resolve(TENANT, "self", refs("a", "b"));
        assertEquals(List.of(), r.problems());
        assertEquals(List.of("a@production", "shared@production", "b@production"), asked);
    }

    @Test
    void cyclesAreRefusedNamingTheChain() {
        prompts.put("a@production", "{{> b}}");
        prompts.put("b@production", "{{> self}}");
        assertEquals(List.of("partial 'self' forms a cycle: self -> a -> b -> self"),
                resolver(8).resolve(TENANT, "self", refs("a")).problems());
        assertEquals(List.of("partial 'self@staging' forms a cycle: self -> self"),
                resolver(8).resolve(TENANT, "self", refs("self@staging")).problems(), "another label of itself is still itself");
    }

    @Test
    void nestingPastTheLimitIsRefused() {
        prompts.put("a@production", "{{> b}}");
        prompts.put("b@production", "{{> c}}");
        prompts.put("c@production", "end");
        assertEquals(List.of(), resolver(3).resolve(TENANT, "self", refs("a")).problems());
        assertEquals(List.of("partials nest deeper than 2 levels: self -> a -> b -> c"),
                resolver(2).resolve(TENANT, "self", refs("a")).problems());
    }

    @Test
    void whatTheSourceCantFindIsAProblemNamingThePath() {
        prompts.put("a@production", "{{> gone@canary}}");
        assertEquals(List.of("partial 'gone@canary' (self -> a -> gone): no prompt named 'gone'"),
                resolver(8).resolve(TENANT, "self", refs("a")).problems());
    }

    @Test
    void aRenderFromMemoryStopsAtTheFirstMissThroughTheSource() {
        PartialResolver resolver = resolver(8);
        resolver.source = (tenantId, name, label, memoryOnly) -> {
            throw memoryOnly ? NotInMemory.INSTANCE : new PartialSource.Unresolved("no prompt named '" + name + "'");
        };
        assertSame(NotInMemory.INSTANCE, assertThrows(NotInMemory.class, () -> resolver.resolve(TENANT, "self", refs("a"), true)));
        assertEquals(1, resolver.resolve(TENANT, "self", refs("a"), false).problems().size());
    }
}
