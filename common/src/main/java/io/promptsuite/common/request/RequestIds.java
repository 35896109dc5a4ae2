package io.promptsuite.common.request;

import java.util.UUID;
import java.util.regex.Pattern;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Where the current request's id lives, so error bodies and outbound calls can carry it. */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-ID";
    static final String KEY = "suite.requestId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    @Inject
    CurrentVertxRequest currentRequest;

    /** The incoming id when it is a sane token, a fresh one otherwise: a client must not inject log lines. */
    static String acceptOrCreate(String incoming) {
        if (incoming != null && SAFE.matcher(incoming).matches()) {
            return incoming;
        }
        return UUID.randomUUID().toString();
    }

    public String current() {
        RoutingContext rc = currentRequest.getCurrent();
        if (rc == null) {
            return null;
        }
        Object id = rc.get(KEY);
        if (id == null) {
            id = acceptOrCreate(rc.request().getHeader(HEADER));
            rc.put(KEY, id);
        }
        return id.toString();
    }
}
