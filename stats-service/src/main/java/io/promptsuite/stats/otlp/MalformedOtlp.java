package io.promptsuite.stats.otlp;

/** The body is not an OTLP trace request; the message says where, without echoing the body. */
public final class MalformedOtlp extends RuntimeException {

    MalformedOtlp(String message) {
        super(message, null, false, false);
    }
}
