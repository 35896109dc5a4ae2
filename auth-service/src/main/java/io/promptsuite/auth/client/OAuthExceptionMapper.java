package io.promptsuite.auth.client;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** OAuth endpoints answer errors in the RFC's shape, not the suite's envelope: OAuth clients parse these. */
public class OAuthExceptionMapper {

    @ServerExceptionMapper
    public Response map(OAuthException e) {
        Response.ResponseBuilder response = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                .header("Cache-Control", "no-store").header("Pragma", "no-cache")
                .entity(new OAuthError(e.error(), e.getMessage()));
        if (e.status() == 401) {
            response.header("WWW-Authenticate", "Basic realm=\"prompt-suite\"");
        }
        return response.build();
    }
}
