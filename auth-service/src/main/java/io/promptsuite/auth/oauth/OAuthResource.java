package io.promptsuite.auth.oauth;

import java.util.LinkedHashMap;
import java.util.Map;

import io.promptsuite.auth.client.ClientRegistry;
import io.promptsuite.auth.client.OAuthClient;
import io.promptsuite.auth.client.OAuthException;
import io.promptsuite.auth.token.SessionService;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The OAuth 2.0 surface: token (RFC 6749, 8628), revocation (RFC 7009), introspection (RFC 7662). */
@Path("/oauth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Tag(name = "oauth")
public class OAuthResource {

    @Inject
    GrantHandlers grants;

    @Inject
    ClientRegistry clients;

    @Inject
    SessionService sessions;

    @Inject
    TokenIntrospector introspector;

    @POST
    @Path("/token")
    public Response token(@HeaderParam("Authorization") String authorization, MultivaluedMap<String, String> rawForm) {
        return noStore(Response.ok(grants.handle(new TokenRequest(authorization, single(rawForm)))));
    }

    /**
     * RFC 7009: the client authenticates like at the token endpoint (a public client names itself with client_id), and
     * only a refresh token issued to it ends its family. Access tokens expire on their own within minutes. Whatever
     * the token, the answer is 200.
     */
    @POST
    @Path("/revoke")
    public Response revoke(@HeaderParam("Authorization") String authorization, MultivaluedMap<String, String> rawForm) {
        Map<String, String> form = single(rawForm);
        OAuthClient client = clients.authenticate(authorization, form).orElseThrow(() -> OAuthException.invalidClient(
                "Name the client: HTTP Basic or client_id and client_secret, or client_id alone for a public client"));
        String token = form.get("token");
        if (token == null || token.isBlank()) {
            throw OAuthException.invalidRequest("token is required");
        }
        sessions.revoke(token, client.clientId());
        return noStore(Response.ok());
    }

    @POST
    @Path("/introspect")
    public Response introspect(@HeaderParam("Authorization") String authorization, MultivaluedMap<String, String> rawForm) {
        Map<String, String> form = single(rawForm);
        clients.authenticate(authorization, form)
                .filter(OAuthClient::confidential)
                .orElseThrow(() -> OAuthException.invalidClient("Introspection is for authenticated service clients"));
        String token = form.get("token");
        if (token == null || token.isBlank()) {
            throw OAuthException.invalidRequest("token is required");
        }
        return noStore(Response.ok(introspector.describe(token.trim())));
    }

    /** A form parameter given twice is refused (RFC 6749 §3.1). */
    static Map<String, String> single(MultivaluedMap<String, String> form) {
        Map<String, String> values = new LinkedHashMap<>();
        if (form == null) {
            return values;
        }
        form.forEach((name, list) -> {
            if (list.size() > 1) {
                throw OAuthException.invalidRequest("Parameter " + name + " is repeated");
            }
            if (!list.isEmpty()) {
                values.put(name, list.get(0));
            }
        });
        return values;
    }

    static Response noStore(Response.ResponseBuilder response) {
        return response.header("Cache-Control", "no-store").header("Pragma", "no-cache").build();
    }
}
