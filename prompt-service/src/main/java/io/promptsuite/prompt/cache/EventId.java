package io.promptsuite.prompt.cache;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.promptsuite.common.error.ApiException;

/**
 * An event's id in the tenant's event log: the Redis stream entry id {@code <millis>-<sequence>}, unique and
 * increasing per tenant, compared as a pair of numbers (never as text).
 */
public record EventId(long millis, long sequence) implements Comparable<EventId> {

    public static final EventId ZERO = new EventId(0, 0);
    private static final Pattern FORMAT = Pattern.compile("([0-9]{1,19})-([0-9]{1,19})");

    /** A {@code Last-Event-ID} as sent back by a client: only ids this feed hands out are accepted. */
    public static EventId parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text.trim());
        if (m == null || !m.matches()) {
            throw ApiException.invalidField("Last-Event-ID", "must be an event id this feed sent (<millis>-<sequence>)");
        }
        try {
            return new EventId(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)));
        } catch (NumberFormatException e) {
            throw ApiException.invalidField("Last-Event-ID", "must be an event id this feed sent (<millis>-<sequence>)");
        }
    }

    @Override
    public int compareTo(EventId other) {
        int byMillis = Long.compare(millis, other.millis);
        return byMillis != 0 ? byMillis : Long.compare(sequence, other.sequence);
    }

    public boolean after(EventId other) {
        return compareTo(other) > 0;
    }

    @Override
    public String toString() {
        return millis + "-" + sequence;
    }
}
