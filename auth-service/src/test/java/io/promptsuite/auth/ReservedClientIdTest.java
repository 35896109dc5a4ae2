package io.promptsuite.auth;

import static org.hamcrest.Matchers.*;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.promptsuite.testing.auth.Accounts;
import io.quarkus.test.junit.QuarkusTest;

/** The sign-in API's sessions carry the client id {@code web}; no registered client may take that name. */
@QuarkusTest
class ReservedClientIdTest {

    @Test
    void webCantBeRegistered() {
        Accounts accounts = Accounts.atServiceUnderTest();
        accounts.bearer(accounts.platformAdminToken()).body(Map.of("client_id", "web", "name", "impostor"))
                .post("/api/v1/service-clients").then().statusCode(409).body("code", equalTo("CLIENT_EXISTS"))
                .body("message", containsString("reserved"));
    }
}
