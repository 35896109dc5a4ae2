package io.promptsuite.common.request;

import io.netty.util.NetUtil;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The address a request comes from, as used for per-source limits and written to the audit trail. Behind a trusted
 * proxy ({@code quarkus.http.proxy.trusted-proxies}, {@code SUITE_TRUSTED_PROXIES}) Quarkus takes it from
 * {@code X-Forwarded-For}/{@code Forwarded}; when that header names no IP address (garbage, "unknown", an obfuscated
 * RFC 7239 identifier, an empty value) Quarkus hands on a host with no address. That must never mean "no source" —
 * a per-source limit keyed by nothing is off — so this falls back to the TCP peer (the proxy itself).
 */
@ApplicationScoped
public class ClientAddress {

    @Inject
    CurrentVertxRequest currentRequest;

    /** The current request's source address, or null outside a request. */
    public String current() {
        RoutingContext rc = currentRequest.getCurrent();
        return rc == null ? null : of(rc.request());
    }

    public static String of(HttpServerRequest request) {
        String forwarded = ipOf(request.remoteAddress());
        if (forwarded != null) {
            return forwarded;
        }
        String peer = request.connection() == null ? null : ipOf(request.connection().remoteAddress());
        // A Unix-socket or otherwise address-less peer still gets one shared bucket instead of none.
        return peer != null ? peer : "unknown-peer";
    }

    /** The address as a normalised IP literal, or null when it isn't one. */
    static String ipOf(SocketAddress address) {
        if (address == null) {
            return null;
        }
        String host = address.hostAddress();
        if (host == null || host.isBlank()) {
            host = address.host();
        }
        if (host == null) {
            return null;
        }
        host = host.trim();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (NetUtil.isValidIpV4Address(host)) {
            return host;
        }
        if (NetUtil.isValidIpV6Address(host)) {
            // One spelling per address, so "::1" and "0:0:0:0:0:0:0:1" share a bucket.
            byte[] bytes = NetUtil.createByteArrayFromIpAddressString(host);
            return bytes == null ? null : NetUtil.bytesToIpAddress(bytes);
        }
        return null;
    }
}
