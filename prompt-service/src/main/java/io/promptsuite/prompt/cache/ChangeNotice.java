package io.promptsuite.prompt.cache;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.promptsuite.prompt.PromptChange;

/**
 * A committed change as instances and feed subscribers hear it: the wire form of a {@link PromptChange} that is
 * announced, carried over Redis pub/sub, kept in the tenant's event log and sent on the SSE feed.
 *
 * @param type       {@link PromptChange.Kind#announcedAs()}: {@code label.moved}, {@code version.published}, …
 * @param instance   the instance that made the change, so it ignores its own echo
 * @param visibility the prompt's visibility once the change committed; decides who hears
 * @param eventId    the id in the tenant's event log; null when Redis was unreachable
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChangeNotice(String type, UUID tenantId, String name, Integer version, String label, Integer fromVersion,
        String actorId, Instant at, String instance, String visibility, String eventId) {

    /** The notice of an announced change made by {@code instance}; its event id is stamped when the log takes it. */
    public static ChangeNotice of(PromptChange change, String instance, String visibility) {
        return new ChangeNotice(change.kind().announcedAs(), change.tenantId(), change.name(), change.version(),
                change.label(), change.fromVersion(), change.actorId(), change.at(), instance, visibility, null);
    }

    public ChangeNotice withVisibility(String value) {
        return new ChangeNotice(type, tenantId, name, version, label, fromVersion, actorId, at, instance, value, eventId);
    }

    public ChangeNotice withEventId(String value) {
        return new ChangeNotice(type, tenantId, name, version, label, fromVersion, actorId, at, instance, visibility, value);
    }

    /** What subscribers see: no instance id. */
    public ChangeNotice forSubscribers() {
        return new ChangeNotice(type, tenantId, name, version, label, fromVersion, actorId, at, null, visibility, eventId);
    }
}
