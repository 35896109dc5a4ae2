package io.promptsuite.common.security;

import java.util.Map;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** auth-service's RFC 7662 introspection endpoint, as services call it to check API keys. */
@RegisterRestClient(configKey = "auth-service")
@Path("/oauth")
public interface IntrospectionClient {

    @POST
    @Path("/introspect")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    Map<String, Object> introspect(@HeaderParam("Authorization") String clientAuthorization,
            @FormParam("token") String token, @FormParam("token_type_hint") String tokenTypeHint);
}
