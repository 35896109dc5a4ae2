package io.promptsuite.prompt.events;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.promptsuite.common.error.ApiException;
import io.promptsuite.common.security.Caller;
import io.promptsuite.prompt.cache.ChangeNotice;
import io.promptsuite.prompt.cache.EventId;

/** Plain checks of the feed's small rules: id order, what Last-Event-ID accepts, when a token's stream ends, who hears. */
class EventIdsAndExpiryTest {

    @Test
    void idsCompareAsNumbersNotText() {
        assertTrue(EventId.parse("10-0").after(EventId.parse("9-5")));
        assertTrue(EventId.parse("5-10").after(EventId.parse("5-9")));
        assertFalse(EventId.parse("5-1").after(EventId.parse("5-1")));
        assertEquals("1733-2", EventId.parse("1733-2").toString());
    }

    @Test
    void onlyIdsTheFeedSendsAreAccepted() {
        for (String bad : List.of("", "abc", "1", "1-", "-1", "1-2-3", "99999999999999999999-0", "1 -0", "0x1-0")) {
            ApiException e = assertThrows(ApiException.class, () -> EventId.parse(bad), bad);
            assertEquals(400, e.status());
        }
    }

    @Test
    void aStreamEndsWhenItsTokenExpires() {
        long exp = Instant.now().plusSeconds(120).getEpochSecond();
        String payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("{\"sub\":\"u\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
        assertEquals(exp, TokenExpiry.of("Bearer h." + payload + ".s").getEpochSecond());
        // Nothing readable: the stream ends at once rather than living on.
        assertFalse(TokenExpiry.of("Bearer garbage").isAfter(Instant.now()));
    }

    @Test
    void privatePromptsAreHeardByEditorsOnly() {
        Caller viewer = new Caller("v", "t", "s", List.of("viewer"), java.util.Set.of(), null, Caller.Via.TOKEN, null);
        Caller editor = new Caller("e", "t", "s", List.of("editor"), java.util.Set.of(), null, Caller.Via.TOKEN, null);
        ChangeNotice secret = new ChangeNotice("label.moved", null, "n", 1, "production", null, "e", Instant.now(), null, "private", null);
        ChangeNotice unknown = new ChangeNotice("label.moved", null, "n", 1, "production", null, "e", Instant.now(), null, null, null);
        assertFalse(EventStream.mayRead(viewer, secret));
        assertFalse(EventStream.mayRead(viewer, unknown));
        assertTrue(EventStream.mayRead(editor, secret));
        assertTrue(EventStream.mayRead(viewer, secret.withVisibility("tenant")));
    }
}
